import { describe, expect, it } from 'vitest';
import { rankStudents } from '../../src/scores/leaderboard.js';
import {
  accuracy,
  currentDayStreak,
  isoWeek,
  recallAndRecognition,
  recordAnswer,
  tallyFor,
  type Score,
} from '../../src/scores/score.js';

const monday = new Date('2026-11-23T09:00:00Z');
const nextMonday = new Date('2026-11-30T09:00:00Z');
const UTC = 'UTC';

function play(answers: [topic: string, correct: boolean][], at = monday): Score | undefined {
  let score: Score | undefined;
  answers.forEach(([topic, correct], index) => {
    score = recordAnswer(score, { id: `answer-${index}`, topic, correct, at }, UTC);
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
    const score = recordAnswer(lastWeek, { id: 'later', topic: 'a', correct: false, at: nextMonday }, UTC);
    expect(tallyFor(score, 'week', nextMonday, UTC)).toEqual({ answered: 1, correct: 0 });
    expect(tallyFor(score, 'all', nextMonday, UTC)).toEqual({ answered: 2, correct: 1 });
  });

  it('reads as nothing this week when the student has not answered since last week', () => {
    const score = play([['a', true]]);
    if (!score) throw new Error('no score');
    expect(tallyFor(score, 'week', nextMonday, UTC)).toEqual({ answered: 0, correct: 0 });
  });

  it('counts an answer applied twice once', () => {
    const once = recordAnswer(undefined, { id: 'quiz-1:0', topic: 'a', correct: true, at: monday }, UTC);
    const twice = recordAnswer(once, { id: 'quiz-1:0', topic: 'a', correct: true, at: monday }, UTC);
    expect(twice).toEqual(once);
    expect(twice.answered).toBe(1);
  });

  it('counts days in a row with a daily drill answered, however many answers a day has', () => {
    const on = (day: string, id: string, score?: Score) =>
      recordAnswer(score, { id, topic: 'a', correct: true, at: monday, day }, UTC);
    let score = on('2026-11-23', 'a');
    score = on('2026-11-23', 'b', score);
    score = on('2026-11-24', 'c', score);
    expect(score).toMatchObject({ dayStreak: 2, bestDayStreak: 2, lastDay: '2026-11-24' });
    score = on('2026-11-26', 'd', score);
    expect(score).toMatchObject({ dayStreak: 1, bestDayStreak: 2 });
    expect(on('2026-03-01', 'e', on('2026-02-28', 'f'))).toMatchObject({ dayStreak: 2 });
    expect(on('2026-11-25', 'g', score)).toMatchObject({ dayStreak: 1, lastDay: '2026-11-26' });
  });

  it('reads a streak of days as alive while the student can extend it by answering the latest drill', () => {
    const onDay = (day: string, score?: Score) =>
      recordAnswer(score, { id: day, topic: 'a', correct: true, at: monday, day }, UTC);
    const score = onDay('2026-11-24', onDay('2026-11-23'));
    // Answered the latest drill.
    expect(currentDayStreak(score, '2026-11-24')).toBe(2);
    // Answered the drill before the latest, which stays open until the next is posted: answering it goes on.
    expect(currentDayStreak(score, '2026-11-25')).toBe(2);
    expect(onDay('2026-11-25', score).dayStreak).toBe(3);
    // Older: the next drill answered starts afresh.
    expect(currentDayStreak(score, '2026-11-26')).toBe(0);
    expect(onDay('2026-11-26', score).dayStreak).toBe(1);
    expect(currentDayStreak(score, undefined)).toBe(0);
  });

  it('starts the week afresh at the class’s local Monday, not UTC’s', () => {
    const tokyo = 'Asia/Tokyo';
    const tokyoSunday = new Date('2026-11-29T03:00:00Z');
    const tokyoMondayMorning = new Date('2026-11-29T23:00:00Z');
    const inTokyo = recordAnswer(undefined, { id: 'a', topic: 'a', correct: true, at: tokyoSunday }, tokyo);
    expect(tallyFor(inTokyo, 'week', tokyoMondayMorning, tokyo)).toEqual({ answered: 0, correct: 0 });
    const tokyoMonday = recordAnswer(inTokyo, { id: 'b', topic: 'a', correct: false, at: tokyoMondayMorning }, tokyo);
    expect(tokyoMonday.week).toEqual({ answered: 1, correct: 0 });

    const losAngeles = 'America/Los_Angeles';
    const losAngelesSundayMorning = new Date('2026-11-29T18:00:00Z');
    const losAngelesSundayEvening = new Date('2026-11-30T01:00:00Z');
    const inLosAngeles = recordAnswer(
      undefined,
      { id: 'a', topic: 'a', correct: true, at: losAngelesSundayMorning },
      losAngeles,
    );
    expect(tallyFor(inLosAngeles, 'week', losAngelesSundayEvening, losAngeles)).toEqual({ answered: 1, correct: 1 });
    const sundayEvening = recordAnswer(
      inLosAngeles,
      { id: 'b', topic: 'a', correct: false, at: losAngelesSundayEvening },
      losAngeles,
    );
    expect(sundayEvening.week).toEqual({ answered: 2, correct: 1 });
  });

  it('keeps a week already begun when the teacher moves the timezone west, back across Monday', () => {
    const losAngeles = 'America/Los_Angeles';
    const begun = recordAnswer(
      undefined,
      { id: 'a', topic: 'a', correct: true, at: new Date('2026-11-30T01:00:00Z') },
      UTC,
    );
    const losAngelesSunday = new Date('2026-11-30T03:00:00Z');
    expect(tallyFor(begun, 'week', losAngelesSunday, losAngeles)).toEqual({ answered: 1, correct: 1 });
    const sunday = recordAnswer(begun, { id: 'b', topic: 'a', correct: true, at: losAngelesSunday }, losAngeles);
    const losAngelesMonday = new Date('2026-11-30T09:00:00Z');
    const monday = recordAnswer(sunday, { id: 'c', topic: 'a', correct: false, at: losAngelesMonday }, losAngeles);
    expect(monday).toMatchObject({ weekKey: '2026-W49', week: { answered: 3, correct: 2 } });
  });

  it('names ISO weeks of the class’s local date, including around the new year', () => {
    expect(isoWeek(monday, UTC)).toBe('2026-W48');
    expect(isoWeek(new Date('2027-01-01T12:00:00Z'), UTC)).toBe('2026-W53');
    expect(isoWeek(new Date('2027-01-04T12:00:00Z'), UTC)).toBe('2027-W01');
    expect(isoWeek(new Date('2026-11-29T23:00:00Z'), UTC)).toBe('2026-W48');
    expect(isoWeek(new Date('2026-11-29T23:00:00Z'), 'Asia/Tokyo')).toBe('2026-W49');
    expect(isoWeek(new Date('2027-01-04T03:00:00Z'), 'America/Los_Angeles')).toBe('2026-W53');
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
    expect(rankStudents(scores, 'all', monday, UTC).map(({ userId, rank }) => [userId, rank])).toEqual([
      ['ben', 1],
      ['cy', 1],
      ['ana', 3],
      ['dee', 4],
    ]);
    expect(rankStudents(scores, 'week', nextMonday, UTC)).toEqual([]);
  });
});

