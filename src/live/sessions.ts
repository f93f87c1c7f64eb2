import { randomBytes } from 'node:crypto';
import { countDrillAnswer } from '../drills/answers.js';
import { UserError } from '../errors.js';
import { key, type Store } from '../store/index.js';
import {
  liveGameSchema,
  nextQuestion,
  recordMessage,
  revealQuestion,
  startGame,
  stopGame,
  submitAnswer,
  type GameSettings,
  type LiveGame,
  type SubmitOutcome,
} from './game.js';

/** The server's live quiz: one at a time, kept whole so a restart carries on mid-question. */
export const liveKey = (guildId: string) => key(`live:${guildId}`, liveGameSchema);

export async function openGame(store: Store, settings: Omit<GameSettings, 'id'>, now: Date): Promise<LiveGame> {
  const game = startGame({ ...settings, id: randomBytes(9).toString('base64url') }, now);
  let running = false;
  await store.update(liveKey(settings.guildId), (current) => {
    running = current !== undefined && current.phase !== 'finished';
    return running && current ? current : game;
  });
  if (running) throw new UserError('A live quiz is already running here. Finish it with /live stop first.');
  return game;
}

/** What a step did to the stored game: `changed` is false when another step (or process) got there first. */
export interface GameStep {
  game: LiveGame;
  changed: boolean;
}

/**
 * Applies `change` to the server's game if it is still the game `gameId`; undefined when another game
 * has replaced it, and a polite error when there is none.
 * The transitions return the game itself when they change nothing, which is how a step that was
 * already taken (a skip racing the timer, two processes during a restart) is told apart.
 */
async function changeGame(
  store: Store,
  guildId: string,
  gameId: string,
  change: (game: LiveGame) => LiveGame,
): Promise<GameStep | undefined> {
  let found = false;
  let changed = false;
  const game = await store.update(liveKey(guildId), (current) => {
    if (!current) throw new UserError('There is no live quiz here.');
    found = current.id === gameId;
    if (!found) return current;
    const next = change(current);
    changed = next !== current;
    return next;
  });
  return found ? { game, changed } : undefined;
}

export const reveal = (store: Store, guildId: string, gameId: string, index: number) =>
  changeGame(store, guildId, gameId, (game) => revealQuestion(game, index));

export const advance = (store: Store, guildId: string, gameId: string, from: number, now: Date) =>
  changeGame(store, guildId, gameId, (game) => nextQuestion(game, from, now));

export const stop = (store: Store, guildId: string, gameId: string) =>
  changeGame(store, guildId, gameId, (game) => stopGame(game));

export const attachMessage = (store: Store, guildId: string, gameId: string, index: number, messageId: string) =>
  changeGame(store, guildId, gameId, (game) => recordMessage(game, index, messageId));

/**
 * A student's click. A counted answer also counts in their /score (once, by its id), inside the
 * game's serialized update so the two cannot disagree.
 */
export async function answerLive(
  store: Store,
  click: { guildId: string; gameId: string; userId: string; name: string; index: number; choice: number },
  now: Date,
): Promise<SubmitOutcome | 'gone'> {
  let outcome: SubmitOutcome | 'gone' = 'gone';
  await store.update(liveKey(click.guildId), async (current) => {
    if (!current || current.id !== click.gameId) return current ?? throwGone();
    const result = submitAnswer(current, click.userId, click.index, click.choice, now);
    outcome = result.outcome;
    const question = current.questions[click.index];
    if (result.outcome === 'counted' && question) {
      await countDrillAnswer(store, click, {
        id: `live:${current.id}:${click.index}`,
        question,
        correct: click.choice === question.answer,
        at: now,
      });
    }
    return result.game;
  });
  return outcome;
}

function throwGone(): never {
  throw new UserError('That live quiz has ended.');
}
