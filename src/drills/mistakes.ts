import { z } from 'zod';
import { key, type Store } from '../store/index.js';
import type { Question } from './questions.js';
import { storedQuestionSchema } from './quiz.js';

// Enough for a few review quizzes; older mistakes make way for new ones.
const MAX_MISTAKES = 50;

/** The questions a student last got wrong, newest last; a right answer later takes one off. */
export const mistakesKey = (guildId: string, userId: string) =>
  key(`mistakes:${guildId}:${userId}`, z.array(storedQuestionSchema));

export async function rememberAnswer(
  store: Store,
  guildId: string,
  userId: string,
  question: Question,
  correct: boolean,
): Promise<void> {
  await store.update(mistakesKey(guildId, userId), (mistakes = []) => {
    const others = mistakes.filter((mistake) => mistake.id !== question.id);
    return correct ? others : [...others, question].slice(-MAX_MISTAKES);
  });
}

export async function readMistakes(store: Store, guildId: string, userId: string): Promise<Question[]> {
  return (await store.get(mistakesKey(guildId, userId))) ?? [];
}

/**
 * The mistakes as the questions read now, by id: a teacher may have corrected a deck's answer key by importing
 * it again since. A question that is gone (its deck removed, the course rewritten) is left out.
 */
export function asTheyReadNow(mistakes: readonly Question[], current: readonly Question[]): Question[] {
  const byId = new Map(current.map((question) => [question.id, question]));
  return mistakes.flatMap((mistake) => byId.get(mistake.id) ?? []);
}
