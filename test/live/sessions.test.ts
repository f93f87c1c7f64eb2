import { describe, expect, it, vi } from 'vitest';
import { distribution, standings } from '../../src/live/game.js';
import { answerLive, openGame, reveal, stop } from '../../src/live/sessions.js';
import { readScore } from '../../src/scores/scoreboard.js';
import type { Store } from '../../src/store/index.js';
import { fixtureQuestion } from '../fixtures/question.js';
import { scratchStorePerTest } from '../scratch-store.js';

let store: Store;
scratchStorePerTest('live', (opened) => (store = opened));

const now = new Date('2026-11-25T10:00:00Z');
const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);
const settings = {
  guildId: 'g',
  channelId: 'class',
  hostId: 'teacher',
  topic: 'everything',
  questions: [fixtureQuestion('one', 0), fixtureQuestion('two', 1)],
  seconds: 20,
  speedBonus: false,
};

describe('a live quiz kept in the store', () => {
  it('takes a class answering at once on each student’s own record, and gathers them at the reveal', async () => {
    const game = await openGame(store, settings, now);
    const students = Array.from({ length: 30 }, (_, index) => `student-${index}`);
    const written = vi.spyOn(store.backend.atomic, 'writeIfUnchanged');
    const outcomes = await Promise.all(
      students.map((userId, index) =>
        answerLive(
          store,
          { guildId: 'g', gameId: game.id, userId, name: userId, index: 0, choice: index % 2 },
          later(1),
        ),
      ),
    );
    expect(outcomes).toEqual(students.map(() => 'counted'));
    expect(written.mock.calls.map(([name]) => name).filter((name) => name.startsWith('live:'))).toEqual([]);

    const again = await answerLive(
      store,
      { guildId: 'g', gameId: game.id, userId: 'student-0', name: 'S', index: 0, choice: 1 },
      later(2),
    );
    expect(again).toBe('already-answered');
    expect((await readScore(store, 'g', 'student-0'))?.answered).toBe(1);

    const revealed = await reveal(store, 'g', game.id, 0);
    expect(revealed?.changed).toBe(true);
    const evens = students.filter((_, index) => index % 2 === 0).length;
    expect(distribution(revealed?.game ?? game, 0)).toEqual([evens, students.length - evens, 0, 0]);
  });

  it('counts in the final standings an answer that came in after its question was revealed', async () => {
    const game = await openGame(store, settings, now);
    const click = { guildId: 'g', gameId: game.id, name: 'S', index: 0, choice: 0 };
    await answerLive(store, { ...click, userId: 'ana' }, later(1));
    // Ben's click passed its check while the question was open; its record landed after the reveal gathered.
    const late = answerLive(store, { ...click, userId: 'ben' }, later(19));
    await reveal(store, 'g', game.id, 0);
    await late;
    const finished = await stop(store, 'g', game.id);
    expect(standings(finished?.game ?? game).map((row) => row.userId)).toEqual(['ana', 'ben']);
  });
});
