import type { SqlQuery } from './atomic.js';

/** Deletes records whose time to live has passed; resolves with how many went. */
export type SweepExpired = () => Promise<number>;

// Small batches keep each DELETE's row locks short, so a sweep never holds up the answers being counted.
const BATCH = 500;

/**
 * The SQL adapters keep an expired row until someone reads it again (Keyv then hides it), so finished quizzes
 * and flashcard rounds would pile up for good. The expiry is inside the value, Keyv's `{"value":…,"expires":N}`:
 * SQLite reads it with json_extract; PostgreSQL, whose column is plain text that may not be JSON, with a
 * pattern anchored on the entry's last field.
 */
export function sqlSweeper(
  sql: SqlQuery,
  dialect: 'sqlite' | 'postgres',
  table: string,
  namespace: string,
  now: () => number = Date.now,
): SweepExpired {
  const expired =
    dialect === 'sqlite'
      ? `key LIKE $1 AND json_valid(value) AND json_extract(value, '$.expires') < $2`
      : `key LIKE $1 AND substring(value from '"expires":([0-9]+)[}]$')::bigint < $2`;
  const statement = `DELETE FROM ${table} WHERE key IN (SELECT key FROM ${table} WHERE ${expired} LIMIT $3) RETURNING key`;
  return async () => {
    const pattern = `${namespace}:%`;
    const cutoff = now();
    let deleted = 0;
    for (;;) {
      const rows = await sql(statement, [pattern, cutoff, BATCH]);
      deleted += rows.length;
      if (rows.length < BATCH) return deleted;
    }
  };
}

/**
 * Runs `sweep` every `everyMs`, give or take a tenth so processes sharing a database do not sweep in step.
 * The first sweep waits a whole interval: start-up does no I/O it can put off. A failed sweep is reported
 * and the next one tries again. Returns the function that stops it.
 */
export function sweepRegularly(
  sweep: SweepExpired,
  everyMs: number,
  report: { swept(deleted: number): void; failed(error: unknown): void },
): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(
      () => {
        sweep()
          .then((deleted) => report.swept(deleted), report.failed)
          .finally(schedule);
      },
      everyMs * (0.9 + Math.random() * 0.2),
    );
    timer.unref();
  };
  schedule();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
