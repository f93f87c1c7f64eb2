import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { distance } from 'fastest-levenshtein';
import { normalize, typosAllowed, type Choice } from '../content/course.js';
import type { Flashcard } from '../drills/flashcards.js';
import type { Question } from '../drills/questions.js';
import { storedQuestionSchema } from '../drills/quiz.js';
import { UserError } from '../errors.js';
import { key, type Store } from '../store/index.js';
import { KeyedMutex } from '../store/keyed-mutex.js';
import { timeSlices, type Pause } from '../time-slices.js';
import { deckId, shortHash, type Deck } from './deck.js';
import { deckQuestions, deckTerms } from './questions.js';

const deckPartSchema = z.object({
  terms: z.array(z.object({ id: z.string(), term: z.string(), definition: z.string() })),
  questions: z.array(storedQuestionSchema),
});

/**
 * A deck's own record: what the deck is, its first `CARDS_PER_PART` terms and questions, and the names of the
 * parts holding the rest. A deck of 2,000 cards takes 2 MB or more as JSON, and reading or writing a record
 * holds the event loop for as long as its JSON takes to parse and check (about 50 ms a megabyte): in parts,
 * each read or write stays short, and a class's clicks run between them. A deck written before parts existed
 * has them all in its own record and no `parts`.
 */
const deckRecordSchema = deckPartSchema.extend({
  id: z.string(),
  name: z.string(),
  importedAt: z.iso.datetime(),
  importedBy: z.string(),
  parts: z.array(z.string()).optional(),
});
type DeckRecord = z.infer<typeof deckRecordSchema>;
/** A deck as loaded, with every part's terms and questions. */
export type StoredDeck = Omit<DeckRecord, 'parts'>;

// About 100 to 250 KB of JSON: a few milliseconds to read or write.
const CARDS_PER_PART = 100;

/** What the index says of a deck: enough to list it and check the caps without reading the deck itself. */
const deckEntrySchema = z.object({
  id: z.string(),
  name: z.string(),
  importedAt: z.iso.datetime(),
  importedBy: z.string(),
  terms: z.number().int().min(0),
  questions: z.number().int().min(0),
});
type DeckEntry = z.infer<typeof deckEntrySchema>;

/**
 * The index is small and is the one record every import and removal rewrites; each deck sits under its own
 * key, so importing or removing one deck never reads or rewrites the others (up to 1 MB each).
 */
const indexKey = (guildId: string) => key(`decks:${guildId}`, z.array(deckEntrySchema));
const deckKey = (guildId: string, id: string) => key(`deck:${guildId}:${id}`, deckRecordSchema);
/**
 * Part names are new for every import, so a replaced deck's old parts can be deleted without a lock: no record
 * names them any more. (A reader in another process that read the old record meanwhile reads it again.)
 */
const partKey = (guildId: string, id: string, part: string) =>
  key(`deck:${guildId}:${id}:part:${part}`, deckPartSchema);

// Enough for a term's worth of vocabulary lists. Both caps bound what a server's lazy first read loads into
// memory and what /define and autocomplete scan: 10,000 terms is five full decks of DECK_LIMITS.maxRows.
export const MAX_DECKS = 20;
export const MAX_DECK_TERMS = 10_000;
// Fixed, so a deck's questions keep their option order whenever they are generated.
const DECK_QUESTION_SEED = 1;
const READ_ATTEMPTS = 3;

/** A server's decks as loaded, in the index's order. */
interface Shelf {
  readonly decks: StoredDeck[];
}

/** A deck's term, with the deck it comes from. */
export type { DeckEntry };

export interface DeckTermMatch {
  deck: StoredDeck;
  term: StoredDeck['terms'][number];
  /** Slips between what was asked and the term's name: 0 for the name itself. */
  typos: number;
}

/**
 * Teacher-made decks per server. The first read loads a server's decks once (the index, then every deck in
 * one round trip) and later reads are served from memory: /define and autocomplete ask on every keystroke.
 * Every write goes through here and updates the loaded decks, so they stay current without a reload.
 *
 * Store order keeps readers safe without locks: an import writes the deck's record before the index lists
 * it, and a removal takes it out of the index before deleting the record, so an index entry always has its
 * deck (a reader racing a removal in another process may still miss one, and skips it).
 */
export class DeckLibrary {
  private readonly shelves = new Map<string, Shelf>();
  // Per server, loads and writes take turns: a load that began before an import cannot then put back the
  // decks as they were, and the loaded decks are patched in the order the index was written.
  private readonly turns = new KeyedMutex();

