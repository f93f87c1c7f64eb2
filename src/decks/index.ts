/**
 * Teacher-made decks: a file attached to /deck import read into cards and questions, its questions checked for
 * item-writing flaws, and quizzes drawn from them.
 */
export {
  DECK_LIMITS,
  DeckError,
  deckId,
  deckName,
  type Deck,
  type DeckCard,
  type DeckProblem,
  type DeckQuestion,
} from './deck.js';
export { itemWarnings, type ItemWarning } from './checks.js';
export { fileTooBig, megabytes } from './decode.js';
export { parseDeck, RICH_HEADER } from './parse.js';
export { deckQuestions, deckTerms, type DeckTerm } from './questions.js';
