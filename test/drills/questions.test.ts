import { describe, expect, it } from 'vitest';
import { Course, normalize } from '../../src/content/course.js';
import { loadCourseData, type CourseData } from '../../src/content/load.js';
import type { Comparison, Term } from '../../src/content/schema.js';
import {
  courseTopics,
  drawQuiz,
  generateQuestions,
  questionLimits,
  questionsForTopic,
  QUESTION_KINDS,
  type Question,
  type QuestionKind,
} from '../../src/drills/questions.js';
import { mulberry32, shuffled } from '../../src/drills/random.js';
import { maskNames, shorten, slug } from '../../src/drills/text.js';
import { fixtureCourse } from '../fixtures/course.js';
import { byId, rightOption, saysOutright } from '../fixtures/question.js';

const source = '000_799dfff4aa333489.txt';
const kinds: readonly QuestionKind[] = QUESTION_KINDS;

function namesOf(term: Term): string[] {
  return [term.term, ...term.aliases];
}

/** The fixture course plus the parts it leaves empty: strengths, weaknesses, case studies, FAQs, full-sentence rows. */
function richFixture(): CourseData {
  const data = fixtureCourse();
  const [chart] = data.comparisons;
  if (!chart) throw new Error('the fixture has a chart');
  const term = data.terms.find((candidate) => candidate.id === 'collectivism');
  if (term) {
    term.definition = 'Unlike individualists, collectivists put the group first; collectivism prizes harmony.';
  }
  data.terms.forEach((other, i) => {
    if (other.id !== 'collectivism') other.definition = `A made-up account of the idea numbered ${i + 1}.`;
  });
  chart.rows.push(
    {
      aspect: 'Decisions',
      left: 'Reached together by the whole team after a long talk.',
      right: 'Made alone by each person following their own plan.',
      source,
    },
    {
      aspect: 'Praise',
      left: 'Collectivists praise the team, never one member alone.',
      right: 'Individualists praise the winner by name in public.',
      source,
    },
  );
  chart.strengths = {
    left: [{ text: 'Strong mutual support among collectivist neighbours.', source }],
    right: [{ text: 'Freedom to choose your own path.', source }],
  };
  chart.weaknesses = { left: [{ text: 'Pressure to fit in.', source }], right: [] };
  chart.caseStudies = [
    { title: 'Collectivism in Japan', side: 'left', text: 'Japan is a collectivist culture. Harmony matters.', source },
    { title: 'A science fair', side: 'right', text: 'A student works alone and wins by name.', source },
  ];
  const faq = (question: string, answer: string, topic = chart.id) => ({ question, answer, topic, source });
  data.faqs = [
    faq('What does collectivism put first?', 'The group. Its goals come before any one member.'),
    faq('What does individualism put first?', 'The person. Each one sets their own goals.'),
    faq('How are decisions made?', 'Together. The whole team talks until everyone agrees.'),
    faq('Is praise shared?', 'Yes, in a collectivist team the credit goes to everyone.'),
    faq('Is altruism the same?', 'No. Altruism is about other people rather than the group.'),
    faq('What does a collectivist do about tradition?', 'Keeps it. Old customs hold the group together.'),
    faq(
      'What is the difference between collectivism and individualism?',
      'Collectivism puts the group first and individualism puts the person first.',
    ),
  ];
  return data;
}

const plain = await generateQuestions(new Course(fixtureCourse()), 1);
const rich = await generateQuestions(new Course(richFixture()), 1);

