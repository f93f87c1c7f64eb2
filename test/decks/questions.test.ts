import { describe, expect, it } from 'vitest';
import { deckQuestions, deckTerms, parseDeck, type Deck } from '../../src/decks/index.js';
import { loopTurnsDuring, turnsEvery50Ms } from '../event-loop.js';
import { vocabularyFile } from '../fixtures/deck.js';
import { byId, rightOption, saysOutright } from '../fixtures/question.js';

const deck: Deck = {
  name: 'Cells',
  format: 'rich',
  cards: [
    { term: 'cell', definition: 'The smallest unit of life.', line: 2 },
    { term: 'nucleus', definition: 'The part of a cell that holds its DNA.', line: 3 },
    { term: 'mitochondrion', definition: 'Where food is turned into energy.', line: 4 },
    { term: 'ribosome', definition: 'Where proteins are built.', line: 5 },
    { term: 'membrane', definition: 'The layer around a cell; a membrane lets some things through.', line: 6 },
  ],
  questions: [
    {
      stem: 'What gas do plants take in?',
      options: ['Carbon dioxide', 'Oxygen', 'Nitrogen', 'Helium'],
      answer: 0,
      explanation: 'Plants use it to make sugar.',
      line: 7,
    },
    { stem: 'Animals make their own food.', options: ['False', 'True'], answer: 0, explanation: '', line: 8 },
  ],
};

const questions = await deckQuestions(deck, 42);

describe('deckQuestions', () => {
  it('asks for every card by its definition, then every written question, filed under the deck', () => {
    expect(questions.map((question) => question.id)).toEqual([
      'deck-cells:define:cell',
      'deck-cells:define:nucleus',
      'deck-cells:define:mitochondrion',
      'deck-cells:define:ribosome',
      'deck-cells:define:membrane',
      'deck-cells:question:what-gas-do-plants-take-in',
      'deck-cells:question:animals-make-their-own-food',
    ]);
    for (const question of questions) {
      expect(question.topic).toBe('deck-cells');
      expect(question.source).toBe('deck:Cells');
    }
  });

  it('gives every question distinct options and a valid answer', () => {
    for (const question of questions) {
      const lower = question.options.map((option) => option.toLowerCase());
      expect(new Set(lower).size).toBe(question.options.length);
      expect(question.answer).toBeGreaterThanOrEqual(0);
      expect(question.answer).toBeLessThan(question.options.length);
      expect(question.explanation).not.toBe('');
    }
  });

  it('makes the card its own right answer among three other terms, never named in the stem', () => {
    for (const card of deck.cards) {
      const question = byId(questions, `deck-cells:define:${card.term}`);
      expect(question.kind).toBe('term-from-definition');
      expect(question.options).toHaveLength(4);
      expect(rightOption(question)).toBe(card.term);
      for (const option of question.options) expect(saysOutright(question.stem, option)).toBe(false);
    }
  });

  it('blanks the term out of a definition that names it, and leaves out terms the definition names', () => {
    const question = byId(questions, 'deck-cells:define:membrane');

    expect(question.stem).toBe(
      'Which term is defined here? “The layer around a cell; a ___ lets some things through.”',
    );
    expect([...question.options].sort()).toEqual(['membrane', 'mitochondrion', 'nucleus', 'ribosome']);
    expect(question.explanation).toBe('membrane: The layer around a cell; a membrane lets some things through.');
  });

  it('keeps a written question as written, its options shuffled', () => {
    const question = byId(questions, 'deck-cells:question:what-gas-do-plants-take-in');

    expect(question).toMatchObject({
      kind: 'faq',
      stem: 'What gas do plants take in?',
      explanation: 'Plants use it to make sugar.',
    });
    expect([...question.options].sort()).toEqual(['Carbon dioxide', 'Helium', 'Nitrogen', 'Oxygen']);
    expect(rightOption(question)).toBe('Carbon dioxide');
  });

  it('shows True before False whatever the answer, and explains a blank explanation with the answer', () => {
    expect(byId(questions, 'deck-cells:question:animals-make-their-own-food')).toMatchObject({
      options: ['True', 'False'],
      answer: 1,
      explanation: 'The answer is “False”.',
    });
  });

  it('draws the same options in the same order for the same seed', async () => {
    expect(await deckQuestions(deck, 42)).toEqual(questions);
  });

  it('varies the order of options with the seed, never which questions exist', async () => {
    const orders = new Set<string>();
    for (let seed = 0; seed < 20; seed++) {
      const drawn = await deckQuestions(deck, seed);
      expect(drawn.map((question) => question.id)).toEqual(questions.map((question) => question.id));
      orders.add(byId(drawn, 'deck-cells:question:what-gas-do-plants-take-in').options.join('|'));
    }
    expect(orders.size).toBeGreaterThan(1);
  });

  it('offers words of the question’s own wording (which, here) as wrong options, as any other term', async () => {
    const words = ['here', 'which', 'there', 'where'];
    const adverbs: Deck = {
      name: 'Question words',
      format: 'csv',
      cards: words.map((term, i) => ({ term, definition: `Meaning number ${i}`, line: i + 1 })),
      questions: [],
    };
    const questions = await deckQuestions(adverbs, 1);
    expect(questions).toHaveLength(words.length);
    for (const question of questions) expect([...question.options].sort()).toEqual([...words].sort());
  });

  it('asks nothing about cards when the deck has too few for three wrong options', async () => {
    const small: Deck = { ...deck, cards: deck.cards.slice(0, 3) };

    expect((await deckQuestions(small, 1)).map((question) => question.kind)).toEqual(['faq', 'faq']);
  });

  it('drafts a 2,000-card deck in slices, so the event loop keeps turning meanwhile', async () => {
    const big = await parseDeck('big.csv', vocabularyFile('qz'));
    let drafted: unknown[] = [];
    const { turns, elapsedMs } = await loopTurnsDuring(async () => (drafted = await deckQuestions(big, 1)));
    expect(drafted).toHaveLength(2000);
    expect(turns).toBeGreaterThanOrEqual(turnsEvery50Ms(elapsedMs));
    expect(turns).toBeGreaterThan(10);
  });

  it('numbers questions that open with the same eight words', async () => {
    const stem = 'Which of these is true of the cell wall';
    const twins: Deck = {
      ...deck,
      cards: [],
      questions: [
        { stem: `${stem} of a plant?`, options: ['a', 'b'], answer: 0, explanation: '', line: 2 },
        { stem: `${stem} of a fungus?`, options: ['a', 'b'], answer: 0, explanation: '', line: 3 },
      ],
    };

    expect((await deckQuestions(twins, 1)).map((question) => question.id)).toEqual([
      'deck-cells:question:which-of-these-is-true-of-the-cell',
      'deck-cells:question:which-of-these-is-true-of-the-cell-2',
    ]);
  });
});

describe('deckTerms', () => {
  it('lists the cards for /define with kebab-case ids unique within the deck', () => {
    const terms: Deck = {
      name: 'French',
      format: 'csv',
      cards: [
        { term: 'le résumé', definition: 'the summary', line: 1 },
        { term: 'le resume', definition: 'a made-up twin', line: 2 },
        { term: '猫', definition: 'cat', line: 3 },
      ],
      questions: [],
    };

    expect(deckTerms(terms)).toEqual([
      { id: 'le-resume', term: 'le résumé', definition: 'the summary' },
      { id: 'le-resume-2', term: 'le resume', definition: 'a made-up twin' },
      { id: expect.stringMatching(/^[0-9a-f]{8}$/), term: '猫', definition: 'cat' },
    ]);
  });
});
