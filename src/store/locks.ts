import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A lock shared by every process using the same database, taken around each read-modify-write.
 *
 * These are lease locks: a holder that crashes only blocks others until its lease runs out. The
 * price is that a holder stalled for longer than the lease (a read-modify-write normally takes
 * milliseconds) can lose the lock while still writing; Keyv offers no conditional write that could
 * fence it off, so that case is not covered.
 */
export interface CrossProcessLock {
  /** Waits until `name` is free, takes it, and returns the function that gives it back (never throws). */
  acquire(name: string): Promise<() => Promise<void>>;
}

export interface LeaseTiming {
  /** How long a taken lock stays valid if its holder never releases it. */
  leaseMs: number;
  /** How long `acquire` keeps retrying before it gives up; longer than the lease so a crashed holder's lock is outlived. */
  waitMs: number;
}

export const defaultLeaseTiming: LeaseTiming = { leaseMs: 10_000, waitMs: 15_000 };

export class StoreLockTimeoutError extends Error {
  override readonly name = 'StoreLockTimeoutError';
}

type TryTake = (token: string) => Promise<boolean>;
type Give = (token: string) => Promise<void>;

/** Polls `tryTake` with a growing, jittered delay so waiting processes do not retry in lockstep. */
async function takeLease(
  name: string,
  timing: LeaseTiming,
  tryTake: TryTake,
  give: Give,
  reportError: (error: unknown) => void,
): Promise<() => Promise<void>> {
  const token = randomUUID();
  const deadline = Date.now() + timing.waitMs;
  let delayMs = 2;
  while (!(await tryTake(token))) {
    if (Date.now() >= deadline) {
      throw new StoreLockTimeoutError(`store lock "${name}" still held by another process after ${timing.waitMs} ms`);
    }
    await sleep(delayMs + Math.random() * delayMs);
    delayMs = Math.min(delayMs * 2, 100);
  }
  // A failed release must not fail the write that already happened (a caller would retry and count
  // twice); the lease expires by itself, so reporting is enough.
  return () => give(token).catch(reportError);
}

/** The subset of the node-redis client the Redis lease lock uses. */
export interface RedisLockClient {
  set(
    key: string,
    value: string,
    options: { condition: 'NX'; expiration: { type: 'PX'; value: number } },
  ): Promise<string | null>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

// Deletes the lock only if it still carries our token, so a holder whose lease ran out cannot
// release a lock another process has since taken.
const releaseIfOwned = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/** `SET key token NX PX lease`: atomic take-if-free with expiry, the standard single-instance Redis lock. */
export class RedisLeaseLock implements CrossProcessLock {
  constructor(
    private readonly client: () => Promise<RedisLockClient>,
    /** Kept outside Keyv's `namespace::` key space, so locks never show up as records. */
    private readonly keyPrefix: string,
    private readonly reportError: (error: unknown) => void,
    private readonly timing: LeaseTiming = defaultLeaseTiming,
  ) {}

  async acquire(name: string): Promise<() => Promise<void>> {
    const lockKey = `${this.keyPrefix}${name}`;
    const redis = await this.client();
    return takeLease(
      name,
      this.timing,
      async (token) =>
        (await redis.set(lockKey, token, {
          condition: 'NX',
          expiration: { type: 'PX', value: this.timing.leaseMs },
        })) === 'OK',
      async (token) => {
        await redis.eval(releaseIfOwned, { keys: [lockKey], arguments: [token] });
      },
      this.reportError,
    );
  }
}

/** Runs one SQL statement with positional `$1, $2…` parameters and returns its rows. */
export type SqlQuery = (statement: string, parameters?: readonly unknown[]) => Promise<unknown[]>;

/**
 * Lease lock rows in a table of their own, written with one atomic upsert: insert the lock, or take
 * over a row whose lease has run out; `RETURNING` tells whether we got it. The same SQL runs on
 * PostgreSQL and SQLite (3.35+). Expiry uses this process's clock, fine for processes on one host
 * (the restart-overlap case); hosts with skewed clocks would shorten or stretch the lease.
 */
export class SqlLeaseLock implements CrossProcessLock {
  private tableReady: Promise<void> | undefined;

  constructor(
    private readonly sql: SqlQuery,
    /** A plain identifier, checked by the caller: it is put into the SQL text. */
    private readonly table: string,
    private readonly keyPrefix: string,
    private readonly reportError: (error: unknown) => void,
    private readonly timing: LeaseTiming = defaultLeaseTiming,
  ) {}

  async acquire(name: string): Promise<() => Promise<void>> {
    await this.ensureTable();
    const lockName = `${this.keyPrefix}${name}`;
    const take = `INSERT INTO ${this.table} (name, token, expires_at) VALUES ($1, $2, $3)
      ON CONFLICT (name) DO UPDATE SET token = excluded.token, expires_at = excluded.expires_at
      WHERE ${this.table}.expires_at < $4
      RETURNING token`;
    return takeLease(
      name,
      this.timing,
      async (token) => {
        const now = Date.now();
        const rows = await this.sql(take, [lockName, token, now + this.timing.leaseMs, now]);
        return rows.length === 1;
      },
      async (token) => {
        await this.sql(`DELETE FROM ${this.table} WHERE name = $1 AND token = $2`, [lockName, token]);
      },
      this.reportError,
    );
  }

  private ensureTable(): Promise<void> {
    const create = `CREATE TABLE IF NOT EXISTS ${this.table} (
      name VARCHAR(512) PRIMARY KEY, token VARCHAR(64) NOT NULL, expires_at BIGINT NOT NULL)`;
    // Two processes creating the table at once can make PostgreSQL's IF NOT EXISTS fail on a
    // catalog unique index; the second attempt then finds the table.
    this.tableReady ??= this.sql(create)
      .catch(() => this.sql(create))
      .then(
        () => undefined,
        (error: unknown) => {
          this.tableReady = undefined;
          throw error;
        },
      );
    return this.tableReady;
  }
}
