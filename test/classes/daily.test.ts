import { Cron } from 'croner';
import { describe, expect, it } from 'vitest';
import {
  answerDaily,
  dailyPattern,
  dayResults,
  drawDaily,
  dueDate,
  type Daily,
  type Sheet,
} from '../../src/classes/daily.js';
import type { ClassSettings } from '../../src/classes/settings.js';
import type { Question } from '../../src/drills/questions.js';

const tokyo: ClassSettings = {
  channelId: 'c',
  timezone: 'Asia/Tokyo',
  time: '09:00',
  size: 2,
  streaks: true,
  leaderboard: true,
};

const question = (id: string, answer = 0, topic = 't'): Question => ({
  id,
  topic,
  source: 's',
  kind: 'faq',
  stem: `${id}?`,
  options: ['A', 'B', 'C', 'D'],
  answer,
  explanation: 'why',
});

describe('when the daily drill is due', () => {
  it('is due from the set local time, on the local date', () => {
    expect(dueDate(tokyo, new Date('2026-11-25T23:59:00Z'))).toBeUndefined();
    expect(dueDate(tokyo, new Date('2026-11-26T00:00:00Z'))).toBe('2026-11-26');
    expect(dueDate(tokyo, new Date('2026-11-26T14:59:00Z'))).toBe('2026-11-26');
    expect(dueDate(tokyo, new Date('2026-11-26T15:00:00Z'))).toBeUndefined();
  });

  it('fires at the set local time in each timezone', () => {
    const from = new Date('2026-11-25T12:00:00Z');
    expect(new Cron(dailyPattern(tokyo), { timezone: tokyo.timezone }).nextRun(from)?.toISOString()).toBe(
      '2026-11-26T00:00:00.000Z',
    );
    const newYork = { ...tokyo, timezone: 'America/New_York', time: '18:30' };
    expect(new Cron(dailyPattern(newYork), { timezone: newYork.timezone }).nextRun(from)?.toISOString()).toBe(
      '2026-11-25T23:30:00.000Z',
    );
  });
});

describe('the day’s questions', () => {
  const bank = ['a', 'b', 'c', 'd', 'e'].map((id) => question(id));

  it('puts what the class gets wrong most first, then questions on due cards', () => {
    const drawn = drawDaily(
      bank,
      {
        mistakeCounts: new Map([
          ['c', 1],
          ['e', 3],
        ]),
        dueCardQuestions: new Set(['a']),
      },
      3,
      '2026-11-26',
    );
    expect(drawn.map((q) => q.id)).toEqual(['e', 'c', 'a']);
  });

  it('draws what the class needs most, and posts it with topics taking turns', () => {
    const mixedBank = [question('a1', 0, 'a'), question('a2', 0, 'a'), question('b1', 0, 'b'), question('c1', 0, 'c')];
    const signals = {
      mistakeCounts: new Map([
        ['a1', 5],
        ['a2', 4],
        ['b1', 1],
      ]),
      dueCardQuestions: new Set<string>(),
    };
    // c1 would mix better than a2, but the class gets a2 wrong more: it is drawn, and b1 moves up between the two.
    expect(drawDaily(mixedBank, signals, 3, '2026-11-26').map((q) => q.id)).toEqual(['a1', 'b1', 'a2']);
  });

  it('draws the same questions for the same day', () => {
    const none = { mistakeCounts: new Map(), dueCardQuestions: new Set<string>() };
    expect(drawDaily(bank, none, 2, '2026-11-26')).toEqual(drawDaily(bank, none, 2, '2026-11-26'));
  });
});

describe('answering the drill', () => {
  const daily: Daily = {
    guildId: 'g',
    date: '2026-11-26',
    channelId: 'c',
    messageIds: [],
    questions: [question('a', 0), question('b', 1)],
  };

  it('counts each student’s first choice per question only', () => {
    const first = answerDaily(daily, undefined, 0, 0);
    expect(first).toMatchObject({ outcome: 'counted', correct: true, sheet: [0, null] });
    expect(answerDaily(daily, first.sheet, 0, 1).outcome).toBe('already-answered');
    expect(answerDaily(daily, first.sheet, 1, 1)).toMatchObject({ outcome: 'counted', correct: true, sheet: [0, 1] });
    expect(answerDaily(daily, undefined, 2, 0).outcome).toBe('no-such-question');
    expect(answerDaily(daily, undefined, 0, 7).outcome).toBe('no-such-question');
  });

  it('sums up how many answered and which question was hardest', () => {
    const sheets = new Map<string, Sheet | undefined>();
    for (const [user, position, choice] of [
      ['ana', 0, 0],
      ['ben', 0, 0],
      ['ana', 1, 2],
      ['ben', 1, 1],
      ['cy', 1, 3],
    ] as const) {
      sheets.set(user, answerDaily(daily, sheets.get(user), position, choice).sheet);
    }
    const results = dayResults(
      daily,
      [...sheets.values()].filter((sheet) => sheet !== undefined),
    );
    expect(results.students).toBe(3);
    expect(results.hardest).toMatchObject({ question: { id: 'b' }, right: 1, answered: 3 });
  });

  it('still sums up a drill whose choices were kept in the drill itself', () => {
    const older: Daily = { ...daily, answers: { ana: [0, 2], ben: [0, null] } };
    const results = dayResults(older, [[1, 1]]);
    expect(results.students).toBe(3);
    expect(results.hardest).toMatchObject({ question: { id: 'b' }, right: 1, answered: 2 });
  });
});
