import { timeSlices, type Pause } from '../time-slices.js';
import { htmlToText, readFileHeader, SEPARATOR_NAMES, type FileHeader, type Separator } from './anki.js';
import {
  DECK_LIMITS,
  DeckError,
  deckError,
  deckName,
  quoted,
  type Deck,
  type DeckCard,
  type DeckProblem,
  type DeckQuestion,
} from './deck.js';
import { decodeDeckFile } from './decode.js';
import { readTable, type Row } from './rows.js';

/** The header row of the rich format, as the /deck help shows it. */
export const RICH_HEADER = 'type,question,answer,wrong 1,wrong 2,wrong 3,explanation';

/**
 * Reads a deck file a teacher attached to `/deck import`: bytes in, a whole validated deck out, or a DeckError
 * listing what to fix. Nothing is half-imported. Line numbers in messages are the file's own, from 1.
 *
 * **Cards** (how Quizlet and Anki export): one card per row, the term, a separator, then the definition. No
 * header row.
 * - The separator is a tab, comma, semicolon or pipe. An Anki `#separator:` line names it; otherwise a tab
 *   anywhere means tabs, else whichever of comma, semicolon and pipe splits the most rows into two cells
 *   (on a tie, the one that leaves the others out of the terms: `chat;the cat, a pet` is split at the `;`).
 * - A cell holding the separator, a quote mark or a line break is wrapped in double quotes, with any quote
 *   mark inside written twice: `"to go, to walk",aller`.
 * - The `#` lines at the top of an Anki export are read and skipped: `#separator:`, `#html:true` (cells are
 *   turned from HTML into plain text) and `#tags column:` with the other Anki column settings (those columns
 *   are ignored). Without them, every row must have exactly two cells: a third is far more often a definition
 *   cut at an unquoted comma than something safe to drop.
 * - Blank rows, empty cells at the end of a row (a spreadsheet's leftovers) and a first row of exactly
 *   `term,definition` are skipped; a UTF-8 byte-order mark is dropped; every cell is trimmed.
 *
 * **Rich** (questions with options and an explanation, and cards, written in a spreadsheet): the first row is
 * exactly these headings (in any case; the type column may be left out, and then every row is a question):
 *
 * ```
 * type,question,answer,wrong 1,wrong 2,wrong 3,explanation
 * question,What gas do plants take in?,Carbon dioxide,Oxygen,Nitrogen,Helium,Plants use CO2 to make sugar.
 * question,Plants make their own food.,True,False,,,They make sugar by photosynthesis.
 * card,photosynthesis,How plants turn light into sugar,,,,
 * ```
 * - A question row needs a question, its right answer and one to three wrong options (two options in all for
 *   true or false, up to four); the explanation may be left empty. The options are shuffled in the quiz.
 * - A card row puts the term under `question` and the definition under `answer`, and leaves the rest empty.
 * - The format is recognised by that header row alone, so a cards file whose first row is a real card can
 *   never be mistaken for it.
 *
 * Limits are in DECK_LIMITS. Terms must be unique, ignoring case, and so must questions.
 *
 * A full file takes 100 ms or more to read, so it is read in time slices, pausing between chunks and rows.
 */
export async function parseDeck(fileName: string, bytes: Uint8Array, name?: string | undefined): Promise<Deck> {
  const pause = timeSlices();
  const lines = decodeDeckFile(fileName, bytes).split('\n');
  const deck = deckName(fileName, name);
  const header = readFileHeader(lines);
  // The header block is blanked rather than cut, so csv-parse still counts its lines.
  const body = lines.map((line, index) => (index < header.lineCount ? '' : line)).join('\n');
  const table = await readTable(body, header.separator, (rows) => countFitting(rows, header), pause);
  const separator = table.separator;
  const rows = table.rows.filter((row) => row.cells.some((cell) => cell.trim() !== ''));
  const [first] = rows;
  if (!first) throw deckError('The file has no cards: it is empty, or holds only blank lines and # lines.');
  const layout = layoutOf(first);
  if (layout.kind === 'almost-rich') throw almostRich(first);
  const data = layout.kind === 'cards' && !layout.header ? rows : rows.slice(1);
  checkRowCount(first, data);
  const read = header.html ? htmlToText : (cell: string) => cell.trim();
  const { cards, questions, problems } =
    layout.kind === 'rich'
      ? await readRich(data, layout.typed, read, pause)
      : await readCards(data, metaColumns(header, separator), separator, read, pause);
  problems.push(...duplicateTerms(cards), ...duplicateQuestions(questions));
  if (problems.length > 0) throw new DeckError(problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)));
  const format = layout.kind === 'rich' ? 'rich' : separator === '\t' ? 'tsv' : 'csv';
  return { name: deck, cards, questions, format };
}

