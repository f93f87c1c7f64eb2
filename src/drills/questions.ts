import type { Course } from '../content/course.js';
import type { Comparison, ComparisonRow, Faq, Term } from '../content/schema.js';
import { randomFor, shuffled, type Random } from './random.js';
import { compose, maskNames, mentions, quoteWithin, sameText, sentences, shorten, slug } from './text.js';
import { mapInSlices, timeSlices, type Pause } from '../time-slices.js';

export const QUESTION_KINDS = [
  'term-from-definition',
  'definition-from-term',
  'chart-side',
  'strength-or-weakness',
  'similarity',
  'case-study',
  'faq',
] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** What a rendered question must fit in: an embed description for the stem and the options, a field for the explanation. */
export const questionLimits = { stem: 300, option: 300, explanation: 600 } as const;

export const TRUE_FALSE: readonly string[] = ['True', 'False'];

/** The topic that takes in the whole course. */
export const EVERYTHING = 'everything';

/**
 * One multiple-choice question drawn from the course, ready to render.
 *
 * `options` are full texts of up to 300 characters, longer than Discord's 80-character button labels allow:
 * the renderer lists them in the embed lettered A–D and labels the buttons A–D (or with the texts themselves
 * when every option fits on a button). A question has four options, or two: exactly ['True', 'False'], or a
 * chart's two sides in chart order (left, right).
 */
export interface Question {
  /** Stable and derived from the content, e.g. `define:collectivism`; unique across the course. */
  id: string;
  /** The comparison id the question belongs to, or the seed file for a term no chart takes in. */
  topic: string;
  /** The seed file the facts come from. */
  source: string;
  kind: QuestionKind;
  /** The question; never contains the right option's text or a name of the term being asked for. */
  stem: string;
  options: string[];
  /** Index of the right option. */
  answer: number;
  /** Why the answer is right, in the course's words. */
  explanation: string;
}

export interface Topic {
  id: string;
  name: string;
}

/** What a student can pick a quiz from: everything first, then each chart, then each seed article. */
export function courseTopics(course: Course): Topic[] {
  return [
    { id: EVERYTHING, name: 'Everything' },
    ...course.comparisons.map((chart) => ({ id: chart.id, name: chart.title })),
    ...course.seeds.map((seed) => ({ id: seed.file, name: seed.title })),
  ];
}

/**
 * Every question the course yields. The seed only decides distractors and option order, never which questions exist.
 *
 * Checking which names a text mentions builds a Unicode pattern per name (about half a millisecond each, the first
 * time), so the course is drafted term by term, chart by chart and FAQ by FAQ, with a `pause` between.
 */
export async function generateQuestions(
  course: Course,
  seed: number,
  pause: Pause = timeSlices(),
): Promise<Question[]> {
  const termTopics = new Map(course.terms.map((term) => [term.id, termTopic(course, term)]));
  const defined: Draft[] = [];
  for (const term of course.terms) defined.push(await termFromDefinition(course, termTopics, term, pause));
  const drafts = [
    ...defined,
    ...(await mapInSlices(course.terms, (term) => definitionFromTerm(course, termTopics, term) ?? [], pause)).flat(),
    ...(
      await mapInSlices(
        course.comparisons,
        (chart) => {
          const sides = chartSides(course, chart);
          return [
            ...chartSideQuestions(chart, sides),
            ...strengthOrWeaknessQuestions(chart, sides),
            ...similarityQuestions(chart, sides),
            ...caseStudyQuestions(chart, sides),
          ];
        },
        pause,
      )
    ).flat(),
    ...(await faqQuestions(course, pause)),
  ];
  return (await mapInSlices(withUniqueIds(drafts), (draft) => finish(draft, seed) ?? [], pause)).flat();
}

/** `everything` → all; a comparison id → its questions; a seed file → the questions whose facts come from it. */
export function questionsForTopic(questions: readonly Question[], topic: string): Question[] {
  if (topic === EVERYTHING) return [...questions];
  // A comparison id never looks like a seed file, and a question filed under a seed always cites it as its
  // source, so one test serves both kinds of topic.
  return questions.filter((question) => question.topic === topic || question.source === topic);
}

/**
 * `count` distinct questions (fewer if fewer exist), dealt kind by kind so every kind gets its turn before
 * any kind gets a second, then shuffled. The same seed always draws the same quiz.
 */
