import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DailyScheduler } from '../../src/classes/scheduler.js';
import type { ClassSettings } from '../../src/classes/settings.js';
import { createLogger } from '../../src/log.js';

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
});
afterEach(() => {
  vi.useRealTimers();
});

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

  it('tries again within minutes after a failed wake', async () => {
    const wakes: Date[] = [];
    const scheduler = new DailyScheduler(
      () => new Date(),
      async () => {
        wakes.push(new Date());
        if (wakes.length === 1) throw new Error('Discord is down');
      },
      createLogger('silent'),
    );
    scheduler.schedule('g', at('09:00'));
    await vi.advanceTimersByTimeAsync(6 * 60_000);
    expect(wakes.map((date) => date.toISOString())).toEqual(['2026-11-26T09:00:00.000Z', '2026-11-26T09:05:00.000Z']);
    scheduler.stop();
  });
});