// ---------------------------------------------------------------------------------------------------------
// Layout: which format the first row announces

const RICH_HEADINGS = ['question', 'answer', 'wrong1', 'wrong2', 'wrong3', 'explanation'];
const CARD_HEADINGS = ['term', 'definition'];
const OPTION_NAMES = ['answer', 'wrong 1', 'wrong 2', 'wrong 3'];

type Layout =
  | { kind: 'cards'; header: boolean }
  | { kind: 'rich'; typed: boolean }
  /** A first row that starts like the rich header but is not quite it: a typo to point out, not a card. */
  | { kind: 'almost-rich' };

function layoutOf(first: Row): Layout {
  const headings = withoutTrailingBlanks(first.cells, 0).map((cell) => cell.toLowerCase().replace(/[\s_-]+/g, ''));
  const is = (expected: readonly string[]) =>
    headings.length === expected.length && expected.every((heading, i) => headings[i] === heading);
  if (is(RICH_HEADINGS)) return { kind: 'rich', typed: false };
  if (is(['type', ...RICH_HEADINGS])) return { kind: 'rich', typed: true };
  if (is(CARD_HEADINGS)) return { kind: 'cards', header: true };
  // A card row has two cells, so a wider first row with two of the headings is a mistyped header, not a card.
  const known = headings.filter((heading) => heading === 'type' || RICH_HEADINGS.includes(heading));
  if (headings.length > 2 && known.length >= 2) return { kind: 'almost-rich' };
  return { kind: 'cards', header: false };
}

function almostRich(first: Row): DeckError {
  return deckError(
    `Line ${first.line} looks like a header row, but the rich format needs exactly these headings: ` +
      `${RICH_HEADER} (the type column may be left out).`,
    first.line,
  );
}

/** How many rows have the width their format expects: how a separator is judged when the file names none. */
function countFitting(rows: readonly Row[], header: FileHeader): number {
  const layout = rows[0] ? layoutOf(rows[0]) : undefined;
  const [fewest, most] =
    layout?.kind === 'rich' ? [3, RICH_HEADINGS.length + (layout.typed ? 1 : 0)] : [2, 2 + header.metaColumns.length];
  return rows.filter((row) => {
    const width = withoutTrailingBlanks(row.cells, 0).length;
    return width >= fewest && width <= most;
  }).length;
}

function checkRowCount(first: Row, data: readonly Row[]): void {
  if (data.length === 0) throw deckError(`Line ${first.line} is a header row, but no rows follow it.`, first.line);
  if (data.length > DECK_LIMITS.maxRows) {
    throw deckError(
      `The file has ${data.length.toLocaleString('en-US')} rows; a deck can have at most ` +
        `${DECK_LIMITS.maxRows.toLocaleString('en-US')}. Split it into smaller decks.`,
    );
  }
}

/** The cells, less any empty ones at the end beyond the first `keep`. */
function withoutTrailingBlanks(cells: readonly string[], keep: number): string[] {
  let end = cells.length;
  while (end > keep && (cells[end - 1] ?? '').trim() === '') end -= 1;
  return cells.slice(0, end);
}

// ---------------------------------------------------------------------------------------------------------
// Cards

/** Turns a cell as written into its text: trimmed, and from HTML when the file says `#html:true`. */
type CellReader = (cell: string) => string;

/** What the rows hold, or what is wrong with them. */
interface Contents {
  cards: DeckCard[];
  questions: DeckQuestion[];
  problems: DeckProblem[];
}

