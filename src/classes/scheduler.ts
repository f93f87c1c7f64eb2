import { Cron } from 'croner';
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import { dailyPattern } from './daily.js';
import type { ClassSettings } from './settings.js';

// A drill that could not be posted (Discord down, a permission missing) is tried again this soon.
const RETRY_MS = 5 * 60_000;

/**
 * Wakes each class at its daily drill time. croner does the timezone arithmetic; the wait itself is
 * measured on the bot's clock, so a clock started at a chosen instant fires at the chosen moment.
 * What to do on waking (post if due, once) is `wake`'s business, so a duplicate wake is harmless.
 */
export class DailyScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** The latest settings per server, so a wake in progress reschedules with what the teacher set last. */
  private readonly settings = new Map<string, ClassSettings>();

  constructor(
    private readonly clock: Clock,
    private readonly wake: (guildId: string) => Promise<void>,
    private readonly log: Logger,
  ) {}

  schedule(guildId: string, settings: ClassSettings): void {
    this.settings.set(guildId, settings);
    const next = new Cron(dailyPattern(settings), { timezone: settings.timezone }).nextRun(this.clock());
    if (next) this.wakeIn(guildId, next.getTime() - this.clock().getTime());
  }

  /** After a failed post: wake again in a few minutes rather than tomorrow. */
  retrySoon(guildId: string): void {
    this.wakeIn(guildId, RETRY_MS);
  }

  private wakeIn(guildId: string, delayMs: number): void {
    this.cancel(guildId);
    const timer = setTimeout(
      () => {
        this.timers.delete(guildId);
        this.wake(guildId).then(
          () => this.rescheduleLatest(guildId),
          (error: unknown) => {
            this.log.error({ err: error, guildId }, 'daily drill failed; trying again soon');
            this.retrySoon(guildId);
          },
        );
      },
      Math.max(0, delayMs),
    );
    // A pending drill must not keep a stopping process alive.
    timer.unref();
    this.timers.set(guildId, timer);
  }

  private rescheduleLatest(guildId: string): void {
    const settings = this.settings.get(guildId);
    if (settings) this.schedule(guildId, settings);
  }

  private cancel(guildId: string): void {
    clearTimeout(this.timers.get(guildId));
    this.timers.delete(guildId);
  }

  stop(): void {
    for (const guildId of [...this.timers.keys()]) this.cancel(guildId);
  }
}
