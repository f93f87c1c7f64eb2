import { z } from 'zod';
import { UserError } from '../errors.js';
import { joinClass } from '../scores/scoreboard.js';
import { key, type Store } from '../store/index.js';
import type { TypedGrade } from './grading.js';
import { changeOwnSession, newSessionId, SESSION_TTL_MS } from './sessions.js';
import {
  cardStateSchema,
  RATING_NAMES,
  rateCard,
  studyQueue,
  type CardState,
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
  /**
   * A round answered by typing each card's term: the card shows its meaning, the student types the name, and the
   * grade rates the card. `answer` is the answer to the card on screen once typed (then `revealed` is true).
   */
  typed: z
    .object({
      answer: z
        .object({
          text: z.string(),
          correct: z.boolean(),
          slips: z.number().int().min(0),
          otherTerm: z.string().optional(),
          rating: z.enum(RATING_NAMES),
        })
        .optional(),
    })
    .optional(),
});
export type Study = z.infer<typeof studySchema>;
/** A typed answer to a card, as its round keeps it. */
export type TypedCardAnswer = NonNullable<NonNullable<Study['typed']>['answer']>;
const studyKey = (id: string) => key(`study:${id}`, studySchema, { ttlMs: SESSION_TTL_MS });

// One sitting: enough to learn something, short enough to finish between classes.
const CARDS_PER_ROUND = 10;

export interface StudyStart {
  study: Study | undefined;
  queue: StudyQueue;
  /** With nothing to study now: when the topic's next card falls due, if it has any. */
  nextDue: Date | undefined;
}

/**
 * Due cards first, then new ones; `study` is undefined when nothing is due and nothing is new. "Due today"
 * ends at midnight in `timezone`, the class's.
 */
export async function startStudy(
  store: Store,
  player: { guildId: string; userId: string },
  cards: readonly Flashcard[],
  now: Date,
  timezone: string,
  /** Answered by typing each card's term rather than by showing and rating it. */
  typed = false,
): Promise<StudyStart> {
  const states = (await store.get(cardStatesKey(player.guildId, player.userId))) ?? {};
  const queue = studyQueue([...cards], states, now, timezone);
  if (queue.cards.length === 0) return { study: undefined, queue, nextDue: nextDueOf(cards, states) };
  const study: Study = {
    id: newSessionId(),
    ...player,
    cardIds: queue.cards.slice(0, CARDS_PER_ROUND).map((card) => card.id),
    position: 0,
    revealed: false,
    dueToday: queue.dueToday,
    fresh: queue.fresh,
    ...(typed ? { typed: {} } : {}),
  };
  await store.set(studyKey(study.id), study);
  return { study, queue, nextDue: undefined };
}

const studyRefusals = {
  gone: 'Those flashcards have expired. Start again with /flashcards.',
  notYours: 'Those flashcards belong to someone else. Try /flashcards.',
};

function changeOwnStudy(store: Store, id: string, userId: string, change: (study: Study) => Study | Promise<Study>) {
  return changeOwnSession(store, studyKey, id, userId, studyRefusals, change);
}

/** The student's own round as it stands, for a click that only opens something; anyone else's is refused. */
export async function readStudy(store: Store, id: string, userId: string): Promise<Study> {
  const current = await store.get(studyKey(id));
  if (!current) throw new UserError(studyRefusals.gone);
  if (current.userId !== userId) throw new UserError(studyRefusals.notYours);
  return current;
}

/** Turns the card at `position` over; a stale click leaves the round as it is. */
export function revealCard(store: Store, id: string, userId: string, position: number): Promise<Study> {
  // A typed round shows a card's answer only once it is typed.
  return changeOwnStudy(store, id, userId, (current) =>
    current.position === position && !current.typed ? { ...current, revealed: true } : current,
  );
}

