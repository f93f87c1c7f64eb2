import { describe, expect, it } from 'vitest';
import { buildReport, reportCsv } from '../../src/classes/report.js';
import type { Score } from '../../src/scores/score.js';

function score(name: string | undefined, answered: number, correct: number, topics: Score['topics']): Score {
  return {
    answered,
    correct,
    streak: 0,
    bestStreak: 0,
    topics,
    weekKey: '2026-W10',
    week: { answered: 0, correct: 0 },
    lastActive: '2026-03-02T09:30:12.000Z',
    dayStreak: 0,
    bestDayStreak: 0,
    recent: [],
    ...(name === undefined ? {} : { name }),
  };
}

const topics = [
  { id: 'collectivism-vs-individualism', name: 'Collectivism vs individualism' },
  { id: 'deck-unit-3', name: 'Deck: Unit 3' },
];

describe('the class report', () => {
  it('writes a CSV for a gradebook: one row per student by name, mastery per topic, formulas defused', async () => {
    const scores = new Map([
      ['2', score('=Zoe', 4, 3, { 'collectivism-vs-individualism': { answered: 4, correct: 3 } })],
      ['1', score('Ana, "A."', 2, 1, { 'deck-unit-3': { answered: 2, correct: 1 } })],
    ]);
    expect(await reportCsv(buildReport(scores, topics))).toBe(
      '\ufeff' +
        'student,user id,answered,correct,accuracy %,mastery % Collectivism vs individualism,mastery % Deck: Unit 3,last active (UTC)\n' +
        // A spreadsheet's order too: symbols before letters.
        "'=Zoe,2,4,3,75,75,,2026-03-02 09:30\n" +
        '"Ana, ""A.""",1,2,1,50,,50,2026-03-02 09:30\n',
    );
  });

  it('writes 1,000 students a hundred at a time, every one on its own line in name order', async () => {
    const scores = new Map(
      Array.from({ length: 1000 }, (_, i) => [
        `user-${i}`,
        score(`Student ${String(i).padStart(4, '0')}`, 10, i % 11, {
          'collectivism-vs-individualism': { answered: 10, correct: i % 11 },
        }),
      ]),
    );
    const csv = await reportCsv(buildReport(scores, topics));
    const lines = csv.split('\n');
    expect(lines).toHaveLength(1002); // the header, 1,000 students, and the empty string after the last line break
    expect(lines[1]).toBe('Student 0000,user-0,10,0,0,0,2026-03-02 09:30');
    expect(lines[1000]).toBe('Student 0999,user-999,10,9,90,90,2026-03-02 09:30');
  });
});
