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
  withAnswers,
  liveAnswerSchema,
  type GameSettings,
  type LiveAnswer,
  type LiveGame,
  type SubmitOutcome,
} from './game.js';
import { classMembers } from '../scores/scoreboard.js';

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

// A student's answer outlives its game by a day, long enough for any reveal or podium that gathers it.
const ANSWER_TTL_MS = 24 * 60 * 60_000;
/**
 * Each student's answer to each question is a record of their own: a class answering at once writes side by
 * side instead of queueing to rewrite the game. The game gathers them when it reveals or ends.
 */
const answerKey = (guildId: string, gameId: string, index: number, userId: string) =>
  key(`live-answer:${guildId}:${gameId}:${index}:${userId}`, liveAnswerSchema, { ttlMs: ANSWER_TTL_MS });

/**
 * The answers students gave to the rounds `indexes` of a game. Only students on the class list can have
 * answered: an answer counts in the student's score, which puts them on it, before it is written.
 */
async function gatherAnswers(
  store: Store,
  guildId: string,
  gameId: string,
  indexes: readonly number[],
): Promise<Map<number, LiveAnswer[]>> {
  if (indexes.length === 0) return new Map();
  const members = await classMembers(store, guildId);
  const byRound = new Map<number, LiveAnswer[]>();
  for (const index of indexes) {
    const answers = await store.getMany(members.map((userId) => answerKey(guildId, gameId, index, userId)));
    byRound.set(
      index,
      answers.filter((answer) => answer !== undefined),
    );
  }
  return byRound;
}

/** Applies `transition`, and when it changed the game, adds the answers of `rounds` gathered just before. */
async function changeGameGathering(
  store: Store,
  guildId: string,
  gameId: string,
  rounds: (game: LiveGame) => number[],
  transition: (game: LiveGame) => LiveGame,
): Promise<GameStep | undefined> {
  const before = await store.get(liveKey(guildId));
  const gathered =
    before?.id === gameId
      ? await gatherAnswers(store, guildId, gameId, rounds(before))
      : new Map<number, LiveAnswer[]>();
  return changeGame(store, guildId, gameId, (game) => {
    const next = transition(game);
    return next === game ? game : withAnswers(next, gathered);
  });
}

const everyRound = (game: LiveGame) => game.rounds.map((_, index) => index);

export const reveal = (store: Store, guildId: string, gameId: string, index: number) =>
  changeGameGathering(
    store,
    guildId,
    gameId,
    () => [index],
    (game) => revealQuestion(game, index),
  );

/** Moving on past the last question finishes the game, whose standings gather every round once more. */
export const advance = (store: Store, guildId: string, gameId: string, from: number, now: Date) =>
  changeGameGathering(
    store,
    guildId,
    gameId,
    (game) => (game.index + 1 >= game.questions.length ? everyRound(game) : []),
    (game) => nextQuestion(game, from, now),
  );

export const stop = (store: Store, guildId: string, gameId: string) =>
  changeGameGathering(store, guildId, gameId, everyRound, (game) => stopGame(game));

export const attachMessage = (store: Store, guildId: string, gameId: string, index: number, messageId: string) =>
  changeGame(store, guildId, gameId, (game) => recordMessage(game, index, messageId));

/**
 * A student's click, checked against the game as it stands and kept in the student's own answer record. A
 * counted answer also counts in their /score (once, by its id) before that record is written, so a crash in
 * between leaves the click to be tried again, never counted twice.
 */
export async function answerLive(
  store: Store,
  click: { guildId: string; gameId: string; userId: string; name: string; index: number; choice: number },
  now: Date,
): Promise<SubmitOutcome | 'gone'> {
  const game = await store.get(liveKey(click.guildId));
  if (!game || game.id !== click.gameId) return 'gone';
  const checked = submitAnswer(game, click.userId, click.index, click.choice, now);
  const answer = checked.game.rounds[click.index]?.answers.at(-1);
  const question = game.questions[click.index];
  if (checked.outcome !== 'counted' || !answer || !question) return checked.outcome;
  let outcome: SubmitOutcome = 'already-answered';
  await store.update(answerKey(click.guildId, click.gameId, click.index, click.userId), async (previous) => {
    outcome = previous ? 'already-answered' : 'counted';
    if (previous) return previous;
    await countDrillAnswer(store, click, {
      id: `live:${game.id}:${click.index}`,
      question,
      correct: click.choice === question.answer,
      choice: click.choice,
      at: now,
    });
    return answer;
  });
  return outcome;
}
