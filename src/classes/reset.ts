import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { mistakesKey } from '../drills/mistakes.js';
import { cardStatesKey } from '../drills/study.js';
import { firstAttemptsKey } from '../scores/first-attempts.js';
import { classMembers, leaveClass, scoreKey } from '../scores/scoreboard.js';
import { key, type Store } from '../store/index.js';
import { batchesOf } from '../time-slices.js';

/** A reset waiting for the teacher's confirmation; the button carries only its token. */
const pendingResetKey = (guildId: string) =>
  key(`reset:${guildId}`, z.object({ token: z.string(), expiresAt: z.iso.datetime() }));

// Long enough to read the warning, short enough that an old button cannot wipe a later term.
const CONFIRM_WINDOW_MS = 5 * 60_000;
const STUDENTS_PER_DELETE = 50;

export async function requestReset(store: Store, guildId: string, now: Date): Promise<string> {
  const token = randomBytes(9).toString('base64url');
  await store.set(pendingResetKey(guildId), {
    token,
    expiresAt: new Date(now.getTime() + CONFIRM_WINDOW_MS).toISOString(),
  });
  return token;
}

/**
 * Clears every student's score, mistakes, flashcards and first attempts, once, for the token of a pending reset.
 * Settings, decks and past drills stay. Returns how many students were cleared, or undefined when
 * the token is stale.
 */
export async function confirmReset(
  store: Store,
  guildId: string,
  token: string,
  now: Date,
): Promise<number | undefined> {
  let valid = false;
  await store.update(pendingResetKey(guildId), (pending) => {
    // Only this request's own button uses it up: an old button leaves a later request standing.
    if (pending?.token !== token) return pending ?? { token: '', expiresAt: new Date(0).toISOString() };
    valid = Date.parse(pending.expiresAt) > now.getTime();
    return { token: '', expiresAt: new Date(0).toISOString() };
  });
  if (!valid) return undefined;
  // Off the list before their records go: a student answering meanwhile finds no score, and joins again.
  const members = await classMembers(store, guildId);
  await leaveClass(store, guildId, members);
  // A batch at a time: 3,000 deletes started at once held the event loop for nearly 200 ms.
  for (const students of batchesOf(members, STUDENTS_PER_DELETE)) {
    await Promise.all(
      students.flatMap((userId) => [
        store.delete(scoreKey(guildId, userId)),
        store.delete(mistakesKey(guildId, userId)),
        store.delete(cardStatesKey(guildId, userId)),
        store.delete(firstAttemptsKey(guildId, userId)),
      ]),
    );
  }
  return members.length;
}