describe('recall and recognition', () => {
  it('counts typed answers as recall beside those picked, and both in Answered and Correct', () => {
    const answers = [
      { typed: true, correct: true },
      { typed: true, correct: false },
      { typed: false, correct: true },
      { typed: false, correct: false },
      { typed: false, correct: false },
    ];
    let score: Score | undefined;
    answers.forEach(({ typed, correct }, index) => {
      score = recordAnswer(score, { id: `a${index}`, topic: 't', correct, at: monday, typed }, UTC);
    });
    if (!score) throw new Error('no score');
    expect(score).toMatchObject({ answered: 5, correct: 2, recall: { answered: 2, correct: 1 } });
    expect(recallAndRecognition(score)).toEqual({
      recall: { answered: 2, correct: 1 },
      recognition: { answered: 3, correct: 1 },
    });
  });

  it('keeps recall out of a score that never typed an answer', () => {
    expect(play([['a', true]])).not.toHaveProperty('recall');
  });

  it('counts a typed answer applied twice once', () => {
    const once = recordAnswer(undefined, { id: 'x', topic: 't', correct: true, at: monday, typed: true }, UTC);
    const twice = recordAnswer(once, { id: 'x', topic: 't', correct: true, at: monday, typed: true }, UTC);
    expect(twice.recall).toEqual({ answered: 1, correct: 1 });
  });
});