describe('questions from the fixture course', () => {
  it('masks the term out of its own definition', () => {
    expect(byId(plain, 'define:primary-socialization').stem).toBe('Which term is defined here? “___ defined.”');
    expect(byId(rich, 'define:collectivism').stem).toBe(
      'Which term is defined here? “Unlike individualists, ___ put the group first; ___ prizes harmony.”',
    );
  });

  it('offers the term and three other terms, related ones first, never one the definition itself names', () => {
    const plainQuestion = byId(plain, 'define:collectivism');
    expect(plainQuestion.options).toHaveLength(4);
    expect(rightOption(plainQuestion)).toBe('Collectivism');
    expect(plainQuestion.options).toContain('Individualism'); // the only related term
    const richQuestion = byId(rich, 'define:collectivism');
    expect(richQuestion.options).not.toContain('Individualism'); // "individualists" is in the stem
    expect(richQuestion.kind).toBe('term-from-definition');
    expect(richQuestion.topic).toBe('collectivism-vs-individualism');
    expect(richQuestion.explanation).toBe(
      'Collectivism: Unlike individualists, collectivists put the group first; collectivism prizes harmony. Collectivism explained.',
    );
  });

  it('files a term no chart takes in under its seed', () => {
    expect(byId(plain, 'define:altruism').topic).toBe(source);
  });

  it('asks for the definition of a term, and skips that when the definition names its own term', () => {
    expect(plain.some((question) => question.kind === 'definition-from-term')).toBe(false);
    const question = byId(rich, 'describe:individualism');
    expect(question.stem).toBe('Which best describes Individualism?');
    expect(rightOption(question)).toBe('A made-up account of the idea numbered 2.');
    expect(question.options).toHaveLength(4);
  });

  it('asks which side a chart row describes, with the two sides as options in chart order', () => {
    expect(byId(plain, 'side:collectivism-vs-individualism:goals:left')).toEqual({
      id: 'side:collectivism-vs-individualism:goals:left',
      topic: 'collectivism-vs-individualism',
      source,
      kind: 'chart-side',
      stem: 'Goals: which side does this describe? “The group first.”',
      options: ['Collectivism', 'Individualism'],
      answer: 0,
      explanation:
        'In the Collectivism vs Individualism chart, under “Goals”, Collectivism: “The group first.” Individualism: “The person first.”',
    });
    expect(byId(plain, 'side:collectivism-vs-individualism:credit:right').answer).toBe(1);
  });

  it('masks both sides out of a quoted row, so the quote never names its side', () => {
    expect(byId(rich, 'side:collectivism-vs-individualism:praise:left').stem).toBe(
      'Praise: which side does this describe? “___ praise the team, never one member alone.”',
    );
  });

  it('asks which side has a strength or a weakness', () => {
    const strength = rich.find((question) => question.id.startsWith('strength:collectivism-vs-individualism:left:'));
    expect(strength?.stem).toBe('Which side has this strength? “Strong mutual support among ___ neighbours.”');
    expect(strength?.options).toEqual(['Collectivism', 'Individualism']);
    expect(strength?.answer).toBe(0);
    const weaknesses = rich.filter((question) => question.id.startsWith('weakness:'));
    expect(weaknesses.map((question) => question.stem)).toEqual([
      'Which side has this weakness? “Pressure to fit in.”',
    ]);
  });

  it('states each similarity as true, and as many one-sided row claims as false', () => {
    const similarities = rich.filter((question) => question.kind === 'similarity');
    expect(similarities.map((question) => [question.stem, question.answer])).toEqual([
      ['True or false? Collectivism and Individualism have this in common: “Are ways a culture can lean.”', 0],
      [
        'True or false? Collectivism and Individualism have this in common: “Made alone by each person following their own plan.”',
        1,
      ],
    ]);
    expect(similarities.every((question) => question.options.join() === 'True,False')).toBe(true);
    expect(similarities[1]?.explanation).toBe(
      'False: in the Collectivism vs Individualism chart, under “Decisions”, that describes Individualism only. ' +
        'Collectivism: “Reached together by the whole team after a long talk.”',
    );
  });

  it('makes no false similarity claims from fragments, rows that name a side, or charts without similarities', () => {
    const falseClaims = plain.filter((question) => question.kind === 'similarity' && question.answer === 1);
    expect(falseClaims).toEqual([]); // the fixture's rows are three-word fragments
  });

  it('leaves a case title out of the stem when it names the answer', () => {
    const japan = byId(rich, 'case:collectivism-vs-individualism:collectivism-in-japan');
    expect(japan.stem).toBe('Which side does this case illustrate? “Japan is a ___ culture. Harmony matters.”');
    expect(japan.answer).toBe(0);
    const fair = byId(rich, 'case:collectivism-vs-individualism:a-science-fair');
    expect(fair.stem).toBe(
      'Which side does the case “A science fair” illustrate? “A student works alone and wins by name.”',
    );
    expect(fair.answer).toBe(1);
  });

  it('asks each FAQ with its answer among answers to other questions, those opening the same way first', () => {
    const question = byId(rich, 'faq:collectivism-vs-individualism:what-does-collectivism-put-first');
    expect(question.stem).toBe('What does collectivism put first?');
    expect(rightOption(question)).toBe('The group. Its goals come before any one member.');
    expect(question.options).toContain('The person. Each one sets their own goals.');
    expect(question.options).toContain('Together. The whole team talks until everyone agrees.');
    expect(question.explanation).toBe('The group. Its goals come before any one member.');
  });

  it('leaves out the answer to a question about more than this one, since it may answer this one too', () => {
    const question = byId(rich, 'faq:collectivism-vs-individualism:what-does-collectivism-put-first');
    expect(question.options).not.toContain(
      'Collectivism puts the group first and individualism puts the person first.',
    );
  });

  it('lists everything, then each chart, then each seed as topics', () => {
    expect(courseTopics(new Course(fixtureCourse()))).toEqual([
      { id: 'everything', name: 'Everything' },
      { id: 'collectivism-vs-individualism', name: 'Collectivism vs Individualism' },
      { id: source, name: 'A seed' },
    ]);
  });

  it('picks the questions of a topic', () => {
    const chart = questionsForTopic(plain, 'collectivism-vs-individualism');
    expect(chart.length).toBeGreaterThan(0);
    expect(chart.every((question) => question.topic === 'collectivism-vs-individualism')).toBe(true);
    expect(chart.map((question) => question.id)).toContain('define:collectivism');
    expect(chart.map((question) => question.id)).not.toContain('define:altruism');
    expect(questionsForTopic(plain, source)).toEqual(plain); // every fact in the fixture comes from one seed
    expect(questionsForTopic(plain, 'everything')).toEqual(plain);
    expect(questionsForTopic(plain, 'no-such-topic')).toEqual([]);
  });
});

