import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DailyScheduler } from '../../src/classes/scheduler.js';
import type { ClassSettings } from '../../src/classes/settings.js';
import { createLogger } from '../../src/log.js';
import { capturedLog } from '../captured-log.js';

const at = (time: string): ClassSettings => ({
  channelId: 'c',
  timezone: 'UTC',
  time,
  size: 1,
  streaks: true,
  leaderboard: true,
});

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-11-26T08:59:00Z'));
  // The jitter's midpoint: every retry comes exactly at its backoff.
  vi.spyOn(Math, 'random').mockReturnValue(0.5);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const times = (wakes: Date[]) => wakes.map((date) => date.toISOString().slice(11, 16));

describe('the daily scheduler', () => {
  it('wakes a class at its local time', async () => {
    const wakes: string[] = [];
    const scheduler = new DailyScheduler(
      () => new Date(),
      async (guildId) => void wakes.push(guildId),
      createLogger('silent'),
    );
    scheduler.schedule('g', at('09:00'));
    await vi.advanceTimersByTimeAsync(59_000);
    expect(wakes).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(wakes).toEqual(['g']);
    scheduler.stop();
  });

  it('keeps the time a teacher set while a wake was under way', async () => {
    const wakes: Date[] = [];
    let finishWake = () => {};
    const scheduler = new DailyScheduler(
      () => new Date(),
      (): Promise<void> => {
        wakes.push(new Date());
        return new Promise((resolve) => (finishWake = resolve));
      },
      createLogger('silent'),
    );
    scheduler.schedule('g', at('09:00'));
    await vi.advanceTimersByTimeAsync(60_000);
    scheduler.schedule('g', at('11:00'));
    finishWake();
    await vi.advanceTimersByTimeAsync(26 * 60 * 60_000);
    expect(wakes.map((date) => date.toISOString())).toEqual(['2026-11-26T09:00:00.000Z', '2026-11-26T11:00:00.000Z']);
    scheduler.stop();
  });

  it('tries again within a minute after a failed wake, then less and less often', async () => {
    const wakes: Date[] = [];
    const scheduler = new DailyScheduler(
      () => new Date(),
      async () => {
        wakes.push(new Date());
        throw new Error('Discord is down');
      },
      createLogger('silent'),
    );
    scheduler.schedule('g', at('09:00'));
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(times(wakes)).toEqual(['09:00', '09:01', '09:03', '09:07', '09:15', '09:31']);
    scheduler.stop();
  });

  it('keeps waking a class whose stored timezone croner refuses, logging the server each time', async () => {
    // A zone in the store that this Node's time zone data no longer has: croner throws when it reschedules.
    const refused = { ...at('09:00'), timezone: 'Mars/Olympus' };
    const { log, lines } = capturedLog();
    const wakes: Date[] = [];
    const scheduler = new DailyScheduler(
      () => new Date(),
      async () => void wakes.push(new Date()),
      log,
    );
    // As the start-up does: scheduling throws, so the class is woken again soon instead.
    expect(() => scheduler.schedule('g', refused)).toThrow(/Mars\/Olympus/);
    scheduler.retrySoon('g');
    await vi.advanceTimersByTimeAsync(40 * 60_000);
    expect(times(wakes)).toEqual(['09:00', '09:02', '09:06', '09:14', '09:30']);
    expect(lines).toHaveLength(5);
    for (const line of lines) {
      expect(line).toMatchObject({
        guildId: 'g',
        doing: 'post the daily drill',
        err: { message: expect.stringContaining('Mars/Olympus') },
      });
    }
    scheduler.stop();
  });

  it('tries again after a wake that throws before it returns a promise', async () => {
    const wakes: Date[] = [];
    const scheduler = new DailyScheduler(
      () => new Date(),
      (): Promise<void> => {
        wakes.push(new Date());
        if (wakes.length === 1) throw new Error('the store blipped');
        return Promise.resolve();
      },
      createLogger('silent'),
    );
    scheduler.schedule('g', at('09:00'));
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    expect(times(wakes)).toEqual(['09:00', '09:01']);
    scheduler.stop();
  });
});
