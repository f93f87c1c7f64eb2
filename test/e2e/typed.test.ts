import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buttonsOf, Classroom, classroomPerFile, refusalTo } from './classroom.js';
import type { BotMessage, InteractionHandle } from './emulator/index.js';

// The course as its files say, read here without Lectern's code: the truth each typed answer is checked against.
interface TermFile {
  id: string;
  term: string;
  aliases?: string[];
  definition: string;
}
const terms = parse(readFileSync('content/terms.yaml', 'utf8')) as TermFile[];
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
const letters = (text: string) => text.toLowerCase().replace(/[^a-z]/g, '');

let classroom: Classroom;
// Mid-day, so a card rated Again, Hard or Good (due minutes later) is due today whenever the suite runs.
classroomPerFile({ students: 2, env: { CLOCK_START: '2026-11-25T12:00:00Z' } }, (opened) => (classroom = opened));

/**
 * The term a "which term is defined here?" stem quotes: the one whose definition holds every piece of the quote
 * left between the blanks that hide its names. Undefined for other questions, or a quote two terms could fill.
 */
function termDefinedBy(question: BotMessage): TermFile | undefined {
  const shown = (question.embeds[0]?.description ?? '').replace(/\\(.)/g, '$1');
  const quoted = /^Which term is defined here\? “(.*)”$/s.exec(shown)?.[1];
  return quoted === undefined ? undefined : termWhoseDefinitionHolds(quoted);
}

/** The one term whose definition holds every piece of `text` left between blanks, if only one does. */
function termWhoseDefinitionHolds(text: string): TermFile | undefined {
  const pieces = text
    .replace(/…$/, '')
    .split('___')
    .map((piece) => piece.trim())
    .filter((piece) => piece !== '');
  const fitting = terms.filter((term) => pieces.every((piece) => squash(term.definition).includes(piece)));
  return fitting.length === 1 ? fitting[0] : undefined;
}

/**
 * Where, from the middle of a name of at least five letters (long enough to forgive a slip), two different
 * letters stand side by side; undefined for a shorter name.
 */
function middlePair(name: string): number | undefined {
  if (letters(name).length < 5) return undefined;
  const isLetter = (at: number) => /[a-z]/i.test(name[at] ?? '');
  for (let at = Math.floor(name.length / 2); at < name.length - 1; at++) {
    if (isLetter(at) && isLetter(at + 1) && name[at] !== name[at + 1]) return at;
  }
  return undefined;
}

/** The name with one letter changed: one slip. */
function withTypo(name: string): string | undefined {
  const at = middlePair(name);
  if (at === undefined) return undefined;
  return name.slice(0, at) + (name[at] === 'x' ? 'z' : 'x') + name.slice(at + 1);
}

/** The name with two different neighbouring letters swapped: one slip too. */
function withSwap(name: string): string | undefined {
  const at = middlePair(name);
  if (at === undefined) return undefined;
  return name.slice(0, at) + (name[at + 1] ?? '') + (name[at] ?? '') + name.slice(at + 2);
}

interface Scenario {
  name: string;
  /** What to type for this term, or undefined when the term does not suit the scenario. */
  answer(term: TermFile): string | undefined;
  confidence?: 'sure' | 'unsure';
  /** The verdict the reply must open with. */
  verdict: RegExp;
}

// An alias that is not just the name spelled another way ("socialisation") shows an alias is accepted as such.
const realAlias = (term: TermFile) => term.aliases?.find((alias) => letters(alias) !== letters(term.term));
// Another term, sharing no name with this one, typed exactly.
const namesOf = (term: TermFile) => [term.term, ...(term.aliases ?? [])].map(letters);
const otherTerm = (term: TermFile) =>
  terms.find(
    (other) =>
      other.id !== term.id &&
      /^[A-Za-z ]+$/.test(other.term) &&
      !namesOf(other).some((name) => namesOf(term).includes(name)),
  );

