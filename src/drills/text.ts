import { latinWords, normalize } from '../content/course.js';

/** What stands in for a masked name, so a stem can quote the course without naming the answer. */
export const BLANK = '___';

// Plural, possessive and past-tense endings; only names longer than this may take them, so "Wa" never masks "was".
const ENDINGS = `(?:'s|’s|s|es|d|ed)?`;
const SHORTEST_NAME_WITH_ENDINGS = 4;
// A clipped text shorter than this many words says too little to stand on its own ("Yes.").
const FEWEST_WORDS = 6;

/**
 * The names a text may use for a term: its own names plus the sibling forms the course's -ism and -ization
 * nouns come with (collectivist, socialize), which name the idea just as plainly.
 */
function nameForms(names: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const name of names) {
    forms.add(name);
    const ism = /^(.*\S)ism$/i.exec(name);
    if (ism?.[1]) for (const ending of ['ist', 'ists', 'istic']) forms.add(ism[1] + ending);
    const ization = /^(.*\S)i[sz]ation$/i.exec(name);
    if (ization?.[1]) for (const ending of ['ize', 'ise', 'izing', 'ising']) forms.add(ization[1] + ending);
  }
  return [...forms];
}

/** The text with every name (and its forms and endings) replaced by a blank. */
export function maskNames(text: string, names: readonly string[]): string {
  if (names.length === 0) return text;
  return text.replace(namePattern(names, 'giu'), BLANK);
}

/** Whether the text uses any of the names (or their forms and endings) as whole words. */
export function mentions(text: string, names: readonly string[]): boolean {
  return names.length > 0 && namePattern(names, 'iu').test(text);
}

function namePattern(names: readonly string[], flags: string): RegExp {
  const forms = nameForms(names).sort((a, b) => b.length - a.length); // longest first: "collectivist culture" before "collectivist"
  const alternatives = forms.map((form) => {
    const pattern = escapeRegExp(form).replace(/[\s-]+/g, '[-\\s]+'); // "self reliance" and "self-reliance" alike
    return form.length >= SHORTEST_NAME_WITH_ENDINGS ? `${pattern}${ENDINGS}` : pattern;
  });
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, flags);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The text split after each full stop, question or exclamation mark that ends a sentence. */
export function sentences(text: string): string[] {
  return text
    .trim()
    .split(/(?<=[.!?]["”’)]?)\s+(?=["“(]?[A-Z0-9])/)
    .filter((sentence) => sentence !== '');
}

/** The text in at most `max` characters: whole sentences when they say enough, else whole words and an ellipsis. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  let kept = '';
  for (const sentence of sentences(text)) {
    const longer = kept === '' ? sentence : `${kept} ${sentence}`;
    if (longer.length > max) break;
    kept = longer;
  }
  return kept.split(' ').length >= FEWEST_WORDS ? kept : clipWords(text, max);
}

function clipWords(text: string, max: number): string {
  const room = text.slice(0, max - 1); // one character is kept for the ellipsis
  const endsOnWord = text.charAt(max - 1) === ' ';
  const lastSpace = room.lastIndexOf(' ');
  const words = endsOnWord || lastSpace <= 0 ? room : room.slice(0, lastSpace);
  return `${words.replace(/[\s,;:–—-]+$/, '')}…`;
}

/**
 * `lead` (shortened if it must be), then as many whole sentences of `more` as still fit in `max` characters.
 * Stops at the first sentence that does not fit, so what is kept still reads in order.
 */
export function compose(max: number, lead: string, ...more: string[]): string {
  let text = shorten(lead, max);
  for (const sentence of more.flatMap(sentences)) {
    const longer = `${text} ${sentence}`;
    if (longer.length > max) break;
    text = longer;
  }
  return text;
}

/** `before“quoted”after`, the quote shortened so the whole stays within `max` characters. */
export function quoteWithin(max: number, before: string, quoted: string, after = ''): string {
  const room = max - before.length - after.length - 2;
  return `${before}“${shorten(quoted, room)}”${after}`;
}

/** A readable id segment from the first words of a text: "Credit for success" → "credit-for-success". */
export function slug(text: string, words = 6): string {
  return latinWords(text).split(' ').slice(0, words).join('-');
}

/** Whether two option texts would look the same to a student. */
export function sameText(a: string, b: string): boolean {
  return normalize(a) === normalize(b);
}
