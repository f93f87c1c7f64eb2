import { finished } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import type { Pause } from '../time-slices.js';
import type { Separator } from './anki.js';
import { deckError } from './deck.js';

/** One record of the file: its cells as written and the line it starts on. */
export interface Row {
  /** The file's line, from 1, where the row starts; a quoted cell may carry it over several lines. */
  line: number;
  cells: string[];
}

// About a millisecond of parsing: a 1 MB file read in one go would hold the event loop for 30 to 60 ms.
const CHUNK_CHARACTERS = 32 * 1024;

/**
 * The file's records, read as RFC 4180 CSV with the given separator: a quoted cell may hold separators, line
 * breaks and doubled quote marks. Empty lines are skipped but still counted, so line numbers are the file's.
 * `text` must use `\n` line endings. The text is fed to the parser in chunks of whole lines, pausing between.
 */
async function readRows(text: string, separator: Separator, pause: Pause): Promise<Row[]> {
  const lines = text.split('\n');
  const rows: Row[] = [];
  let linesRead = 0;
  const parser = parse({
    delimiter: separator,
    // A quote mark inside an unquoted cell ('the verb "be"') is kept as text: Quizlet does not quote its exports.
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    // csv-parse tells where a record ends; it starts on the first non-empty line after the previous one ended.
    on_record: (cells, context) => {
      rows.push({ line: firstNonEmptyLine(lines, linesRead), cells });
      linesRead = context.lines;
      return null;
    },
  });
  // Every record is taken by on_record, so nothing is pushed to be read: flowing, the parser ends once it is fed.
  const parsed = finished(parser.resume());
  for (let start = 0; start < text.length && !parser.destroyed;) {
    await pause();
    const newline = text.indexOf('\n', start + CHUNK_CHARACTERS);
    const end = newline === -1 ? text.length : newline + 1;
    parser.write(text.slice(start, end));
    start = end;
  }
  parser.end();
  try {
    await parsed;
  } catch (error) {
    throw quoteProblem(error, firstNonEmptyLine(lines, linesRead));
  }
  return rows;
}

/** The line number (from 1) of the first non-empty line after the first `after` lines. */
function firstNonEmptyLine(lines: readonly string[], after: number): number {
  let index = after;
  while (index < lines.length - 1 && lines[index] === '') index += 1;
  return index + 1;
}

/**
 * With relaxed quotes and column counts, csv-parse fails only on quote marks: most often a cell that opens a
 * quote and never closes it, which swallows the rest of the file. Say which row, and how quoting works.
 */
function quoteProblem(error: unknown, rowStart: number): unknown {
  if (!(error instanceof CsvError)) return error;
  if (error.code === 'CSV_QUOTE_NOT_CLOSED' || error.code === 'CSV_MAX_RECORD_SIZE') {
    return deckError(
      `Line ${rowStart} opens a quoted cell with a quote mark (") that is never closed. Close it, or remove it ` +
        'if the cell is not meant to be quoted.',
      rowStart,
    );
  }
  const line = typeof error['lines'] === 'number' ? error['lines'] : rowStart;
  return deckError(
    `Line ${line} can't be read: check its quote marks. A quoted cell starts and ends with one, and a quote ` +
      'mark inside it is written twice ("").',
    line,
  );
}

/** The rows of a file and the separator they were read with. */
export interface Table {
  separator: Separator;
  rows: Row[];
}

/**
 * The file's rows, read with the separator it names, or else one chosen from its content. A tab in any row
 * means tabs: prose never holds one, and Quizlet and Anki export with tabs by default. Otherwise comma,
 * semicolon and pipe are each tried, and the one under which `countFitting` finds the most rows of the width
 * their format expects wins. That reads a semicolon file (Excel's CSV in many European locales) whose
 * definitions are full of commas, which a rule of "semicolons and no commas" would misread.
 *
 * When two fit as many rows, as in `chat;the cat, a pet`, the one leaving fewer of the others in the first
 * cell wins: definitions are prose full of commas, terms seldom are. Then the comma, the usual separator.
 */
export async function readTable(
  text: string,
  named: Separator | undefined,
  countFitting: (rows: readonly Row[]) => number,
  pause: Pause,
): Promise<Table> {
  if (named) return { separator: named, rows: await readRows(text, named, pause) };
  if (text.includes('\t')) return { separator: '\t', rows: await readRows(text, '\t', pause) };
  let best: (Table & { fitting: number; doubtful: number }) | undefined;
  for (const separator of CANDIDATES) {
    const rows = await rowsOrUndefined(text, separator, pause);
    if (!rows) continue;
    const fitting = countFitting(rows);
    const others = CANDIDATES.filter((other) => other !== separator);
    const doubtful = rows.filter((row) => others.some((other) => row.cells[0]?.includes(other))).length;
    const better = best
      ? fitting > best.fitting || (fitting === best.fitting && doubtful < best.doubtful)
      : fitting > 0;
    if (better) best = { separator, rows, fitting, doubtful };
  }
  // When no separator fits a single row, the comma is read again, so the errors speak of the usual separator.
  return best
    ? { separator: best.separator, rows: best.rows }
    : { separator: ',', rows: await readRows(text, ',', pause) };
}

const CANDIDATES: readonly Separator[] = [',', ';', '|'];

async function rowsOrUndefined(text: string, separator: Separator, pause: Pause): Promise<Row[] | undefined> {
  try {
    return await readRows(text, separator, pause);
  } catch {
    // A separator that leaves quote marks unbalanced is the wrong one; the comma is read again to report it.
    return undefined;
  }
}
