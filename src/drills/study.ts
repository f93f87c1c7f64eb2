import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { UserError } from '../errors.js';
import { joinClass } from '../scores/scoreboard.js';
import { key, type Store } from '../store/index.js';
import {
  cardStateSchema,
  rateCard,
  studyQueue,
  type Flashcard,
  type RatingName,
  type StudyQueue,
} from './flashcards.js';

/** One student's FSRS state for every card they have studied in a server. */
export const cardStatesKey = (guildId: string, userId: string) =>
  key(`cards:${guildId}:${userId}`, z.record(z.string(), cardStateSchema));

/** A round of flashcards: which cards, which is on screen, and whether its answer shows. */
export const studySchema = z.object({
  id: z.string(),
  guildId: z.string(),
  userId: z.string(),
  cardIds: z.array(z.string()).min(1),
  position: z.number().int().min(0),
  revealed: z.boolean(),
  dueToday: z.number().int().min(0),
  fresh: z.number().int().min(0),
});
export type Study = z.infer<typeof studySchema>;
// A round left for a week is gone; the ratings it recorded stay in the student's schedule.
const ROUND_TTL_MS = 7 * 24 * 60 * 60_000;
export const studyKey = (id: string) => key(`study:${id}`, studySchema, { ttlMs: ROUND_TTL_MS });

// One sitting: enough to learn something, short enough to finish between classes.
const CARDS_PER_ROUND = 10;

export interface StudyStart {
  study: Study | undefined;
  queue: StudyQueue;
}

/** Due cards first, then new ones; `study` is undefined when nothing is due and nothing is new. */
export async function startStudy(
  store: Store,
  player: { guildId: string; userId: string },
  cards: readonly Flashcard[],
  now: Date,
): Promise<StudyStart> {
  const states = (await store.get(cardStatesKey(player.guildId, player.userId))) ?? {};
  const queue = studyQueue([...cards], states, now);
  if (queue.cards.length === 0) return { study: undefined, queue };
  const study: Study = {
    id: randomBytes(12).toString('base64url'),
    ...player,
    cardIds: queue.cards.slice(0, CARDS_PER_ROUND).map((card) => card.id),
    position: 0,
    revealed: false,
    dueToday: queue.dueToday,
    fresh: queue.fresh,
  };
  await store.set(studyKey(study.id), study);
  return { study, queue };
}

async function ownStudy(store: Store, id: string, userId: string): Promise<Study> {
  const study = /^[\w-]{16}$/.test(id) ? await store.get(studyKey(id)) : undefined;
  if (!study) throw new UserError('Those flashcards have expired. Start again with /flashcards.');
  if (study.userId !== userId) throw new UserError('Those flashcards belong to someone else. Try /flashcards.');
  return study;
}

/** Turns the card at `position` over; a stale click leaves the round as it is. */
export async function revealCard(store: Store, id: string, userId: string, position: number): Promise<Study> {
  await ownStudy(store, id, userId);
  return store.update(studyKey(id), (current) => {
    if (!current) throw new UserError('Those flashcards have expired. Start again with /flashcards.');
    return current.position === position ? { ...current, revealed: true } : current;
  });
}

/**
 * Rates the card on screen and moves to the next. Only the first rating of a card counts: a
 * double-click or a replayed click finds the round already past that card.
 */
export async function rateStudyCard(
  store: Store,
  id: string,
  userId: string,
  position: number,
  rating: RatingName,
  now: Date,
): Promise<{ study: Study; counted: boolean }> {
  await ownStudy(store, id, userId);
  let counted = false;
  const study = await store.update(studyKey(id), async (current) => {
    if (!current) throw new UserError('Those flashcards have expired. Start again with /flashcards.');
    const cardId = current.cardIds[position];
    if (current.position !== position || !current.revealed || !cardId) return current;
    await store.update(cardStatesKey(current.guildId, current.userId), (states = {}) => ({
      ...states,
      [cardId]: rateCard(states[cardId], rating, now),
    }));
    await joinClass(store, current.guildId, current.userId);
    counted = true;
    return { ...current, position: position + 1, revealed: false };
  });
  return { study, counted };
}

/** When the student's next card falls due, after a round. */
export async function nextDue(store: Store, guildId: string, userId: string): Promise<Date | undefined> {
  const states = Object.values((await store.get(cardStatesKey(guildId, userId))) ?? {});
  const times = states.map((state) => Date.parse(state.due));
  return times.length > 0 ? new Date(Math.min(...times)) : undefined;
}