describe('text helpers', () => {
  it('masks names with their plural, possessive and -ist forms, but not a short name inside other words', () => {
    expect(maskNames("Collectivists and collectivism's critics", ['Collectivism'])).toBe('___ and ___ critics');
    expect(maskNames('To socialize was to learn, in wa', ['Socialization', 'Wa'])).toBe('To ___ was to learn, in ___');
    expect(maskNames('self reliance and self-reliance', ['Self-reliance'])).toBe('___ and ___');
  });

  it('shortens to whole sentences when they say enough, else to whole words and an ellipsis', () => {
    expect(shorten('One two three four five six. Seven eight.', 30)).toBe('One two three four five six.');
    expect(shorten('Yes. A much longer second sentence follows here.', 20)).toBe('Yes. A much longer…');
    expect(shorten('Short.', 20)).toBe('Short.');
  });

  it('shuffles the same way for the same seed', () => {
    const items = [1, 2, 3, 4, 5, 6, 7, 8];
    expect(shuffled(items, mulberry32(5))).toEqual(shuffled(items, mulberry32(5)));
    expect(shuffled(items, mulberry32(5))).not.toEqual(shuffled(items, mulberry32(6)));
    expect([...shuffled(items, mulberry32(5))].sort()).toEqual(items);
  });
});

const course = new Course(await loadCourseData('content'));
const questions = await generateQuestions(course, 2026);

