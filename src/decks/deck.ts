import { createHash } from 'node:crypto';
import { latinWords } from '../content/course.js';
import { questionLimits } from '../drills/questions.js';
import { UserError } from '../errors.js';

/**
 * What a deck file may hold; the /deck command states these to the teacher.
 *
 * Discord accepts attachments of up to 25 MB, but a class vocabulary list is a few kilobytes: 2,000 rows of a
 * term and a two-sentence definition come to about 300 KB, so 1 MB leaves room for long definitions, rich
 * questions and non-Latin scripts (three bytes a character) while refusing a wrong file before it is read.
 * The question, option and explanation limits are the quiz renderer's own, so a rich question is shown exactly
 * as written; a card's definition may be longer because /define shows it whole and a quiz quotes its first
 * sentences.
 */
export const DECK_LIMITS = {
  maxBytes: 1024 * 1024,
  maxRows: 2000,
  maxNameLength: 60,
  maxTermLength: 100,
  maxDefinitionLength: 1000,
  maxQuestionLength: questionLimits.stem,
  maxOptionLength: questionLimits.option,
  maxExplanationLength: questionLimits.explanation,
} as const;

export interface DeckCard {
  term: string;
  definition: string;
  /** The file's line the row starts on, from 1. */
  line: number;
}

export interface DeckQuestion {
  stem: string;
  /** The right answer first, then the wrong options in the file's order; the quiz shuffles them. */
  options: string[];
  /** Index of the right option: always 0 as parsed. */
  answer: number;
  /** Empty when the teacher left the explanation cell blank. */
  explanation: string;
  line: number;
}

export interface Deck {
  name: string;
  cards: DeckCard[];
  questions: DeckQuestion[];
  format: 'csv' | 'tsv' | 'rich';
}

/** One thing wrong with a deck file, for the teacher to fix. */
export interface DeckProblem {
  /** The file's line, from 1; absent when the problem is with the file as a whole. */
  line?: number;
  message: string;
}

// Enough to fix a file in one go without the reply outgrowing a Discord message.
const PROBLEMS_SHOWN = 8;

/** A deck file that cannot be imported. Every problem found is listed, so the teacher can fix them all at once. */
export class DeckError extends UserError {
  readonly problems: readonly DeckProblem[];

  constructor(problems: readonly DeckProblem[]) {
    super(describeProblems(problems));
    this.problems = problems;
  }
}

/** A DeckError with a single problem. */
export function deckError(message: string, line?: number): DeckError {
  return new DeckError([line === undefined ? { message } : { line, message }]);
}

function describeProblems(problems: readonly DeckProblem[]): string {
  const [only] = problems;
  if (problems.length === 1 && only) return only.message;
  const listed = problems.slice(0, PROBLEMS_SHOWN).map((problem) => `• ${problem.message}`);
  const more = problems.length - PROBLEMS_SHOWN;
  return [
    `The file has ${problems.length} problems, so nothing was imported:`,
    ...listed,
    ...(more > 0 ? [`…and ${more} more.`] : []),
  ].join('\n');
}

/** A cell's text inside a message, clipped so a long definition cannot swamp the reply. */
export function quoted(text: string, max = 40): string {
  return `“${text.length > max ? `${text.slice(0, max - 1)}…` : text}”`;
}

// Letters and digits of any script, spaces and the punctuation titles use. Leaving out * _ ` ~ | < > @ and #
// keeps a name from turning into Discord markdown, a mention or a channel link wherever it is shown.
const NAME_CHARACTER = /[\p{L}\p{M}\p{N} '’.,&()+:!?-]/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * The deck's name: the `name` option when given, else the file name without its extension. Discord puts
 * underscores for spaces in attachment names, so `Unit_3_Vocabulary.csv` gives "Unit 3 Vocabulary".
 */
export function deckName(fileName: string, name?: string | undefined): string {
  const given = collapseSpaces(name ?? '');
  if (given !== '') {
    const problem = nameProblem(given);
    if (problem) throw deckError(`The deck name ${quoted(given)} ${problem}.`);
    return given;
  }
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const fromFile = collapseSpaces(base.replace(/\.[A-Za-z0-9]{1,8}$/, '').replace(/_/g, ' '));
  const problem = nameProblem(fromFile);
  if (problem) {
    throw deckError(
      `The file name ${quoted(base)} doesn't make a good deck name: it ${problem}. ` +
        'Give the deck a name with the name option.',
    );
  }
  return fromFile;
}

/** What is wrong with a name, as the end of a sentence, or undefined when it will do. */
function nameProblem(name: string): string | undefined {
  const max = DECK_LIMITS.maxNameLength;
  if (name.length > max) return `is ${name.length} characters long; the limit is ${max}`;
  const bad = [...name].find((character) => !NAME_CHARACTER.test(character));
  if (bad !== undefined) {
    return `can't use ${quoted(bad)}: a deck name takes letters, numbers, spaces and - ' . , & ( ) + : ! ? only`;
  }
  if (!LETTER_OR_DIGIT.test(name)) return 'needs a letter or a digit';
  return undefined;
}

function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The topic id of a deck: `deck-` and its name in kebab case ("Unit 3 Vocabulary" → `deck-unit-3-vocabulary`),
 * the same shape as the course's ids. A name with no Latin letters or digits (日本語) has no kebab form, so
 * it gets a short hash of the name instead: stable, and the same whatever the case.
 */
export function deckId(name: string): string {
  const words = latinWords(name);
  return `deck-${words === '' ? shortHash(name.trim().toLowerCase()) : words.replace(/ /g, '-')}`;
}

/** Eight hex digits standing for a text that has no readable id. */
export function shortHash(text: string): string {
  return createHash('sha256').update(text.normalize('NFC')).digest('hex').slice(0, 8);
}
