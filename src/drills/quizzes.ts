import { UserError } from '../errors.js';
import { key, type Store } from '../store/index.js';
import { countDrillAnswer } from './answers.js';
import { flashcardOfQuestion } from './flashcards.js';
import type { Question } from './questions.js';
import { changeOwnSession, newSessionId, SESSION_TTL_MS } from './sessions.js';
import { bringCardForward } from './study.js';
import type { TypedGrade } from './grading.js';
import type { Confidence } from './mistakes.js';
import {
  answerQuestion,
  answerTyped,
  newQuiz,
  nextQuestion,
  quizSchema,
  type AnswerResult,
  type Quiz,
  type TypedResult,
} from './quiz.js';

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
  /** For a quiz answered by typing: the names accepted for each question. */
  accepted?: string[][],
): Promise<Quiz> {
  const quiz = newQuiz({ id: newSessionId(), ...player, topic, questions, startedAt: now.toISOString() }, accepted);
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

/** The student's own quiz as it stands, for a click that only shows something; anyone else's is refused. */
export async function readQuiz(store: Store, quizId: string, userId: string): Promise<Quiz> {
  const current = await store.get(quizKey(quizId));
  if (!current) throw new UserError(quizRefusals.gone);
  if (current.userId !== userId) throw new UserError(quizRefusals.notYours);
  return current;
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
      const { question, correct, choice } = result;
      await countDrillAnswer(
        store,
        { guildId: current.guildId, userId: current.userId, name: student.name },
        { id: `quiz:${current.id}:${position}`, question, correct, choice, at: now },
      );
    }
    return result.quiz;
  });
  if (!result) throw new Error('quiz update did not run');
  return result;
}

/**
 * A typed answer, counted as a click is (once per quiz and question), as recall, with how sure the student was.
 * Wrong while sure, the term's flashcard also falls due now.
 */
export async function answerTypedInQuiz(
  store: Store,
  quizId: string,
  student: { userId: string; name: string },
  position: number,
  typed: { text: string; confidence?: Confidence },
  grade: (accepted: readonly string[], question: Question) => TypedGrade,
  now: Date,
): Promise<TypedResult> {
  let result: TypedResult | undefined;
  await changeOwnQuiz(store, quizId, student.userId, async (current) => {
    result = answerTyped(current, position, typed.text, grade, typed.confidence);
    if (result.outcome === 'counted') {
      const { question, answer } = result;
      await countDrillAnswer(
        store,
        { guildId: current.guildId, userId: current.userId, name: student.name },
        {
          id: `quiz:${current.id}:${position}`,
          question,
          correct: answer.correct,
          at: now,
          typed: true,
          ...(answer.confidence ? { confidence: answer.confidence } : {}),
        },
      );
    }
    return result.quiz;
  });
  if (!result) throw new Error('quiz update did not run');
  if (result.outcome === 'counted' && !result.answer.correct && result.answer.confidence === 'sure') {
    const cardId = flashcardOfQuestion(result.question.id);
    if (cardId) await bringCardForward(store, result.quiz, cardId, now);
  }
  return result;
}

export function advanceQuiz(store: Store, quizId: string, userId: string, from: number): Promise<Quiz> {
  return changeOwnQuiz(store, quizId, userId, (current) => nextQuestion(current, from));
}
