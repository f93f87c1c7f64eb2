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

// Node's sockets (a refused or dropped connection), PostgreSQL (SQLSTATE class 08 is a connection failure;
// 57P01–57P03 a server shutting down or not yet accepting connections) and SQLite (another connection holds the
// file) give these codes for failures that pass once the store is back.
const OUTAGE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
]);

// node-redis throws these classes without a code or a name of their own; they belong to a package Lectern
// reaches only through @keyv/redis, so they are known by their class names. The last two are the store's own:
// an update that kept meeting other writers, and a cross-process lock held too long.
const OUTAGE_CLASSES = new Set([
  'ClientOfflineError',
  'ClientClosedError',
  'SocketClosedUnexpectedlyError',
  'ConnectionTimeoutError',
  'SocketTimeoutError',
  'ReconnectStrategyError',
  'StoreConflictError',
  'StoreLockTimeoutError',
]);

// pg and @keyv/redis say so only in words.
const OUTAGE_MESSAGES = [
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /^Redis client is not connected/,
  /^Redis timed out after/,
];

/**
 * Whether `error` means the store could not be reached for now (a dropped connection, a server restarting, a
 * record too busy), rather than a bug: the student is asked to try again in a moment, and a timer tries again.
 * Looks through `cause` and an AggregateError's `errors`, where drivers put the socket's own failure.
 */
export function isStoreOutage(error: unknown): boolean {
  const seen = new Set<unknown>();
  const look = (candidate: unknown): boolean => {
    if (!(candidate instanceof Error) || seen.has(candidate)) return false;
    seen.add(candidate);
    const code = (candidate as { code?: unknown }).code;
    if (typeof code === 'string' && (OUTAGE_CODES.has(code) || code.startsWith('08'))) return true;
    if (OUTAGE_CLASSES.has(candidate.name) || OUTAGE_CLASSES.has(candidate.constructor.name)) return true;
    if (OUTAGE_MESSAGES.some((pattern) => pattern.test(candidate.message))) return true;
    const inner = candidate instanceof AggregateError ? (candidate.errors as unknown[]) : [];
    return [candidate.cause, ...inner].some(look);
  };
  return look(error);
}
