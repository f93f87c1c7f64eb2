import type { DeckQuestion } from './deck.js';
import { isTrueFalse } from './questions.js';

/**
 * An item-writing flaw in one of a sheet's questions: something that lets a student find the answer without
 * knowing it, or trips up one who does. None stops an import; the teacher is told, by line, and decides.
 * - `answer-in-question`: content words of the right answer that the question repeats and no wrong option has,
 *   so matching words finds the answer (a clang association).
 * - `above-option`: an option such as "All of the above" or "None of the above"; the quiz shuffles the options,
 *   so what is "above" changes from student to student.
 * - `long-answer`: a right answer much longer than every wrong one, which test-wise students pick when unsure.
 * - `unmarked-negative`: "not", "except", "never" (and the like) in the question in plain letters, easy to read
 *   past; capitals or bold mark it.
 */
export type ItemWarning =
  | { kind: 'answer-in-question'; line: number; words: string[] }
  | { kind: 'above-option'; line: number; option: string }
  | { kind: 'long-answer'; line: number; answerWords: number; longestWrongWords: number }
  | { kind: 'unmarked-negative'; line: number; word: string };

// "Much longer": half again as long as the longest wrong option, and a few words more, so that a two-word answer
// beside one-word options (Carbon dioxide, Oxygen) is no flaw.
const LONG_ANSWER_RATIO = 1.5;
const LONG_ANSWER_EXTRA_WORDS = 3;

/** Every flaw in the questions, in the order of their lines. */
export function itemWarnings(questions: readonly DeckQuestion[]): ItemWarning[] {
  return questions.flatMap((question) =>
    [answerInQuestion(question), ...aboveOptions(question), longAnswer(question), unmarkedNegative(question)].filter(
      (warning) => warning !== undefined,
    ),
  );
}

function rightAndWrong(question: DeckQuestion): { right: string; wrong: string[] } {
  return {
    right: question.options[question.answer] ?? '',
    wrong: question.options.filter((_, index) => index !== question.answer),
  };
}

function answerInQuestion(question: DeckQuestion): ItemWarning | undefined {
  // "True" in "True or false: …" gives nothing away.
  if (isTrueFalse(question.options)) return undefined;
  const { right, wrong } = rightAndWrong(question);
  const inQuestion = contentWords(question.stem);
  // A word the wrong options share tells nothing; one that only the right answer has points at it.
  const inWrong = wrong.flatMap(contentWords);
  const words = unique(
    contentWords(right).filter(
      (word) => inQuestion.some((other) => sameWord(word, other)) && !inWrong.some((other) => sameWord(word, other)),
    ),
  );
  return words.length > 0 ? { kind: 'answer-in-question', line: question.line, words } : undefined;
}

const ABOVE = /\b(?:all|none|both|neither)\s+(?:of\s+)?(?:the\s+)?above\b/i;

function aboveOptions(question: DeckQuestion): ItemWarning[] {
  return question.options
    .filter((option) => ABOVE.test(option))
    .map((option) => ({ kind: 'above-option', line: question.line, option }));
}

function longAnswer(question: DeckQuestion): ItemWarning | undefined {
  const { right, wrong } = rightAndWrong(question);
  const answerWords = wordCount(right);
  const longestWrongWords = Math.max(...wrong.map(wordCount));
  const muchLonger =
    answerWords > longestWrongWords * LONG_ANSWER_RATIO && answerWords - longestWrongWords >= LONG_ANSWER_EXTRA_WORDS;
  return muchLonger ? { kind: 'long-answer', line: question.line, answerWords, longestWrongWords } : undefined;
}

// Whole words only: "nothing", "notion" and "knot" are no negatives. An optional ** either side is bold: the teacher
// marked it, though the quiz shows their asterisks as written, which is why the warning suggests capitals.
const NEGATIVE = /(\*\*)?\b(not|except|never|cannot|no longer|[a-z]+n['’]t)\b(\*\*)?/gi;

function unmarkedNegative(question: DeckQuestion): ItemWarning | undefined {
  for (const [, openBold, word = '', closeBold] of question.stem.matchAll(NEGATIVE)) {
    const bold = openBold !== undefined && closeBold !== undefined;
    const capitals = word === word.toUpperCase();
    if (!bold && !capitals) return { kind: 'unmarked-negative', line: question.line, word };
  }
  return undefined;
}

// Words that carry no content, so sharing them gives nothing away. Words under three letters are left out anyway.
const STOP_WORDS = new Set(
  (
    'the and for are but not you all any can had her was one our out has have him his how its who did does ' +
    'get got let may she use way yes yet nor off own too why what when where which while whom whose with ' +
    'this that these those there their them they then than from into onto upon about above below after ' +
    'before again against between through during each every some such only also very just more most less ' +
    'least other others same both either neither been being were will would shall should could might must ' +
    'here over under once your yours ours hers itself himself herself themselves ourselves ' +
    'because until unless whether though although within without among amongst per via true false'
  ).split(' '),
);

/** The words of a text that say something, lower-cased, as written. */
function contentWords(text: string): string[] {
  return text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => /\p{N}/u.test(word) || (word.length >= 3 && !STOP_WORDS.has(word)));
}

/** The same word, or one the other's plural: "cells" in the question gives away the answer "cell". */
function sameWord(a: string, b: string): boolean {
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  return longer === shorter || longer === `${shorter}s` || longer === `${shorter}es`;
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => word !== '').length;
}

function unique(words: readonly string[]): string[] {
  return [...new Set(words)];
}
