// A second process for the store tests: opens the store named on its command line and bumps one counter
// `count` times, `parallel` at a time, as a bot process on another machine would.
import { z } from 'zod';
import { key, openStore, type OpenStoreOptions } from '../../src/store/index.js';

const [url, optionsJson, name, count, parallel] = process.argv.slice(2);
if (!url || !optionsJson || !name || !count || !parallel)
  throw new Error('usage: bump <url> <options> <key> <count> <parallel>');
// Written by the test itself from its own backend list.
const store = await openStore(url, JSON.parse(optionsJson) as OpenStoreOptions);
const counter = key(name, z.number().int());
let left = Number(count);
await Promise.all(
  Array.from({ length: Number(parallel) }, async () => {
    while (left > 0) {
      left -= 1;
      await store.update(counter, (current = 0) => current + 1);
    }
  }),
);
await store.close();
