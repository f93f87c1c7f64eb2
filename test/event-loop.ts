/**
 * How many times the event loop turned while `action` ran, and how long it ran. Work done in slices lets the loop
 * turn every few milliseconds; work done in one go lets it turn not at all.
 */
export async function loopTurnsDuring(action: () => Promise<unknown>): Promise<{ turns: number; elapsedMs: number }> {
  let turns = 0;
  let next: NodeJS.Immediate | undefined;
  const turn = () => {
    turns += 1;
    next = setImmediate(turn);
  };
  next = setImmediate(turn);
  const start = performance.now();
  try {
    await action();
  } finally {
    clearImmediate(next);
  }
  return { turns, elapsedMs: performance.now() - start };
}

/** The fewest turns that leave no stretch of 50 ms (the limit) without one, on average. */
export function turnsEvery50Ms(elapsedMs: number): number {
  return Math.floor(elapsedMs / 50);
}
