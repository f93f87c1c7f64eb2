import { createEmptyCard, fsrs, Rating, State, type Card, type Grade } from 'ts-fsrs';
import { z } from 'zod';
import { endOfLocalDay } from '../clock.js';
import type { Course } from '../content/course.js';

/** One card: a term on the front, what it means on the back. */
export interface Flashcard {
  id: string;
  /** The charts the term belongs to and the seed it comes from, so a topic can pick its cards. */
  topics: string[];
  front: string;
  back: string;
  source: string;
}

/** FSRS memory state of one card for one student, as kept in the store (dates as ISO strings). */
export const cardStateSchema = z.object({
  due: z.iso.datetime(),
  stability: z.number(),
  difficulty: z.number(),
  elapsedDays: z.number(),
  scheduledDays: z.number(),
  learningSteps: z.number(),
  reps: z.number().int(),
  lapses: z.number().int(),
  state: z.enum(State),
  lastReview: z.iso.datetime().optional(),
});
export type CardState = z.infer<typeof cardStateSchema>;

export const ratings = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy } as const;
export type RatingName = keyof typeof ratings;
export const RATING_NAMES = ['again', 'hard', 'good', 'easy'] as const satisfies readonly RatingName[];

// Fuzz spreads due dates at random; without it a schedule can be tested with a fixed clock.
const scheduler = fsrs({ enable_fuzz: false });

export function courseFlashcards(course: Course): Flashcard[] {
  return course.terms.map((term) => {
    const charts = course.comparisons.filter((chart) =>
      [chart.left, chart.right].some((side) => side === term.id || term.related.includes(side)),
    );
    return {
      id: `term:${term.id}`,
      topics: [...charts.map((chart) => chart.id), term.source],
      front: term.term,
      back: `${term.definition}\n\n*Example:* ${term.example}`,
      source: term.source,
    };
  });
}

/**
 * The flashcard of the term a "which term is defined here?" question asks for: the course's `define:{term}` is
 * card `term:{term}`, a deck's `{deck}:define:{term}` is card `{deck}:{term}`. Other questions have none.
 */
export function flashcardOfQuestion(questionId: string): string | undefined {
  const match = /^(?:(.+):)?define:([^:]+)$/.exec(questionId);
  if (!match?.[2]) return undefined;
  return match[1] ? `${match[1]}:${match[2]}` : `term:${match[2]}`;
}

/** The state after the student rates a card; a card never seen before starts empty at `now`. */
export function rateCard(state: CardState | undefined, rating: RatingName, now: Date): CardState {
  const card = state ? toCard(state) : createEmptyCard(now);
  return fromCard(scheduler.next(card, now, ratings[rating] as Grade).card);
}

export interface StudyQueue {
  /** Cards due now, most overdue first, then cards never studied, in course order. */
  cards: Flashcard[];
  /** Cards already studied that fall due by the end of today, in the class's timezone. */
  dueToday: number;
  fresh: number;
}

export function studyQueue(
  cards: Flashcard[],
  states: Record<string, CardState>,
  now: Date,
  timezone: string,
): StudyQueue {
  const endOfDay = endOfLocalDay(now, timezone);
  const dueAt = (card: Flashcard) => Date.parse(states[card.id]?.due ?? '');
  const seen = cards.filter((card) => states[card.id]);
  const due = seen.filter((card) => dueAt(card) <= now.getTime()).sort((a, b) => dueAt(a) - dueAt(b));
  const fresh = cards.filter((card) => !states[card.id]);
  return {
    cards: [...due, ...fresh],
    dueToday: seen.filter((card) => dueAt(card) < endOfDay.getTime()).length,
    fresh: fresh.length,
  };
}

function toCard(state: CardState): Card {
  return {
    due: new Date(state.due),
    stability: state.stability,
    difficulty: state.difficulty,
    elapsed_days: state.elapsedDays,
    scheduled_days: state.scheduledDays,
    learning_steps: state.learningSteps,
    reps: state.reps,
    lapses: state.lapses,
    state: state.state,
    ...(state.lastReview ? { last_review: new Date(state.lastReview) } : {}),
  };
}

function fromCard(card: Card): CardState {
  return {
    due: card.due.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    ...(card.last_review ? { lastReview: card.last_review.toISOString() } : {}),
  };
}
