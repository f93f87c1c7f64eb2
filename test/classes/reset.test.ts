import { describe, expect, it } from 'vitest';
import { confirmReset, requestReset } from '../../src/classes/reset.js';
import type { Store } from '../../src/store/index.js';
import { scratchStorePerTest } from '../scratch-store.js';

const now = new Date('2026-11-25T10:00:00Z');
const minutesLater = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
let store: Store;
scratchStorePerTest('reset', (opened) => (store = opened));

describe('confirming a reset', () => {
  it('clears once for the pending token, and never for a used or expired one', async () => {
    const token = await requestReset(store, 'g', now);
    expect(await confirmReset(store, 'g', token, minutesLater(1))).toBe(0);
    expect(await confirmReset(store, 'g', token, minutesLater(1))).toBeUndefined();
    const late = await requestReset(store, 'g', now);
    expect(await confirmReset(store, 'g', late, minutesLater(6))).toBeUndefined();
  });

  it('leaves a later request standing when an old button is clicked', async () => {
    const old = await requestReset(store, 'g', now);
    const current = await requestReset(store, 'g', minutesLater(6));
    expect(await confirmReset(store, 'g', old, minutesLater(7))).toBeUndefined();
    expect(await confirmReset(store, 'g', current, minutesLater(7))).toBe(0);
  });
});
