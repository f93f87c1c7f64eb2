import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * How long a long job (a 2,000-row deck, a report on 1,000 students, the daily drill's read of every member) may
 * hold the event loop before handing it back. Far under the 50 ms a click may wait: a click makes several store
 * round trips, each of which may wait out one slice, and on a busy machine a slice of CPU takes longer on the
 * clock. Handing the loop back costs microseconds, so short slices barely lengthen the job.
 */
export const SLICE_MS = 5;

/** Resolves at once while the current slice has time left; after one turn of the event loop once it is spent. */
export type Pause = () => Promise<void>;

/**
 * A pause to await between the steps of a long job, so the job runs in slices of about `budgetMs` and whatever
 * else is waiting (a student's click, a store reply, a gateway heartbeat) runs between them.
 *
 * Slices rather than a worker thread: the heavy steps work on data the main thread already holds or reads from the
 * store (a parsed deck, every student's score), which a worker would need copied in and out, and a second V8 heap
 * costs memory in every shard's process. A step of a slice must itself stay short: one card, one row, one batch.
 *
 * `setImmediate` rather than a timer: it resumes right after pending I/O is handled, without the timer's
 * minimum delay, so a job that the loop can spare finishes about as fast as it would in one go.
 */
export function timeSlices(budgetMs = SLICE_MS, clock: () => number = () => performance.now()): Pause {
  let sliceStart = clock();
  return async () => {
    if (clock() - sliceStart < budgetMs) return;
    await nextTurn();
    sliceStart = clock();
  };
}

/** `items.map(step)`, pausing before each step. */
export async function mapInSlices<T, R>(
  items: readonly T[],
  step: (item: T, index: number) => R,
  pause: Pause = timeSlices(),
): Promise<R[]> {
  const results: R[] = [];
  for (const [index, item] of items.entries()) {
    await pause();
    results.push(step(item, index));
  }
  return results;
}

/**
 * The items in consecutive batches of at most `size`: many records read a batch per round trip, so that parsing
 * and checking one reply stays as short as a slice, and the event loop turns while the next is on its way.
 */
export function batchesOf<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size) batches.push(items.slice(start, start + size));
  return batches;
}
