import { describe, expect, it } from 'vitest';
import { batchesOf, mapInSlices, timeSlices } from '../src/time-slices.js';

/** Whether the event loop turned (a setImmediate callback ran) while `action` was awaited. */
async function loopTurnedDuring(action: () => Promise<unknown>): Promise<boolean> {
  let turned = false;
  const turn = setImmediate(() => (turned = true));
  await action();
  clearImmediate(turn);
  return turned;
}

describe('time slices', () => {
  it('goes on at once while the slice has time left, and lets the event loop turn once it is spent', async () => {
    let clock = 0;
    const pause = timeSlices(10, () => clock);
    clock = 9;
    expect(await loopTurnedDuring(pause)).toBe(false);
    clock = 10;
    expect(await loopTurnedDuring(pause)).toBe(true);
    // A new slice starts after the turn.
    clock = 19;
    expect(await loopTurnedDuring(pause)).toBe(false);
    clock = 20;
    expect(await loopTurnedDuring(pause)).toBe(true);
  });

  it('maps every item in order, pausing before each', async () => {
    let clock = 0;
    const pause = timeSlices(10, () => clock);
    const seen: number[] = [];
    const doubled = await mapInSlices(
      [1, 2, 3],
      (item, index) => {
        seen.push(index);
        clock += 10;
        return item * 2;
      },
      pause,
    );
    expect(doubled).toEqual([2, 4, 6]);
    expect(seen).toEqual([0, 1, 2]);
  });

  it('cuts a list into batches of at most the size asked for', () => {
    expect(batchesOf([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(batchesOf([1, 2], 2)).toEqual([[1, 2]]);
    expect(batchesOf([], 2)).toEqual([]);
  });
});
