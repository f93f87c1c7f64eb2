import { describe, expect, it } from 'vitest';
import { answerDay, claimDueDay } from '../../src/classes/drill.js';
import { Course } from '../../src/content/course.js';
import { countDrillAnswer } from '../../src/drills/answers.js';
import { generateQuestions } from '../../src/drills/questions.js';
import { firstAttemptsKey, readClassFirstAttempts, rememberFirstAttempt } from '../../src/scores/first-attempts.js';
import { answerLive, openGame } from '../../src/live/sessions.js';
import type { Store } from '../../src/store/index.js';
import { fixtureCourse } from '../fixtures/course.js';
import { fixtureQuestion } from '../fixtures/question.js';
import { scratchStorePerTest } from '../scratch-store.js';

const [first, second] = await generateQuestions(new Course(fixtureCourse()), 1);
const at = new Date('2026-12-01T10:00:00Z');
const ana = { guildId: 'g', userId: 'ana', name: 'Ana' };
const ben = { guildId: 'g', userId: 'ben', name: 'Ben' };
let store: Store;
scratchStorePerTest('first-attempts', (opened) => (store = opened));

describe('a student’s first attempts', () => {
  it('keep the option picked on the first try only, and a typed answer with no option', async () => {
    if (!first || !second) throw new Error('the fixture course has too few questions');
    const wrongOption = (first.answer + 1) % first.options.length;
    await countDrillAnswer(store, ana, { id: 'quiz:a:0', question: first, correct: false, choice: wrongOption, at });
    await countDrillAnswer(store, ana, { id: 'quiz:b:0', question: first, correct: true, choice: first.answer, at });
    await countDrillAnswer(store, ana, { id: 'quiz:b:1', question: second, correct: true, at });
    await countDrillAnswer(store, ben, { id: 'quiz:c:0', question: first, correct: true, choice: first.answer, at });

    expect(await readClassFirstAttempts(store, 'g')).toEqual(
      new Map([
        [
          'ana',
          [
            { id: first.id, choice: wrongOption, correct: false },
            { id: second.id, correct: true },
          ],
        ],
        ['ben', [{ id: first.id, choice: first.answer, correct: true }]],
      ]),
    );
  });

  it('keep the latest 500 questions', async () => {
    for (let index = 0; index < 502; index++) {
      await rememberFirstAttempt(store, 'g', 'ana', { id: `q${index}`, choice: 0, correct: true });
    }
    const kept = (await store.get(firstAttemptsKey('g', 'ana'))) ?? [];
    expect(kept).toHaveLength(500);
    expect(kept[0]?.id).toBe('q2');
    expect(kept.at(-1)?.id).toBe('q501');
  });

  it('keep the option picked in a live quiz and in the daily drill', async () => {
    const game = await openGame(
      store,
      {
        guildId: 'g',
        channelId: 'class',
        hostId: 'teacher',
        topic: 'everything',
        questions: [fixtureQuestion('live-question', 0)],
        seconds: 20,
        speedBonus: false,
      },
      at,
    );
    await answerLive(store, { guildId: 'g', gameId: game.id, userId: 'ana', name: 'Ana', index: 0, choice: 2 }, at);
    const settings = {
      channelId: 'class',
      timezone: 'UTC',
      time: '09:00',
      size: 1,
      streaks: true,
      leaderboard: true,
    };
    const claimed = await claimDueDay(store, 'g', settings, () => Promise.resolve([fixtureQuestion('drilled', 1)]), at);
    if (!claimed) throw new Error('the drill was not claimed');
    const click = {
      guildId: 'g',
      date: claimed.daily.date,
      userId: 'ana',
      name: 'Ana',
      position: 0,
      countStreak: true,
    };
    await answerDay(store, { ...click, choice: 1 }, at);

    expect(await store.get(firstAttemptsKey('g', 'ana'))).toEqual([
      { id: 'live-question', choice: 2, correct: false },
      { id: 'drilled', choice: 1, correct: true },
    ]);
  });
});
