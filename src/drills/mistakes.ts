import { z } from 'zod';
import { key, type Store } from '../store/index.js';
import { interleaveTopics } from './interleave.js';
import type { Question } from './questions.js';
import { storedQuestionSchema } from './quiz.js';

// Enough for a few review quizzes; older mistakes make way for new ones.
const MAX_MISTAKES = 50;

/** How sure a student said they were of an answer. */
export const CONFIDENCES = ['sure', 'unsure'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

const mistakeSchema = storedQuestionSchema.extend({
  // Optional: mistakes kept before students were asked how sure they were, and answers given without saying, have none.
  confidence: z.enum(CONFIDENCES).optional(),
  /** Answered right, but the student was not sure: a lucky guess is worth asking again, after the mistakes. */
  guessed: z.literal(true).optional(),
});
/**
 * A question a student got wrong (and how sure they were, when they said), or got right while unsure of it
 * (`guessed`).
 */
export type Mistake = z.infer<typeof mistakeSchema>;

/** The questions a student last got wrong or guessed, newest last; a right answer given as sure takes one off. */
export const mistakesKey = (guildId: string, userId: string) =>
  key(`mistakes:${guildId}:${userId}`, z.array(mistakeSchema));

export async function rememberAnswer(
  store: Store,
  guildId: string,
  userId: string,
  question: Question,
  correct: boolean,
  confidence?: Confidence,
): Promise<void> {
  await store.update(mistakesKey(guildId, userId), (mistakes = []) => {
    const others = mistakes.filter((mistake) => mistake.id !== question.id);
    const guessed = correct && confidence === 'unsure';
    if (correct && !guessed) return others;
    // The question's own fields only: one asked in /review may still carry how sure the student was the last time.
    const mistake: Mistake = {
      ...storedQuestionSchema.parse(question),
      ...(confidence && { confidence }),
      ...(guessed && { guessed }),
    };
    return [...others, mistake].slice(-MAX_MISTAKES);
  });
}

export async function readMistakes(store: Store, guildId: string, userId: string): Promise<Mistake[]> {
  return (await store.get(mistakesKey(guildId, userId))) ?? [];
}

/**
 * The mistakes as the questions read now, by id: a teacher may have corrected a deck's answer key by importing
 * it again since. A question that is gone (its deck removed, the course rewritten) is left out.
 */
export function asTheyReadNow(mistakes: readonly Mistake[], current: readonly Question[]): Mistake[] {
  const byId = new Map(current.map((question) => [question.id, question]));
  return mistakes.flatMap((mistake) => {
    const question = byId.get(mistake.id);
    if (!question) return [];
    const { confidence, guessed } = mistake;
    return { ...question, ...(confidence && { confidence }), ...(guessed && { guessed }) };
  });
}

/**
 * The questions a review asks, in the order it asks them: those answered wrong while sure first (feedback
 * corrects a confident error best, the hypercorrection effect), then the other mistakes, then the right
 * answers given unsure; the newest first in each group, at most `size` in all. Within each group topics take
 * turns, and each group starts on another topic than the one before it ended with.
 */
export function reviewOrder(mistakes: readonly Mistake[], size: number): Mistake[] {
  const newestFirst = [...mistakes].reverse();
  const groups = [
    newestFirst.filter((mistake) => !mistake.guessed && mistake.confidence === 'sure'),
    newestFirst.filter((mistake) => !mistake.guessed && mistake.confidence !== 'sure'),
    newestFirst.filter((mistake) => mistake.guessed),
  ];
  const asked: Mistake[] = [];
  for (const group of groups) {
    asked.push(...interleaveTopics(group.slice(0, size - asked.length), asked.at(-1)?.topic));
  }
  return asked;
}

/** What a student actually got wrong, without the right answers they were unsure of. */
export function wrongOnly(mistakes: readonly Mistake[]): Mistake[] {
  return mistakes.filter((mistake) => !mistake.guessed);
}
