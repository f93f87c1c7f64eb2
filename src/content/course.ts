import Fuse from 'fuse.js';
import type { CourseData } from './load.js';
import type { Comparison, Faq, Seed, Term } from './schema.js';

/** What a student can pick in autocomplete: the label shown and the term id sent back. */
export interface Choice {
  name: string;
  value: string;
}

/** A chart found for two terms, with `swapped` true when the student named them right side first. */
export interface ChartMatch {
  chart: Comparison;
  swapped: boolean;
}

interface SearchEntry {
  label: string;
  normalized: string;
  words: string[];
  term: Term;
}

// Fuse scores run from 0 (exact) to 1; this cut-off was tuned on typos of the course's terms.
const SUGGEST_SCORE = 0.45;
// A typo is a slip or two per word: "colectivism" is collectivism, "socialism" is not socialization. Names
// of one to three letters are too alike for any slip: "Na" is not "Wa".
const SHORTEST_WITH_TYPOS = 4;
export const typosAllowed = (length: number) =>
  length < SHORTEST_WITH_TYPOS ? 0 : Math.max(1, Math.floor(length / 6));
// Below this length nearly every name is "close", so autocomplete sticks to prefixes.
const MIN_FUZZY_LENGTH = 3;
const FEW_MATCHES = 5;

// The alignment rows typosBetween works in, reused between calls (lookups run one at a time) and grown for the
// longest name yet, so a lookup allocates nothing.
let rows = new Uint32Array(3 * 64);

/**
 * How many slips turn one name into the other: a letter added, dropped or changed, or two neighbouring letters
 * swapped, each counting one (optimal string alignment). Levenshtein would count "altrusim" as two slips from
 * "altruism", more than an eight-letter name is allowed, though a student made one. Stops counting past `most`.
 */
export function typosBetween(typed: string, name: string, most = Number.POSITIVE_INFINITY): number {
  if (Math.abs(typed.length - name.length) > most) return most + 1;
  const width = name.length + 1;
  if (rows.length < 3 * width) rows = new Uint32Array(2 * 3 * width);
  // Three rows of the alignment table: two back (for the swap), the previous and the current. Every index read
  // below is under 3 * width, inside `rows`, which is why the `!`s are safe.
  let twoBack = 0;
  let previous = width;
  let current = 2 * width;
  for (let j = 0; j < width; j++) rows[previous + j] = j;
  for (let i = 1; i <= typed.length; i++) {
    rows[current] = i;
    let rowBest = i;
    const letter = typed.charCodeAt(i - 1);
    const letterBefore = typed.charCodeAt(i - 2);
    for (let j = 1; j < width; j++) {
      const changed = letter === name.charCodeAt(j - 1) ? 0 : 1;
      let best = Math.min(rows[previous + j]! + 1, rows[current + j - 1]! + 1, rows[previous + j - 1]! + changed);
      if (i > 1 && j > 1 && letter === name.charCodeAt(j - 2) && letterBefore === name.charCodeAt(j - 1))
        best = Math.min(best, rows[twoBack + j - 2]! + 1);
      rows[current + j] = best;
      if (best < rowBest) rowBest = best;
    }
    if (rowBest > most) return most + 1;
    const oldest = twoBack;
    twoBack = previous;
    previous = current;
    current = oldest;
  }
  return rows[previous + name.length]!;
}

