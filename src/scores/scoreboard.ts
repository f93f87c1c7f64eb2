import { z } from 'zod';
import { key, type Store } from '../store/index.js';
import { rankStudents, type Standing } from './leaderboard.js';
import { recordAnswer, scoreSchema, type Answer, type Score } from './score.js';

export const scoreKey = (guildId: string, userId: string) => key(`score:${guildId}:${userId}`, scoreSchema);
/** Who has a score in a server: the index a leaderboard or a class report reads scores through. */
export const membersKey = (guildId: string) => key(`members:${guildId}`, z.array(z.string()));

/** Counts one answer in the student's score (once, however often it is applied), in the class's `timezone`. */
export async function countAnswer(
  store: Store,
  guildId: string,
  userId: string,
  answer: Answer,
  timezone: string,
): Promise<Score> {
  return store.update(scoreKey(guildId, userId), async (current) => {
    // A student joins the class list with their first score, before it is written: a crash in between
    // leaves a listed student without a score, never a score missing from reports.
    if (!current) await joinClass(store, guildId, userId);
    return recordAnswer(current, answer, timezone);
  });
}

/** Puts a student on the server's list, so reports, boards and a new term's reset find them. */
export async function joinClass(store: Store, guildId: string, userId: string): Promise<void> {
  const members = await store.get(membersKey(guildId));
  if (!members?.includes(userId)) {
    await store.update(membersKey(guildId), (list = []) => (list.includes(userId) ? list : [...list, userId]));
  }
}

export function readScore(store: Store, guildId: string, userId: string): Promise<Score | undefined> {
  return store.get(scoreKey(guildId, userId));
}

export async function readClassScores(store: Store, guildId: string): Promise<Map<string, Score>> {
  const members = (await store.get(membersKey(guildId))) ?? [];
  const scores = await store.getMany(members.map((userId) => scoreKey(guildId, userId)));
  const byUser = new Map<string, Score>();
  members.forEach((userId, index) => {
    const score = scores[index];
    if (score) byUser.set(userId, score);
  });
  return byUser;
}

export async function classStandings(
  store: Store,
  guildId: string,
  period: 'week' | 'all',
  now: Date,
  timezone: string,
): Promise<Standing[]> {
  return rankStudents(await readClassScores(store, guildId), period, now, timezone);
}
