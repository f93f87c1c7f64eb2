/**
 * A single "something changed" signal for the emulator's state. Waiting helpers re-run a probe after every change
 * instead of keeping bespoke promise bookkeeping per event type.
 */
export class ChangeFeed {
  readonly #listeners = new Set<(error?: Error) => void>();

  notify(): void {
    for (const listener of [...this.#listeners]) listener();
  }

  /**
   * Resolves with the first value other than `undefined` that `probe` returns, probing now and after each change.
   * A probe that throws rejects the wait (use it for "this can no longer happen").
   */
  until<T>(probe: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = (error?: Error): void => {
        if (error) return finish(() => reject(error));
        let value: T | undefined;
        try {
          value = probe();
        } catch (problem) {
          return finish(() => reject(problem instanceof Error ? problem : new Error(String(problem))));
        }
        if (value !== undefined) finish(() => resolve(value));
      };
      const timer = setTimeout(() => {
        finish(() => reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${describe()}`)));
      }, timeoutMs);
      const finish = (settle: () => void): void => {
        clearTimeout(timer);
        this.#listeners.delete(check);
        settle();
      };
      this.#listeners.add(check);
      check();
    });
  }

  /** Rejects every pending wait (used when the emulator closes). */
  abortAll(reason: string): void {
    for (const listener of [...this.#listeners]) listener(new Error(reason));
  }
}