// Each question goes to the first scenario its term suits; the name itself suits every term, so it comes last.
const scenarios: Scenario[] = [
  { name: 'alias', answer: realAlias, verdict: /^✅ Right, you typed \*\*/ },
  {
    name: 'swapped pair',
    answer: (term) => withSwap(term.term),
    verdict: /^✅ Right, you typed \*\*.+\*\* \(one typo forgiven\)/,
  },
  {
    name: 'typo',
    answer: (term) => withTypo(term.term),
    verdict: /^✅ Right, you typed \*\*.+\*\* \(one typo forgiven\)/,
  },
  {
    name: 'another course term, while sure',
    answer: (term) => otherTerm(term)?.term,
    confidence: 'sure',
    verdict: /^❌ Not quite, you typed \*\*.+\*\*, which is \*\*.+\*\*, another term/,
  },
  // In Markdown, so the reply must show it as typed, not in bold.
  { name: 'right name', answer: (term) => `**${term.term}**`, verdict: /^✅ Right, you typed \*\*\\\*\\\*/ },
];

describe('a typed quiz', () => {
  it('grades names, aliases, typos and swaps; refuses empty, over-long and replayed input; /score agrees', async () => {
    const student = classroom.student;
    const discord = classroom.discord;
    const { guild } = classroom;
    const openForm = async (on: InteractionHandle) => {
      const opener = await classroom.click(student, on, 'Type answer');
      await discord.modalOpenedBy(opener);
      return opener;
    };
    const refusalOf = async (submit: Promise<InteractionHandle>) => {
      const refusal = await refusalTo(await submit);
      expect(refusal.ephemeral).toBe(true);
      return refusal.content;
    };

    let on = await classroom.run(student, 'quiz', { questions: 20, mode: 'typed' });
    const pending = [...scenarios];
    const seen = new Map<string, { verdict: string; stem: string }>();
    let counted = 0;
    let right = 0;
    let refusalsTried = false;
    for (;;) {
      const question = await on.reply();
      expect(question.ephemeral).toBe(true);
      expect(buttonsOf(question).map((button) => button.label)).toEqual(['Type answer']);
      const stem = question.embeds[0]?.description ?? '';
      let opener = await openForm(on);

      if (!refusalsTried) {
        refusalsTried = true;
        // What the client lets through (blank) and what only a modified one sends (empty, too long) count nothing.
        const blank = discord.submitModal({ user: student, guild, opener, values: { answer: '   ' } });
        expect(await refusalOf(blank)).toBe('Your answer was empty, so nothing was counted. Try again.');
        opener = await openForm(on);
        const empty = discord.forgeModalSubmit({ user: student, guild, opener, values: { answer: '' } });
        expect(await refusalOf(empty)).toBe('Your answer was empty, so nothing was counted. Try again.');
        const long = discord.forgeModalSubmit({ user: student, guild, opener, values: { answer: 'a'.repeat(101) } });
        expect(await refusalOf(long)).toBe('Answers are at most 100 characters, so nothing was counted. Try again.');
        opener = await openForm(on);
      }

      const term = termDefinedBy(question);
      const scenario = term ? pending.find((candidate) => candidate.answer(term) !== undefined) : undefined;
      // A question no scenario fits gets an answer that is no term at all.
      const typed = scenario && term ? (scenario.answer(term) ?? '') : 'qqqq qqqq';
      const values = { answer: typed, ...(scenario?.confidence ? { confidence: [scenario.confidence] } : {}) };
      const submit = await discord.submitModal({ user: student, guild, opener, values });
      const answered = await submit.reply();
      counted++;
      if (answered.content.startsWith('✅')) right++;
      if (scenario && term) {
        pending.splice(pending.indexOf(scenario), 1);
        seen.set(scenario.name, { verdict: answered.content, stem });
        expect(answered.content, scenario.name).toMatch(scenario.verdict);
        expect(answered.content, scenario.name).toContain(`the answer is **${term.term}**`);
        if (scenario.confidence) expect(answered.content).toContain(`which is **${otherTerm(term)?.term ?? ''}**`);
      } else {
        expect(answered.content).toMatch(/^❌ Not quite, you typed \*\*qqqq qqqq\*\*: the answer is/);
      }
      expect(answered.embeds[0]?.fields?.map((field) => field.name)).toEqual(['Why', 'Source']);

      // The same form sent again, right this time, counts nothing.
      const replay = discord.forgeModalSubmit({ user: student, guild, opener, values: { answer: term?.term ?? 'x' } });
      expect(await refusalOf(replay)).toBe('You have already answered that question; it counted once.');

      if (!buttonsOf(answered).some((button) => button.label === 'Next')) {
        expect(answered.embeds[1]?.title).toBe(`Quiz finished: ${right} of ${counted} right`);
        break;
      }
      on = await classroom.click(student, submit, 'Next');
    }

    expect(pending.map((scenario) => scenario.name)).toEqual([]);
    const score = (await (await classroom.run(student, 'score')).reply()).embeds[0];
    const field = (name: string) => score?.fields?.find((candidate) => candidate.name === name)?.value;
    expect(field('Answered')).toBe(String(counted));
    expect(field('Correct')).toBe(String(right));
    expect(field('Recall (typed)')).toBe(`${Math.round((right / counted) * 100)}% (${right}/${counted})`);

    // The term typed with confidence, and wrong, is the first question /review asks.
    const review = await (await classroom.run(student, 'review')).reply();
    expect(review.embeds[0]?.description).toBe(seen.get('another course term, while sure')?.stem);
  });
});

