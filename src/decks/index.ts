/** Teacher-made decks: a file attached to /deck import read into cards and questions, and quizzes drawn from them. */
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
export { fileTooBig, megabytes } from './decode.js';
export { parseDeck, RICH_HEADER } from './parse.js';
export { deckQuestions, deckTerms, type DeckTerm } from './questions.js';