describe('every question the course yields', () => {
  const seedFiles = new Set(course.seeds.map((seed) => seed.file));
  const topicIds = new Set(courseTopics(course).map((topic) => topic.id));
  const chartOf = (question: Question): Comparison | undefined =>
    course.comparisons.find((chart) => chart.id === question.topic);
  const sideNames = (chart: Comparison) => [chart.left, chart.right].map((id) => course.term(id)?.term ?? id);
  const sideTerms = (chart: Comparison) => [chart.left, chart.right].flatMap((id) => course.term(id) ?? []);
  const termOf = (question: Question) => course.term(question.id.split(':')[1] ?? '');

  it('yields questions of every kind', () => {
    expect(new Set(questions.map((question) => question.kind))).toEqual(new Set(kinds));
  });

  it('gives every question its own id', () => {
    expect(new Set(questions.map((question) => question.id)).size).toBe(questions.length);
  });

  it.each(kinds)('shapes every %s question to fit Discord', (kind) => {
    for (const question of questions.filter((candidate) => candidate.kind === kind)) {
      const where = `${question.id}: `;
      expect(question.stem.length, where + question.stem).toBeLessThanOrEqual(questionLimits.stem);
      expect(question.stem.trim(), where).not.toBe('');
      expect(question.explanation.length, where).toBeLessThanOrEqual(questionLimits.explanation);
      expect(question.explanation.trim(), where).not.toBe('');
      expect(Number.isInteger(question.answer) && question.answer >= 0, where).toBe(true);
      expect(question.answer, where).toBeLessThan(question.options.length);
      for (const option of question.options) {
        expect(option.trim(), where).not.toBe('');
        expect(option.length, where + option).toBeLessThanOrEqual(questionLimits.option);
      }
      expect(new Set(question.options.map(normalize)).size, where + question.options.join(' | ')).toBe(
        question.options.length,
      );
    }
  });

  it('offers four options, or True/False, or a chart’s two sides in chart order', () => {
    for (const question of questions) {
      const chart = chartOf(question);
      if (question.kind === 'similarity') expect(question.options, question.id).toEqual(['True', 'False']);
      else if (['chart-side', 'strength-or-weakness', 'case-study'].includes(question.kind) && chart)
        expect(question.options, question.id).toEqual(sideNames(chart));
      else expect(question.options, question.id).toHaveLength(4);
    }
  });

  it('never shows the right option in a four-option stem', () => {
    for (const question of questions.filter((candidate) => candidate.options.length === 4)) {
      expect(saysOutright(question.stem, rightOption(question)), `${question.id}: ${question.stem}`).toBe(false);
    }
  });

  it('never names the asked-for term in its definition, nor the described term in any option', () => {
    for (const question of questions.filter((candidate) => candidate.kind === 'term-from-definition')) {
      const term = termOf(question);
      expect(term, question.id).toBeDefined();
      for (const name of term ? namesOf(term) : [])
        expect(saysOutright(question.stem, name), question.stem).toBe(false);
    }
    for (const question of questions.filter((candidate) => candidate.kind === 'definition-from-term')) {
      const term = termOf(question);
      expect(term, question.id).toBeDefined();
      for (const name of term ? namesOf(term) : [])
        for (const option of question.options)
          expect(saysOutright(option, name), `${question.id}: ${option}`).toBe(false);
    }
  });

  it('never names either side in a stem whose answer is a side', () => {
    const sideKinds: QuestionKind[] = ['chart-side', 'strength-or-weakness', 'case-study'];
    for (const question of questions.filter((candidate) => sideKinds.includes(candidate.kind))) {
      const chart = chartOf(question);
      expect(chart, question.id).toBeDefined();
      for (const name of chart ? sideTerms(chart).flatMap(namesOf) : [])
        expect(saysOutright(question.stem, name), `${question.id}: ${question.stem}`).toBe(false);
    }
  });

  it('cites a seed of the course and files each question under a topic of the course', () => {
    for (const question of questions) {
      expect(seedFiles.has(question.source), question.id).toBe(true);
      expect(topicIds.has(question.topic) && question.topic !== 'everything', question.id).toBe(true);
    }
  });

  it('asks about every term, every chart row (both sides), every strength, weakness, similarity and case study', () => {
    const ids = new Set(questions.map((question) => question.id));
    for (const term of course.terms) expect(ids.has(`define:${term.id}`), term.id).toBe(true);
    for (const chart of course.comparisons) {
      for (const row of chart.rows)
        for (const side of ['left', 'right'])
          expect(ids.has(`side:${chart.id}:${slug(row.aspect)}:${side}`), `${chart.id} ${row.aspect}`).toBe(true);
      const ofChart = questions.filter((question) => question.topic === chart.id);
      const count = (kind: QuestionKind, answer?: number) =>
        ofChart.filter((question) => question.kind === kind && (answer === undefined || question.answer === answer))
          .length;
      const listed = (['strengths', 'weaknesses'] as const).flatMap((list) => [
        ...(chart[list]?.left ?? []),
        ...(chart[list]?.right ?? []),
      ]);
      expect(count('strength-or-weakness'), chart.id).toBe(listed.length);
      expect(count('similarity', 0), chart.id).toBe(chart.similarities.length);
      expect(count('similarity', 1), chart.id).toBeLessThanOrEqual(chart.similarities.length);
      expect(count('case-study'), chart.id).toBe(chart.caseStudies.length);
    }
  });

  it('asks every FAQ once', () => {
    const stems = questions.filter((question) => question.kind === 'faq').map((question) => question.stem);
    expect(stems.sort()).toEqual(course.faqs.map((faq) => faq.question).sort());
  });

  it('builds the same questions from the same seed, and shuffles options differently for another', async () => {
    expect(await generateQuestions(course, 2026)).toEqual(questions);
    const other = await generateQuestions(course, 2027);
    expect(other.map((question) => question.id)).toEqual(questions.map((question) => question.id));
    expect(other.map((question) => question.options)).not.toEqual(questions.map((question) => question.options));
  });

  it('puts the right answer in every position of a four-option question', () => {
    const positions = new Set(questions.filter((q) => q.options.length === 4).map((question) => question.answer));
    expect(positions).toEqual(new Set([0, 1, 2, 3]));
  });

  describe('drawing a quiz', () => {
    it('draws the number asked for, each question once', () => {
      const quiz = drawQuiz(questions, 10, 1);
      expect(quiz).toHaveLength(10);
      expect(new Set(quiz.map((question) => question.id)).size).toBe(10);
    });

    it('draws the same quiz from the same seed and another from another seed', () => {
      expect(drawQuiz(questions, 10, 1)).toEqual(drawQuiz(questions, 10, 1));
      expect(drawQuiz(questions, 10, 2)).not.toEqual(drawQuiz(questions, 10, 1));
    });

    it('gives every kind its turn before any kind a second', () => {
      const quiz = drawQuiz(questions, kinds.length * 2, 3);
      const perKind = kinds.map((kind) => quiz.filter((question) => question.kind === kind).length);
      expect(perKind).toEqual(kinds.map(() => 2));
      expect(new Set(drawQuiz(questions, kinds.length, 4).map((question) => question.kind)).size).toBe(kinds.length);
    });

    it('never draws more than there are, nor fewer than none', () => {
      expect(drawQuiz(questions.slice(0, 3), 10, 1)).toHaveLength(3);
      expect(drawQuiz(questions, 0, 1)).toEqual([]);
      expect(drawQuiz(questions, -2, 1)).toEqual([]);
      expect(drawQuiz([], 5, 1)).toEqual([]);
    });

    it('draws from one topic only when given its questions', () => {
      const topic = questionsForTopic(questions, 'collectivism-vs-altruism');
      expect(drawQuiz(topic, 5, 9).every((question) => question.topic === 'collectivism-vs-altruism')).toBe(true);
    });
  });
});
