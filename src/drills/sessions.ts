import { randomBytes } from 'node:crypto';
import { UserError } from '../errors.js';
import type { Key, Store } from '../store/index.js';

/** A quiz or a round of flashcards left for a week is gone; what it counted stays in scores and schedules. */
export const SESSION_TTL_MS = 7 * 24 * 60 * 60_000;

/** An opaque id that cannot be guessed, so a made-up custom_id finds no session. */
export function newSessionId(): string {
  return randomBytes(12).toString('base64url');
}

/** Whether a custom_id's session part could be one of ours, checked before any store access. */
function isSessionId(id: string): boolean {
  return /^[\w-]{16}$/.test(id);
}

/** What a student is told when a click names a session that is gone, or someone else's. */
export interface SessionRefusals {
  gone: string;
  notYours: string;
}

/**
 * Changes the student's own session; anyone else's, or one that does not exist, is refused politely.
 * The check runs inside the update, so a click reads its session once.
 */
export function changeOwnSession<T extends { userId: string }>(
  store: Store,
  sessionKey: (id: string) => Key<T>,
  id: string,
  userId: string,
  refusals: SessionRefusals,
  change: (session: T) => T | Promise<T>,
): Promise<T> {
  if (!isSessionId(id)) return Promise.reject(new UserError(refusals.gone));
  return store.update(sessionKey(id), (current) => {
    if (!current) throw new UserError(refusals.gone);
    if (current.userId !== userId) throw new UserError(refusals.notYours);
    return change(current);
  });
}
