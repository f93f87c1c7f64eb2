import { latinWords } from '../content/course.js';
import { questionLimits, TRUE_FALSE, type Question } from '../drills/questions.js';
import { randomFor, shuffled } from '../drills/random.js';
import { compose, maskNames, mentions, quoteWithin, sameText } from '../drills/text.js';
import { mapInSlices, timeSlices, type Pause } from '../time-slices.js';
import { deckId, shortHash, type Deck, type DeckCard, type DeckQuestion } from './deck.js';

/** A card as /define shows it; `id` is unique within the deck. */
export interface DeckTerm {
  id: string;
  term: string;
  definition: string;
}

const WRONG_OPTIONS = 3;

/** The deck's cards for /define, each with a kebab-case id made from the term. */
export function deckTerms(deck: Deck): DeckTerm[] {
  return withIds(deck.cards, (card) => idPart(card.term)).map(({ item, id }) => ({
    id,
    term: item.term,
    definition: item.definition,
  }));
}

/**
 * Quiz questions from a deck, for /quiz and the daily drill: a "which term is defined here?" question for each
 * card, with three other terms of the deck as wrong options (so only when the deck has at least four cards),
 * then every rich question as the teacher wrote it. Each is filed under the deck's topic id and cites the deck.
 * The seed only decides the wrong options and the order of options, never which questions exist.
 *
 * Rich questions take the kind 'faq': written questions with a written answer, as the course's FAQs are.
 *
 * A card's question can take a millisecond (the name patterns it checks the definition against are built afresh
 * for each deck), so 2,000 cards are drafted in time slices, `pause`d between cards, never all at once.
 */
export async function deckQuestions(deck: Deck, seed: number, pause: Pause = timeSlices()): Promise<Question[]> {
  const topic = deckId(deck.name);
  const source = `deck:${deck.name}`;
  const cards = deck.cards.length > WRONG_OPTIONS ? withIds(deck.cards, (card) => idPart(card.term)) : [];
  const fromCards = await mapInSlices(
    cards,
    ({ item, id: termId }): Question[] => {
      const id = `${topic}:define:${termId}`;
      const drafted = cardQuestion(deck.cards, item, id, seed);
      return drafted ? [{ id, topic, source, ...drafted }] : [];
    },
    pause,
  );
  const stems = withIds(deck.questions, (question) => idPart(question.stem, 8));
  const written = await mapInSlices(
    stems,
    ({ item, id: stemId }): Question => {
      const id = `${topic}:question:${stemId}`;
      return { id, topic, source, ...writtenQuestion(item, id, seed) };
    },
    pause,
  );
  return [...fromCards.flat(), ...written];
}

type Drafted = Pick<Question, 'kind' | 'stem' | 'options' | 'answer' | 'explanation'>;

/** The definition (its own term blanked out), and the term among three others; none if too few others are fit. */
function cardQuestion(cards: readonly DeckCard[], card: DeckCard, id: string, seed: number): Drafted | undefined {
  const definition = mayMention(card.definition, card.term) ? maskNames(card.definition, [card.term]) : card.definition;
  const stem = quoteWithin(questionLimits.stem, 'Which term is defined here? ', definition);
  const random = randomFor(seed, id);
  const wrong: string[] = [];
  // Candidates are checked lazily in a shuffled order: a deck of 2,000 cards needs only a few checks per card.
  for (const other of shuffled(cards, random)) {
    if (wrong.length === WRONG_OPTIONS) break;
    // A term the definition names would be easy to rule out; one that looks like another option would be unfair.
    // Only the definition counts: the question's own words ("which", "here") are no clue.
    if (mayMention(definition, other.term) && mentions(definition, [other.term])) continue;
    if ([card.term, ...wrong].some((seen) => sameText(seen, other.term))) continue;
    wrong.push(other.term);
  }
  if (wrong.length < WRONG_OPTIONS) return undefined;
  const options = shuffled([card.term, ...wrong], random);
  return {
    kind: 'term-from-definition',
    stem,
    options,
    answer: options.indexOf(card.term),
    explanation: compose(questionLimits.explanation, `${card.term}: ${card.definition}`),
  };
}

/** A rich question with its options shuffled, except True and False, which always read in that order. */
function writtenQuestion(question: DeckQuestion, id: string, seed: number): Drafted {
  const right = question.options[question.answer] ?? '';
  const explanation = question.explanation === '' ? `The answer is “${right}”.` : question.explanation;
  const trueFalse = isTrueFalse(question.options);
  const options = trueFalse ? [...TRUE_FALSE] : shuffled(question.options, randomFor(seed, id));
  const answer = options.findIndex((option) => option.toLowerCase() === right.toLowerCase());
  return { kind: 'faq', stem: question.stem, options, answer, explanation };
}

/**
 * False only when `mentions` and `maskNames` would find no form of the name in the text: every form they match
 * (plurals, collectivist for collectivism, self reliance for self-reliance) starts with the name's root. Their
 * Unicode regular expression takes about a millisecond to build, too slow to build thousands of times for a
 * big deck, so this cheap test goes first.
 */
function mayMention(text: string, name: string): boolean {
  const squash = (value: string) => value.toLowerCase().replace(/[\s-]+/g, '');
  return squash(text).includes(squash(name).replace(/(?:ism|i[sz]ation)$/, ''));
}

/** Whether the options are True and False, in either order and any case. */
export function isTrueFalse(options: readonly string[]): boolean {
  const lower = options.map((option) => option.toLowerCase()).sort();
  return lower.length === 2 && lower[0] === 'false' && lower[1] === 'true';
}

/** A kebab-case id segment from the first words of a text, or a hash when it has no Latin letters or digits. */
function idPart(text: string, words = Infinity): string {
  const latin = latinWords(text);
  return latin === '' ? shortHash(text) : latin.split(' ').slice(0, words).join('-');
}

/**
 * Each item with an id from `base`, and `-2`, `-3`… added to repeats: two questions opening with the same eight
 * words, or two terms that differ only in accents or punctuation.
 */
function withIds<T>(items: readonly T[], base: (item: T) => string): { item: T; id: string }[] {
  const taken = new Set<string>();
  return items.map((item) => {
    const first = base(item);
    let id = first;
    for (let n = 2; taken.has(id); n++) id = `${first}-${n}`;
    taken.add(id);
    return { item, id };
  });
}
