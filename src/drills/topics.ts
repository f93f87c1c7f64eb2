import type { DeckLibrary } from '../decks/library.js';
import { UserError } from '../errors.js';
import type { Flashcard } from './flashcards.js';
import { EVERYTHING, questionsForTopic, type Question, type Topic } from './questions.js';

/** Where a server's topics come from: the course, plus the decks its teachers imported. */
export interface TopicSources {
  topics: readonly Topic[];
  questions: readonly Question[];
  flashcards: readonly Flashcard[];
  decks: DeckLibrary;
}

export async function topicsFor(sources: TopicSources, guildId: string | null): Promise<Topic[]> {
  return [...sources.topics, ...(guildId ? await sources.decks.topics(guildId) : [])];
}

/** The topics whose name contains what was typed, for autocomplete. */
export async function suggestTopics(sources: TopicSources, guildId: string | null, typed: string) {
  const needle = typed.toLowerCase();
  return (await topicsFor(sources, guildId))
    .filter((topic) => topic.name.toLowerCase().includes(needle))
    .map((topic) => ({ name: topic.name.slice(0, 100), value: topic.id }));
}

const UNKNOWN_TOPIC = 'Pick a topic from the list: a chart, a source article, a deck, or Everything.';

/** The questions of a topic (Everything takes in the server's decks too); a polite refusal when there are none. */
export function questionsFor(sources: TopicSources, guildId: string | null, topic: string): Promise<Question[]> {
  return pick(
    topic,
    sources,
    guildId,
    () => questionsForTopic(sources.questions, topic),
    () => (guildId ? sources.decks.questions(guildId) : Promise.resolve([])),
    sources.questions,
    (question) => question.topic === topic,
    // A deck's own questions need four terms to choose from, or questions written into the file.
    'That deck has no questions yet: it needs at least four terms, or questions of its own.',
  );
}

/** The flashcards of a topic, like `questionsFor`. */
export function flashcardsFor(sources: TopicSources, guildId: string | null, topic: string): Promise<Flashcard[]> {
  return pick(
    topic,
    sources,
    guildId,
    () => sources.flashcards.filter((card) => card.topics.includes(topic)),
    () => (guildId ? sources.decks.flashcards(guildId) : Promise.resolve([])),
    sources.flashcards,
    (card) => card.topics.includes(topic),
    'That deck has no flashcards: it holds only questions. Try /quiz with it.',
  );
}

/**
 * A course topic needs no deck read; Everything takes the course and the decks; anything else is a deck, whose
 * items may be none (`emptyDeck` says so), or unknown.
 */
async function pick<T>(
  topic: string,
  sources: TopicSources,
  guildId: string | null,
  fromCourse: () => T[],
  fromDecks: () => Promise<T[]>,
  wholeCourse: readonly T[],
  inDeck: (item: T) => boolean,
  emptyDeck: string,
): Promise<T[]> {
  if (sources.topics.some((candidate) => candidate.id === topic) && topic !== EVERYTHING) return fromCourse();
  const deckItems = await fromDecks();
  if (topic === EVERYTHING) return [...wholeCourse, ...deckItems];
  const picked = deckItems.filter(inDeck);
  if (picked.length > 0) return picked;
  const isDeck = guildId !== null && (await sources.decks.topics(guildId)).some((deck) => deck.id === topic);
  throw new UserError(isDeck ? emptyDeck : UNKNOWN_TOPIC);
}

const courseCardsById = new WeakMap<readonly Flashcard[], Map<string, Flashcard>>();

/** One card by its id, for the card on screen: the course's from an index, a deck's from that server's decks. */
export async function flashcardById(
  sources: TopicSources,
  guildId: string | null,
  id: string,
): Promise<Flashcard | undefined> {
  let index = courseCardsById.get(sources.flashcards);
  if (!index) {
    index = new Map(sources.flashcards.map((card) => [card.id, card]));
    courseCardsById.set(sources.flashcards, index);
  }
  const fromCourse = index.get(id);
  if (fromCourse || !guildId) return fromCourse;
  return (await sources.decks.flashcards(guildId)).find((card) => card.id === id);
}
