import { deckError, quoted } from './deck.js';

export type Separator = '\t' | ',' | ';' | '|';

/** How a separator is named to a teacher ("a term, a tab, then a definition") and in Anki's `#separator:` line. */
export const SEPARATOR_NAMES: Record<Separator, string> = { '\t': 'tab', ',': 'comma', ';': 'semicolon', '|': 'pipe' };

/**
 * What the `#` lines at the top of an Anki export (2.1.55 and later) say about the rows below, e.g.
 *
 * ```
 * #separator:tab
 * #html:true
 * #tags column:3
 * ```
 *
 * As in Anki, every line at the top that starts with `#` belongs to the block, settings or not (a comment such
 * as `# Unit 3` is skipped too). Only the top counts: further down, a line starting with `#` is a row like any
 * other, so a term such as "#hashtag" in the middle of a deck is never dropped.
 */
export interface FileHeader {
  /** How many lines at the top the block takes, blank lines among them included. */
  lineCount: number;
  separator: Separator | undefined;
  /** `#html:true`: cells are HTML, to be turned into plain text. */
  html: boolean;
  /** Columns (from 1) that Anki fills with a note's id, note type, deck or tags rather than its fields. */
  metaColumns: number[];
  /** The `#columns:` labels, split once the separator is known. */
  columnLabels: string | undefined;
}

const META_COLUMN_KEYS = new Set(['guid column', 'notetype column', 'deck column', 'tags column']);

export function readFileHeader(lines: readonly string[]): FileHeader {
  const header: FileHeader = {
    lineCount: 0,
    separator: undefined,
    html: false,
    metaColumns: [],
    columnLabels: undefined,
  };
  for (const [index, line] of lines.entries()) {
    if (line.trim() !== '' && !line.startsWith('#')) break;
    header.lineCount = index + 1;
    const setting = /^#([^:]*):(.*)$/.exec(line);
    if (setting) applySetting(header, setting[1]?.trim().toLowerCase() ?? '', setting[2] ?? '', index + 1);
  }
  return header;
}

function applySetting(header: FileHeader, key: string, value: string, line: number): void {
  if (key === 'separator') header.separator = separatorNamed(value, line);
  else if (key === 'html') header.html = value.trim().toLowerCase() === 'true';
  else if (key === 'columns') header.columnLabels = value;
  else if (META_COLUMN_KEYS.has(key)) {
    const column = Number(value.trim());
    if (Number.isInteger(column) && column > 0) header.metaColumns.push(column);
  }
  // Anki's other settings (deck, notetype, tags, match scope…) say where notes go in Anki; a deck here has no use for them.
}

function separatorNamed(value: string, line: number): Separator {
  const name = value.trim().toLowerCase();
  for (const [separator, separatorName] of Object.entries(SEPARATOR_NAMES) as [Separator, string][]) {
    // Anki writes the name; a hand-made file may hold the character itself.
    if (name === separatorName || value === separator) return separator;
  }
  throw deckError(
    `Line ${line} sets the separator to ${quoted(value.trim())}, but a deck file must use tab, comma, semicolon ` +
      'or pipe. ' +
      'Export the file again with one of those.',
    line,
  );
}

/**
 * Plain text from the simple HTML Anki keeps in a field: line breaks and block ends become new lines, other
 * tags (bold, spans, images) go, `[sound:…]` media references go, and the common entities are decoded.
 * Tags are removed before entities are decoded, so an escaped `&lt;b&gt;` survives as the text `<b>`.
 */
export function htmlToText(html: string): string {
  const withBreaks = html.replace(/<br\s*\/?>|<\/(?:div|p|li|h[1-6])>/gi, '\n');
  const untagged = withBreaks.replace(/<[a-z/!][^>]*>/gi, '').replace(/\[sound:[^\]]*\]/g, '');
  return decodeEntities(untagged)
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

const NAMED_ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, body: string) => {
    if (!body.startsWith('#')) return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
    const codePoint = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : entity;
  });
}
