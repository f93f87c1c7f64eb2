import type { EventEmitter } from 'node:events';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import Keyv from 'keyv';
import { redisAtomic, sqlAtomic, type RedisAtomicClient, type SqlQuery } from './atomic.js';
import { Store, type StoreBackend } from './store.js';
import { sqlSweeper } from './sweeper.js';

export interface OpenStoreOptions {
  /** Prefix of every key, so Lectern can share a database with other Keyv users. Default `lectern`. */
  namespace?: string;
  /** SQL table for the records (SQLite, PostgreSQL); sets go in `<table>_sets`. Default `keyv`, the adapters' own. */
  table?: string;
  /** Errors the adapters report outside any call (a dropped Redis connection). */
  onError?: (error: unknown) => void;
}

const acceptedForms =
  'sqlite://./relative/path.sqlite, sqlite:///absolute/path.sqlite, redis://host:6379 (or rediss://), ' +
  'postgresql://user@host:5432/db (or postgres://)';

// Fail fast on a wrong host instead of hanging start-up (both clients would otherwise keep retrying).
const connectTimeoutMs = 5_000;
// How long SQLite waits for another connection's write lock before failing with SQLITE_BUSY.
const sqliteBusyTimeoutMs = 5_000;

/**
 * Opens the store named by STORE_URL. Only the adapter it names is loaded, so a bot on SQLite never loads
 * the Redis and PostgreSQL clients.
 *
 * Cross-process guarantee of `update`: the backend's own compare-and-set (see `atomic.ts`), so bot
 * processes and machines sharing Redis or PostgreSQL never lose each other's writes. SQLite gets the same,
 * for the overlap of a restart; otherwise one process owns its file.
 */
export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  const settings: Settings = {
    namespace: options.namespace ?? 'lectern',
    table: sqlIdentifier(options.table ?? 'keyv'),
    reportError: options.onError ?? (() => {}),
  };
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  switch (scheme) {
    case 'sqlite':
      return new Store(await openSqlite(url.slice('sqlite://'.length), settings));
    case 'redis':
    case 'rediss':
      return new Store(await openRedis(url, settings));
    case 'postgres':
    case 'postgresql':
      return new Store(await openPostgres(url, settings));
    default:
      // The URL itself is never echoed: it may carry a password.
      throw new Error(
        `STORE_URL: ${scheme === undefined ? 'no scheme' : `unsupported scheme "${scheme}://"`}; expected ${acceptedForms}`,
      );
  }
}

interface Settings {
  namespace: string;
  table: string;
  reportError: (error: unknown) => void;
}

async function openSqlite(location: string, settings: Settings): Promise<StoreBackend> {
  const { namespace, table, reportError } = settings;
  const { default: KeyvSqlite } = await import('@keyv/sqlite');
  const inMemory = location === ':memory:';
  // sqlite://./data/x.sqlite is relative to the working directory; sqlite:///srv/x.sqlite is absolute.
  const file = inMemory ? location : path.resolve(location);
  if (!inMemory) await mkdir(path.dirname(file), { recursive: true });
  const adapter = new KeyvSqlite({ uri: `sqlite://${file}`, table, busyTimeout: sqliteBusyTimeoutMs });
  const keyv = new Keyv({ store: adapter, namespace, throwOnErrors: true });
  keyv.on('error', reportError);
  // The adapter's query runs on its single connection after its CREATE TABLE, and is promisified
  // `Database.all`, so an array binds as the positional parameters.
  // SQLite reads `$1` as a name, numbered where it first appears; `?1` is the first parameter wherever it
  // stands, which is what PostgreSQL means by `$1`, so statements are written once for both.
  const sql: SqlQuery = async (statement, parameters = []) => {
    const rows: unknown = await adapter.query(statement.replace(/\$(\d+)/g, '?$1'), parameters);
    return Array.isArray(rows) ? rows : [];
  };
  try {
    // The adapter has no pragma option. WAL lets readers proceed during a write and is persistent:
    // it is recorded in the file, so this only changes something the first time.
    const [mode] = await sql('PRAGMA journal_mode=WAL');
    if (!inMemory && !isRowWith(mode, 'journal_mode', 'wal')) {
      throw new Error(`SQLite refused WAL journal mode for ${file}`);
    }
    // In WAL mode NORMAL still survives a crash or kill -9 of the bot (a commit is in the WAL before
    // the call returns); only a power cut may lose the last commits. It spares an fsync per write.
    await sql('PRAGMA synchronous=NORMAL');
  } catch (error) {
    await adapter.disconnect().catch(() => {});
    throw error;
  }
  return {
    kind: 'sqlite',
    file,
    sql,
    keyv,
    atomic: sqlAtomic(sql, 'sqlite', table, namespace),
    sweepExpired: sqlSweeper(sql, 'sqlite', table, namespace),
    disconnect: () => keyv.disconnect(),
  };
}

