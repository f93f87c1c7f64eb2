import { z } from 'zod';
import { key, type Store } from '../store/index.js';
import { batchesOf } from '../time-slices.js';
import { classMembers } from './scoreboard.js';

// More than the course's questions and a deck or two: older first attempts make way for new ones. About 25 kB.
const MAX_FIRST_ATTEMPTS = 500;

const firstAttemptSchema = z.object({
  /** The question's id. */
  id: z.string(),
  /** The option picked; none when the answer was typed. */
  choice: z.number().int().min(0).optional(),
  correct: z.boolean(),
});
/** How a student first answered a question: what item analysis reads, since later tries have seen the answer. */
export type FirstAttempt = z.infer<typeof firstAttemptSchema>;

/** A student's first attempt at each question, oldest first: the student's own, so a class answering never queues. */
export const firstAttemptsKey = (guildId: string, userId: string) =>
  key(`first-attempts:${guildId}:${userId}`, z.array(firstAttemptSchema));

/** Keeps a student's first attempt at a question; a later attempt, or the same one counted again, changes nothing. */
export async function rememberFirstAttempt(
  store: Store,
  guildId: string,
  userId: string,
  attempt: FirstAttempt,
): Promise<void> {
  await store.update(firstAttemptsKey(guildId, userId), (attempts = []) => {
    if (attempts.some((earlier) => earlier.id === attempt.id)) return attempts;
    return [...attempts, attempt].slice(-MAX_FIRST_ATTEMPTS);
  });
}

// Each record is a few dozen kilobytes: a hundred read at once keep the event loop free enough.
const STUDENTS_PER_READ = 100;

/** Every student's first attempts in a server, by student; reading changes nothing. */
export async function readClassFirstAttempts(store: Store, guildId: string): Promise<Map<string, FirstAttempt[]>> {
  const byStudent = new Map<string, FirstAttempt[]>();
  for (const students of batchesOf(await classMembers(store, guildId), STUDENTS_PER_READ)) {
    const records = await store.getMany(students.map((userId) => firstAttemptsKey(guildId, userId)));
    students.forEach((userId, index) => {
      const attempts = records[index];
      if (attempts && attempts.length > 0) byStudent.set(userId, attempts);
    });
  }
  return byStudent;
}
