import { setTimeout as sleep } from 'node:timers/promises';
import type { Deserialize, Serialize } from 'keyv';
import type Keyv from 'keyv';
import { z } from 'zod';
import type { AtomicBackend, SqlQuery } from './atomic.js';
import { KeyedMutex } from './keyed-mutex.js';
import type { SweepExpired } from './sweeper.js';

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
  /** The backend's own atomic compare-and-set and sets (see `atomic.ts`). */
  readonly atomic: AtomicBackend;
  /** Deletes records whose time to live has passed, where the backend does not do it by itself. */
  readonly sweepExpired: SweepExpired;
  /** Disconnects the adapter; called once, after pending writes finished. */
  disconnect(): Promise<void>;
}

/** What `openStore` built; exposed for maintenance and tests, domain code uses the typed methods. */
export type StoreBackend =
  | (BackendBase & { readonly kind: 'sqlite'; readonly file: string; readonly sql: SqlQuery })
  | (BackendBase & { readonly kind: 'postgres'; readonly table: string; readonly sql: SqlQuery })
  | (BackendBase & { readonly kind: 'redis' });

/** A named set of strings (the students of a class), added to one member at a time. */
export interface SetKey {
  readonly name: string;
}

export function setKey(name: string): SetKey {
  if (name.length === 0) throw new Error('store set name must not be empty');
  return { name };
}

/** An update that kept meeting other processes' writes to its record; the message names the key. */
export class StoreConflictError extends Error {
  override readonly name = 'StoreConflictError';
}

// Writers on one record take turns at the backend's pace; a process that keeps losing (another one writing
// the record as fast as it can) backs off and is refused only after this long, as a store outage would be.
const UPDATE_PATIENCE_MS = 10_000;
const FREE_RETRIES = 5;
// A class's worth of students answering at once, times a few classes: a score is a few kilobytes.
const KNOWN_RECORDS = 2_000;

/** A record's text as stored, and its entry when it was read (and so must still be checked) rather than written. */
interface StoredText {
  text: string;
  parsed: { entry: unknown } | undefined;
}

/** At most `capacity` texts by key, the least recently used dropped first. */
class RecentTexts {
  private readonly texts = new Map<string, StoredText>();
  constructor(private readonly capacity: number) {}

  get(name: string): StoredText | undefined {
    const stored = this.texts.get(name);
    if (stored) {
      this.texts.delete(name);
      this.texts.set(name, stored);
    }
    return stored;
  }

  set(name: string, stored: StoredText): void {
    this.texts.delete(name);
    this.texts.set(name, stored);
    if (this.texts.size > this.capacity) this.texts.delete(this.texts.keys().next().value ?? name);
  }

  delete(name: string): void {
    this.texts.delete(name);
  }
}

/**
 * Typed records over Keyv.
 *
 * Concurrency: `update`, `set` and `delete` queue per key inside this process, so 100 concurrent
 * `update`s on one key apply one after another and none is lost, while other keys proceed in
 * parallel. Across processes and machines, `update` writes with the backend's own compare-and-set
 * (a Redis script, a conditional SQL statement): when another process wrote the record between the
 * read and the write, it reads again and calls `fn` again. So `fn` may run more than once: it must
 * only compute, or do what is harmless to repeat, and assign what it reports rather than add to it.
 * Calling `update` on a key from inside that same key's `update` callback waits forever.
 */
export class Store {
  private readonly writes = new KeyedMutex();
  /** The stored text of records this process updated lately, for the compare-and-set of the next update. */
  private readonly known = new RecentTexts(KNOWN_RECORDS);
  private readonly serialize: Serialize;
  private readonly deserialize: Deserialize;
  private closing: Promise<void> | undefined;

