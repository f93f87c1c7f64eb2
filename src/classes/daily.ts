import { z } from 'zod';
import type { Question } from '../drills/questions.js';
import { storedQuestionSchema } from '../drills/quiz.js';
import { key } from '../store/index.js';
import { interleaveTopics } from '../drills/interleave.js';
import { randomFor, shuffled } from '../drills/random.js';
import { localDate, localTime } from '../clock.js';
import type { ClassSettings } from './settings.js';

/** One day's drill in a server: the questions posted. Each student's choices are a sheet of their own. */
export const dailySchema = z.object({
  guildId: z.string(),
  date: z.string(),
  channelId: z.string(),
  /** The drill before this one, whose results open the first post. */
  previousDate: z.string().optional(),
  /** The posts made so far, one per question in order: fewer than the questions means posting is unfinished. */
  messageIds: z.array(z.string()),
  /** While a process is posting, until when others leave it alone; a crash lets the lease lapse. */
  postingUntil: z.iso.datetime().optional(),
  questions: z.array(storedQuestionSchema).min(1),
  /**
   * Choices as drills kept them before each student had a sheet; still read, so a drill from then shows
   * its results. New answers go to sheets: a whole class answering at once must not queue on one record.
   */
  answers: z.record(z.string(), z.array(z.number().int().nullable())).optional(),
});
export type Daily = z.infer<typeof dailySchema>;

/** A student's choice per question of one day's drill, null where not answered yet. */
export const sheetSchema = z.array(z.number().int().nullable());
export type Sheet = z.infer<typeof sheetSchema>;

export const dailyKey = (guildId: string, date: string) => key(`daily:${guildId}:${date}`, dailySchema);
// A sheet is only read for the results the next drill opens with; a month covers any break in the drills.
const SHEET_TTL_MS = 31 * 24 * 60 * 60_000;
export const sheetKey = (guildId: string, date: string, userId: string) =>
  key(`daily-sheet:${guildId}:${date}:${userId}`, sheetSchema, { ttlMs: SHEET_TTL_MS });
/** The date of the server's latest drill: the one students can answer, and the next post's "last drill". */
export const lastDailyKey = (guildId: string) => key(`daily-last:${guildId}`, z.string());

/**
 * The local date whose drill should be out by `now`, or undefined before the set time. Only today
 * counts: a day the bot slept through entirely is not posted the day after.
 */
export function dueDate(settings: ClassSettings, now: Date): string | undefined {
  return localTime(now, settings.timezone) >= settings.time ? localDate(now, settings.timezone) : undefined;
}

/** A cron pattern for croner: every day at the set minute, read in the server's timezone. */
export function dailyPattern(settings: ClassSettings): string {
  const [hours, minutes] = settings.time.split(':');
  return `${Number(minutes)} ${Number(hours)} * * *`;
}

export interface ClassSignals {
  /** How many students of the class currently have each question among their mistakes. */
  mistakeCounts: Map<string, number>;
  /** Question ids about cards that are due in students' own flashcard schedules. */
  dueCardQuestions: Set<string>;
}

/**
 * The day's questions: those the class keeps getting wrong first, then those about cards students
 * have due, then the rest of the bank, each group in an order fixed by the date. That decides which
 * questions are drawn; they are posted with topics taking turns, the most wanted first where it can be.
 */
export function drawDaily(bank: readonly Question[], signals: ClassSignals, size: number, date: string): Question[] {
  const random = randomFor(0, `daily:${date}`);
  const byId = new Map(bank.map((question) => [question.id, question]));
  const missed = [...signals.mistakeCounts].sort(([, a], [, b]) => b - a).flatMap(([id]) => byId.get(id) ?? []);
  const due = shuffled(
    bank.filter((question) => signals.dueCardQuestions.has(question.id)),
    random,
  );
  const rest = shuffled(bank, random);
  const picked = new Map<string, Question>();
  for (const question of [...missed, ...due, ...rest]) {
    if (picked.size >= size) break;
    picked.set(question.id, question);
  }
  return interleaveTopics([...picked.values()]);
}

export type DailyAnswer =
  | { outcome: 'counted'; sheet: Sheet; question: Question; correct: boolean }
  | { outcome: 'already-answered'; sheet: Sheet | undefined }
  | { outcome: 'no-such-question'; sheet: Sheet | undefined };

/** A student's click on the drill, on their `sheet`: the first choice per question counts, later ones do not. */
export function answerDaily(daily: Daily, sheet: Sheet | undefined, position: number, choice: number): DailyAnswer {
  const question = daily.questions[position];
  if (!question || !Number.isInteger(choice) || choice < 0 || choice >= question.options.length) {
    return { outcome: 'no-such-question', sheet };
  }
  const mine = sheet ?? daily.questions.map(() => null);
  if (mine[position] !== null && mine[position] !== undefined) return { outcome: 'already-answered', sheet };
  return {
    outcome: 'counted',
    sheet: mine.map((previous, index) => (index === position ? choice : previous)),
    question,
    correct: choice === question.answer,
  };
}

export interface DayResults {
  /** Students who answered at least one question. */
  students: number;
  /** The question with the lowest share of right answers, among those answered. */
  hardest: { question: Question; right: number; answered: number } | undefined;
}

/** A past drill, as the next one opens with it. */
export interface PreviousDay {
  date: string;
  results: DayResults;
}

/** The class's results from its students' `sheets` (and the choices kept in the drill itself, by older versions). */
export function dayResults(daily: Daily, studentSheets: readonly Sheet[]): DayResults {
  const sheets = [...Object.values(daily.answers ?? {}), ...studentSheets];
  const tallies = daily.questions.map((question, index) => {
    const choices = sheets.map((sheet) => sheet[index]).filter((choice) => choice !== null && choice !== undefined);
    return { question, answered: choices.length, right: choices.filter((choice) => choice === question.answer).length };
  });
  const hardest = tallies
    .filter((tally) => tally.answered > 0)
    .sort((a, b) => a.right / a.answered - b.right / b.answered)[0];
  return { students: sheets.filter((sheet) => sheet.some((choice) => choice !== null)).length, hardest };
}

export function isFullyPosted(daily: Daily): boolean {
  return daily.messageIds.length >= daily.questions.length;
}