async function openRedis(url: string, settings: Settings): Promise<StoreBackend> {
  const { namespace, reportError } = settings;
  const { default: KeyvRedis } = await import('@keyv/redis');
  // throwOnErrors: the adapter's default turns a failed GET into "no record", which would make an
  // update start again from nothing. Keyv's own flag is the same, one level up.
  // disableOfflineQueue: while the connection is down (node-redis reconnects by itself, backing off to every
  // 2 s), a command fails at once instead of waiting in a queue for the server's return, so a student's click
  // is still answered within Discord's 3 s, with "try again in a moment".
  const adapter = new KeyvRedis(
    { url, disableOfflineQueue: true },
    {
      namespace,
      throwOnErrors: true,
      throwOnConnectError: true,
      connectionTimeout: connectTimeoutMs,
    },
  );
  // The adapter prefixes keys itself (`namespace::key`), so Keyv must not add its own prefix too.
  const keyv = new Keyv({ store: adapter, namespace, useKeyPrefix: false, throwOnErrors: true });
  keyv.on('error', reportError);
  // Connect now, so a wrong URL fails at start-up rather than at the first command.
  const client = await adapter.getClient();
  const atomicClient: RedisAtomicClient = {
    get: (name) => client.get(name),
    eval: (script, evalOptions) => client.eval(script, evalOptions),
    sAdd: (name, member) => client.sAdd(name, member),
    sMembers: (name) => client.sMembers(name),
    sRem: (name, member) => client.sRem(name, member),
    del: (name) => client.del(name),
  };
  return {
    kind: 'redis',
    keyv,
    atomic: redisAtomic(atomicClient, namespace),
    // Redis deletes a record itself once its PX runs out.
    sweepExpired: () => Promise.resolve(0),
    disconnect: () => keyv.disconnect(),
  };
}

/**
 * @keyv/postgres keeps ONE pg pool per process in module state, shared by every adapter on the same
 * URL, and its `disconnect()` ends that shared pool; opening a different URL silently drops the
 * old pool without ending it. So: one PostgreSQL URL at a time, and the pool ends when the last
 * store on it closes.
 */
const postgresPool = { url: undefined as string | undefined, stores: 0 };
// pg's default of 10 connections queued a class's burst of answers (each a few statements) behind each other;
// a few shards of 25 stay well inside PostgreSQL's default of 100 connections.
const POSTGRES_POOL_SIZE = 25;

async function openPostgres(url: string, settings: Settings): Promise<StoreBackend> {
  const { namespace, table, reportError } = settings;
  const { default: KeyvPostgres } = await import('@keyv/postgres');
  if (postgresPool.url !== undefined && postgresPool.url !== url) {
    throw new Error(
      'a store on another PostgreSQL database is already open in this process (@keyv/postgres shares one pool)',
    );
  }
  const adapter = new KeyvPostgres({
    uri: url,
    table,
    connectionTimeoutMillis: connectTimeoutMs,
    max: POSTGRES_POOL_SIZE,
    log: listenToPoolErrors(reportError),
  });
  const keyv = new Keyv({ store: adapter, namespace, throwOnErrors: true });
  keyv.on('error', reportError);
  postgresPool.url = url;
  postgresPool.stores += 1;
  let disconnected = false;
  const disconnect = async (): Promise<void> => {
    if (disconnected) return;
    disconnected = true;
    postgresPool.stores -= 1;
    if (postgresPool.stores > 0) return;
    postgresPool.url = undefined;
    await keyv.disconnect();
  };
  const sql: SqlQuery = (statement, parameters) => adapter.query(statement, parameters);
  try {
    // The adapter reports a failed CREATE TABLE only as an event; touching the table makes a bad
    // URL or missing rights fail here.
    await sql(`SELECT 1 FROM ${table} LIMIT 1`);
  } catch (error) {
    await disconnect().catch(() => {});
    throw error;
  }
  return {
    kind: 'postgres',
    table,
    sql,
    keyv,
    atomic: sqlAtomic(sql, 'postgres', table, namespace),
    sweepExpired: sqlSweeper(sql, 'postgres', table, namespace),
    disconnect,
  };
}

/**
 * pg's pool emits 'error' when the server cuts an idle connection (a PostgreSQL restart, a failover, a proxy's
 * idle timeout), and an 'error' event nobody listens to ends the process. @keyv/postgres keeps its pool to
 * itself; pg-pool calls its `log` option as a method of the pool, before it opens its first connection, which is
 * the one way to reach the pool and listen. The pool then replaces the lost connection at the next query.
 */
function listenToPoolErrors(reportError: (error: unknown) => void) {
  return function log(this: EventEmitter): void {
    if (this.listenerCount('error') === 0) this.on('error', reportError);
  };
}

/** Table names go into SQL text, so only plain lower-case identifiers (PostgreSQL folds case anyway). */
function sqlIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,50}$/.test(name)) {
    throw new Error(`store table name "${name}" must be a lower-case SQL identifier`);
  }
  return name;
}

function isRowWith(row: unknown, column: string, expected: string): boolean {
  return (
    typeof row === 'object' &&
    row !== null &&
    String((row as Record<string, unknown>)[column]).toLowerCase() === expected
  );
}
