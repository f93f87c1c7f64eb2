import type { Logger } from './log.js';

/** Work a timer does for one server, and how the log names it when it fails. */
export interface GuildTask {
  /** What the bot was doing, for the log: "post the daily drill". */
  readonly doing: string;
  /** The rest of the reference the log gives beside the server's id, such as the live game's id. */
  readonly ref?: Readonly<Record<string, string | number>>;
  run(): Promise<void>;
}

/** The wait before trying again: `firstMs` after one failure, doubling with each failure in a row up to `maxMs`. */
export interface Backoff {
  readonly firstMs: number;
  readonly maxMs: number;
}

// Each wait is stretched or shrunk by up to this share at random, so servers that failed together (a store
// outage fails them all at once) do not all come back to the store in the same instant.
const JITTER = 0.2;

/** The wait before attempt `failures + 1`, with its jitter. */
export function backoffDelay({ firstMs, maxMs }: Backoff, failures: number, random = Math.random): number {
  const base = Math.min(maxMs, firstMs * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (1 + JITTER * (2 * random() - 1)));
}

interface Pending {
  timer: NodeJS.Timeout | undefined;
}

/**
 * At most one pending timer per server: setting one replaces the one before. A pending timer never keeps a
 * stopping process alive.
 *
 * A task that fails, by throwing or rejecting, never reaches `unhandledRejection`: it is logged with the server and
 * what it was doing, and `recovery` (the task itself unless given) runs after a backoff that grows with each
 * failure in a row and starts again after a success. A task replaced or cancelled while it ran is not retried:
 * whatever replaced it knows better.
 */
export class GuildTimers {
  private readonly pending = new Map<string, Pending>();
  private readonly failures = new Map<string, number>();

  constructor(
    private readonly log: Logger,
    private readonly backoff: Backoff,
  ) {}

  set(guildId: string, delayMs: number, task: GuildTask, recovery: GuildTask = task): void {
    this.cancel(guildId);
    const entry: Pending = { timer: undefined };
    entry.timer = setTimeout(() => void this.fire(guildId, entry, task, recovery), Math.max(0, delayMs));
    entry.timer.unref();
    this.pending.set(guildId, entry);
  }

  /** Runs `task` after the server's backoff: for a failure noticed outside a timer (at start-up, in a command). */
  retryLater(guildId: string, task: GuildTask): void {
    this.set(guildId, this.nextBackoff(guildId), task);
  }

  cancel(guildId: string): void {
    clearTimeout(this.pending.get(guildId)?.timer);
    this.pending.delete(guildId);
  }

  clear(): void {
    for (const guildId of [...this.pending.keys()]) this.cancel(guildId);
    this.failures.clear();
  }

  private async fire(guildId: string, entry: Pending, task: GuildTask, recovery: GuildTask): Promise<void> {
    entry.timer = undefined;
    try {
      await task.run();
      this.failures.delete(guildId);
      if (this.pending.get(guildId) === entry) this.pending.delete(guildId);
    } catch (error) {
      const current = this.pending.get(guildId) === entry;
      const retryInMs = current ? this.nextBackoff(guildId) : undefined;
      this.log.error(
        { err: error, guildId, ...task.ref, doing: task.doing, retryInMs },
        current ? `could not ${task.doing}; trying again later` : `could not ${task.doing}`,
      );
      if (retryInMs !== undefined) this.set(guildId, retryInMs, recovery);
    }
  }

  private nextBackoff(guildId: string): number {
    const failures = (this.failures.get(guildId) ?? 0) + 1;
    this.failures.set(guildId, failures);
    return backoffDelay(this.backoff, failures);
  }
}
