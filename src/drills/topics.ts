import type { DeckLibrary } from '../decks/library.js';
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

/** The questions of a topic (Everything takes in the server's decks too); undefined for an unknown topic. */
export function questionsFor(
  sources: TopicSources,
  guildId: string | null,
  topic: string,
): Promise<Question[] | undefined> {
  return pick(
    topic,
    sources,
    () => questionsForTopic(sources.questions, topic),
    () => (guildId ? sources.decks.questions(guildId) : Promise.resolve([])),
    sources.questions,
    (question) => question.topic === topic,
  );
}

export function flashcardsFor(
  sources: TopicSources,
  guildId: string | null,
  topic: string,
): Promise<Flashcard[] | undefined> {
  return pick(
    topic,
    sources,
    () => sources.flashcards.filter((card) => card.topics.includes(topic)),
    () => (guildId ? sources.decks.flashcards(guildId) : Promise.resolve([])),
    sources.flashcards,
    (card) => card.topics.includes(topic),
  );
}

/** A course topic needs no deck read; Everything takes the course and the decks; anything else is a deck or unknown. */
async function pick<T>(
  topic: string,
  sources: TopicSources,
  fromCourse: () => T[],
  fromDecks: () => Promise<T[]>,
  wholeCourse: readonly T[],
  inDeck: (item: T) => boolean,
): Promise<T[] | undefined> {
  if (sources.topics.some((candidate) => candidate.id === topic) && topic !== EVERYTHING) return fromCourse();
  const deckItems = await fromDecks();
  if (topic === EVERYTHING) return [...wholeCourse, ...deckItems];
  const picked = deckItems.filter(inDeck);
  return picked.length > 0 ? picked : undefined;
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
