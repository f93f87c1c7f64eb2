import { DECK_LIMITS, deckError, quoted, type DeckError } from './deck.js';

/**
 * The file's text, with any byte-order mark dropped and every line ending (CRLF, CR) turned into `\n`, so line
 * numbers count the same whichever system saved the file. The size is checked before anything is read.
 *
 * UTF-8 is expected. UTF-16 with a byte-order mark is read too: Excel's "Unicode Text" saves that, and its
 * mark says unambiguously how to read it. Anything else is refused with the fix.
 */
export function decodeDeckFile(fileName: string, bytes: Uint8Array): string {
  if (bytes.length > DECK_LIMITS.maxBytes) throw fileTooBig(bytes.length);
  const utf16 = utf16Encoding(bytes);
  const text = utf16 ? decodeUtf16(fileName, bytes, utf16) : decodeUtf8(fileName, bytes);
  return text.replace(/\r\n?/g, '\n');
}

/** The refusal of a file over the size limit; the command gives it from the attachment's size, before downloading. */
export function fileTooBig(size: number): DeckError {
  return deckError(
    `The file is ${megabytes(size)}; a deck file can be at most ${megabytes(DECK_LIMITS.maxBytes)} ` +
      `(about ${DECK_LIMITS.maxRows.toLocaleString('en-US')} rows). Split it into smaller decks.`,
  );
}

export function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

function utf16Encoding(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

function decodeUtf16(fileName: string, bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): string {
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw notText(fileName);
  }
  // A NUL character in decoded text means the bytes were not text after all.
  if (text.includes('\0')) throw notText(fileName);
  return text;
}

function decodeUtf8(fileName: string, bytes: Uint8Array): string {
  // Text never holds a NUL byte; spreadsheets, Anki packages, PDFs and images always do.
  if (bytes.includes(0)) throw notText(fileName);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const line = firstLineNotUtf8(bytes);
    throw deckError(
      `Line ${line} has characters that aren't UTF-8, so the file was saved in another ` +
        'encoding. Save it as "CSV UTF-8" (in Excel: File → Save As → CSV UTF-8; in Google Sheets: ' +
        'File → Download → CSV) and attach it again.',
      line,
    );
  }
}

/** The line, from 1, of the first byte sequence that is not UTF-8: the place a teacher can look at. */
function firstLineNotUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let start = 0;
  let line = 1;
  // A newline byte never occurs inside a multi-byte UTF-8 character, so each line can be checked alone.
  while (start <= bytes.length) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline === -1 ? bytes.length : newline;
    try {
      decoder.decode(bytes.subarray(start, end));
    } catch {
      return line;
    }
    if (newline === -1) break;
    start = newline + 1;
    line += 1;
  }
  return line;
}

// What to do instead of attaching a file that is not text, by the extension teachers most often try.
const NOT_TEXT_ADVICE: Record<string, string> = {
  xlsx: 'In your spreadsheet, save or download the sheet as "CSV UTF-8" and attach that file.',
  xls: 'In your spreadsheet, save or download the sheet as "CSV UTF-8" and attach that file.',
  ods: 'In your spreadsheet, save or download the sheet as "CSV UTF-8" and attach that file.',
  numbers: 'In Numbers, export the sheet as CSV and attach that file.',
  apkg: 'In Anki, export the deck as "Notes in Plain Text" and attach the .txt file.',
  colpkg: 'In Anki, export the deck as "Notes in Plain Text" and attach the .txt file.',
};
const DEFAULT_ADVICE = 'Attach a .csv, .tsv or .txt file of terms and definitions.';

function notText(fileName: string): DeckError {
  const extension = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  return deckError(
    `The file ${quoted(fileName)} doesn't look like a text file. ${NOT_TEXT_ADVICE[extension] ?? DEFAULT_ADVICE}`,
  );
}
