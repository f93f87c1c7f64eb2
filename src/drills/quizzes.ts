import { randomBytes } from 'node:crypto';
import { UserError } from '../errors.js';
import { countAnswer } from '../scores/scoreboard.js';
import { key, type Store } from '../store/index.js';
import { rememberAnswer } from './mistakes.js';
import type { Question } from './questions.js';
import { answerQuestion, newQuiz, nextQuestion, quizSchema, type AnswerResult, type Quiz } from './quiz.js';

// A quiz left unfinished for a week is gone; the answers it counted stay in the score.
const SESSION_TTL_MS = 7 * 24 * 60 * 60_000;

export const quizKey = (id: string) => key(`quiz:${id}`, quizSchema, { ttlMs: SESSION_TTL_MS });

export interface Player {
  guildId: string;
  userId: string;
}

/** An opaque id that cannot be guessed, so a made-up custom_id finds no quiz. */
function newSessionId(): string {
  return randomBytes(12).toString('base64url');
}

export async function startQuiz(
  store: Store,
  player: Player,
  topic: string,
  questions: Question[],
  now: Date,
): Promise<Quiz> {
  const quiz = newQuiz({ id: newSessionId(), ...player, topic, questions, startedAt: now.toISOString() });
  await store.set(quizKey(quiz.id), quiz);
  return quiz;
}

/** The student's own quiz; anyone else's, or one that does not exist, is refused politely. */
export async function ownQuiz(store: Store, quizId: string, userId: string): Promise<Quiz> {
  const quiz = /^[\w-]{16}$/.test(quizId) ? await store.get(quizKey(quizId)) : undefined;
  if (!quiz) throw new UserError('That quiz has ended or never existed. Start a new one with /quiz.');
  if (quiz.userId !== userId) throw new UserError('That quiz belongs to someone else. Start your own with /quiz.');
  return quiz;
}

/**
 * A click on an answer. The score is counted before the quiz records the choice, and counting is
 * idempotent per quiz and question, so a crash between the two writes can neither lose the answer
 * nor count it twice: the retried click finds the question open and the score already counted.
 */
export async function answerInQuiz(
  store: Store,
  quizId: string,
  student: { userId: string; name: string },
  position: number,
  choice: number,
  now: Date,
): Promise<AnswerResult> {
  const { userId, name } = student;
  await ownQuiz(store, quizId, userId);
  let result: AnswerResult | undefined;
  await store.update(quizKey(quizId), async (current) => {
    if (!current) throw new UserError('That quiz has ended. Start a new one with /quiz.');
    result = answerQuestion(current, position, choice);
    if (result.outcome === 'counted') {
      const { question, correct } = result;
      await countAnswer(store, current.guildId, current.userId, {
        id: `quiz:${current.id}:${position}`,
        topic: question.topic,
        correct,
        at: now,
        name,
      });
      await rememberAnswer(store, current.guildId, current.userId, question, correct);
    }
    return result.quiz;
  });
  if (!result) throw new Error('quiz update did not run');
  return result;
}

export async function advanceQuiz(store: Store, quizId: string, userId: string, from: number): Promise<Quiz> {
  await ownQuiz(store, quizId, userId);
  return store.update(quizKey(quizId), (current) => {
    if (!current) throw new UserError('That quiz has ended. Start a new one with /quiz.');
    return nextQuestion(current, from);
  });
}
