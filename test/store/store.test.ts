import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { KeyedMutex } from '../../src/store/keyed-mutex.js';
import { serviceUnreachable } from '../services.js';
import { openStore, type OpenStoreOptions } from '../../src/store/open.js';
import { StoreRecordError, key, setKey, type Store } from '../../src/store/index.js';

// Lower-case and short: it ends up in SQL table names and Redis key prefixes.
const runId = randomUUID().slice(0, 8);
const scratchDir = await mkdtemp(path.join(tmpdir(), 'lectern-store-'));

interface Backend {
  name: 'sqlite' | 'redis' | 'postgres';
  url: string;
  options: OpenStoreOptions;
  /** Set when the service is unreachable: the backend's suite is skipped with this reason. */
  skipReason: string | undefined;
}

const backends: Backend[] = [
  {
    name: 'sqlite',
    // A folder that does not exist yet: openStore must create it.
    url: `sqlite://${path.join(scratchDir, 'missing', 'folder', 'lectern.sqlite')}`,
    options: {},
    skipReason: undefined,
  },
  {
    name: 'redis',
    url: 'redis://127.0.0.1:6379',
    options: { namespace: `lectern_test_${runId}` },
    skipReason: await serviceUnreachable('127.0.0.1', 6379),
  },
  {
    name: 'postgres',
    url: 'postgresql://postgres@127.0.0.1:5432/test',
    options: { table: `lectern_test_${runId}` },
    skipReason: await serviceUnreachable('127.0.0.1', 5432),
  },
];

const scoreSchema = z.object({ points: z.number().int().nonnegative(), answered: z.number().int().nonnegative() });
const scoreKey = (guild: string, user: string) => key(`score:${guild}:${user}`, scoreSchema);
const counterKey = (name: string) => key(`counter:${name}`, z.number().int());

/** Fails the test promptly instead of letting a deadlock run into the 30 s test timeout. */
async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  const timeout = sleep(ms).then(() => {
    throw new Error(`${what} did not finish within ${ms} ms`);
  });
  return Promise.race([promise, timeout]);
}

/** Bumps `name` `count` times from a separate Node process on the same store; resolves with its exit code. */
function bumpInAnotherProcess(backend: Backend, name: string, count: number): Promise<number | null> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/store/bump.ts', backend.url, JSON.stringify(backend.options), name, String(count), '4'],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  return new Promise((resolve) => child.once('exit', resolve));
}

afterAll(async () => {
  await rm(scratchDir, { recursive: true, force: true });
});