export function drawQuiz(questions: readonly Question[], count: number, seed: number): Question[] {
  const random = randomFor(seed, 'quiz');
  const distinct = [...new Map(questions.map((question) => [question.id, question])).values()];
  const wanted = Math.min(Math.max(0, Math.floor(count)), distinct.length);
  const queues = shuffled(groupByKind(distinct), random).map((group) => shuffled(group, random));
  const picked: Question[] = [];
  while (picked.length < wanted) {
    for (const queue of queues) {
      const next = queue.shift();
      if (next && picked.length < wanted) picked.push(next);
    }
  }
  return shuffled(picked, random);
}

function groupByKind(questions: Question[]): Question[][] {
  const groups = new Map<QuestionKind, Question[]>();
  for (const question of questions) {
    const group = groups.get(question.kind);
    if (group) group.push(question);
    else groups.set(question.kind, [question]);
  }
  return [...groups.values()];
}

// ---------------------------------------------------------------------------------------------------------
// Drafts: a question before its distractors are drawn and its options shuffled.

const WRONG_OPTIONS = 3;
// A row side this short is a fragment ("The United States.") that cannot stand alone as a true-or-false claim.
const FEWEST_WORDS_IN_A_CLAIM = 6;

interface Draft {
  id: string;
  topic: string;
  source: string;
  kind: QuestionKind;
  stem: string;
  explanation: string;
  answers: FixedOptions | DrawnOptions;
}

/** Options shown as they are: True/False, or a chart's two sides. */
interface FixedOptions {
  options: readonly string[];
  answer: number;
}

/** The right option plus candidates for the wrong ones, in tiers from most to least tempting. */
interface DrawnOptions {
  right: string;
  wrong: string[][];
}

function finish(draft: Draft, seed: number): Question | undefined {
  const { answers, ...question } = draft;
  if (!('right' in answers)) return { ...question, options: [...answers.options], answer: answers.answer };
  const random = randomFor(seed, draft.id);
  const wrong = drawWrongOptions(answers, random);
  // Fewer candidates than that only happens in a tiny course; a question with too few options is no question.
  if (wrong.length < WRONG_OPTIONS) return undefined;
  const options = shuffled([answers.right, ...wrong], random);
  return { ...question, options, answer: options.indexOf(answers.right) };
}

/** Three wrong options, taken from the most tempting tier first, none looking like another or like the right one. */
function drawWrongOptions({ right, wrong }: DrawnOptions, random: Random): string[] {
  const picked: string[] = [];
  for (const tier of wrong) {
    for (const text of shuffled(tier, random)) {
      if (picked.length === WRONG_OPTIONS) return picked;
      if (![right, ...picked].some((seen) => sameText(seen, text))) picked.push(text);
    }
  }
  return picked;
}

/** A repeated id (two list items starting with the same words) gets a numbered suffix, so ids stay unique. */
function withUniqueIds(drafts: Draft[]): Draft[] {
  const seen = new Map<string, number>();
  return drafts.map((draft) => {
    const times = (seen.get(draft.id) ?? 0) + 1;
    seen.set(draft.id, times);
    return times === 1 ? draft : { ...draft, id: `${draft.id}-${times}` };
  });
}

// ---------------------------------------------------------------------------------------------------------
// Terms

function namesOf(term: Term): string[] {
  return [term.term, ...term.aliases];
}

/** The chart a term belongs to: one it is a side of, else one whose sides it is related to; else its seed. */
function termTopic(course: Course, term: Term): string {
  const isSide = (chart: Comparison) => chart.left === term.id || chart.right === term.id;
  const isRelated = (chart: Comparison) =>
    [chart.left, chart.right].some(
      (side) => term.related.includes(side) || course.term(side)?.related.includes(term.id),
    );
  return (course.comparisons.find(isSide) ?? course.comparisons.find(isRelated))?.id ?? term.source;
}

/** Other terms, most tempting as distractors first: related ones, then ones from the same chart, then the rest. */
function termTiers(course: Course, termTopics: Map<string, string>, term: Term): Term[][] {
  const others = course.terms.filter((other) => other.id !== term.id);
  const related = others.filter((other) => term.related.includes(other.id) || other.related.includes(term.id));
  const topic = termTopics.get(term.id);
  const sameTopic = others.filter((other) => termTopics.get(other.id) === topic);
  return [related, sameTopic, others];
}

