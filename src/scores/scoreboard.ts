import { z } from 'zod';
import { key, setKey, type Store } from '../store/index.js';
import { batchesOf } from '../time-slices.js';
import { rankStudents, type Standing } from './leaderboard.js';
import { recordAnswer, scoreSchema, type Answer, type Score } from './score.js';

export const scoreKey = (guildId: string, userId: string) => key(`score:${guildId}:${userId}`, scoreSchema);
/**
 * Who has a score in a server: the set a leaderboard or a class report reads scores through. A set, so a
 * whole class answering its first question at once adds itself in parallel instead of queueing to rewrite
 * one list.
 */
const membersSet = (guildId: string) => setKey(`members:${guildId}`);
/** Before the set, the same students were kept as a list record: still read, so no class loses its students. */
const listedMembersKey = (guildId: string) => key(`members:${guildId}`, z.array(z.string()));

/**
 * Counts one answer in the student's score (once, however often it is applied), in the class's `timezone`,
 * which may still be on its way: the score is read meanwhile.
 */
export async function countAnswer(
  store: Store,
  guildId: string,
  userId: string,
  answer: Answer,
  timezone: string | Promise<string>,
): Promise<Score> {
  return store.update(scoreKey(guildId, userId), async (current) => {
    // A student joins the class list with their first score, before it is written: a crash in between
    // leaves a listed student without a score, never a score missing from reports.
    if (!current) await joinClass(store, guildId, userId);
    return recordAnswer(current, answer, await timezone);
  });
}

/** Puts a student on the server's list, so reports, boards and a new term's reset find them. */
export async function joinClass(store: Store, guildId: string, userId: string): Promise<void> {
  await store.addToSet(membersSet(guildId), userId);
}

/** Every student with a score (or flashcards) in the server. */
export async function classMembers(store: Store, guildId: string): Promise<string[]> {
  const [joined, listed = []] = await Promise.all([
    store.setMembers(membersSet(guildId)),
    store.get(listedMembersKey(guildId)),
  ]);
  return [...new Set([...listed, ...joined])];
}

/** Takes students off the server's list (a new term); their records are the caller's to delete. */
export async function leaveClass(store: Store, guildId: string, userIds: readonly string[]): Promise<void> {
  await Promise.all(userIds.map((userId) => store.removeFromSet(membersSet(guildId), userId)));
  await store.delete(listedMembersKey(guildId));
}

export function readScore(store: Store, guildId: string, userId: string): Promise<Score | undefined> {
  return store.get(scoreKey(guildId, userId));
}

// A score keeps its last 100 answers' ids: 1,000 read at once held the event loop for 60 ms, 100 take a few.
const SCORES_PER_READ = 100;

export async function readClassScores(store: Store, guildId: string): Promise<Map<string, Score>> {
  const members = await classMembers(store, guildId);
  const byUser = new Map<string, Score>();
  for (const students of batchesOf(members, SCORES_PER_READ)) {
    const scores = await store.getMany(students.map((userId) => scoreKey(guildId, userId)));
    students.forEach((userId, index) => {
      const score = scores[index];
      if (score) byUser.set(userId, score);
    });
  }
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
