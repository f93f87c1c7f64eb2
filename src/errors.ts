/**
 * An expected failure written for the student or teacher (unknown term, not your quiz, bad deck row).
 * The interaction router shows its message ephemerally; anything else is a bug and gets a reference id.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
}

/** A content file that does not match the course schema; start-up stops with this message. */
export class ContentError extends Error {
  override readonly name = 'ContentError';
}
