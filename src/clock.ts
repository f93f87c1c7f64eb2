import { Cron } from 'croner';

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

// The en-CA locale writes dates as YYYY-MM-DD; en-GB with h23 writes times as HH:MM.
const DATE = { locale: 'en-CA', options: { year: 'numeric', month: '2-digit', day: '2-digit' } } as const;
const TIME = { locale: 'en-GB', options: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } } as const;

// Building a formatter costs about 200 µs, formatting with one about 3 µs: scores and boards format per answer
// and per student, so each formatter is built once per timezone.
const formatters = new Map<string, Intl.DateTimeFormat>();

function format(instant: Date, timezone: string, { locale, options }: typeof DATE | typeof TIME): string {
  const cacheKey = `${locale} ${timezone}`;
  let formatter = formatters.get(cacheKey);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { ...options, timeZone: timezone });
    formatters.set(cacheKey, formatter);
  }
  return formatter.format(instant);
}

/** The calendar date (YYYY-MM-DD) at `instant` in `timezone`: a class's "today". */
export function localDate(instant: Date, timezone: string): string {
  return format(instant, timezone, DATE);
}

/** The local HH:MM at `instant` in `timezone`. */
export function localTime(instant: Date, timezone: string): string {
  return format(instant, timezone, TIME);
}

/** The first instant of the next local day in `timezone`: when "today" ends for a class there. */
export function endOfLocalDay(instant: Date, timezone: string): Date {
  // croner handles the daylight-saving days, whose midnights are not 24 hours apart.
  const midnight = new Cron('0 0 * * *', { timezone }).nextRun(instant);
  if (!midnight) throw new Error(`no next midnight in ${timezone}`);
  return midnight;
}
