import type Keyv from 'keyv';
import { z } from 'zod';
import { KeyedMutex } from './keyed-mutex.js';
import type { CrossProcessLock, SqlQuery } from './locks.js';

/**
 * A typed record name: the schema checks what comes back, so a corrupt record or one written by an
 * older version fails loudly at the read instead of spreading through the bot. Schemas should
 * describe plain JSON data (no transforms or dates): what is written is what is read back.
 */
export interface Key<T> {
  readonly name: string;
  readonly schema: z.ZodType<T>;
  /** How long a record lives after its last write; records without one are kept for good. */
  readonly ttlMs?: number;
}

export function key<T>(name: string, schema: z.ZodType<T>, options: { ttlMs?: number } = {}): Key<T> {
  if (name.length === 0) throw new Error('store key name must not be empty');
  return { name, schema, ...(options.ttlMs === undefined ? {} : { ttlMs: options.ttlMs }) };
}

/** A record that cannot be read or written as its key's schema says; the message names the key. */
export class StoreRecordError extends Error {
  override readonly name = 'StoreRecordError';
  constructor(
    readonly key: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

interface BackendBase {
  /** Keyv over the adapter, namespaced and set to throw on adapter errors. */
  readonly keyv: Keyv;
  readonly lock: CrossProcessLock;
  /** Disconnects the adapter; called once, after pending writes finished. */
  disconnect(): Promise<void>;
}

/** What `openStore` built; exposed for maintenance and tests, domain code uses the typed methods. */
export type StoreBackend =
  | (BackendBase & { readonly kind: 'sqlite'; readonly file: string; readonly sql: SqlQuery })
  | (BackendBase & { readonly kind: 'postgres'; readonly table: string; readonly sql: SqlQuery })
  | (BackendBase & { readonly kind: 'redis' });

/**
 * Typed records over Keyv.
 *
 * Concurrency: `update`, `set` and `delete` queue per key inside this process, so 100 concurrent
 * `update`s on one key apply one after another and none is lost, while other keys proceed in
 * parallel. `update` also takes the backend's cross-process lock (see `openStore`), so a second bot
 * process sharing the database cannot interleave its read-modify-write; plain `set`/`delete` from
 * another process are not ordered against it. Calling `update` on a key from inside that same key's
 * `update` callback waits forever: compute, then return.
 */
export class Store {
  private readonly writes = new KeyedMutex();
  private closing: Promise<void> | undefined;

  constructor(readonly backend: StoreBackend) {}

  async get<T>(key: Key<T>): Promise<T | undefined> {
    this.assertOpen();
    return this.read(key);
  }

  /** One round trip for many keys (e.g. every member's score for a leaderboard); results follow `keys`' order. */
  async getMany<T>(keys: readonly Key<T>[]): Promise<(T | undefined)[]> {
    this.assertOpen();
    if (keys.length === 0) return [];
    let entries: unknown[];
    try {
      entries = await this.backend.keyv.get(
        keys.map((each) => each.name),
        { raw: true },
      );
    } catch (error) {
      // Keyv fails the whole batch on one unparsable record without saying which: read one by one to name it.
      if (error instanceof SyntaxError) return Promise.all(keys.map((each) => this.read(each)));
      throw error;
    }
    return keys.map((each, index) => decode(each, entries[index]));
  }

  async set<T>(key: Key<T>, value: T): Promise<void> {
    this.assertOpen();
    await this.writes.run(key.name, () => this.write(key, value));
  }

  /** Returns whether a record was there. */
  async delete(key: Key<unknown>): Promise<boolean> {
    this.assertOpen();
    return this.writes.run(key.name, () => this.backend.keyv.delete(key.name));
  }

  /**
   * The one way to read-modify-write a record (counters, index records such as a guild's member
   * list): `fn` gets the current value (undefined when absent) and returns the new one, which is
   * validated, written and returned; returning the current value itself writes nothing. Runs
   * exclusively per key, see the class comment.
   */
  async update<T>(key: Key<T>, fn: (current: T | undefined) => T | Promise<T>): Promise<T> {
    this.assertOpen();
    return this.writes.run(key.name, async () => {
      const release = await this.backend.lock.acquire(key.name);
      try {
        const current = await this.read(key);
        const next = await fn(current);
        // Returning the record itself means nothing changed (a replayed click): there is nothing to write.
        if (next !== current || current === undefined) await this.write(key, next);
        return next;
      } finally {
        await release();
      }
    });
  }

  /** Waits for queued writes, then disconnects; further calls fail. Safe to call twice. */
  close(): Promise<void> {
    this.closing ??= this.writes.idle().then(() => this.backend.disconnect());
    return this.closing;
  }

  private async read<T>(key: Key<T>): Promise<T | undefined> {
    let entry: unknown;
    try {
      entry = await this.backend.keyv.get(key.name, { raw: true });
    } catch (error) {
      throw asRecordError(key.name, error);
    }
    return decode(key, entry);
  }

  private async write<T>(key: Key<T>, value: T): Promise<void> {
    const checked = key.schema.safeParse(value);
    if (!checked.success) {
      throw new StoreRecordError(
        key.name,
        `refusing to write store record "${key.name}": ${z.prettifyError(checked.error)}`,
        { cause: checked.error },
      );
    }
    await this.backend.keyv.set(key.name, value, key.ttlMs);
  }

  private assertOpen(): void {
    if (this.closing) throw new Error('store is closed');
  }
}

/** Keyv's raw entry is `{ value, expires }`; anything else was not written through Keyv. */
function decode<T>(key: Key<T>, entry: unknown): T | undefined {
  if (entry === undefined || entry === null) return undefined;
  if (typeof entry !== 'object' || !('value' in entry)) {
    throw new StoreRecordError(key.name, `store record "${key.name}" is not a Keyv entry`);
  }
  const parsed = key.schema.safeParse(entry.value);
  if (!parsed.success) {
    throw new StoreRecordError(
      key.name,
      `store record "${key.name}" does not match its schema: ${z.prettifyError(parsed.error)}`,
      { cause: parsed.error },
    );
  }
  return parsed.data;
}

/** Keyv's deserializer throws a bare SyntaxError on a corrupt record; give it the key's name. */
function asRecordError(name: string, error: unknown): unknown {
  if (!(error instanceof SyntaxError)) return error;
  return new StoreRecordError(name, `store record "${name}" is not valid JSON: ${error.message}`, { cause: error });
}
