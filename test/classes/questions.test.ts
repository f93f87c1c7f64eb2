import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { analyseQuestions, questionReportCsv } from '../../src/classes/questions.js';
import type { Question } from '../../src/drills/questions.js';
import type { FirstAttempt } from '../../src/scores/first-attempts.js';

const noPause = () => Promise.resolve();

function question(id: string, answer: number): Question {
  return {
    id,
    topic: 'chart',
    source: 'seed.md',
    kind: 'term-from-definition',
    stem: `Stem of ${id}`,
    options: ['first', 'second', 'third', 'fourth'],
    answer,
    explanation: 'Why.',
  };
}

const [q1, q2, q3, q4] = [question('q1', 0), question('q2', 1), question('q3', 2), question('q4', 0)] as const;

/** `right` is a first attempt right; a number is the wrong option picked; `typed` a wrong typed answer. */
type Mark = 'right' | 'typed' | number;
function attemptsOf(marks: Record<string, Mark>, answers: Record<string, number>): FirstAttempt[] {
  return Object.entries(marks).map(([id, mark]) => {
    if (mark === 'right') return { id, choice: answers[id] ?? 0, correct: true };
    if (mark === 'typed') return { id, correct: false };
    return { id, choice: mark, correct: false };
  });
}

// Eight students: s1 and s2 get 3 of 4 right (the upper 27%, two students), s7 and s8 get 1 of 4 (the lower two).
const answers = { q1: 0, q2: 1, q3: 2, q4: 0 };
const eightStudents = new Map(
  Object.entries({
    s1: { q1: 'right', q2: 'right', q3: 'right', q4: 3 },
    s2: { q1: 'right', q2: 'right', q3: 'right', q4: 3 },
    s3: { q1: 'right', q2: 'right', q3: 0, q4: 'right' },
    s4: { q1: 'right', q2: 2, q3: 'right', q4: 'right' },
    s5: { q1: 'right', q2: 2, q3: 'typed', q4: 'right' },
    s6: { q1: 'right', q2: 3, q4: 'right' },
    s7: { q1: 1, q2: 2, q3: 0, q4: 'right' },
    s8: { q1: 1, q2: 2, q3: 0, q4: 'right' },
  } satisfies Record<string, Record<string, Mark>>).map(([userId, marks]) => [userId, attemptsOf(marks, answers)]),
);

