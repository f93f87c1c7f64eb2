import { classSettingsKey, DEFAULT_TIMEZONE } from '../classes/settings.js';
import { countAnswer } from '../scores/scoreboard.js';
import type { Store } from '../store/index.js';
import { rememberAnswer } from './mistakes.js';
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
  at: Date;
  /** The daily drill's local date, which keeps the streak of days. */
  day?: string;
}

/** An answer from any drill (quiz, live quiz, daily drill): counted in the score, and kept for /review if wrong. */
export async function countDrillAnswer(store: Store, student: Student, answer: CountedAnswer): Promise<void> {
  const { guildId, userId, name } = student;
  const { id, question, correct, at, day } = answer;
  // Read per answer rather than passed in by each drill, so a timezone changed mid-quiz counts at once. The
  // three records are read, and the two written, side by side: a student waits on two round trips, not five.
  const timezone = store.get(classSettingsKey(guildId)).then((settings) => settings?.timezone ?? DEFAULT_TIMEZONE);
  // Awaited inside the score's update, which may fail first: a settings read failing meanwhile is not unhandled.
  timezone.catch(() => {});
  await Promise.all([
    countAnswer(
      store,
      guildId,
      userId,
      { id, topic: question.topic, correct, at, name, ...(day ? { day } : {}) },
      timezone,
    ),
    rememberAnswer(store, guildId, userId, question, correct),
  ]);
}
