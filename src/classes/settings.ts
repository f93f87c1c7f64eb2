import { z } from 'zod';
import { key } from '../store/index.js';

/** What a teacher chose in /class setup; one record per server. */
export const classSettingsSchema = z.object({
  channelId: z.string(),
  timezone: z.string(),
  /** Local time of the daily drill, 24-hour HH:MM. */
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  /** Questions in each daily drill. */
  size: z.number().int().min(1).max(5),
  streaks: z.boolean(),
  leaderboard: z.boolean(),
  /** Members with this role count as teachers, besides those who can manage the server. */
  teacherRoleId: z.string().optional(),
});
export type ClassSettings = z.infer<typeof classSettingsSchema>;

export const classSettingsKey = (guildId: string) => key(`class:${guildId}`, classSettingsSchema);

/** Where a class's days begin and end: the timezone chosen in /class setup, else UTC. */
export const DEFAULT_TIMEZONE = 'UTC';

const TIME_OF_DAY = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** The canonical HH:MM for what a teacher typed (9:05 → 09:05), or undefined when it is not a time. */
export function parseTimeOfDay(text: string): string | undefined {
  const match = TIME_OF_DAY.exec(text.trim());
  if (!match) return undefined;
  return `${(match[1] ?? '').padStart(2, '0')}:${match[2] ?? ''}`;
}

const timezones = new Set(Intl.supportedValuesOf('timeZone'));

export function isTimezone(name: string): boolean {
  return timezones.has(name) || name === 'UTC';
}

/** IANA zones whose name contains what was typed, for autocomplete. */
export function suggestTimezones(typed: string, limit = 25): string[] {
  const needle = typed.trim().toLowerCase().replace(/\s+/g, '_');
  return [...timezones].filter((zone) => zone.toLowerCase().includes(needle)).slice(0, limit);
}
