import { Cron } from 'croner';
import type { Clock } from '../clock.js';
import { GuildTimers } from '../guild-timers.js';
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
  private readonly timers = new GuildTimers();
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
    this.timers.set(guildId, delayMs, () => {
      this.wake(guildId).then(
        () => this.rescheduleLatest(guildId),
        (error: unknown) => {
          this.log.error({ err: error, guildId }, 'daily drill failed; trying again soon');
          this.retrySoon(guildId);
        },
      );
    });
  }

  private rescheduleLatest(guildId: string): void {
    const settings = this.settings.get(guildId);
    if (settings) this.schedule(guildId, settings);
  }

  stop(): void {
    this.timers.clear();
  }
}
