import { describe, expect, it } from 'vitest';
import { confirmReset, requestReset } from '../../src/classes/reset.js';
import { mistakesKey } from '../../src/drills/mistakes.js';
import { cardStatesKey } from '../../src/drills/study.js';
import { firstAttemptsKey } from '../../src/scores/first-attempts.js';
import { recordAnswer } from '../../src/scores/score.js';
import { classMembers, joinClass, scoreKey } from '../../src/scores/scoreboard.js';
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

  it('clears every student of a class of 120, a batch at a time', async () => {
    const students = Array.from({ length: 120 }, (_, i) => `student-${i}`);
    for (const userId of students) {
      await joinClass(store, 'g', userId);
      await store.set(
        scoreKey('g', userId),
        recordAnswer(undefined, { id: 'a', topic: 't', correct: true, at: now }, 'UTC'),
      );
      await store.set(mistakesKey('g', userId), []);
      await store.set(cardStatesKey('g', userId), {});
      await store.set(firstAttemptsKey('g', userId), [{ id: 'q', choice: 0, correct: true }]);
    }
    const token = await requestReset(store, 'g', now);
    expect(await confirmReset(store, 'g', token, minutesLater(1))).toBe(120);
    expect(await classMembers(store, 'g')).toEqual([]);
    const left = await Promise.all(
      students.flatMap((userId) => [
        store.get(scoreKey('g', userId)),
        store.get(mistakesKey('g', userId)),
        store.get(cardStatesKey('g', userId)),
        store.get(firstAttemptsKey('g', userId)),
      ]),
    );
    expect(left.filter((record) => record !== undefined)).toEqual([]);
  });
});