  constructor(private readonly store: Store) {}

  async decks(guildId: string): Promise<StoredDeck[]> {
    return (await this.shelf(guildId)).decks;
  }

  /** Saves a parsed deck under its name, replacing the deck of the same name (ignoring case) if there is one. */
  async add(
    guildId: string,
    deck: Deck,
    importedBy: string,
    now: Date,
  ): Promise<{ stored: StoredDeck; replaced: boolean }> {
    // Built before taking the index's lock: the questions of 2,000 cards take a while, and the lock holds up
    // every other import to this server. They are filed under the name's slug; `filedUnder` moves them if the
    // deck gets another id.
    const slug = deckId(deck.name);
    const terms = deckTerms(deck);
    const questions = await deckQuestions(deck, DECK_QUESTION_SEED);

    // One name for this import's parts, whichever run of the index's update below writes them.
    const version = randomBytes(6).toString('base64url');

    return this.turns.run(guildId, async () => {
      let stored!: StoredDeck;
      let replaced = false;
      let index!: DeckEntry[];
      const replacedRecords: DeckRecord[] = [];
      await this.store.update(indexKey(guildId), async (entries = []) => {
        const same = entries.find((entry) => sameName(entry.name, deck.name));
        const others = entries.filter((entry) => entry !== same);
        checkCaps(others, terms.length);
        const id = same?.id ?? freeId(deck.name, slug, others);
        stored = {
          id,
          name: deck.name,
          importedAt: now.toISOString(),
          importedBy,
          terms,
          questions: filedUnder(questions, slug, id),
        };
        // Read whether or not the index lists it: a removal in another process may have left the record. When
        // another process wrote the index meanwhile, the update runs this again and finds this import's own record.
        const previous = await this.store.get(deckKey(guildId, id));
        if (previous) replacedRecords.push(previous);
        // Before the index lists it, so no reader finds the entry without its deck.
        await this.write(guildId, stored, version);
        replaced = same !== undefined;
        // A replaced deck keeps its place in the list.
        index = same
          ? entries.map((entry) => (entry === same ? entryOf(stored) : entry))
          : [...entries, entryOf(stored)];
        return index;
      });
      for (const record of replacedRecords) await this.deleteParts(guildId, record, version);
      this.patch(guildId, index, stored);
      return { stored, replaced };
    });
  }

  /**
   * Removes a deck given its id (what /deck remove's autocomplete sends) or its name as a teacher typed it
   * instead, ignoring case. Returns the index's entry for the deck removed, or undefined when there is no such deck.
   */
  async remove(guildId: string, idOrName: string): Promise<DeckEntry | undefined> {
    return this.turns.run(guildId, async () => {
      let removed: DeckEntry | undefined;
      let index!: DeckEntry[];
      await this.store.update(indexKey(guildId), (entries = []) => {
        removed =
          entries.find((entry) => entry.id === idOrName.trim()) ??
          entries.find((entry) => sameName(entry.name, idOrName));
        index = entries.filter((entry) => entry !== removed);
        return index;
      });
      if (!removed) return undefined;
      const { id } = removed;
      const deleted: DeckRecord[] = [];
      // Deleted under the index's lock, now that the index no longer lists it: another bot process sharing the
      // store may have imported a deck of the same name meanwhile, whose new record must stay.
      await this.store.update(indexKey(guildId), async (entries = []) => {
        if (!entries.some((entry) => entry.id === id)) {
          const record = await this.store.get(deckKey(guildId, id));
          if (record) deleted.push(record);
          await this.store.delete(deckKey(guildId, id));
        }
        index = entries;
        return entries;
      });
      for (const record of deleted) await this.deleteParts(guildId, record);
      this.patch(guildId, index);
      return removed;
    });
  }

  async topics(guildId: string): Promise<{ id: string; name: string }[]> {
    return (await this.decks(guildId)).map((deck) => ({ id: deck.id, name: `Deck: ${deck.name}` }));
  }

  async questions(guildId: string): Promise<Question[]> {
    return (await this.decks(guildId)).flatMap((deck) => deck.questions);
  }

  async flashcards(guildId: string): Promise<Flashcard[]> {
    return (await this.decks(guildId)).flatMap((deck) =>
      deck.terms.map((term) => ({
        id: `${deck.id}:${term.id}`,
        topics: [deck.id],
        front: term.term,
        back: term.definition,
        source: `deck:${deck.name}`,
      })),
    );
  }

