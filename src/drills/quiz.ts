import { z } from 'zod';
import { QUESTION_KINDS, type Question } from './questions.js';

/** A question as kept inside a session, so a quiz in progress survives a content change or a restart. */
export const storedQuestionSchema = z.object({
  id: z.string(),
  topic: z.string(),
  source: z.string(),
  kind: z.enum(QUESTION_KINDS),
  stem: z.string(),
  options: z.array(z.string()),
  answer: z.number().int().min(0),
  explanation: z.string(),
}) satisfies z.ZodType<Question>;

/** One student's quiz: the questions drawn, the choice made on each, and which one is on screen. */
export const quizSchema = z.object({
  id: z.string(),
  guildId: z.string(),
  userId: z.string(),
  topic: z.string(),
  questions: z.array(storedQuestionSchema).min(1),
  /** The option picked for each question, or null while unanswered. */
  choices: z.array(z.number().int().nullable()),
  /** The question on screen, from 0. */
  position: z.number().int().min(0),
  startedAt: z.iso.datetime(),
});
export type Quiz = z.infer<typeof quizSchema>;

export function newQuiz(fields: Omit<Quiz, 'choices' | 'position'>): Quiz {
  return { ...fields, choices: fields.questions.map(() => null), position: 0 };
}

/** What happened to a click on an answer; only `counted` changes anything. */
export type AnswerResult =
  | { outcome: 'counted'; quiz: Quiz; question: Question; choice: number; correct: boolean }
  | { outcome: 'already-answered'; quiz: Quiz }
  | { outcome: 'not-on-screen'; quiz: Quiz }
  | { outcome: 'no-such-option'; quiz: Quiz };

/**
 * Applies a click on option `choice` of the question at `position`. A second click on the same
 * question, or a click replayed from a question no longer on screen, counts nothing.
 */
export function answerQuestion(quiz: Quiz, position: number, choice: number): AnswerResult {
  const question = quiz.questions[position];
  if (!question || position !== quiz.position) return { outcome: 'not-on-screen', quiz };
  if (quiz.choices[position] !== null) return { outcome: 'already-answered', quiz };
  if (!Number.isInteger(choice) || choice < 0 || choice >= question.options.length) {
    return { outcome: 'no-such-option', quiz };
  }
  const choices = quiz.choices.map((previous, index) => (index === position ? choice : previous));
  return { outcome: 'counted', quiz: { ...quiz, choices }, question, choice, correct: choice === question.answer };
}

/** Moves on from an answered question; a stale or early "Next" leaves the quiz where it is. */
export function nextQuestion(quiz: Quiz, from: number): Quiz {
  const answered = quiz.choices[from] !== null && quiz.choices[from] !== undefined;
  if (from !== quiz.position || !answered || from + 1 >= quiz.questions.length) return quiz;
  return { ...quiz, position: from + 1 };
}

export interface QuizSummary {
  answered: number;
  correct: number;
  /** The questions answered wrongly, to review. */
  missed: Question[];
}

export function summarize(quiz: Quiz): QuizSummary {
  const answered = quiz.questions.filter((_, index) => quiz.choices[index] !== null);
  const missed = answered.filter((question) => quiz.choices[quiz.questions.indexOf(question)] !== question.answer);
  return { answered: answered.length, correct: answered.length - missed.length, missed };
}