describe.each(backends)('store on $name', (backend) => {
  if (backend.skipReason !== undefined) console.warn(`skipping the ${backend.name} store suite: ${backend.skipReason}`);

  describe.skipIf(backend.skipReason !== undefined)('with the service reachable', () => {
    let store: Store;

    beforeAll(async () => {
      store = await openStore(backend.url, backend.options);
    });

    beforeEach(async () => {
      await store.backend.keyv.clear();
    });

    afterAll(async () => {
      // Leave nothing behind in the shared services; the SQLite file goes with the scratch folder.
      if (store.backend.kind === 'postgres') {
        const { table } = store.backend;
        await store.backend.sql(`DROP TABLE IF EXISTS ${table}, ${table}_sets`);
      } else {
        await store.backend.keyv.clear();
      }
      await store.close();
    });

    it('reads back what it wrote, and undefined for a missing record', async () => {
      await store.set(scoreKey('g1', 'u1'), { points: 3, answered: 5 });
      expect(await store.get(scoreKey('g1', 'u1'))).toEqual({ points: 3, answered: 5 });
      expect(await store.get(scoreKey('g1', 'nobody'))).toBeUndefined();
    });

    it('forgets a record whose key has a time to live once it has passed, even after an update', async () => {
      const shortLived = key(`short:${runId}`, z.number().int(), { ttlMs: 1_000 });
      await store.set(shortLived, 1);
      await store.update(shortLived, (value = 0) => value + 1);
      expect(await store.get(shortLived)).toBe(2);
      await sleep(1_100);
      expect(await store.get(shortLived)).toBeUndefined();
    });

    it('writes nothing when an update returns the record as it was', async () => {
      const counter = counterKey(`unchanged-${runId}`);
      await store.set(counter, 7);
      const writes = vi.spyOn(store.backend.atomic, 'writeIfUnchanged');
      expect(await store.update(counter, (value) => value ?? 0)).toBe(7);
      expect(writes).not.toHaveBeenCalled();
      await store.update(counter, (value = 0) => value + 1);
      expect(writes).toHaveBeenCalledTimes(1);
      writes.mockRestore();
    });

    it('reads many keys in order, with undefined for the missing ones', async () => {
      await store.set(scoreKey('g1', 'a'), { points: 1, answered: 1 });
      await store.set(scoreKey('g1', 'c'), { points: 3, answered: 3 });
      const keys = ['a', 'b', 'c'].map((user) => scoreKey('g1', user));
      expect(await store.getMany(keys)).toEqual([{ points: 1, answered: 1 }, undefined, { points: 3, answered: 3 }]);
    });

    it('rejects a record of the wrong shape on read, naming the key', async () => {
      // An older version of the bot stored scores as a bare number under the same name.
      await store.set(key('score:g1:old', z.number()), 42);
      const read = store.get(scoreKey('g1', 'old'));
      await expect(read).rejects.toBeInstanceOf(StoreRecordError);
      await expect(read).rejects.toThrow(/"score:g1:old" does not match its schema/);
      await expect(store.getMany([scoreKey('g1', 'old')])).rejects.toThrow(/"score:g1:old"/);
    });

    it('rejects a record that is not JSON, naming the key', async () => {
      // Below Keyv: the Redis adapter prefixes keys itself, the SQL adapters get Keyv's `namespace:` prefix.
      const adapter = store.backend.keyv.store as { set(key: string, value: string): Promise<unknown> };
      const namespace = store.backend.keyv.namespace ?? '';
      await adapter.set(store.backend.kind === 'redis' ? 'score:g1:torn' : `${namespace}:score:g1:torn`, '{"value":');
      await expect(store.get(scoreKey('g1', 'torn'))).rejects.toThrow(/"score:g1:torn" is not valid JSON/);
      await expect(store.getMany([scoreKey('g1', 'ok'), scoreKey('g1', 'torn')])).rejects.toThrow(/"score:g1:torn"/);
    });

    it('refuses to write a value its schema rejects', async () => {
      await expect(store.set(scoreKey('g1', 'u1'), { points: -1, answered: 0 })).rejects.toThrow(
        /refusing to write store record "score:g1:u1"/,
      );
      await expect(store.update(counterKey('half'), () => 0.5)).rejects.toBeInstanceOf(StoreRecordError);
      expect(await store.get(counterKey('half'))).toBeUndefined();
    });

    it('deletes, reporting whether there was a record', async () => {
      await store.set(counterKey('doomed'), 1);
      expect(await store.delete(counterKey('doomed'))).toBe(true);
      expect(await store.get(counterKey('doomed'))).toBeUndefined();
      expect(await store.delete(counterKey('doomed'))).toBe(false);
    });

    it('applies 100 concurrent updates of one key one after another', async () => {
      const results = await Promise.all(
        Array.from({ length: 100 }, () => store.update(counterKey('clicks'), (current = 0) => current + 1)),
      );
      expect(await store.get(counterKey('clicks'))).toBe(100);
      // Every update saw the previous one's result: each count from 1 to 100 came out exactly once.
      expect(results.toSorted((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, index) => index + 1));
    });

    it('keeps an index record consistent under concurrent joins', async () => {
      const members = key('members:g1', z.array(z.string()));
      const join = (user: string) =>
        store.update(members, (current = []) => (current.includes(user) ? current : [...current, user]));
      await Promise.all(['u1', 'u2', 'u3', 'u1', 'u4', 'u2'].map(join));
      expect((await store.get(members))?.toSorted()).toEqual(['u1', 'u2', 'u3', 'u4']);
    });

    it('does not hold up updates of other keys while one key is busy', async () => {
      let openGate!: () => void;
      const gate = new Promise<void>((resolve) => {
        openGate = resolve;
      });
      const slow = store.update(counterKey('slow'), async (current = 0) => {
        await gate;
        return current + 1;
      });
      // If keys shared one queue this would wait for the gate, which only opens afterwards.
      expect(
        await within(
          2_000,
          'an update of another key',
          store.update(counterKey('fast'), () => 7),
        ),
      ).toBe(7);
      openGate();
      expect(await slow).toBe(1);
    });

    it('keeps a failed update from blocking the updates queued behind it', async () => {
      const failing = store.update(counterKey('flaky'), () => Promise.reject(new Error('computation failed')));
      const next = store.update(counterKey('flaky'), (current = 0) => current + 1);
      await expect(failing).rejects.toThrow('computation failed');
      expect(await next).toBe(1);
    });

    it('serializes updates from two stores sharing the database', async () => {
      // A second store has its own in-process queue, like a second bot process: only the backend's
      // compare-and-set keeps these 2 × 50 updates from losing increments.
      const other = await openStore(backend.url, backend.options);
      try {
        const bump = (on: Store) => on.update(counterKey('shared'), (current = 0) => current + 1);
        await Promise.all(Array.from({ length: 50 }, () => [bump(store), bump(other)]).flat());
        expect(await store.get(counterKey('shared'))).toBe(100);
      } finally {
        await other.close();
      }
    });

    it('computes again when another process wrote the record between its read and its write', async () => {
      const other = await openStore(backend.url, backend.options);
      try {
        const counter = counterKey(`raced-${runId}`);
        await store.set(counter, 1);
        const seen: (number | undefined)[] = [];
        const result = await store.update(counter, async (current) => {
          seen.push(current);
          if (seen.length === 1) await other.set(counter, 10);
          return (current ?? 0) + 1;
        });
        expect(seen).toEqual([1, 10]);
        expect(result).toBe(11);
        expect(await other.get(counter)).toBe(11);
      } finally {
        await other.close();
      }
    });

    it('loses none of 2 × 1,000 updates that two processes make to one record', async () => {
      const counter = counterKey(`processes-${runId}`);
      const bumps = [0, 1].map(() => bumpInAnotherProcess(backend, counter.name, 1_000));
      expect(await Promise.all(bumps)).toEqual([0, 0]);
      expect(await store.get(counter)).toBe(2_000);
    });

    it('deletes records whose time to live has passed, and keeps the rest', async () => {
      const session = (id: number) => key(`session:${runId}:${id}`, z.number().int(), { ttlMs: 200 });
      await Promise.all(Array.from({ length: 20 }, (_, id) => store.set(session(id), id)));
      await store.update(session(20), () => 20);
      await store.set(counterKey('kept'), 1);
      await sleep(300);
      const swept = await store.sweepExpired();
      if (store.backend.kind === 'redis') {
        // Redis expires them itself.
        expect(swept).toBe(0);
      } else {
        expect(swept).toBe(21);
        const [row] = await store.backend.sql(
          `SELECT COUNT(*) AS n FROM ${store.backend.kind === 'postgres' ? store.backend.table : 'keyv'} WHERE key LIKE $1`,
          [`%session:${runId}:%`],
        );
        expect(Number((row as { n: unknown }).n)).toBe(0);
      }
      expect(await store.get(session(3))).toBeUndefined();
      expect(await store.get(counterKey('kept'))).toBe(1);
    });

    it('creates a record once when two stores race to create it', async () => {
      const other = await openStore(backend.url, backend.options);
      try {
        const counter = counterKey(`created-${runId}`);
        await Promise.all([store, other, store, other].map((on) => on.update(counter, (current = 0) => current + 1)));
        expect(await store.get(counter)).toBe(4);
      } finally {
        await other.close();
      }
    });

    it('keeps a set of members that many add to at once, each once', async () => {
      const members = setKey(`members:${runId}:${backend.name}`);
      const added = await Promise.all(
        ['u1', 'u2', 'u3', 'u1', 'u4', 'u2'].map((user) => store.addToSet(members, user)),
      );
      expect(added.filter(Boolean)).toHaveLength(4);
      expect((await store.setMembers(members)).toSorted()).toEqual(['u1', 'u2', 'u3', 'u4']);
      await store.removeFromSet(members, 'u2');
      expect((await store.setMembers(members)).toSorted()).toEqual(['u1', 'u3', 'u4']);
      await store.deleteSet(members);
      expect(await store.setMembers(members)).toEqual([]);
    });

    it('refuses calls after close, and closes twice without complaint', async () => {
      const extra = await openStore(backend.url, backend.options);
      const pending = extra.update(counterKey('at-close'), (current = 0) => current + 1);
      await Promise.all([extra.close(), extra.close()]);
      // close() waited for the queued update.
      expect(await pending).toBe(1);
      await expect(extra.get(counterKey('at-close'))).rejects.toThrow('store is closed');
    });
  });
});

