import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { classSettingsKey } from '../../src/classes/settings.js';
import { Course } from '../../src/content/course.js';
import { countDrillAnswer } from '../../src/drills/answers.js';
import { generateQuestions } from '../../src/drills/questions.js';
import { classStandings, readScore } from '../../src/scores/scoreboard.js';
import { openStore, type Store } from '../../src/store/index.js';
import { fixtureCourse } from '../fixtures/course.js';

const [question] = generateQuestions(new Course(fixtureCourse()), 1);
const tokyo = 'Asia/Tokyo';
const ana = { guildId: 'g', userId: 'ana', name: 'Ana' };
let dir: string;
let store: Store;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lectern-scoreboard-'));
  store = await openStore(`sqlite://${join(dir, 'store.sqlite')}`);
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

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
