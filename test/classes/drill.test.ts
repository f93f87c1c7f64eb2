import { describe, expect, it, vi } from 'vitest';
import { answerDay, claimDueDay, recordPost } from '../../src/classes/drill.js';
import type { ClassSettings } from '../../src/classes/settings.js';
import { Course } from '../../src/content/course.js';
import { mistakesKey } from '../../src/drills/mistakes.js';
import { generateQuestions } from '../../src/drills/questions.js';
import { joinClass } from '../../src/scores/scoreboard.js';
import type { Store } from '../../src/store/index.js';
import { fixtureCourse } from '../fixtures/course.js';
import { scratchStorePerTest } from '../scratch-store.js';

const questions = await generateQuestions(new Course(fixtureCourse()), 1);
const bank = () => Promise.resolve(questions);
const settings: ClassSettings = {
  channelId: 'channel',
  timezone: 'UTC',
  time: '09:00',
  size: 2,
  streaks: true,
  leaderboard: true,
};
const at = (iso: string) => new Date(iso);
let store: Store;
scratchStorePerTest('drill', (opened) => (store = opened));

describe('claiming the daily drill', () => {
  it('is claimed once while one process posts, and not again once fully posted', async () => {
    const first = await claimDueDay(store, 'g', settings, bank, at('2026-11-26T09:00:00Z'));
    expect(first?.daily.date).toBe('2026-11-26');
    expect(await claimDueDay(store, 'g', settings, bank, at('2026-11-26T09:00:01Z'))).toBeUndefined();
    await recordPost(store, 'g', '2026-11-26', 0, 'm1');
    await recordPost(store, 'g', '2026-11-26', 1, 'm2');
    expect(await claimDueDay(store, 'g', settings, bank, at('2026-11-26T12:00:00Z'))).toBeUndefined();
  });

  it('lets a later wake finish a post cut short, once the first poster’s lease has lapsed', async () => {
    const first = await claimDueDay(store, 'g', settings, bank, at('2026-11-26T09:00:00Z'));
    await recordPost(store, 'g', '2026-11-26', 0, 'm1');
    expect(await claimDueDay(store, 'g', settings, bank, at('2026-11-26T09:00:30Z'))).toBeUndefined();
    const resumed = await claimDueDay(store, 'g', settings, bank, at('2026-11-26T09:02:00Z'));
    expect(resumed?.daily.messageIds).toEqual(['m1']);
    expect(resumed?.daily.questions).toEqual(first?.daily.questions);
  });

  it('posts a drill not yet posted anywhere to the channel the teacher has chosen since', async () => {
    await claimDueDay(store, 'g', settings, bank, at('2026-11-26T09:00:00Z')); // its post failed: nothing recorded
    const moved = { ...settings, channelId: 'another-channel' };
    const retried = await claimDueDay(store, 'g', moved, bank, at('2026-11-26T09:02:00Z'));
    expect(retried?.daily.channelId).toBe('another-channel');
  });

  it('finishes a drill begun in one channel in that channel, so its questions stay together', async () => {
    await claimDueDay(store, 'g', settings, bank, at('2026-11-26T09:00:00Z'));
    await recordPost(store, 'g', '2026-11-26', 0, 'm1');
    const moved = { ...settings, channelId: 'another-channel' };
    const resumed = await claimDueDay(store, 'g', moved, bank, at('2026-11-26T09:02:00Z'));
    expect(resumed?.daily.channelId).toBe(settings.channelId);
  });

  it('counts a class answering at once on each student’s own sheet, never rewriting the drill', async () => {
    const claimed = await claimDueDay(store, 'g', settings, bank, at('2026-11-26T09:00:00Z'));
    if (!claimed) throw new Error('the drill was not claimed');
    const written = vi.spyOn(store.backend.atomic, 'writeIfUnchanged');
    const students = Array.from({ length: 30 }, (_, index) => `student-${index}`);
    const outcomes = await Promise.all(
      students.map((userId) =>
        answerDay(
          store,
          { guildId: 'g', date: '2026-11-26', userId, name: userId, position: 0, choice: 0, countStreak: true },
          at('2026-11-26T10:00:00Z'),
        ),
      ),
    );
    expect(outcomes.map((outcome) => typeof outcome === 'object' && outcome.outcome)).toEqual(
      students.map(() => 'counted'),
    );
    expect(written.mock.calls.map(([name]) => name).filter((name) => name.startsWith('daily:'))).toEqual([]);
    const next = await claimDueDay(store, 'g', settings, bank, at('2026-11-27T09:00:00Z'));
    expect(next?.previous?.results.students).toBe(students.length);
  });

  it('opens the next day with the day before, and closes the day before to answers', async () => {
    await claimDueDay(store, 'g', settings, bank, at('2026-11-26T09:00:00Z'));
    const click = { guildId: 'g', userId: 'ana', name: 'Ana', position: 0, choice: 0, countStreak: true };
    expect(await answerDay(store, { ...click, date: '2026-11-26' }, at('2026-11-26T10:00:00Z'))).toMatchObject({
      outcome: 'counted',
    });
    const next = await claimDueDay(store, 'g', settings, bank, at('2026-11-27T09:00:00Z'));
    expect(next?.previous).toMatchObject({ date: '2026-11-26', results: { students: 1 } });
    expect(await answerDay(store, { ...click, date: '2026-11-26', position: 1 }, at('2026-11-27T10:00:00Z'))).toBe(
      'closed',
    );
  });

  it('never posts a day before the latest drill when the timezone moves west, and keeps that drill as the day’s', async () => {
    // 21:00 in New York on the 25th is already the 26th in UTC, so the 26th's drill goes out.
    const utcAtHalfPastMidnight = { ...settings, time: '00:30' };
    await claimDueDay(store, 'g', utcAtHalfPastMidnight, bank, at('2026-11-26T02:00:00Z'));
    await recordPost(store, 'g', '2026-11-26', 0, 'm1');
    await recordPost(store, 'g', '2026-11-26', 1, 'm2');

    const newYork = { ...settings, timezone: 'America/New_York', time: '20:00' };
    expect(await claimDueDay(store, 'g', newYork, bank, at('2026-11-26T02:05:00Z'))).toBeUndefined();
    const click = {
      guildId: 'g',
      date: '2026-11-26',
      userId: 'ana',
      name: 'Ana',
      position: 0,
      choice: 0,
      countStreak: true,
    };
    expect(await answerDay(store, click, at('2026-11-26T15:00:00Z'))).toMatchObject({ outcome: 'counted' });
    expect(await claimDueDay(store, 'g', newYork, bank, at('2026-11-27T01:00:00Z'))).toBeUndefined();
    const next = await claimDueDay(store, 'g', newYork, bank, at('2026-11-28T01:00:00Z'));
    expect(next?.daily.date).toBe('2026-11-27');
    expect(next?.previous?.date).toBe('2026-11-26');
  });
});

describe("the daily drill's pick", () => {
  it("asks first what most of a class of 45 got wrong, counting every student's mistakes", async () => {
    const [often, sometimes] = questions.slice(-2);
    if (!often || !sometimes) throw new Error('the fixture course has too few questions');
    for (let i = 0; i < 45; i++) {
      const userId = `student-${i}`;
      await joinClass(store, 'g', userId);
      // The last 20 students share one mistake, the first 15 another: read in batches, the later ones count too.
      const mistakes = [...(i >= 25 ? [often] : []), ...(i < 15 ? [sometimes] : [])];
      await store.set(mistakesKey('g', userId), mistakes);
    }
    const claimed = await claimDueDay(store, 'g', settings, bank, at('2026-11-26T09:00:00Z'));
    expect(claimed?.daily.questions.map((question) => question.id)).toEqual([often.id, sometimes.id]);
  });
});
