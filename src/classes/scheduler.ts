import { Cron } from 'croner';
import type { Clock } from '../clock.js';
import { GuildTimers, type Backoff, type GuildTask } from '../guild-timers.js';
import type { Logger } from '../log.js';
import { dailyPattern } from './daily.js';
import type { ClassSettings } from './settings.js';

// A drill that could not be posted (Discord down, a permission missing, the store away) is tried again within a
// minute, then less and less often, so a server whose wake keeps failing (a timezone a newer Node no longer
// knows) costs a log line every half hour rather than a stream of them.
const RETRY: Backoff = { firstMs: 60_000, maxMs: 30 * 60_000 };

/**
 * Wakes each class at its daily drill time. croner does the timezone arithmetic; the wait itself is
 * measured on the bot's clock, so a clock started at a chosen instant fires at the chosen moment.
 * What to do on waking (post if due, once) is `wake`'s business, so a duplicate wake is harmless, and a failed
 * one (the wake or the rescheduling after it) is simply woken again later.
 */
export class DailyScheduler {
  private readonly timers: GuildTimers;
  /** The latest settings per server, so a wake in progress reschedules with what the teacher set last. */
  private readonly settings = new Map<string, ClassSettings>();

  constructor(
    private readonly clock: Clock,
    private readonly wake: (guildId: string) => Promise<void>,
    log: Logger,
  ) {
    this.timers = new GuildTimers(log, RETRY);
  }

  /** Throws when croner cannot work out the next drill time (a timezone this Node does not know). */
  schedule(guildId: string, settings: ClassSettings): void {
    this.settings.set(guildId, settings);
    const next = new Cron(dailyPattern(settings), { timezone: settings.timezone }).nextRun(this.clock());
    if (next) this.timers.set(guildId, next.getTime() - this.clock().getTime(), this.wakeTask(guildId));
  }

  /** After a failed post: wake again within minutes rather than tomorrow. */
  retrySoon(guildId: string): void {
    this.timers.retryLater(guildId, this.wakeTask(guildId));
  }

  private wakeTask(guildId: string): GuildTask {
    return {
      doing: 'post the daily drill',
      run: async () => {
        await this.wake(guildId);
        this.rescheduleLatest(guildId);
      },
    };
  }

  private rescheduleLatest(guildId: string): void {
    const settings = this.settings.get(guildId);
    if (settings) this.schedule(guildId, settings);
  }

  stop(): void {
    this.timers.clear();
  }
}