describe('typed flashcards', () => {
  it('rate each card by what was typed: right Good, a slip Hard, wrong Again; a replay counts once', async () => {
    const student = classroom.studentAt(1);
    const { discord, guild } = classroom;
    let on = await classroom.run(student, 'flashcards', { mode: 'typed' });
    const expected = [
      { type: (term: TermFile) => term.term, reply: /^✅ Right, you typed \*\*[^*]+\*\*: .* Rated Good\.$/ },
      {
        type: (term: TermFile) => withTypo(term.term) ?? term.term,
        reply: /^✅ Right, you typed .* Rated (Hard|Good)\.$/,
      },
      { type: () => 'qqqq qqqq', reply: /^❌ Not quite, you typed \*\*qqqq qqqq\*\*: .* Rated Again\.$/ },
    ];
    for (const [index, step] of expected.entries()) {
      const card = await on.reply();
      expect(card.embeds[0]?.title).toMatch(new RegExp(`^Card ${index + 1} of \\d+$`));
      expect(buttonsOf(card).map((button) => button.label)).toEqual(['Type answer']);
      const [question = '', meaning = ''] = (card.embeds[0]?.description ?? '').split('\n');
      expect(question).toBe('**Which term is this?**');
      const term = termWhoseDefinitionHolds(meaning);
      if (!term) throw new Error(`no single term defined as ${meaning}`);
      expect(meaning.toLowerCase()).not.toContain(term.term.toLowerCase());

      const opener = await classroom.click(student, on, 'Type answer');
      await discord.modalOpenedBy(opener);
      const typed = step.type(term);
      const submit = await discord.submitModal({ user: student, guild, opener, values: { answer: typed } });
      const answered = await submit.reply();
      expect(answered.content).toMatch(step.reply);
      expect(answered.content).toContain(`the card is **${term.term}**`);
      // A typo in a name long enough is forgiven as a slip, and rated Hard rather than Good.
      if (typed !== term.term && index === 1) expect(answered.content).toMatch(/\(one typo forgiven\).* Rated Hard\.$/);

      const replay = discord.forgeModalSubmit({ user: student, guild, opener, values: { answer: term.term } });
      expect((await refusalTo(await replay)).content).toBe('That card is already answered; it counted once.');
      on = await classroom.click(student, submit, 'Next');
    }

    // The three cards studied fall due within minutes, so today.
    const again = await (await classroom.run(student, 'flashcards', {})).reply();
    expect(again.embeds[0]?.footer?.text).toMatch(/^3 due today/);
  });
});