/** Paused between the terms checked against the stem: the first term checks every term's names for the first time. */
async function termFromDefinition(
  course: Course,
  termTopics: Map<string, string>,
  term: Term,
  pause: Pause,
): Promise<Draft> {
  const stem = quoteWithin(
    questionLimits.stem,
    'Which term is defined here? ',
    maskNames(term.definition, namesOf(term)),
  );
  // A term the definition itself names would be an easy one to rule out.
  const named = new Set<string>();
  for (const other of course.terms) {
    await pause();
    if (other !== term && mentions(stem, namesOf(other))) named.add(other.id);
  }
  const wrong = termTiers(course, termTopics, term).map((tier) =>
    tier.filter((other) => !named.has(other.id)).map((other) => other.term),
  );
  return {
    id: `define:${term.id}`,
    topic: termTopics.get(term.id) ?? term.source,
    source: term.source,
    kind: 'term-from-definition',
    stem,
    explanation: termExplanation(term),
    answers: { right: term.term, wrong },
  };
}

function definitionFromTerm(course: Course, termTopics: Map<string, string>, term: Term): Draft | undefined {
  const names = namesOf(term);
  // A definition that names its own term would point straight at the answer; the term still gets a define: question.
  if (mentions(term.definition, names)) return undefined;
  // A wrong definition that names the term would be either a giveaway the other way or half right.
  const wrong = termTiers(course, termTopics, term).map((tier) =>
    tier.filter((other) => !mentions(other.definition, names)).map((other) => other.definition),
  );
  return {
    id: `describe:${term.id}`,
    topic: termTopics.get(term.id) ?? term.source,
    source: term.source,
    kind: 'definition-from-term',
    stem: `Which best describes ${term.term}?`,
    explanation: termExplanation(term),
    answers: { right: term.definition, wrong },
  };
}

function termExplanation(term: Term): string {
  return compose(questionLimits.explanation, `${term.term}: ${term.definition}`, ...sentences(term.explanation));
}

// ---------------------------------------------------------------------------------------------------------
// Charts

type Side = 'left' | 'right';
const SIDES: readonly Side[] = ['left', 'right'];

/** What every chart question needs to know about the chart's two sides. */
interface ChartSides {
  left: string;
  right: string;
  /** Names and aliases of both sides: masked out of quoted text, so a quote never says which side it is. */
  names: string[];
}

function chartSides(course: Course, chart: Comparison): ChartSides {
  const left = course.term(chart.left);
  const right = course.term(chart.right);
  return {
    left: left?.term ?? chart.left,
    right: right?.term ?? chart.right,
    names: [...(left ? namesOf(left) : [chart.left]), ...(right ? namesOf(right) : [chart.right])],
  };
}

function opposite(side: Side): Side {
  return side === 'left' ? 'right' : 'left';
}

function sideOptions(sides: ChartSides, side: Side): FixedOptions {
  return { options: [sides.left, sides.right], answer: side === 'left' ? 0 : 1 };
}

function chartSideQuestions(chart: Comparison, sides: ChartSides): Draft[] {
  // A row whose two sides read the same describes no difference, so neither side would be the answer.
  const differences = chart.rows.filter((row) => !sameText(row.left, row.right));
  return differences.flatMap((row) =>
    SIDES.map((side) => ({
      id: `side:${chart.id}:${slug(row.aspect)}:${side}`,
      topic: chart.id,
      source: row.source,
      kind: 'chart-side' as const,
      stem: quoteWithin(
        questionLimits.stem,
        `${maskNames(row.aspect, sides.names)}: which side does this describe? `,
        maskNames(row[side], sides.names),
      ),
      explanation: rowExplanation(chart, sides, row, side),
      answers: sideOptions(sides, side),
    })),
  );
}

function rowExplanation(chart: Comparison, sides: ChartSides, row: ComparisonRow, side: Side): string {
  const other = opposite(side);
  return compose(
    questionLimits.explanation,
    `In the ${chart.title} chart, under “${row.aspect}”, ${sides[side]}: “${row[side]}”`,
    `${sides[other]}: “${row[other]}”`,
  );
}

