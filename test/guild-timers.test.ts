import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay, GuildTimers, type GuildTask } from '../src/guild-timers.js';
import { capturedLog } from './captured-log.js';

const backoff = { firstMs: 1_000, maxMs: 4_000 };

beforeEach(() => {
  vi.useFakeTimers();
  // The jitter's midpoint: every wait is exactly its backoff.
  vi.spyOn(Math, 'random').mockReturnValue(0.5);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** A task that records when it ran and fails while `failing` says so. */
function recordingTask(failing: () => boolean): GuildTask & { runs: number[] } {
  const runs: number[] = [];
  return {
    doing: 'reveal a live quiz answer',
    ref: { gameId: 'game1' },
    runs,
    run: async () => {
      runs.push(Date.now());
      if (failing()) throw new Error('store away');
    },
  };
}

describe('the wait before trying again', () => {
  it('doubles with each failure in a row, up to its cap', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4, 5].map((failures) => backoffDelay(backoff, failures, middle))).toEqual([
      1_000, 2_000, 4_000, 4_000, 4_000,
    ]);
  });

  it('is spread by a fifth either way', () => {
    expect(backoffDelay(backoff, 1, () => 0)).toBe(800);
    expect(backoffDelay(backoff, 1, () => 1)).toBe(1_200);
  });
});

describe('a server timer', () => {
  it('logs a failed task with its server and reference, and runs it again after a growing wait', async () => {
    const { log, lines } = capturedLog();
    const timers = new GuildTimers(log, backoff);
    const start = Date.now();
    const task = recordingTask(() => true);
    timers.set('g1', 0, task);
    await vi.advanceTimersByTimeAsync(1_000 + 2_000 + 4_000 + 4_000);
    expect(task.runs.map((at) => at - start)).toEqual([0, 1_000, 3_000, 7_000, 11_000]);
    expect(lines[0]).toMatchObject({
      level: 50,
      guildId: 'g1',
      gameId: 'game1',
      doing: 'reveal a live quiz answer',
      retryInMs: 1_000,
      err: { message: 'store away' },
      msg: 'could not reveal a live quiz answer; trying again later',
    });
    timers.clear();
  });

  it('starts its waits afresh after a success', async () => {
    const timers = new GuildTimers(capturedLog().log, backoff);
    let failing = true;
    const task = recordingTask(() => failing);
    timers.set('g1', 0, task);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(task.runs).toHaveLength(3);
    failing = false;
    await vi.advanceTimersByTimeAsync(4_000);
    expect(task.runs).toHaveLength(4);
    failing = true;
    const start = Date.now();
    timers.set('g1', 0, task);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(task.runs.slice(4).map((at) => at - start)).toEqual([0, 1_000]);
    timers.clear();
  });

  it('catches a task that throws before it returns a promise', async () => {
    const { log, lines } = capturedLog();
    const timers = new GuildTimers(log, backoff);
    let runs = 0;
    timers.set('g1', 0, {
      doing: 'post the daily drill',
      run: () => {
        runs++;
        throw new Error('Invalid time zone specified: Mars/Olympus');
      },
    });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toBe(2);
    expect(lines.map((line) => line['guildId'])).toEqual(['g1', 'g1']);
    timers.clear();
  });

  it('runs the recovery after a failure, when one is given', async () => {
    const timers = new GuildTimers(capturedLog().log, backoff);
    const step = recordingTask(() => true);
    const recovery = recordingTask(() => false);
    timers.set('g1', 0, step, recovery);
    await vi.advanceTimersByTimeAsync(5_000);
    expect([step.runs.length, recovery.runs.length]).toEqual([1, 1]);
  });

  it('leaves a task set while a failing one ran to run instead of retrying the old one', async () => {
    const timers = new GuildTimers(capturedLog().log, backoff);
    const newer = recordingTask(() => false);
    let finishOld: (error: Error) => void = () => {};
    timers.set('g1', 0, {
      doing: 'post the daily drill',
      run: () => new Promise<void>((_, reject) => (finishOld = reject)),
    });
    await vi.advanceTimersByTimeAsync(0);
    timers.set('g1', 10_000, newer);
    finishOld(new Error('Discord is down'));
    await vi.advanceTimersByTimeAsync(9_999);
    expect(newer.runs).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(newer.runs).toHaveLength(1);
  });

  it('keeps servers apart: one failing does not delay another', async () => {
    const timers = new GuildTimers(capturedLog().log, backoff);
    const failing = recordingTask(() => true);
    const fine = recordingTask(() => false);
    timers.set('g1', 0, failing);
    timers.set('g2', 500, fine);
    await vi.advanceTimersByTimeAsync(500);
    expect(fine.runs).toHaveLength(1);
    timers.clear();
  });
});
