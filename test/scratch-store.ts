import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { openStore, type Store } from '../src/store/index.js';

/**
 * Gives each test of the file a fresh SQLite store in a folder of its own, handed to `opened` before the test
 * and closed and removed after it.
 */
export function scratchStorePerTest(name: string, opened: (store: Store) => void): void {
  let dir: string | undefined;
  let store: Store | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), `lectern-${name}-`));
    store = await openStore(`sqlite://${join(dir, 'store.sqlite')}`);
    opened(store);
  });
  afterEach(async () => {
    await store?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });
}
