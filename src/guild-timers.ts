/**
 * At most one pending timer per server: setting one replaces the one before. A pending timer never
 * keeps a stopping process alive.
 */
export class GuildTimers {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  set(guildId: string, delayMs: number, run: () => void): void {
    this.cancel(guildId);
    const timer = setTimeout(
      () => {
        this.timers.delete(guildId);
        run();
      },
      Math.max(0, delayMs),
    );
    timer.unref();
    this.timers.set(guildId, timer);
  }

  cancel(guildId: string): void {
    clearTimeout(this.timers.get(guildId));
    this.timers.delete(guildId);
  }

  clear(): void {
    for (const guildId of [...this.timers.keys()]) this.cancel(guildId);
  }
}
