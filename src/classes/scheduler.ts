import { Cron } from 'croner';
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import { dailyPattern } from './daily.js';
import type { ClassSettings } from './settings.js';

/**
 * Wakes each class at its daily drill time. croner does the timezone arithmetic; the wait itself is
 * measured on the bot's clock, so a clock started at a chosen instant fires at the chosen moment.
 * What to do on waking (post if due, once) is `wake`'s business, so a duplicate wake is harmless.
 */
export class DailyScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly clock: Clock,
    private readonly wake: (guildId: string) => Promise<void>,
    private readonly log: Logger,
  ) {}

  schedule(guildId: string, settings: ClassSettings): void {
    this.cancel(guildId);
    const next = new Cron(dailyPattern(settings), { timezone: settings.timezone }).nextRun(this.clock());
    if (!next) return;
    const timer = setTimeout(
      () => {
        this.timers.delete(guildId);
        this.wake(guildId)
          .catch((error: unknown) => this.log.error({ err: error, guildId }, 'daily drill failed'))
          .finally(() => this.schedule(guildId, settings));
      },
      Math.max(0, next.getTime() - this.clock().getTime()),
    );
    // A pending drill must not keep a stopping process alive.
    timer.unref();
    this.timers.set(guildId, timer);
  }

  cancel(guildId: string): void {
    clearTimeout(this.timers.get(guildId));
    this.timers.delete(guildId);
  }

  stop(): void {
    for (const guildId of [...this.timers.keys()]) this.cancel(guildId);
  }
}
