import { describe, expect, it } from 'vitest';
import { rankStudents } from '../../src/scores/leaderboard.js';
import { accuracy, currentDayStreak, isoWeek, recordAnswer, tallyFor, type Score } from '../../src/scores/score.js';

const monday = new Date('2026-11-23T09:00:00Z');
const nextMonday = new Date('2026-11-30T09:00:00Z');

function play(answers: [topic: string, correct: boolean][], at = monday): Score | undefined {
  let score: Score | undefined;
  answers.forEach(([topic, correct], index) => {
    score = recordAnswer(score, { id: `answer-${index}`, topic, correct, at });
  });
  return score;
}

describe('a score', () => {
  it('counts answers, correct ones and per-topic tallies', () => {
    const score = play([
      ['a', true],
      ['a', false],
      ['b', true],
    ]);
    expect(score).toMatchObject({
      answered: 3,
      correct: 2,
      topics: { a: { answered: 2, correct: 1 }, b: { answered: 1, correct: 1 } },
    });
  });

  it('keeps a streak of correct answers that a wrong one ends, and remembers the best', () => {
    const score = play([
      ['a', true],
      ['a', true],
      ['a', true],
      ['a', false],
      ['a', true],
    ]);
    expect(score).toMatchObject({ streak: 1, bestStreak: 3 });
  });

  it('starts the week afresh on Monday, while the all-time tally goes on', () => {
    const lastWeek = play([['a', true]]);
    const score = recordAnswer(lastWeek, { id: 'later', topic: 'a', correct: false, at: nextMonday });
    expect(tallyFor(score, 'week', nextMonday)).toEqual({ answered: 1, correct: 0 });
    expect(tallyFor(score, 'all', nextMonday)).toEqual({ answered: 2, correct: 1 });
  });

  it('reads as nothing this week when the student has not answered since last week', () => {
    const score = play([['a', true]]);
    if (!score) throw new Error('no score');
    expect(tallyFor(score, 'week', nextMonday)).toEqual({ answered: 0, correct: 0 });
  });

  it('counts an answer applied twice once', () => {
    const once = recordAnswer(undefined, { id: 'quiz-1:0', topic: 'a', correct: true, at: monday });
    const twice = recordAnswer(once, { id: 'quiz-1:0', topic: 'a', correct: true, at: monday });
    expect(twice).toEqual(once);
    expect(twice.answered).toBe(1);
  });

  it('counts days in a row with a daily drill answered, however many answers a day has', () => {
    const on = (day: string, id: string, score?: Score) =>
      recordAnswer(score, { id, topic: 'a', correct: true, at: monday, day });
    let score = on('2026-11-23', 'a');
    score = on('2026-11-23', 'b', score);
    score = on('2026-11-24', 'c', score);
    expect(score).toMatchObject({ dayStreak: 2, bestDayStreak: 2, lastDay: '2026-11-24' });
    score = on('2026-11-26', 'd', score);
    expect(score).toMatchObject({ dayStreak: 1, bestDayStreak: 2 });
    expect(on('2026-03-01', 'e', on('2026-02-28', 'f'))).toMatchObject({ dayStreak: 2 });
    expect(on('2026-11-25', 'g', score)).toMatchObject({ dayStreak: 1, lastDay: '2026-11-26' });
  });

  it('reads a streak of days as over once a whole day has gone by without a drill answered', () => {
    const score = recordAnswer(undefined, { id: 'a', topic: 'a', correct: true, at: monday, day: '2026-11-23' });
    expect(currentDayStreak(score, '2026-11-23')).toBe(1);
    expect(currentDayStreak(score, '2026-11-24')).toBe(1);
    expect(currentDayStreak(score, '2026-11-25')).toBe(0);
  });

  it('names ISO weeks, including around the new year', () => {
    expect(isoWeek(monday)).toBe('2026-W48');
    expect(isoWeek(new Date('2027-01-01T12:00:00Z'))).toBe('2026-W53');
    expect(isoWeek(new Date('2027-01-04T12:00:00Z'))).toBe('2027-W01');
  });

  it('has an accuracy of zero before any answer', () => {
    expect(accuracy({ answered: 0, correct: 0 })).toBe(0);
    expect(accuracy({ answered: 4, correct: 3 })).toBe(0.75);
  });
});

describe('the leaderboard', () => {
  it('orders by correct answers, then accuracy, sharing ranks on ties and leaving out the idle', () => {
    const scores = new Map<string, Score>();
    const add = (user: string, answers: boolean[]) => {
      const score = play(answers.map((correct) => ['a', correct]));
      if (score) scores.set(user, score);
    };
    add('ana', [true, true, false]);
    add('ben', [true, true]);
    add('cy', [true, true]);
    add('dee', [false]);
    expect(rankStudents(scores, 'all', monday).map(({ userId, rank }) => [userId, rank])).toEqual([
      ['ben', 1],
      ['cy', 1],
      ['ana', 3],
      ['dee', 4],
    ]);
    expect(rankStudents(scores, 'week', nextMonday)).toEqual([]);
  });
});
