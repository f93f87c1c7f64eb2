import { z } from 'zod';
import type { TypedGrade } from './grading.js';
import type { Confidence } from './mistakes.js';
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

/** An answer a student typed, kept with its grade so the answered question can be shown again. */
const typedAnswerSchema = z.object({
  text: z.string(),
  correct: z.boolean(),
  /** Typos forgiven in a right answer. */
  slips: z.number().int().min(0),
  /** The other term a wrong answer named. */
  otherTerm: z.string().optional(),
  // Listed here rather than imported: mistakes.ts reads this module's question schema when it loads.
  confidence: (z.enum(['sure', 'unsure']) satisfies z.ZodType<Confidence>).optional(),
});
export type TypedAnswer = z.infer<typeof typedAnswerSchema>;

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
  /**
   * A quiz answered by typing: each question's accepted names (the term's name, aliases and spellings, fixed
   * when the quiz starts), and what was typed for each, or null while unanswered. `choices` then stay null.
   */
  typed: z
    .object({
      accepted: z.array(z.array(z.string()).min(1)),
      answers: z.array(typedAnswerSchema.nullable()),
    })
    .optional(),
});
export type Quiz = z.infer<typeof quizSchema>;

export function newQuiz(fields: Omit<Quiz, 'choices' | 'position' | 'typed'>, accepted?: string[][]): Quiz {
  const quiz = { ...fields, choices: fields.questions.map(() => null), position: 0 };
  return accepted ? { ...quiz, typed: { accepted, answers: fields.questions.map(() => null) } } : quiz;
}

/** Whether the question at `position` has been answered, by a click or by typing. */
export function isAnswered(quiz: Quiz, position: number): boolean {
  const choice = quiz.choices[position];
  return (choice !== null && choice !== undefined) || Boolean(quiz.typed?.answers[position]);
}

/** Whether the question at `position` was answered right. */
export function answeredRight(quiz: Quiz, position: number): boolean {
  const typed = quiz.typed?.answers[position];
  if (typed) return typed.correct;
  return quiz.choices[position] === quiz.questions[position]?.answer;
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

/** What happened to a typed answer; only `counted` changes anything. */
export type TypedResult =
  | { outcome: 'counted'; quiz: Quiz; question: Question; answer: TypedAnswer }
  | { outcome: 'already-answered'; quiz: Quiz }
  | { outcome: 'not-on-screen'; quiz: Quiz }
  | { outcome: 'not-typed'; quiz: Quiz };

/**
 * Applies an answer typed for the question at `position`, graded by `grade` against the names the quiz
 * accepts for it. A second submit for the same question, or one replayed from a question no longer on
 * screen, counts nothing.
 */
export function answerTyped(
  quiz: Quiz,
  position: number,
  text: string,
  grade: (accepted: readonly string[], question: Question) => TypedGrade,
  confidence?: Confidence,
): TypedResult {
  const question = quiz.questions[position];
  const accepted = quiz.typed?.accepted[position];
  if (!quiz.typed || !accepted) return { outcome: 'not-typed', quiz };
  if (!question || position !== quiz.position) return { outcome: 'not-on-screen', quiz };
  if (isAnswered(quiz, position)) return { outcome: 'already-answered', quiz };
  const grading = grade(accepted, question);
  const answer: TypedAnswer = {
    text,
    correct: grading.verdict === 'right',
    slips: grading.verdict === 'right' ? grading.slips : 0,
    ...(grading.verdict === 'wrong' && grading.otherTerm ? { otherTerm: grading.otherTerm } : {}),
    ...(confidence ? { confidence } : {}),
  };
  const answers = quiz.typed.answers.map((previous, index) => (index === position ? answer : previous));
  return { outcome: 'counted', quiz: { ...quiz, typed: { ...quiz.typed, answers } }, question, answer };
}

/** Moves on from an answered question; a stale or early "Next" leaves the quiz where it is. */
export function nextQuestion(quiz: Quiz, from: number): Quiz {
  if (from !== quiz.position || !isAnswered(quiz, from) || from + 1 >= quiz.questions.length) return quiz;
  return { ...quiz, position: from + 1 };
}

export interface QuizSummary {
  answered: number;
  correct: number;
  /** The questions answered wrongly, to review. */
  missed: Question[];
}

export function summarize(quiz: Quiz): QuizSummary {
  const answered = quiz.questions.flatMap((question, index) => (isAnswered(quiz, index) ? [{ question, index }] : []));
  const missed = answered.filter(({ index }) => !answeredRight(quiz, index)).map(({ question }) => question);
  return { answered: answered.length, correct: answered.length - missed.length, missed };
}