describe('question analysis', () => {
  it('gives each question its attempts, share right, discrimination and the share of each option', async () => {
    const analysis = await analyseQuestions(eightStudents, [q1, q2, q3, q4], noPause);
    expect(analysis.students).toBe(8);
    expect(analysis.groupSize).toBe(2); // 27% of 8 is 2.16
    const byId = new Map(analysis.questions.map((figures) => [figures.question.id, figures]));
    // q1: six of eight right; the upper two right, the lower two wrong; B picked by two, C and D by nobody.
    expect(byId.get('q1')).toMatchObject({
      attempts: 8,
      right: 6,
      shareRight: 0.75,
      discrimination: 1,
      options: [
        { picks: 6, share: 0.75 },
        { picks: 2, share: 0.25 },
        { picks: 0, share: 0 },
        { picks: 0, share: 0 },
      ],
      typed: 0,
      rarelyPicked: [2, 3],
      flags: ['rarely-picked-option'],
    });
    expect(byId.get('q2')).toMatchObject({
      attempts: 8,
      right: 3,
      shareRight: 0.375,
      discrimination: 1,
      options: [
        { picks: 0, share: 0 },
        { picks: 3, share: 0.375 },
        { picks: 4, share: 0.5 },
        { picks: 1, share: 0.125 },
      ],
      rarelyPicked: [0],
    });
    // q3: s6 never answered it and s5 typed a wrong answer, so six of the seven attempts picked an option.
    expect(byId.get('q3')).toMatchObject({
      attempts: 7,
      right: 3,
      shareRight: 3 / 7,
      discrimination: 1,
      options: [
        { picks: 3, share: 0.5 },
        { picks: 0, share: 0 },
        { picks: 3, share: 0.5 },
        { picks: 0, share: 0 },
      ],
      typed: 1,
      rarelyPicked: [1, 3],
    });
    // q4: the upper two both wrong, the lower two both right.
    expect(byId.get('q4')).toMatchObject({
      attempts: 8,
      right: 6,
      discrimination: -1,
      rarelyPicked: [1, 2],
      flags: ['negative-discrimination', 'rarely-picked-option'],
    });
  });

  it('flags too easy above 90% right and too hard below 30%, and lists flagged questions first', async () => {
    const easy = question('easy', 0);
    const ninety = question('ninety', 0);
    const hard = question('hard', 0);
    const thirty = question('thirty', 0);
    // Ten students typing every answer: t0 and t1 get all four right, t2 three, t3–t8 two, t9 only the easy one.
    const rightBy = (id: string, students: number) =>
      Array.from({ length: 10 }, (_, index) => [`t${index}`, { id, correct: index < students }] as const);
    const byStudent = new Map<string, FirstAttempt[]>();
    for (const [userId, attempt] of [
      ...rightBy('easy', 10),
      ...rightBy('ninety', 9),
      ...rightBy('hard', 2),
      ...rightBy('thirty', 3),
    ]) {
      byStudent.set(userId, [...(byStudent.get(userId) ?? []), attempt]);
    }
    const analysis = await analyseQuestions(byStudent, [easy, ninety, hard, thirty], noPause);
    expect(analysis.groupSize).toBe(3); // 27% of 10 is 2.7
    // Upper: t0, t1, t2. Lower: t9 and two of t3–t8, who all answered alike.
    expect(
      analysis.questions.map(({ question: { id }, shareRight, discrimination, flags, rarelyPicked }) => ({
        id,
        shareRight,
        discrimination,
        flags,
        rarelyPicked,
      })),
    ).toEqual([
      { id: 'easy', shareRight: 1, discrimination: 0, flags: ['too-easy'], rarelyPicked: [] },
      { id: 'hard', shareRight: 0.2, discrimination: 2 / 3, flags: ['too-hard'], rarelyPicked: [] },
      { id: 'ninety', shareRight: 0.9, discrimination: 1 - 2 / 3, flags: [], rarelyPicked: [] },
      { id: 'thirty', shareRight: 0.3, discrimination: 1, flags: [], rarelyPicked: [] },
    ]);
    expect(analysis.questions[0]?.options).toEqual([0, 0, 0, 0].map(() => ({ picks: 0, share: undefined })));
  });

  it('ranks students on the questions analysed only, and leaves out questions nobody answered', async () => {
    const others = ['o1', 'o2', 'o3'].map((id) => question(id, 0));
    const onOthers = (correct: boolean) => others.map(({ id }) => ({ id, correct }));
    // On q1 alone a and b are right and c and d wrong; counting the other questions too, d would rank first and a last.
    const byStudent = new Map<string, FirstAttempt[]>([
      ['a', [{ id: 'q1', choice: 0, correct: true }, ...onOthers(false)]],
      ['b', [{ id: 'q1', choice: 0, correct: true }]],
      ['c', [{ id: 'q1', choice: 1, correct: false }]],
      ['d', [{ id: 'q1', choice: 2, correct: false }, ...onOthers(true)]],
      ['e', onOthers(true)],
    ]);
    const analysis = await analyseQuestions(byStudent, [q1, q2], noPause);
    expect(analysis).toMatchObject({ students: 4, groupSize: 1 });
    expect(analysis.questions.map((figures) => [figures.question.id, figures.discrimination])).toEqual([['q1', 1]]);
  });

  it('gives no discrimination to a class of one', async () => {
    const analysis = await analyseQuestions(new Map([['a', [{ id: 'q1', choice: 0, correct: true }]]]), [q1], noPause);
    expect(analysis.groupSize).toBe(0);
    expect(analysis.questions[0]?.discrimination).toBeUndefined();
  });
});

describe('question-report.csv', () => {
  it('has a row per question and a column per figure, with the counts beside the shares', async () => {
    const analysis = await analyseQuestions(eightStudents, [q1, q2, q3, q4], noPause);
    const csv = await questionReportCsv(analysis, [{ id: 'chart', name: '=Chart' }], noPause);
    expect(csv.startsWith('\ufeff')).toBe(true);
    const rows = parse(csv.slice(1), { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row['question id'])).toEqual(['q1', 'q2', 'q3', 'q4']);
    expect(rows[2]).toEqual({
      'question id': 'q3',
      topic: "'=Chart",
      question: 'Stem of q3',
      attempts: '7',
      right: '3',
      'right %': '43',
      discrimination: '1.00',
      'right option': 'C',
      'option A': 'first',
      'A picked': '3',
      'A picked %': '50',
      'option B': 'second',
      'B picked': '0',
      'B picked %': '0',
      'option C': 'third',
      'C picked': '3',
      'C picked %': '50',
      'option D': 'fourth',
      'D picked': '0',
      'D picked %': '0',
      typed: '1',
      flags: 'rarely picked option B D',
    });
    expect(rows[1]?.['right %']).toBe('38');
    expect(rows[3]?.['discrimination']).toBe('-1.00');
    expect(rows[3]?.['flags']).toBe('negative discrimination; rarely picked option B C');
  });
});
