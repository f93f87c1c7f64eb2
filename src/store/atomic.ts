/**
 * Each backend's own atomic primitives, under the typed `Store`: a compare-and-set of one record, and sets
 * whose members are added and removed one at a time.
 *
 * Compare-and-set is what makes `Store.update` safe across processes and machines without a lock: an update
 * reads the record, computes, and writes only if the record still holds what it read; a write in between
 * makes it read and compute again. Nothing is held while the caller computes, so a process killed mid-update
 * blocks nobody. Sets let many students join one list at once without rewriting (and queueing behind) a
 * record that lists them all.
 */
export interface AtomicBackend {
  /** The record as stored (Keyv's serialized entry, expired or not), or undefined when there is none. */
  readRaw(name: string): Promise<string | undefined>;
  /**
   * Stores `next` only if the record still holds `expected` (undefined: no record). When it does not, says
   * what it holds instead, in the same round trip: a process that lost a race retries as quickly as the
   * one that won it, so neither can starve the other.
   */
  writeIfUnchanged(
    name: string,
    expected: string | undefined,
    next: string,
    ttlMs: number | undefined,
  ): Promise<WriteOutcome>;
  /** Adds `member` to the set `name`; returns whether it was new. */
  addToSet(name: string, member: string): Promise<boolean>;
  setMembers(name: string): Promise<string[]>;
  removeFromSet(name: string, member: string): Promise<void>;
  deleteSet(name: string): Promise<void>;
}

export type WriteOutcome = { written: true } | { written: false; current: string | undefined };

/** Runs one SQL statement with positional `$1, $2…` parameters and returns its rows. */
export type SqlQuery = (statement: string, parameters?: readonly unknown[]) => Promise<unknown[]>;

/** The subset of the node-redis client the Redis primitives use. */
export interface RedisAtomicClient {
  get(key: string): Promise<string | null>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  sAdd(key: string, member: string): Promise<number>;
  sMembers(key: string): Promise<string[]>;
  sRem(key: string, member: string): Promise<number>;
  del(key: string): Promise<number>;
}

// ARGV: 1 if a record is expected, the expected value, the new value, the time to live in ms (0: none).
// Returns {1} when written, else {0} with the record as it is ({0} alone when there is none).
const setIfUnchanged = `
local current = redis.call('GET', KEYS[1])
if (ARGV[1] == '1' and current ~= ARGV[2]) or (ARGV[1] == '0' and current) then
  return {0, current}
end
if ARGV[4] == '0' then
  redis.call('SET', KEYS[1], ARGV[3])
else
  redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4])
end
return {1}`;

/**
 * Redis: one server-side script compares and sets, atomic because Redis runs a script alone. Records sit
 * where @keyv/redis puts them (`namespace::name`); sets beside them under `namespace:set:`, outside
 * Keyv's key space so a Keyv read never meets one.
 */
export function redisAtomic(client: RedisAtomicClient, namespace: string): AtomicBackend {
  const recordKey = (name: string) => `${namespace}::${name}`;
  const setKey = (name: string) => `${namespace}:set:${name}`;
  return {
    async readRaw(name) {
      return (await client.get(recordKey(name))) ?? undefined;
    },
    async writeIfUnchanged(name, expected, next, ttlMs) {
      const reply = await client.eval(setIfUnchanged, {
        keys: [recordKey(name)],
        arguments: [expected === undefined ? '0' : '1', expected ?? '', next, String(ttlMs ?? 0)],
      });
      const [wrote, current] = Array.isArray(reply) ? (reply as unknown[]) : [];
      if (wrote === 1) return { written: true };
      return { written: false, current: typeof current === 'string' ? current : undefined };
    },
    async addToSet(name, member) {
      return (await client.sAdd(setKey(name), member)) === 1;
    },
    setMembers: (name) => client.sMembers(setKey(name)),
    async removeFromSet(name, member) {
      await client.sRem(setKey(name), member);
    },
    async deleteSet(name) {
      await client.del(setKey(name));
    },
  };
}

/**
 * PostgreSQL and SQLite (3.35+), with the same SQL: a conditional UPDATE, or an INSERT that does nothing
 * on a key already taken; each is one atomic statement, and `RETURNING` says whether it wrote. Records
 * are the Keyv adapters' rows (`namespace:name`); sets live in `<table>_sets`, a row per member.
 */
