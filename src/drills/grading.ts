import { normalize, typosBetween } from '../content/course.js';
import type { Question, QuestionKind } from './questions.js';

/** The longest answer a student may type: a term's name, not an essay. Also the modal's limit. */
export const TYPED_ANSWER_MAX = 100;

/** A term as grading sees it: its name, then every alias and spelling a student may type for it. */
export interface GradedTerm {
  name: string;
  names: readonly string[];
}

/** What was typed, before any grading: an answer to grade, or input that counts nothing. */
export type TypedInput = { outcome: 'answer'; text: string } | { outcome: 'empty' } | { outcome: 'too-long' };

/** What a typed answer earned: right (after `slips` forgiven typos), or wrong, naming the other term it is. */
export type TypedGrade = { verdict: 'right'; slips: number } | { verdict: 'wrong'; otherTerm?: string };

/**
 * Typos forgiven in a name of this many letters: none up to 4 (short names are too alike: "Wa" is not "Na"),
 * one up to 8, two beyond. A swapped pair of neighbouring letters is one typo.
 */
export function slipsAllowed(length: number): number {
  if (length <= 4) return 0;
  return length <= 8 ? 1 : 2;
}

// Questions answered by a term's name; true-or-false claims and long statements are no names to type.
const NAMED_ANSWERS: readonly QuestionKind[] = ['term-from-definition', 'chart-side'];

/** The questions a student can answer by typing a name. */
export function typeableQuestions(questions: readonly Question[]): Question[] {
  return questions.filter((question) => NAMED_ANSWERS.includes(question.kind));
}

/** Empty, blank and over-long input is no answer, and counts nothing. */
export function readTyped(raw: string): TypedInput {
  const text = raw.trim();
  if (raw.length > TYPED_ANSWER_MAX) return { outcome: 'too-long' };
  if (normalize(text) === '') return { outcome: 'empty' };
  return { outcome: 'answer', text };
}

/**
 * Grades a typed answer against the names the right answer goes by, in any case, without accents or
 * punctuation, with typos forgiven by length. A name of another term typed exactly is wrong even when it is
 * a slip away from the answer; a wrong answer that is (or is a slip from) another term in `glossary` names it.
 */
export function gradeTyped(typed: string, answerNames: readonly string[], glossary: readonly GradedTerm[]): TypedGrade {
  const wanted = compact(typed);
  if (wanted === '') return { verdict: 'wrong' };
  const accepted = new Set(answerNames.map(compact));
  if (accepted.has(wanted)) return { verdict: 'right', slips: 0 };
  const others = glossary.filter((term) => !term.names.some((name) => accepted.has(compact(name))));
  const exactOther = others.find((term) => term.names.some((name) => compact(name) === wanted));
  if (exactOther) return { verdict: 'wrong', otherTerm: exactOther.name };
  const slips = fewestSlips(wanted, [...accepted]);
  if (slips !== undefined) return { verdict: 'right', slips };
  let closest: { term: GradedTerm; slips: number } | undefined;
  for (const term of others) {
    const near = fewestSlips(wanted, term.names.map(compact));
    if (near !== undefined && (!closest || near < closest.slips)) closest = { term, slips: near };
  }
  return closest ? { verdict: 'wrong', otherTerm: closest.term.name } : { verdict: 'wrong' };
}

/** A name as grading compares it: normalized, and without spaces, so "self-reliance" is "self reliance" is "selfreliance". */
function compact(text: string): string {
  return normalize(text).replaceAll(' ', '');
}

/** The fewest typos between what was typed and any of the names, if within what each name's length forgives. */
function fewestSlips(typed: string, names: readonly string[]): number | undefined {
  let fewest: number | undefined;
  for (const name of names) {
    const allowed = slipsAllowed(name.length);
    const slips = typosBetween(typed, name, allowed);
    if (slips <= allowed && (fewest === undefined || slips < fewest)) fewest = slips;
  }
  return fewest;
}
