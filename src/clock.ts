/** The bot's time. Everything that schedules or timestamps asks this, never `new Date()` directly. */
export type Clock = () => Date;

/**
 * Real time, or real time shifted so that start-up happens at `start`: the clock then ticks at the
 * normal rate, so a daily drill due "in two seconds" really fires two seconds later.
 */
export function createClock(start?: string): Clock {
  if (!start) return () => new Date();
  const offset = Date.parse(start) - Date.now();
  return () => new Date(Date.now() + offset);
}
