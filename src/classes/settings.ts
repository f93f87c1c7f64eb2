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

// Zone names start with a letter. Newer engines also take UTC offsets such as +05:30 as a timeZone,
// but an offset never shifts for daylight saving, so a class on one would drift an hour off its day.
const ZONE_NAME = /^[A-Za-z]/;

/** Any IANA zone name Intl knows, current or old (Asia/Kolkata and Asia/Calcutta alike). */
export function isTimezone(name: string): boolean {
  if (!ZONE_NAME.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch (error) {
    if (error instanceof RangeError) return false;
    throw error;
  }
}

// Node 20's list spells these places the old way (Asia/Calcutta, Europe/Kiev); teachers look for today's names.
// Taken from the tz database's zone.tab: every name there that Node's list lacks, and UTC, the default.
const CURRENT_NAMES_NODE_DOES_NOT_LIST = [
  'Africa/Asmara',
  'America/Argentina/Buenos_Aires',
  'America/Argentina/Catamarca',
  'America/Argentina/Cordoba',
  'America/Argentina/Jujuy',
  'America/Argentina/Mendoza',
  'America/Atikokan',
  'America/Indiana/Indianapolis',
  'America/Kentucky/Louisville',
  'America/Nuuk',
  'Asia/Ho_Chi_Minh',
  'Asia/Kathmandu',
  'Asia/Kolkata',
  'Asia/Yangon',
  'Atlantic/Faroe',
  'Europe/Kyiv',
  'Pacific/Chuuk',
  'Pacific/Kanton',
  'Pacific/Pohnpei',
  'UTC',
];

// The current names come first, so one shows above its old alias when a search matches both.
const timezones = [
  ...new Set([...CURRENT_NAMES_NODE_DOES_NOT_LIST.filter(isTimezone), ...Intl.supportedValuesOf('timeZone')]),
];

/** Zones whose name contains what was typed, for autocomplete. */
export function suggestTimezones(typed: string, limit = 25): string[] {
  const needle = typed.trim().toLowerCase().replace(/\s+/g, '_');
  return timezones.filter((zone) => zone.toLowerCase().includes(needle)).slice(0, limit);
}
