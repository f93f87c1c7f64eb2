import { describe, expect, it } from 'vitest';
import { classSettingsKey } from '../../src/classes/settings.js';
import { Course } from '../../src/content/course.js';
import { countDrillAnswer } from '../../src/drills/answers.js';
import { generateQuestions } from '../../src/drills/questions.js';
import { classStandings, joinClass, readClassScores, readScore, scoreKey } from '../../src/scores/scoreboard.js';
import { recordAnswer } from '../../src/scores/score.js';
import type { Store } from '../../src/store/index.js';
import { fixtureCourse } from '../fixtures/course.js';
import { scratchStorePerTest } from '../scratch-store.js';

const [question] = await generateQuestions(new Course(fixtureCourse()), 1);
const tokyo = 'Asia/Tokyo';
const ana = { guildId: 'g', userId: 'ana', name: 'Ana' };
let store: Store;
scratchStorePerTest('scoreboard', (opened) => (store = opened));

describe('the weekly board of a class', () => {
  it('counts answers in the week of the class’s timezone, and starts afresh at its Monday', async () => {
    if (!question) throw new Error('no question in the fixture course');
    await store.set(classSettingsKey('g'), {
      channelId: 'channel',
      timezone: tokyo,
      time: '09:00',
      size: 2,
      streaks: true,
      leaderboard: true,
    });
    // Sunday noon in Tokyo, then Monday 08:00 there: both still Sunday in UTC.
    const sunday = new Date('2026-11-29T03:00:00Z');
    const monday = new Date('2026-11-29T23:00:00Z');
    await countDrillAnswer(store, ana, { id: 'quiz:0', question, correct: true, at: sunday });
    expect(await classStandings(store, 'g', 'week', monday, tokyo)).toEqual([]);
    await countDrillAnswer(store, ana, { id: 'quiz:1', question, correct: false, at: monday });
    expect(await readScore(store, 'g', 'ana')).toMatchObject({
      weekKey: '2026-W49',
      week: { answered: 1, correct: 0 },
    });
    expect(await classStandings(store, 'g', 'week', monday, tokyo)).toEqual([
      { userId: 'ana', rank: 1, correct: 0, answered: 1 },
    ]);
  });
});

describe("a class's scores", () => {
  it('reads every student of a class of 250, a hundred at a time', async () => {
    const at = new Date('2026-11-25T10:00:00Z');
    for (let i = 0; i < 250; i++) {
      await joinClass(store, 'g', `student-${i}`);
      const answer = { id: 'a', topic: 't', correct: true, at, name: `Student ${i}` };
      await store.set(scoreKey('g', `student-${i}`), recordAnswer(undefined, answer, 'UTC'));
    }
    const scores = await readClassScores(store, 'g');
    expect(scores.size).toBe(250);
    expect(scores.get('student-249')?.name).toBe('Student 249');
  });
});
