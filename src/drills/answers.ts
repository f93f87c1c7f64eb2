import { classSettingsKey, DEFAULT_TIMEZONE } from '../classes/settings.js';
import { rememberFirstAttempt } from '../scores/first-attempts.js';
import { countAnswer } from '../scores/scoreboard.js';
import type { Store } from '../store/index.js';
import { rememberAnswer, type Confidence } from './mistakes.js';
import type { Question } from './questions.js';

export interface Student {
  guildId: string;
  userId: string;
  name: string;
}

export interface CountedAnswer {
  /** Unique per answer (quiz, live game or drill, and question), so counting it twice counts once. */
  id: string;
  question: Question;
  correct: boolean;
  /** The option picked; none when the answer was typed. */
  choice?: number;
  at: Date;
  /** The daily drill's local date, which keeps the streak of days. */
  day?: string;
  /** Typed rather than picked: recall, which /score shows beside recognition. */
  typed?: boolean;
  /** How sure the student said they were; a wrong answer given while sure goes to the front of /review. */
  confidence?: Confidence;
}

/**
 * An answer from any drill (quiz, live quiz, daily drill): counted in the score, kept for /review if wrong, and kept
 * as the student's first attempt at the question for the class's question analysis.
 */
export async function countDrillAnswer(store: Store, student: Student, answer: CountedAnswer): Promise<void> {
  const { guildId, userId, name } = student;
  const { id, question, correct, choice, at, day, typed, confidence } = answer;
  // Read per answer rather than passed in by each drill, so a timezone changed mid-quiz counts at once. The
  // four records are read, and the three written, side by side: a student waits on two round trips, not seven.
  const timezone = store.get(classSettingsKey(guildId)).then((settings) => settings?.timezone ?? DEFAULT_TIMEZONE);
  // Awaited inside the score's update, which may fail first: a settings read failing meanwhile is not unhandled.
  timezone.catch(() => {});
  await Promise.all([
    countAnswer(
      store,
      guildId,
      userId,
      { id, topic: question.topic, correct, at, name, ...(day ? { day } : {}), ...(typed ? { typed } : {}) },
      timezone,
    ),
    rememberAnswer(store, guildId, userId, question, correct, confidence),
    rememberFirstAttempt(store, guildId, userId, {
      id: question.id,
      correct,
      ...(choice === undefined ? {} : { choice }),
    }),
  ]);
}
