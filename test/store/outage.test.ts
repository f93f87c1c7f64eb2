import { execFileSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isStoreOutage } from '../../src/errors.js';
import { key, openStore, type Store } from '../../src/store/index.js';
import { RedisServer, redisMissing } from '../redis-server.js';
import { serviceUnreachable } from '../services.js';

const counter = key('outage:counter', z.number());

const postgresAway = await serviceUnreachable('127.0.0.1', 5432);
const psqlMissing = (() => {
  try {
    execFileSync('psql', ['--version']);
    return undefined;
  } catch (error) {
    return `psql cannot be run: ${error instanceof Error ? error.message : String(error)}`;
  }
})();
for (const reason of [redisMissing, postgresAway ?? psqlMissing]) {
  if (reason) console.warn(`skipping a store outage test: ${reason}`);
}

let store: Store | undefined;
let redis: RedisServer | undefined;
afterEach(async () => {
  await store?.close();
  await redis?.close();
  store = undefined;
  redis = undefined;
});

describe('a store that goes away', () => {
  it.skipIf(redisMissing !== undefined)(
    'on Redis, fails each call at once while away, and serves again after',
    async () => {
      redis = await RedisServer.start();
      const reported: unknown[] = [];
      store = await openStore(redis.url, { onError: (error) => reported.push(error) });
      await store.update(counter, (count = 0) => count + 1);

      await redis.kill();
      for (const call of [() => store?.get(counter), () => store?.update(counter, (count = 0) => count + 1)]) {
        const started = Date.now();
        const failure: unknown = await Promise.resolve(call()).catch((error: unknown) => error);
        expect(isStoreOutage(failure)).toBe(true);
        expect(Date.now() - started).toBeLessThan(1_000);
      }
      expect(reported.length).toBeGreaterThan(0);

      await redis.resume();
      const serving = Date.now() + 10_000;
      let after: number | undefined;
      while (after === undefined && Date.now() < serving) {
        after = await store.update(counter, (count = 0) => count + 1).catch(() => undefined);
        if (after === undefined) await sleep(200);
      }
      expect(after).toBe(2);
    },
  );

  it.skipIf(postgresAway !== undefined || psqlMissing !== undefined)(
    'on PostgreSQL, reports a connection the server cut while idle instead of ending the process',
    async () => {
      // The application name picks out this test's connections from those of other tests on the same server.
      const application = `lectern-outage-${process.pid}`;
      const reported: unknown[] = [];
      store = await openStore(`postgresql://postgres@127.0.0.1:5432/test?application_name=${application}`, {
        table: 'outage_test',
        onError: (error) => reported.push(error),
      });
      await store.set(counter, 1);

      // As a PostgreSQL restart or failover does to every connection: ended from the server's side.
      execFileSync('psql', [
        ...['-h', '127.0.0.1', '-U', 'postgres', '-d', 'test', '-Atc'],
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '${application}'`,
      ]);
      await sleep(500);

      expect(reported).toContainEqual(expect.objectContaining({ code: '57P01' }));
      expect(reported.every((error) => isStoreOutage(error))).toBe(true);
      expect(await store.get(counter)).toBe(1);
      await store.delete(counter);
    },
  );
});