/** Lower case, accents and punctuation removed, spaces collapsed: how names in any script are compared. */
export function normalize(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The Latin letters and digits of a name, as words: what ids are made of. "Русский 2" gives "2". */
export function latinWords(text: string): string {
  return normalize(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The course, indexed for the lookups students make. Built once at start-up. */
export class Course {
  readonly seeds: readonly Seed[];
  readonly terms: readonly Term[];
  readonly comparisons: readonly Comparison[];
  readonly faqs: readonly Faq[];
  private readonly termsById = new Map<string, Term>();
  private readonly termsByName = new Map<string, Term>();
  private readonly entries: SearchEntry[];
  private readonly fuse: Fuse<SearchEntry>;

  constructor(data: CourseData) {
    this.seeds = data.seeds;
    this.terms = [...data.terms].sort((a, b) => a.term.localeCompare(b.term));
    this.comparisons = data.comparisons;
    this.faqs = data.faqs;
    this.entries = [];
    for (const term of this.terms) {
      this.termsById.set(term.id, term);
      for (const label of [term.term, ...term.aliases]) {
        const normalized = normalize(label);
        this.termsByName.set(normalized, term);
        this.entries.push({ label, normalized, words: normalized.split(' '), term });
      }
      this.termsByName.set(normalize(term.id), term);
    }
    this.fuse = new Fuse(this.entries, { keys: ['normalized'], includeScore: true, threshold: SUGGEST_SCORE });
  }

  term(id: string): Term | undefined {
    return this.termsById.get(id);
  }

  chart(id: string): Comparison | undefined {
    return this.comparisons.find((chart) => chart.id === id);
  }

  seed(file: string): Seed | undefined {
    return this.seeds.find((seed) => seed.file === file);
  }

  /** The term with this id, name or alias, ignoring case, accents and punctuation. */
  termNamed(query: string): Term | undefined {
    return this.termsByName.get(normalize(query));
  }

  /** The term a student meant: by id, name or alias, else a name within a typo or two of what they typed. */
  findTerm(query: string): Term | undefined {
    const exact = this.termNamed(query);
    if (exact) return exact;
    const normalized = normalize(query);
    if (normalized === '') return undefined;
    const allowed = typosAllowed(normalized.length);
    let closest: { term: Term; typos: number } | undefined;
    for (const entry of this.entries) {
      // Names longer or shorter by more than the typos allowed cannot be close enough; skip the arithmetic.
      if (Math.abs(entry.normalized.length - normalized.length) > allowed) continue;
      const typos = typosBetween(normalized, entry.normalized, allowed);
      if (typos <= allowed && (!closest || typos < closest.typos)) closest = { term: entry.term, typos };
    }
    return closest?.term;
  }

  /** Terms whose names are spelled a little like the query, best first, for a "did you mean". */
  didYouMean(query: string, limit = 3): Term[] {
    return unique(this.fuse.search(normalize(query)).map((result) => result.item.term)).slice(0, limit);
  }

  /** Autocomplete: names starting with the query, then names with a word starting with it, then near spellings. */
  suggest(query: string, limit = 25): Choice[] {
    const normalized = normalize(query);
    if (normalized === '') return this.terms.slice(0, limit).map((term) => ({ name: term.term, value: term.id }));
    // Main names before aliases, shorter before longer: "social" offers Social norms before Agents of socialization.
    const startsName = this.entries
      .filter((entry) => entry.normalized.startsWith(normalized))
      .sort((a, b) => Number(a.label !== a.term.term) - Number(b.label !== b.term.term) || a.normalized.length - b.normalized.length);
    const startsWord = this.entries.filter((entry) => entry.words.some((word) => word.startsWith(normalized)));
    // Near spellings only help when the prefix found little: they are noise after a good prefix.
    const wantsFuzzy = normalized.length >= MIN_FUZZY_LENGTH && startsWord.length < FEW_MATCHES;
    const slipped = wantsFuzzy ? this.withinTypos(normalized) : [];
    const fuzzy = wantsFuzzy ? this.fuse.search(normalized).map((result) => result.item) : [];
    const picked = new Map<string, Choice>();
    for (const entry of [...startsName, ...startsWord, ...slipped, ...fuzzy]) {
      if (picked.size >= limit) break;
      if (picked.has(entry.term.id)) continue;
      const name = entry.label === entry.term.term ? entry.term.term : `${entry.term.term} (${entry.label})`;
      picked.set(entry.term.id, { name: name.slice(0, 100), value: entry.term.id });
    }
    return [...picked.values()];
  }

  /**
   * Names the query is a typo or two away from, counted as findTerm counts them, fewest slips first. A query
   * still being typed is held against the start of each name as long as itself: "indivdiu" is "individu…".
   */
  private withinTypos(query: string): SearchEntry[] {
    const allowed = typosAllowed(query.length);
    if (allowed === 0) return [];
    const near: { entry: SearchEntry; typos: number }[] = [];
    for (const entry of this.entries) {
      const typos = Math.min(
        typosBetween(query, entry.normalized, allowed),
        typosBetween(query, entry.normalized.slice(0, query.length), allowed),
      );
      if (typos <= allowed) near.push({ entry, typos });
    }
    return near.sort((a, b) => a.typos - b.typos).map(({ entry }) => entry);
  }

  /** The chart comparing two terms, in either order. */
  chartFor(first: Term, second: Term): ChartMatch | undefined {
    for (const chart of this.comparisons) {
      if (chart.left === first.id && chart.right === second.id) return { chart, swapped: false };
      if (chart.left === second.id && chart.right === first.id) return { chart, swapped: true };
    }
    return undefined;
  }
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
