import { z } from 'zod';
import { normalize, type Choice } from '../content/course.js';
import type { Flashcard } from '../drills/flashcards.js';
import type { Question } from '../drills/questions.js';
import { storedQuestionSchema } from '../drills/quiz.js';
import { UserError } from '../errors.js';
import { key, type Store } from '../store/index.js';
import { deckId, type Deck } from './deck.js';
import { deckQuestions, deckTerms } from './questions.js';

const storedDeckSchema = z.object({
  id: z.string(),
  name: z.string(),
  importedAt: z.iso.datetime(),
  importedBy: z.string(),
  terms: z.array(z.object({ id: z.string(), term: z.string(), definition: z.string() })),
  questions: z.array(storedQuestionSchema),
});
export type StoredDeck = z.infer<typeof storedDeckSchema>;

/** A server's own decks, whole: teachers keep a handful, each at most DECK_LIMITS in size. */
const decksKey = (guildId: string) => key(`decks:${guildId}`, z.array(storedDeckSchema));

// Enough for a term's worth of vocabulary lists; a cap keeps every server's record small.
export const MAX_DECKS = 20;
// Fixed, so a deck's questions keep their option order whenever they are generated.
const DECK_QUESTION_SEED = 1;

/**
 * Teacher-made decks per server, read once and then served from memory: /define and autocomplete
 * ask on every keystroke. Every write goes through here, so the cache is always current.
 */
export class DeckLibrary {
  private readonly cache = new Map<string, StoredDeck[]>();

  constructor(private readonly store: Store) {}

  async decks(guildId: string): Promise<StoredDeck[]> {
    const cached = this.cache.get(guildId);
    if (cached) return cached;
    const decks = (await this.store.get(decksKey(guildId))) ?? [];
    this.cache.set(guildId, decks);
    return decks;
  }

  /** Saves a parsed deck under its name, replacing a deck of the same name. */
  async add(
    guildId: string,
    deck: Deck,
    importedBy: string,
    now: Date,
  ): Promise<{ stored: StoredDeck; replaced: boolean }> {
    const stored: StoredDeck = {
      id: deckId(deck.name),
      name: deck.name,
      importedAt: now.toISOString(),
      importedBy,
      terms: deckTerms(deck),
      questions: deckQuestions(deck, DECK_QUESTION_SEED),
    };
    let replaced = false;
    const decks = await this.store.update(decksKey(guildId), (current = []) => {
      replaced = current.some((existing) => existing.id === stored.id);
      if (!replaced && current.length >= MAX_DECKS) {
        throw new UserError(`This server already has ${MAX_DECKS} decks. Remove one with /deck remove first.`);
      }
      return [...current.filter((existing) => existing.id !== stored.id), stored];
    });
    this.cache.set(guildId, decks);
    return { stored, replaced };
  }

  async remove(guildId: string, id: string): Promise<StoredDeck | undefined> {
    let removed: StoredDeck | undefined;
    const decks = await this.store.update(decksKey(guildId), (current = []) => {
      removed = current.find((deck) => deck.id === id);
      return current.filter((deck) => deck.id !== id);
    });
    this.cache.set(guildId, decks);
    return removed;
  }

  async topics(guildId: string): Promise<{ id: string; name: string }[]> {
    return (await this.decks(guildId)).map((deck) => ({ id: deck.id, name: `Deck: ${deck.name}` }));
  }

  async questions(guildId: string, topic?: string): Promise<Question[]> {
    const decks = await this.decks(guildId);
    return decks.filter((deck) => topic === undefined || deck.id === topic).flatMap((deck) => deck.questions);
  }

  async flashcards(guildId: string, topic?: string): Promise<Flashcard[]> {
    const decks = await this.decks(guildId);
    return decks
      .filter((deck) => topic === undefined || deck.id === topic)
      .flatMap((deck) =>
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
  async findTerm(
    guildId: string,
    query: string,
  ): Promise<{ deck: StoredDeck; term: StoredDeck['terms'][number] } | undefined> {
    const wanted = normalize(query);
    for (const deck of await this.decks(guildId)) {
      const term = deck.terms.find((candidate) => normalize(candidate.term) === wanted);
      if (term) return { deck, term };
    }
    return undefined;
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
}