export function sqlAtomic(
  sql: SqlQuery,
  dialect: 'sqlite' | 'postgres',
  table: string,
  namespace: string,
): AtomicBackend {
  const recordKey = (name: string) => `${namespace}:${name}`;
  const setName = (name: string) => `${namespace}:${name}`;
  const sets = `${table}_sets`;
  let setsReady: Promise<void> | undefined;
  const ensureSets = (): Promise<void> => {
    const create = `CREATE TABLE IF NOT EXISTS ${sets} (
      name VARCHAR(512) NOT NULL, member VARCHAR(255) NOT NULL, PRIMARY KEY (name, member))`;
    // Two processes creating the table at once can make PostgreSQL's IF NOT EXISTS fail on a catalog
    // unique index; the second attempt then finds the table.
    setsReady ??= sql(create)
      .catch(() => sql(create))
      .then(
        () => undefined,
        (error: unknown) => {
          setsReady = undefined;
          throw error;
        },
      );
    return setsReady;
  };
  return {
    async readRaw(name) {
      const [row] = await sql(`SELECT value FROM ${table} WHERE key = $1`, [recordKey(name)]);
      return textOrUndefined((row as { value?: unknown } | undefined)?.value);
    },
    async writeIfUnchanged(name, expected, next) {
      // The time to live travels inside the value (Keyv's `expires`), which the sweeper reads.
      const write =
        expected === undefined
          ? { statement: `INSERT INTO ${table} (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`, key: '$1' }
          : { statement: `UPDATE ${table} SET value = $2 WHERE key = $1 AND value = $3`, key: '$1' };
      const parameters = expected === undefined ? [recordKey(name), next] : [recordKey(name), next, expected];
      if (dialect === 'postgres') {
        // One round trip: the write, and what the record held when it did not happen. The row is locked
        // first, so a refusal returns its latest version rather than the statement's older snapshot.
        const [row] = await sql(
          expected === undefined
            ? `WITH written AS (${write.statement} RETURNING key)
               SELECT (SELECT COUNT(*) FROM written) AS written, (SELECT value FROM ${table} WHERE key = $1) AS current`
            : `WITH current AS (SELECT key, value FROM ${table} WHERE key = $1 FOR UPDATE),
                    written AS (UPDATE ${table} SET value = $2 FROM current
                                WHERE ${table}.key = current.key AND current.value = $3 RETURNING 1)
               SELECT (SELECT COUNT(*) FROM written) AS written, (SELECT value FROM current) AS current`,
          parameters,
        );
        const { written, current } = row as { written: unknown; current: unknown };
        return Number(written) === 1 ? { written: true } : { written: false, current: textOrUndefined(current) };
      }
      // SQLite has no writes inside WITH; one process owns the file, so a second statement costs no fairness.
      if ((await sql(`${write.statement} RETURNING key`, parameters)).length === 1) return { written: true };
      const [row] = await sql(`SELECT value FROM ${table} WHERE key = $1`, [recordKey(name)]);
      return { written: false, current: textOrUndefined((row as { value?: unknown } | undefined)?.value) };
    },
    async addToSet(name, member) {
      await ensureSets();
      const rows = await sql(
        `INSERT INTO ${sets} (name, member) VALUES ($1, $2) ON CONFLICT (name, member) DO NOTHING RETURNING member`,
        [setName(name), member],
      );
      return rows.length === 1;
    },
    async setMembers(name) {
      await ensureSets();
      const rows = await sql(`SELECT member FROM ${sets} WHERE name = $1 ORDER BY member`, [setName(name)]);
      return rows.map((row) => String((row as { member: unknown }).member));
    },
    async removeFromSet(name, member) {
      await ensureSets();
      await sql(`DELETE FROM ${sets} WHERE name = $1 AND member = $2`, [setName(name), member]);
    },
    async deleteSet(name) {
      await ensureSets();
      await sql(`DELETE FROM ${sets} WHERE name = $1`, [setName(name)]);
    },
  };
}

function textOrUndefined(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : String(value);
}