  /** A deck term named exactly as typed (ignoring case, accents and punctuation). */
  async findTerm(guildId: string, query: string): Promise<DeckTermMatch | undefined> {
    const wanted = normalize(query);
    if (wanted === '') return undefined;
    let closest: DeckTermMatch | undefined;
    for (const deck of await this.decks(guildId)) {
      for (const term of deck.terms) {
        const typos = distance(wanted, normalize(term.term));
        if (typos === 0) return { deck, term, typos };
        if (!closest || typos < closest.typos) closest = { deck, term, typos };
      }
    }
    // Forgiving a slip or two, as the course's lookup does.
    return closest && closest.typos <= typosAllowed(wanted.length) ? closest : undefined;
  }

  /** Deck terms spelled a little like the query, or starting that way, closest first, for a "did you mean". */
  async didYouMean(guildId: string, query: string, limit = 3): Promise<string[]> {
    const wanted = normalize(query);
    if (wanted === '') return [];
    // Looser than findTerm's typos: these are only offered, never taken for what the student meant.
    const allowed = 2 * typosAllowed(wanted.length);
    const near: { name: string; typos: number }[] = [];
    for (const deck of await this.decks(guildId)) {
      for (const term of deck.terms) {
        const name = normalize(term.term);
        // A started word counts as close as its start: "photosynth" is one step from photosynthesis.
        const typos = Math.min(distance(wanted, name), distance(wanted, name.slice(0, wanted.length)) + 1);
        if (typos <= allowed) near.push({ name: term.term, typos });
      }
    }
    near.sort((a, b) => a.typos - b.typos);
    return [...new Set(near.map((term) => term.name))].slice(0, limit);
  }

  /** Deck terms starting with what was typed, for /define's autocomplete. */
  async suggest(guildId: string, typed: string, limit: number): Promise<Choice[]> {
    const wanted = normalize(typed);
    const choices: Choice[] = [];
    for (const deck of await this.decks(guildId)) {
      for (const term of deck.terms) {
        if (choices.length >= limit) return choices;
        if (normalize(term.term).startsWith(wanted)) {
          choices.push({ name: `${term.term} (${deck.name})`.slice(0, 100), value: term.term });
        }
      }
    }
    return choices;
  }

  /** The server's decks from memory, loading them on first use. */
  private async shelf(guildId: string): Promise<Shelf> {
    const loaded = this.shelves.get(guildId);
    if (loaded) return loaded;
    // Queued, so a burst of first reads (autocomplete fires per keystroke) loads once: the reads behind the
    // first find its shelf in place.
    return this.turns.run(guildId, async () => {
      const shelf = this.shelves.get(guildId) ?? { decks: await this.load(guildId) };
      this.shelves.set(guildId, shelf);
      return shelf;
    });
  }

  /** Deck by deck and part by part, pausing between reads: a server's 10,000 terms take 20 MB of JSON or more. */
  private async load(guildId: string): Promise<StoredDeck[]> {
    const record = (await this.store.get(indexKey(guildId))) ?? [];
    const pause = timeSlices();
    const decks: StoredDeck[] = [];
    for (const entry of record) {
      const deck = await this.read(guildId, entry.id, pause);
      // Only a removal in another bot process, between the two reads, leaves an entry without its deck.
      if (deck) decks.push(deck);
    }
    return decks;
  }

  private async read(guildId: string, id: string, pause: Pause): Promise<StoredDeck | undefined> {
    // A second try is for a deck replaced in another process while it was read: its old parts are gone.
    for (let attempt = 1; attempt <= READ_ATTEMPTS; attempt++) {
      await pause();
      const record = await this.store.get(deckKey(guildId, id));
      if (!record) return undefined;
      const { parts = [], ...deck } = record;
      let complete = true;
      for (const part of parts) {
        await pause();
        const read = await this.store.get(partKey(guildId, id, part));
        if (!read) {
          complete = false;
          break;
        }
        deck.terms.push(...read.terms);
        deck.questions.push(...read.questions);
      }
      if (complete) return deck;
    }
    return undefined;
  }