describe('sqlite store file', () => {
  it('is created in a missing folder, in WAL mode, and keeps its data across close and reopen', async () => {
    const file = path.join(scratchDir, 'reopen', 'nested', 'lectern.sqlite');
    // The relative form resolves against the working directory.
    const url = `sqlite://./${path.relative(process.cwd(), file)}`;
    expect(existsSync(path.dirname(file))).toBe(false);

    const first = await openStore(url);
    expect(first.backend.kind === 'sqlite' && first.backend.file).toBe(file);
    if (first.backend.kind !== 'sqlite') throw new Error('expected a SQLite backend');
    expect(await first.backend.sql('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    // 1 is NORMAL: in WAL mode still safe when the bot is killed, one fsync fewer per write.
    expect(await first.backend.sql('PRAGMA synchronous')).toEqual([{ synchronous: 1 }]);
    await first.set(scoreKey('g1', 'u1'), { points: 9, answered: 10 });
    await first.close();

    // WAL is a property of the file, not only of the connection: header bytes 18 and 19 are 2 in WAL mode.
    const header = Buffer.alloc(20);
    const handle = await open(file, 'r');
    await handle.read(header, 0, 20, 0);
    await handle.close();
    expect([header[18], header[19]]).toEqual([2, 2]);

    const second = await openStore(`sqlite://${file}`);
    expect(await second.get(scoreKey('g1', 'u1'))).toEqual({ points: 9, answered: 10 });
    await second.close();
  });
});

describe('openStore', () => {
  it('names STORE_URL and the accepted forms for an unknown scheme, without echoing the URL', async () => {
    const opening = openStore('mysql://root:hunter2@db/lectern');
    await expect(opening).rejects.toThrow(/^STORE_URL: unsupported scheme "mysql:\/\/"; expected sqlite:\/\/\.\//);
    await expect(opening).rejects.toThrow(/sqlite:\/\/\/absolute.*redis:\/\/.*postgresql:\/\//);
    await expect(opening).rejects.not.toThrow(/hunter2/);
    await expect(openStore('lectern.sqlite')).rejects.toThrow(/^STORE_URL: no scheme; expected/);
  });
});

describe('KeyedMutex', () => {
  it('forgets a key once its last task is done, including after a failure', async () => {
    const mutex = new KeyedMutex();
    const tasks = [
      mutex.run('a', () => sleep(5)),
      mutex.run('a', () => Promise.reject(new Error('boom'))),
      mutex.run('b', () => sleep(1)),
    ];
    expect(mutex.activeKeys).toBe(2);
    await Promise.allSettled(tasks);
    expect(mutex.activeKeys).toBe(0);
  });
});
