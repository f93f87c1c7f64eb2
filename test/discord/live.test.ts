import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveRunner, type LiveRest } from '../../src/discord/live.js';
import type { LiveGame } from '../../src/live/game.js';
import { attachMessage, liveKey, openGame } from '../../src/live/sessions.js';
import type { Store } from '../../src/store/index.js';
import { capturedLog } from '../captured-log.js';
import { fixtureQuestion } from '../fixtures/question.js';
import { scratchStorePerTest } from '../scratch-store.js';

let store: Store;
scratchStorePerTest('live-runner', (opened) => (store = opened));

/** What Discord was asked to do: each post and each edit, by route. */
let posted: string[];
let edited: string[];
const rest: LiveRest = {
  post: (route) => {
    posted.push(route);
    return Promise.resolve({ id: `message${posted.length}` });
  },
  patch: (route) => {
    edited.push(route);
    return Promise.resolve({});
  },
};

beforeEach(() => {
  posted = [];
  edited = [];
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** The store's connection dropped: what node's socket gives a driver. */
const outage = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' });

/** A game of two ten-second questions whose first closes `closesInMs` from now. */
function openGameClosingIn(closesInMs: number): Promise<LiveGame> {
  const opened = new Date(Date.now() - 10_000 + closesInMs);
  return openGame(
    store,
    {
      guildId: 'g',
      channelId: 'class',
      hostId: 'teacher',
      topic: 'everything',
      questions: [fixtureQuestion('one', 0), fixtureQuestion('two', 1)],
      seconds: 10,
      speedBonus: true,
    },
    opened,
  );
}

function runner(log = capturedLog().log): LiveRunner {
  return new LiveRunner(rest, { store, log, now: () => new Date() });
}

const revealed = () => vi.waitFor(() => expect(edited).toHaveLength(1), { timeout: 5_000, interval: 50 });

describe('a live quiz whose store blips', () => {
  it('reveals a question whose time-up met the store away, once the store answers again', async () => {
    const { log, lines } = capturedLog();
    const live = runner(log);
    const game = await openGameClosingIn(0);
    await live.begin(game);
    // The time-up fires next: its reveal meets the outage.
    vi.spyOn(store, 'update').mockRejectedValueOnce(outage());

    await revealed();
    expect((await store.get(liveKey('g')))?.phase).toBe('revealed');
    expect(lines).toContainEqual(
      expect.objectContaining({
        guildId: 'g',
        gameId: game.id,
        doing: 'reveal a live quiz answer',
        err: expect.objectContaining({ code: 'ECONNREFUSED' }),
      }),
    );
    live.stopAll();
  });

  it('picks the games up after a restart whose first read of the store failed', async () => {
    const game = await openGameClosingIn(0);
    await attachMessage(store, 'g', game.id, 0, 'message1');
    vi.spyOn(store, 'getMany').mockRejectedValueOnce(outage());
    const live = runner();

    await expect(live.resume(['g'])).resolves.toBeUndefined();
    await revealed();
    live.stopAll();
  });

  it('keeps the clock running when a teacher’s stop fails after cancelling it', async () => {
    const live = runner();
    const game = await openGameClosingIn(1_500);
    await live.begin(game);
    vi.spyOn(store, 'get').mockRejectedValueOnce(outage());

    await expect(live.end(game)).rejects.toThrow(/ECONNREFUSED/);
    await revealed();
    live.stopAll();
  });
});