function strengthOrWeaknessQuestions(chart: Comparison, sides: ChartSides): Draft[] {
  return (['strengths', 'weaknesses'] as const).flatMap((list) => {
    const noun = list === 'strengths' ? 'strength' : 'weakness';
    return SIDES.flatMap((side) => {
      const theirs = chart[list]?.[opposite(side)] ?? [];
      // An item both sides list has no single right side.
      const own = (chart[list]?.[side] ?? []).filter(
        (item) => !theirs.some((other) => sameText(other.text, item.text)),
      );
      return own.map((item) => ({
        id: `${noun}:${chart.id}:${side}:${slug(item.text)}`,
        topic: chart.id,
        source: item.source,
        kind: 'strength-or-weakness' as const,
        stem: quoteWithin(questionLimits.stem, `Which side has this ${noun}? `, maskNames(item.text, sides.names)),
        explanation: compose(
          questionLimits.explanation,
          `The ${chart.title} chart lists this among the ${list} of ${sides[side]}: ${item.text}`,
        ),
        answers: sideOptions(sides, side),
      }));
    });
  });
}

/**
 * True statements from the chart's similarities, and as many false ones made from row sides: a row side
 * describes one side only, so claiming both share it is false.
 */
function similarityQuestions(chart: Comparison, sides: ChartSides): Draft[] {
  const prompt = `True or false? ${sides.left} and ${sides.right} have this in common: `;
  const shared = chart.similarities.map((item) => ({
    id: `similarity:${chart.id}:${slug(item.text)}`,
    topic: chart.id,
    source: item.source,
    kind: 'similarity' as const,
    stem: quoteWithin(questionLimits.stem, prompt, asClaim(item.text)),
    explanation: compose(
      questionLimits.explanation,
      `True: the ${chart.title} chart lists this among the similarities: ${item.text}`,
    ),
    answers: { options: TRUE_FALSE, answer: 0 },
  }));
  // As many false statements as true ones, so guessing "True" every time earns nothing.
  const notShared = evenlySpaced(oneSidedClaims(chart, sides), shared.length).map(({ row, side }) => ({
    id: `similarity:${chart.id}:not:${slug(row.aspect)}:${side}`,
    topic: chart.id,
    source: row.source,
    kind: 'similarity' as const,
    stem: quoteWithin(questionLimits.stem, prompt, row[side]),
    explanation: compose(
      questionLimits.explanation,
      `False: in the ${chart.title} chart, under “${row.aspect}”, that describes ${sides[side]} only.`,
      `${sides[opposite(side)]}: “${row[opposite(side)]}”`,
    ),
    answers: { options: TRUE_FALSE, answer: 1 },
  }));
  return [...shared, ...notShared];
}

/** "Both uphold social norms." → "Uphold social norms.", so true claims read like the row sides the false ones come from. */
function asClaim(similarity: string): string {
  const claim = similarity.replace(/^(?:both|either)\s+/i, '');
  return claim.charAt(0).toUpperCase() + claim.slice(1);
}

/**
 * Row sides that make a clearly false "both share this" claim: a full statement, naming neither side (that
 * would settle it), and not restating the other side of the row or a listed similarity.
 */
function oneSidedClaims(chart: Comparison, sides: ChartSides): { row: ComparisonRow; side: Side }[] {
  const shared = chart.similarities.map((item) => item.text);
  return chart.rows.flatMap((row) =>
    SIDES.filter((side) => {
      const text = row[side];
      return (
        text.split(/\s+/).length >= FEWEST_WORDS_IN_A_CLAIM &&
        !mentions(text, sides.names) &&
        ![row[opposite(side)], ...shared].some((other) => mostlyRepeats(text, other))
      );
    }).map((side) => ({ row, side })),
  );
}

// Words too common to tell two statements apart.
const COMMON_WORDS = new Set('that with from their they them this which more than each'.split(' '));

/** Whether at least half of the telling words of `text` also occur in `other`. */
function mostlyRepeats(text: string, other: string): boolean {
  const words = (value: string) =>
    value
      .toLowerCase()
      .split(/[^\p{L}]+/u)
      .filter((word) => word.length >= 4 && !COMMON_WORDS.has(word));
  const telling = words(text);
  const theirs = new Set(words(other));
  return telling.length > 0 && telling.filter((word) => theirs.has(word)).length * 2 >= telling.length;
}