/** Records a rating in the student's own schedule of cards. */
async function rateInSchedule(store: Store, study: Study, cardId: string, rating: RatingName, now: Date) {
  await store.update(cardStatesKey(study.guildId, study.userId), async (states) => {
    // A student who only studies cards is on the class list too, so a new term's reset finds them.
    if (!states) await joinClass(store, study.guildId, study.userId);
    return { ...states, [cardId]: rateCard(states?.[cardId], rating, now) };
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
  let counted = false;
  const study = await changeOwnStudy(store, id, userId, async (current) => {
    // Decided afresh on every run: the update runs this again when another process wrote the round first.
    counted = false;
    const cardId = current.cardIds[position];
    // A typed round is rated by what was typed, never by a button.
    if (current.typed || current.position !== position || !current.revealed || !cardId) return current;
    await rateInSchedule(store, current, cardId, rating, now);
    counted = true;
    return { ...current, position: position + 1, revealed: false };
  });
  return { study, counted };
}

/**
 * Makes a card the student has studied fall due `now`, if it was scheduled later: after a wrong answer given
 * while sure, so the confident error is corrected soonest (the hypercorrection effect). A card never studied is
 * already among the new ones.
 */
export async function bringCardForward(
  store: Store,
  player: { guildId: string; userId: string },
  cardId: string,
  now: Date,
): Promise<void> {
  const statesKey = cardStatesKey(player.guildId, player.userId);
  const isLater = (state: CardState | undefined): state is CardState =>
    state !== undefined && Date.parse(state.due) > now.getTime();
  if (!isLater((await store.get(statesKey))?.[cardId])) return;
  await store.update(statesKey, (states = {}) => {
    const state = states[cardId];
    return isLater(state) ? { ...states, [cardId]: { ...state, due: now.toISOString() } } : states;
  });
}

/**
 * Rates the card on screen by what the student typed for it (wrong → Again, right after a slip → Hard, right →
 * Good) and shows its answer; the round moves on with `nextTypedCard`. Only the first answer to a card counts: a
 * replayed submit finds the answer already shown.
 */
export async function answerTypedCard(
  store: Store,
  id: string,
  userId: string,
  position: number,
  text: string,
  grading: TypedGrade,
  now: Date,
): Promise<{ study: Study; counted: boolean }> {
  let counted = false;
  const study = await changeOwnStudy(store, id, userId, async (current) => {
    counted = false;
    const cardId = current.cardIds[position];
    if (!current.typed || current.position !== position || current.revealed || !cardId) return current;
    const rating = ratingForTyped(grading);
    await rateInSchedule(store, current, cardId, rating, now);
    counted = true;
    const correct = grading.verdict === 'right';
    const answer: TypedCardAnswer = {
      text,
      correct,
      slips: grading.verdict === 'right' ? grading.slips : 0,
      ...(grading.verdict === 'wrong' && grading.otherTerm ? { otherTerm: grading.otherTerm } : {}),
      rating,
    };
    return { ...current, revealed: true, typed: { answer } };
  });
  return { study, counted };
}

/** The FSRS rating a typed answer earns: wrong → Again, right after a slip → Hard, right → Good. */
export function ratingForTyped(grade: TypedGrade): RatingName {
  if (grade.verdict === 'wrong') return 'again';
  return grade.slips > 0 ? 'hard' : 'good';
}

/** Moves a typed round on from the answered card at `position`; a stale or early "Next" changes nothing. */
export function nextTypedCard(store: Store, id: string, userId: string, position: number): Promise<Study> {
  return changeOwnStudy(store, id, userId, (current) =>
    current.typed && current.position === position && current.revealed
      ? { ...current, position: position + 1, revealed: false, typed: {} }
      : current,
  );
}

/** The earliest due date among these cards' schedules: only cards of the topic asked for count. */
function nextDueOf(cards: readonly Flashcard[], states: Record<string, CardState>): Date | undefined {
  const times = cards.flatMap((card) => {
    const state = states[card.id];
    return state ? [Date.parse(state.due)] : [];
  });
  return times.length > 0 ? new Date(Math.min(...times)) : undefined;
}