  constructor(readonly backend: StoreBackend) {
    const { serialize, deserialize } = backend.keyv;
    if (!serialize || !deserialize) throw new Error("the store needs Keyv's serializer to compare records");
    this.serialize = serialize;
    this.deserialize = deserialize;
  }

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
    this.known.delete(key.name);
    await this.writes.run(key.name, () => this.write(key, value));
  }

  /** Returns whether a record was there. */
  async delete(key: Key<unknown>): Promise<boolean> {
    this.assertOpen();
    this.known.delete(key.name);
    return this.writes.run(key.name, () => this.backend.keyv.delete(key.name));
  }

  /**
   * The one way to read-modify-write a record (counters, a student's score): `fn` gets the current value
   * (undefined when absent) and returns the new one, which is validated, written and returned; returning
   * the current value itself writes nothing. See the class comment for what `fn` may do.
   */
  async update<T>(key: Key<T>, fn: (current: T | undefined) => T | Promise<T>): Promise<T> {
    this.assertOpen();
    return this.writes.run(key.name, async () => {
      const deadline = Date.now() + UPDATE_PATIENCE_MS;
      for (let attempt = 1; ; attempt++) {
        // What this process wrote last is usually still there: the compare-and-set checks it, so trusting
        // it saves a round trip, and a record changed elsewhere costs one refused write, which returns it.
        const stored = this.known.get(key.name) ?? (attempt === 1 ? await this.readStored(key) : undefined);
        const current = await this.valueOf(key, stored);
        const next = await fn(current);
        // Returning the record itself means nothing changed (a replayed click): there is nothing to write.
        if (next === current && current !== undefined) return next;
        const text = await this.serialize({ value: this.checked(key, next), expires: expiresAt(key) });
        const outcome = await this.backend.atomic.writeIfUnchanged(key.name, stored?.text, text, key.ttlMs);
        if (outcome.written) {
          this.known.set(key.name, { text, parsed: undefined });
          return next;
        }
        // Another process wrote first: what it wrote came back with the refusal, so the next try starts there.
        if (outcome.current === undefined) this.known.delete(key.name);
        else await this.remember(key, outcome.current);
        if (Date.now() > deadline) {
          throw new StoreConflictError(`store record "${key.name}" kept changing under ${attempt} updates`);
        }
        // Retried at once while few collide (a pause would hand the race to the other writer); then backing
        // off, jittered so colliding writers fall out of step.
        if (attempt > FREE_RETRIES) await sleep(Math.random() * Math.min(2 ** (attempt - FREE_RETRIES), 50));
      }
    });
  }

  /** Adds `member` to a set, atomically and without rewriting the others; returns whether it was new. */
  addToSet(set: SetKey, member: string): Promise<boolean> {
    this.assertOpen();
    return this.backend.atomic.addToSet(set.name, member);
  }

  setMembers(set: SetKey): Promise<string[]> {
    this.assertOpen();
    return this.backend.atomic.setMembers(set.name);
  }

  removeFromSet(set: SetKey, member: string): Promise<void> {
    this.assertOpen();
    return this.backend.atomic.removeFromSet(set.name, member);
  }

  deleteSet(set: SetKey): Promise<void> {
    this.assertOpen();
    return this.backend.atomic.deleteSet(set.name);
  }

  /** Deletes the records whose time to live has passed; resolves with how many went (Redis expires its own: 0). */
  sweepExpired(): Promise<number> {
    this.assertOpen();
    return this.backend.sweepExpired();
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

  /** The record as stored, for the compare-and-set; remembered for the next update of the same key. */
  private async readStored(key: Key<unknown>): Promise<StoredText | undefined> {
    const text = await this.backend.atomic.readRaw(key.name);
    return text === undefined ? undefined : this.remember(key, text);
  }

  private async remember(key: Key<unknown>, text: string): Promise<StoredText> {
    let parsed: StoredText['parsed'];
    try {
      parsed = { entry: await this.deserialize(text) };
    } catch (error) {
      throw asRecordError(key.name, error);
    }
    const stored = { text, parsed };
    this.known.set(key.name, stored);
    return stored;
  }

  /**
   * The value a stored text holds, undefined once expired (as Keyv reads it). Text read from the backend is
   * checked against the schema; text this process wrote was checked before it was written.
   */
  private async valueOf<T>(key: Key<T>, stored: StoredText | undefined): Promise<T | undefined> {
    if (stored === undefined) return undefined;
    if (stored.parsed !== undefined) {
      const { entry } = stored.parsed;
      return isExpired(entry) ? undefined : decode(key, entry);
    }
    const entry = (await this.deserialize<T>(stored.text)) as { value: T; expires?: unknown } | undefined;
    return entry === undefined || isExpired(entry) ? undefined : entry.value;
  }

  private checked<T>(key: Key<T>, value: T): T {
    const checked = key.schema.safeParse(value);
    if (!checked.success) {
      throw new StoreRecordError(
        key.name,
        `refusing to write store record "${key.name}": ${z.prettifyError(checked.error)}`,
        { cause: checked.error },
      );
    }
    return value;
  }

  private async write<T>(key: Key<T>, value: T): Promise<void> {
    await this.backend.keyv.set(key.name, this.checked(key, value), key.ttlMs);
  }

  private assertOpen(): void {
    if (this.closing) throw new Error('store is closed');
  }
}

function isExpired(entry: unknown): boolean {
  const expires = typeof entry === 'object' && entry !== null && 'expires' in entry ? entry.expires : undefined;
  return typeof expires === 'number' && expires <= Date.now();
}

function expiresAt(key: Key<unknown>): number | undefined {
  return key.ttlMs === undefined ? undefined : Date.now() + key.ttlMs;
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
