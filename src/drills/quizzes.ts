import { key, type Store } from '../store/index.js';
import { countDrillAnswer } from './answers.js';
import type { Question } from './questions.js';
import { changeOwnSession, newSessionId, SESSION_TTL_MS } from './sessions.js';
import { answerQuestion, newQuiz, nextQuestion, quizSchema, type AnswerResult, type Quiz } from './quiz.js';

const quizKey = (id: string) => key(`quiz:${id}`, quizSchema, { ttlMs: SESSION_TTL_MS });

export interface Player {
  guildId: string;
  userId: string;
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

const quizRefusals = {
  gone: 'That quiz has ended or never existed. Start a new one with /quiz.',
  notYours: 'That quiz belongs to someone else. Start your own with /quiz.',
};

function changeOwnQuiz(store: Store, id: string, userId: string, change: (quiz: Quiz) => Quiz | Promise<Quiz>) {
  return changeOwnSession(store, quizKey, id, userId, quizRefusals, change);
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
  let result: AnswerResult | undefined;
  await changeOwnQuiz(store, quizId, student.userId, async (current) => {
    result = answerQuestion(current, position, choice);
    if (result.outcome === 'counted') {
      const { question, correct } = result;
      await countDrillAnswer(
        store,
        { guildId: current.guildId, userId: current.userId, name: student.name },
        { id: `quiz:${current.id}:${position}`, question, correct, at: now },
      );
    }
    return result.quiz;
  });
  if (!result) throw new Error('quiz update did not run');
  return result;
}

export function advanceQuiz(store: Store, quizId: string, userId: string, from: number): Promise<Quiz> {
  return changeOwnQuiz(store, quizId, userId, (current) => nextQuestion(current, from));
}