/** Up to `count` items spread evenly over the list, so picks do not bunch up at its start. */
function evenlySpaced<T>(items: readonly T[], count: number): T[] {
  const n = Math.min(count, items.length);
  const picked: T[] = [];
  for (let k = 0; k < n; k++) {
    const item = items[Math.floor(((k + 0.5) * items.length) / n)];
    if (item !== undefined) picked.push(item);
  }
  return picked;
}

function caseStudyQuestions(chart: Comparison, sides: ChartSides): Draft[] {
  return chart.caseStudies.map((study) => {
    // A title such as "Collectivism in Japan" names the answer, so it is left out rather than half masked.
    const namesSide = mentions(study.title, sides.names);
    const question = namesSide
      ? 'Which side does this case illustrate? '
      : `Which side does the case “${study.title}” illustrate? `;
    return {
      id: `case:${chart.id}:${slug(study.title)}`,
      topic: chart.id,
      source: study.source,
      kind: 'case-study' as const,
      stem: quoteWithin(questionLimits.stem, question, maskNames(study.text, sides.names)),
      explanation: compose(
        questionLimits.explanation,
        `The case “${study.title}” illustrates ${sides[study.side]}.`,
        ...sentences(study.text),
      ),
      answers: sideOptions(sides, study.side),
    };
  });
}

// ---------------------------------------------------------------------------------------------------------
// FAQs

async function faqQuestions(course: Course, pause: Pause): Promise<Draft[]> {
  const subjects = new Map(
    await mapInSlices(course.faqs, (faq) => [faq, termsNamedIn(course, faq.question)] as const, pause),
  );
  return mapInSlices(
    course.faqs,
    (faq): Draft => {
      const ours = subjects.get(faq) ?? new Set<string>();
      // An answer to a question about more than this one ("the difference between individualization and
      // socialization", against "what does socialization mean?") may answer this one too.
      const candidates = course.faqs.filter(
        (other) => other !== faq && !coversMore(subjects.get(other) ?? new Set<string>(), ours),
      );
      return {
        id: `faq:${faq.topic}:${slug(faq.question, 8)}`,
        topic: faq.topic,
        source: faq.source,
        kind: 'faq' as const,
        stem: shorten(faq.question, questionLimits.stem),
        explanation: shorten(faq.answer, questionLimits.explanation),
        answers: { right: shortAnswer(faq), wrong: faqTiers(candidates, faq).map((tier) => tier.map(shortAnswer)) },
      };
    },
    pause,
  );
}

/** Ids of the course terms a text names: what a question is about. */
function termsNamedIn(course: Course, text: string): Set<string> {
  return new Set(course.terms.filter((term) => mentions(text, namesOf(term))).map((term) => term.id));
}

function coversMore(theirs: ReadonlySet<string>, ours: ReadonlySet<string>): boolean {
  return ours.size > 0 && theirs.size > ours.size && [...ours].every((id) => theirs.has(id));
}

function shortAnswer(faq: Faq): string {
  return shorten(faq.answer, questionLimits.option);
}

/**
 * Other answers, most tempting first: those to questions about the same chart that open the same way
 * ("What does…", then "What…"), then the same chart and the same yes-or-no shape, then that shape anywhere,
 * then the rest. An answer starting "Yes." among answers to a "What…" question would be easy to rule out.
 */
function faqTiers(others: readonly Faq[], faq: Faq): Faq[][] {
  const sameTopic = others.filter((other) => other.topic === faq.topic);
  const opensLike = (words: number) => (other: Faq) => opening(other.question, words) === opening(faq.question, words);
  const sameShape = (other: Faq) => isYesNo(other.question) === isYesNo(faq.question);
  return [
    sameTopic.filter(opensLike(2)),
    sameTopic.filter(opensLike(1)),
    sameTopic.filter(sameShape),
    others.filter(sameShape),
    sameTopic,
    [...others],
  ];
}

const YES_NO_OPENINGS = new Set(['is', 'are', 'does', 'do', 'can', 'could', 'should', 'will', 'would', 'has', 'have']);

function isYesNo(question: string): boolean {
  return YES_NO_OPENINGS.has(opening(question, 1));
}

function opening(question: string, words: number): string {
  return question.toLowerCase().split(/\s+/).slice(0, words).join(' ');
}