/** Anki's metadata columns, plus a column its `#columns:` line labels "Tags". */
function metaColumns(header: FileHeader, separator: Separator): Set<number> {
  const columns = new Set(header.metaColumns);
  const labels = header.columnLabels?.split(separator).map((label) => label.trim().toLowerCase()) ?? [];
  labels.forEach((label, index) => {
    if (label === 'tags') columns.add(index + 1);
  });
  return columns;
}

async function readCards(
  rows: readonly Row[],
  meta: ReadonlySet<number>,
  separator: Separator,
  read: CellReader,
  pause: Pause,
): Promise<Contents> {
  const result: Contents = { cards: [], questions: [], problems: [] };
  const separatorName = SEPARATOR_NAMES[separator];
  for (const row of rows) {
    await pause();
    const cells = withoutTrailingBlanks(
      row.cells.filter((_, index) => !meta.has(index + 1)),
      2,
    );
    const [term, definition] = cells;
    if (cells.length > 2) {
      const advice =
        separator === '\t'
          ? 'Keep just those two columns.'
          : `If a term or definition contains a ${separatorName}, wrap it in double quotes (").`;
      result.problems.push({
        line: row.line,
        message: `Line ${row.line} has ${cells.length} columns; expected a term and a definition. ${advice}`,
      });
    } else if (term === undefined || definition === undefined) {
      result.problems.push({
        line: row.line,
        message: `Line ${row.line} has only one column: expected a term, a ${separatorName}, then a definition.`,
      });
    } else {
      addCard(result, row.line, term, definition, read);
    }
  }
  return result;
}

/** A term, an option or a type: one line, however the cell was wrapped. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function addCard(result: Contents, line: number, rawTerm: string, rawDefinition: string, read: CellReader): void {
  const term = oneLine(read(rawTerm));
  const definition = read(rawDefinition);
  const problems = [
    emptyCell(line, 'term', term, rawTerm),
    emptyCell(line, 'definition', definition, rawDefinition),
    tooLong(line, 'the term', term, DECK_LIMITS.maxTermLength),
    tooLong(line, 'the definition', definition, DECK_LIMITS.maxDefinitionLength),
  ].filter((problem) => problem !== undefined);
  if (problems.length > 0) result.problems.push(...problems);
  else result.cards.push({ term, definition, line });
}

function emptyCell(line: number, what: string, text: string, raw: string): DeckProblem | undefined {
  if (text !== '') return undefined;
  // An Anki field holding only an image reads as empty once its HTML is gone; say so, or the teacher sees text.
  const why = raw.trim() === '' ? '' : ' once its HTML (such as an image) is removed';
  return { line, message: `Line ${line} has an empty ${what}${why}.` };
}

function tooLong(line: number, what: string, text: string, max: number): DeckProblem | undefined {
  if (text.length <= max) return undefined;
  return { line, message: `Line ${line}: ${what} is ${text.length} characters long; the limit is ${max}.` };
}

/** How two terms, questions or options are compared: ignoring case and spacing, but not accents or punctuation. */
function sameKey(text: string): string {
  return oneLine(text).normalize('NFC').toLowerCase();
}

function duplicateTerms(cards: readonly DeckCard[]): DeckProblem[] {
  return duplicates(cards, (card) => card.term).map(([card, earlier]) => ({
    line: card.line,
    message: `Line ${card.line} repeats the term ${quoted(card.term)} from line ${earlier.line}.`,
  }));
}

function duplicateQuestions(questions: readonly DeckQuestion[]): DeckProblem[] {
  return duplicates(questions, (question) => question.stem).map(([question, earlier]) => ({
    line: question.line,
    message: `Line ${question.line} repeats the question ${quoted(question.stem)} from line ${earlier.line}.`,
  }));
}

/** Each item whose key an earlier item already had, paired with that first one. */
function duplicates<T>(items: readonly T[], key: (item: T) => string): [T, T][] {
  const seen = new Map<string, T>();
  const repeats: [T, T][] = [];
  for (const item of items) {
    const earlier = seen.get(sameKey(key(item)));
    if (earlier) repeats.push([item, earlier]);
    else seen.set(sameKey(key(item)), item);
  }
  return repeats;
}

