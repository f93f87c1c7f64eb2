import { z } from 'zod';
import { localDate } from '../clock.js';

const tally = z.object({ answered: z.number().int().min(0), correct: z.number().int().min(0) });

/** One student's record in one server: everything /score, /leaderboard and the class report show. */
export const scoreSchema = z.object({
  answered: z.number().int().min(0),
  correct: z.number().int().min(0),
  /** Correct answers in a row, ended by a wrong one. */
  streak: z.number().int().min(0),
  bestStreak: z.number().int().min(0),
  topics: z.record(z.string(), tally),
  /** The answers typed rather than picked (recall), counted in `answered` and `correct` too; none before any. */
  recall: tally.optional(),
  /** The class's ISO week (e.g. 2026-W48) that `week` counts, so the weekly board starts afresh each local Monday. */
  weekKey: z.string(),
  week: tally,
  lastActive: z.iso.datetime(),
  /** Days in a row with a daily drill answered, and the local date of the latest. */
  dayStreak: z.number().int().min(0).default(0),
  bestDayStreak: z.number().int().min(0).default(0),
  lastDay: z.string().optional(),
  /** The student's name when they last answered, so a report needs no lookup per student. */
  name: z.string().optional(),
  /** Ids of the latest answers counted, so an answer applied twice (a retry after a crash) counts once. */
  recent: z.array(z.string()),
});

export type Score = z.infer<typeof scoreSchema>;
export type Tally = z.infer<typeof tally>;

// Far more than the answers a crash can leave half-applied, and small enough to keep in every record.
const RECENT_ANSWERS = 100;

export interface Answer {
  /** Unique per answer, e.g. the quiz id and question position. */
  id: string;
  topic: string;
  correct: boolean;
  at: Date;
  /** The local date of the daily drill this answer belongs to; keeps the streak of days. */
  day?: string;
  name?: string;
  /** Typed rather than picked from options: recall rather than recognition. */
  typed?: boolean;
}

function emptyScore(at: Date, timezone: string): Score {
  return {
    answered: 0,
    correct: 0,
    streak: 0,
    bestStreak: 0,
    topics: {},
    weekKey: isoWeek(at, timezone),
    week: { answered: 0, correct: 0 },
    lastActive: at.toISOString(),
    dayStreak: 0,
    bestDayStreak: 0,
    recent: [],
  };
}

/**
 * The score after one more answer; an answer already counted changes nothing. `timezone` is the
 * class's, whose Monday starts the weekly tally.
 */
export function recordAnswer(score: Score | undefined, answer: Answer, timezone: string): Score {
  const before = score ?? emptyScore(answer.at, timezone);
  if (before.recent.includes(answer.id)) return before;
  const point = answer.correct ? 1 : 0;
  const thisWeek = isoWeek(answer.at, timezone);
  const keepsWeek = isWeekUnderway(before.weekKey, thisWeek);
  const weekKey = keepsWeek ? before.weekKey : thisWeek;
  const week = keepsWeek ? before.week : { answered: 0, correct: 0 };
  const topic = before.topics[answer.topic] ?? { answered: 0, correct: 0 };
  const streak = answer.correct ? before.streak + 1 : 0;
  const recall = before.recall ?? { answered: 0, correct: 0 };
  return {
    answered: before.answered + 1,
    correct: before.correct + point,
    streak,
    bestStreak: Math.max(before.bestStreak, streak),
    topics: { ...before.topics, [answer.topic]: { answered: topic.answered + 1, correct: topic.correct + point } },
    ...(answer.typed
      ? { recall: { answered: recall.answered + 1, correct: recall.correct + point } }
      : before.recall
        ? { recall: before.recall }
        : {}),
    weekKey,
    week: { answered: week.answered + 1, correct: week.correct + point },
    lastActive: answer.at.toISOString(),
    ...(answer.name ? { name: answer.name } : before.name ? { name: before.name } : {}),
    ...(answer.day ? countDay(before, answer.day) : pickDays(before)),
    recent: [...before.recent, answer.id].slice(-RECENT_ANSWERS),
  };
}

type Days = Pick<Score, 'dayStreak' | 'bestDayStreak' | 'lastDay'>;

function pickDays({ dayStreak, bestDayStreak, lastDay }: Score): Days {
  return { dayStreak, bestDayStreak, ...(lastDay ? { lastDay } : {}) };
}

/** A drill answered on a new day continues a streak that reached the day before, and starts a new one otherwise. */
function countDay(score: Score, day: string): Days {
  // Dates compare as text (YYYY-MM-DD); a day at or before the last one counted adds nothing.
  if (score.lastDay !== undefined && day <= score.lastDay) return pickDays(score);
  const streak = score.lastDay === dayBefore(day) ? score.dayStreak + 1 : 1;
  return { dayStreak: streak, bestDayStreak: Math.max(streak, score.bestDayStreak), lastDay: day };
}

/**
 * The streak of days while the student can still extend it, else 0. `latestDrill` is the date of the
 * class's latest drill: the only one open to answers, until the next is posted at the drill time of
 * a later day, so "today" would end streaks still alive. The streak stands when the student's last
 * drill day is `latestDrill` or the day before it, because answering the open drill then continues
 * it (see `countDay`). When it is older, or no drill has been posted, the next drill answered starts
 * a new streak, so it reads 0.
 */
export function currentDayStreak(score: Score, latestDrill: string | undefined): number {
  const last = score.lastDay;
  if (last === undefined || latestDrill === undefined) return 0;
  return last === latestDrill || last === dayBefore(latestDrill) ? score.dayStreak : 0;
}

function dayBefore(day: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

/** Share of answers that were right, 0 to 1; 0 before any answer. */
export function accuracy({ answered, correct }: Tally): number {
  return answered === 0 ? 0 : correct / answered;
}

/** The answers picked from options (recognition) and those typed (recall), apart. */
export function recallAndRecognition(score: Score): { recognition: Tally; recall: Tally } {
  const recall = score.recall ?? { answered: 0, correct: 0 };
  return {
    recognition: { answered: score.answered - recall.answered, correct: score.correct - recall.correct },
    recall,
  };
}

/** What this score counts for the period asked, in the class's `timezone`, so a stale week reads as nothing yet. */
export function tallyFor(score: Score, period: 'week' | 'all', now: Date, timezone: string): Tally {
  if (period === 'all') return { answered: score.answered, correct: score.correct };
  return isWeekUnderway(score.weekKey, isoWeek(now, timezone)) ? score.week : { answered: 0, correct: 0 };
}

/**
 * Whether the week a score counts is still the current one. A teacher moving the class's timezone
 * west can take the local date back across Monday, into the week before one students have begun:
 * the begun week stays underway, rather than emptying now and again at the new local Monday.
 */
function isWeekUnderway(counted: string, current: string): boolean {
  // ISO week names (YYYY-Www, zero-padded) compare as text in date order.
  return counted >= current;
}

/** ISO-8601 week of the local date at `instant` in `timezone`, such as 2026-W48 (weeks start on Monday). */
export function isoWeek(instant: Date, timezone: string): string {
  const day = new Date(`${localDate(instant, timezone)}T00:00:00Z`);
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
