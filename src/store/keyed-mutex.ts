/**
 * Runs tasks one at a time per key and concurrently across keys, within this process.
 *
 * Each key maps to the tail of a promise chain; a new task waits for the tail, then becomes it.
 * The entry is removed when the last queued task finishes, so idle keys cost nothing (a bot
 * touches a new key per user and guild; a map that only grows would be a slow leak).
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let finish!: () => void;
    const done = new Promise<void>((resolve) => {
      finish = resolve;
    });
    // `done` only ever resolves, so a failing task never breaks the chain for the tasks behind it.
    const tail = previous.then(() => done);
    this.tails.set(key, tail);
    try {
      await previous;
      return await task();
    } finally {
      finish();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Keys with a running or queued task; the tests check that idle keys are let go. */
  get activeKeys(): number {
    return this.tails.size;
  }

  /** Resolves once every task queued so far has finished. */
  async idle(): Promise<void> {
    while (this.tails.size > 0) await Promise.all(this.tails.values());
  }
}