// ---------------------------------------------------------------------------------------------------------
// Rich rows

async function readRich(rows: readonly Row[], typed: boolean, read: CellReader, pause: Pause): Promise<Contents> {
  const result: Contents = { cards: [], questions: [], problems: [] };
  const width = RICH_HEADINGS.length + (typed ? 1 : 0);
  for (const row of rows) {
    await pause();
    const used = withoutTrailingBlanks(row.cells, 0).length;
    const cells = typed ? row.cells.slice(1) : row.cells;
    const type = typed ? oneLine(row.cells[0] ?? '').toLowerCase() : 'question';
    if (used > width) {
      result.problems.push({
        line: row.line,
        message: `Line ${row.line} has ${used} columns, but the header row has ${width}.`,
      });
    } else if (type === 'question') {
      addQuestion(result, row.line, cells, read);
    } else if (type === 'card') {
      addRichCard(result, row.line, cells, read);
    } else {
      result.problems.push({
        line: row.line,
        message: `Line ${row.line} has the type ${quoted(type)}; the type must be card or question.`,
      });
    }
  }
  return result;
}

function addRichCard(result: Contents, line: number, cells: readonly string[], read: CellReader): void {
  if (cells.slice(2).some((cell) => cell.trim() !== '')) {
    result.problems.push({
      line,
      message:
        `Line ${line} is a card, so only its question (the term) and answer (the definition) may be filled; ` +
        'leave the wrong options and the explanation empty.',
    });
    return;
  }
  addCard(result, line, cells[0] ?? '', cells[1] ?? '', read);
}

function addQuestion(result: Contents, line: number, cells: readonly string[], read: CellReader): void {
  const cell = (column: number) => read(cells[column] ?? '');
  const stem = cell(0);
  const answer = oneLine(cell(1));
  const wrong = [2, 3, 4].map((column) => oneLine(cell(column)));
  const explanation = cell(5);
  const problems = [
    stem === '' ? { line, message: `Line ${line} has an empty question.` } : undefined,
    answer === '' ? { line, message: `Line ${line} has an empty answer.` } : undefined,
    wrong.every((option) => option === '')
      ? {
          line,
          message:
            `Line ${line} has no wrong options: fill in at least wrong 1 ` +
            '(for a true-or-false question, put True and False under answer and wrong 1).',
        }
      : undefined,
    tooLong(line, 'the question', stem, DECK_LIMITS.maxQuestionLength),
    tooLong(line, 'the answer', answer, DECK_LIMITS.maxOptionLength),
    ...wrong.map((option, i) => tooLong(line, `wrong ${i + 1}`, option, DECK_LIMITS.maxOptionLength)),
    tooLong(line, 'the explanation', explanation, DECK_LIMITS.maxExplanationLength),
    ...repeatedOptions(line, [answer, ...wrong]),
  ].filter((problem) => problem !== undefined);
  if (problems.length > 0) result.problems.push(...problems);
  else
    result.questions.push({
      stem,
      options: [answer, ...wrong.filter((option) => option !== '')],
      answer: 0,
      explanation,
      line,
    });
}

/** An option that repeats an earlier one on the same row would leave two buttons saying the same thing. */
function repeatedOptions(line: number, options: readonly string[]): DeckProblem[] {
  const problems: DeckProblem[] = [];
  options.forEach((option, i) => {
    if (option === '') return;
    const earlier = options.findIndex((other) => other !== '' && sameKey(other) === sameKey(option));
    if (earlier === i) return;
    const names = [OPTION_NAMES[earlier] ?? 'an option', OPTION_NAMES[i] ?? 'an option'];
    const message =
      earlier === 0
        ? `Line ${line}: the answer ${quoted(option)} is also given as ${names[1]}; a wrong option must differ from it.`
        : `Line ${line}: ${names[0]} and ${names[1]} are the same (${quoted(option)}).`;
    problems.push({ line, message });
  });
  return problems;
}
