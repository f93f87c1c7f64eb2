import { randomBytes } from 'node:crypto';

/** A quiz or a round of flashcards left for a week is gone; what it counted stays in scores and schedules. */
export const SESSION_TTL_MS = 7 * 24 * 60 * 60_000;

/** An opaque id that cannot be guessed, so a made-up custom_id finds no session. */
export function newSessionId(): string {
  return randomBytes(12).toString('base64url');
}

/** Whether a custom_id's session part could be one of ours, checked before any store access. */
export function isSessionId(id: string): boolean {
  return /^[\w-]{16}$/.test(id);
}