  /** The parts first, then the record naming them, so a reader never finds a record without its parts. */
  private async write(guildId: string, deck: StoredDeck, version: string): Promise<void> {
    const pause = timeSlices();
    const count = Math.max(
      1,
      Math.ceil(deck.terms.length / CARDS_PER_PART),
      Math.ceil(deck.questions.length / CARDS_PER_PART),
    );
    const slice = (n: number) => ({
      terms: deck.terms.slice(n * CARDS_PER_PART, (n + 1) * CARDS_PER_PART),
      questions: deck.questions.slice(n * CARDS_PER_PART, (n + 1) * CARDS_PER_PART),
    });
    const parts: string[] = [];
    for (let n = 1; n < count; n++) {
      await pause();
      const part = `${version}-${n}`;
      await this.store.set(partKey(guildId, deck.id, part), slice(n));
      parts.push(part);
    }
    await pause();
    await this.store.set(deckKey(guildId, deck.id), { ...deck, ...slice(0), ...(parts.length > 0 ? { parts } : {}) });
  }

  /** The record's parts, except those of the import `kept` (the record just written, read again by a rerun). */
  private async deleteParts(guildId: string, record: DeckRecord, kept?: string): Promise<void> {
    const pause = timeSlices();
    for (const part of record.parts ?? []) {
      if (kept !== undefined && part.startsWith(`${kept}-`)) continue;
      await pause();
      await this.store.delete(partKey(guildId, record.id, part));
    }
  }

  /**
   * Brings the loaded decks in line with the index just written. The index is authoritative, so when it
   * lists a deck that memory does not hold as written (imported by another bot process sharing the store),
   * the shelf is dropped and the next read loads it afresh.
   */
  private patch(guildId: string, index: readonly DeckEntry[], written?: StoredDeck): void {
    const shelf = this.shelves.get(guildId);
    if (!shelf) return;
    const byId = new Map(shelf.decks.map((deck) => [deck.id, deck]));
    if (written) byId.set(written.id, written);
    const decks: StoredDeck[] = [];
    for (const entry of index) {
      const deck = byId.get(entry.id);
      if (!deck || deck.importedAt !== entry.importedAt) {
        this.shelves.delete(guildId);
        return;
      }
      decks.push(deck);
    }
    this.shelves.set(guildId, { decks });
  }
}

function entryOf(deck: StoredDeck): DeckEntry {
  return {
    id: deck.id,
    name: deck.name,
    importedAt: deck.importedAt,
    importedBy: deck.importedBy,
    terms: deck.terms.length,
    questions: deck.questions.length,
  };
}

/** Two deck names are the same deck when they differ only in case or surrounding spaces. */
function sameName(first: string, second: string): boolean {
  return nameKey(first) === nameKey(second);
}

function nameKey(name: string): string {
  return name.trim().normalize('NFC').toLowerCase();
}

/**
 * An id for a new deck name. The slug is used when free; slugs drop what is not Latin ("Русский 2" and
 * "Ελληνικά 2" are both `deck-2`), so a taken slug gets a hash of the name added, and a number after that in
 * the unlikely event that is taken too. Ids must stay distinct: a deck's record, topic and cards are keyed by it.
 */
function freeId(name: string, slug: string, others: readonly DeckEntry[]): string {
  const taken = new Set(others.map((entry) => entry.id));
  if (!taken.has(slug)) return slug;
  const hashed = `${slug}-${shortHash(nameKey(name))}`;
  let id = hashed;
  for (let n = 2; taken.has(id); n += 1) id = `${hashed}-${n}`;
  return id;
}

/**
 * The deck's questions under its id: deckQuestions files them under the name's slug (topic, and the start of
 * each question's id), which is not the id when the slug was taken by another deck.
 */
function filedUnder(questions: Question[], slug: string, id: string): Question[] {
  if (id === slug) return questions;
  return questions.map((question) => ({
    ...question,
    topic: id,
    id: question.id.startsWith(`${slug}:`) ? `${id}${question.id.slice(slug.length)}` : `${id}:${question.id}`,
  }));
}

/** Refuses a deck of `terms` terms that would take the server past MAX_DECKS or MAX_DECK_TERMS. */
function checkCaps(others: readonly DeckEntry[], terms: number): void {
  const limits = `a server can keep at most ${MAX_DECKS} decks with ${count(MAX_DECK_TERMS)} terms in all`;
  if (others.length >= MAX_DECKS) {
    throw new UserError(
      `This server already has ${others.length} decks, and ${limits}. Remove one with /deck remove first.`,
    );
  }
  const kept = others.reduce((sum, entry) => sum + entry.terms, 0);
  if (kept + terms > MAX_DECK_TERMS) {
    throw new UserError(
      `This deck has ${count(terms)} terms and this server's other decks have ${count(kept)}, but ${limits}. ` +
        'Remove a deck with /deck remove, or import a shorter one.',
    );
  }
}

const count = (value: number) => value.toLocaleString('en-US');
