import { describe, expect, it } from 'vitest';
import type { ItemWarning } from '../../src/decks/index.js';
import { importedMessage } from '../../src/discord/render/deck.js';
import { fixtureQuestion } from '../fixtures/question.js';

describe('the /deck import reply', () => {
  const deck = {
    name: 'Python',
    terms: ['__init__', '*args'].map((term) => ({ id: term, term, definition: 'A Python word' })),
    questions: [fixtureQuestion('one', 0), fixtureQuestion('two', 1), fixtureQuestion('three', 2)],
  };

  it('says what was imported, and nothing more for a clean sheet', () => {
    expect(importedMessage(deck, false, [])).toBe(
      'Imported the deck **Python**: 2 terms and 3 questions. It is now a topic for /define, /quiz, /flashcards and the daily drill here.',
    );
  });

  it('lists each flaw by line, quoting the teacher’s words as written', () => {
    const warnings: ItemWarning[] = [
      { kind: 'answer-in-question', line: 2, words: ['cell'] },
      { kind: 'above-option', line: 3, option: '**None** of the above' },
      { kind: 'long-answer', line: 4, answerWords: 11, longestWrongWords: 2 },
      { kind: 'unmarked-negative', line: 5, word: 'isn’t' },
    ];
    const lines = importedMessage(deck, true, warnings).split('\n');
    expect(lines[0]).toMatch(/^Replaced the deck \*\*Python\*\*: 2 terms and 3 questions\./);
    expect(lines.slice(2)).toEqual([
      '⚠️ 4 things to look at in the questions (the deck is in use as it is; import the file again once fixed):',
      '• Line 2: the question and the right answer share “cell”, which no wrong option has, so the words give the answer away.',
      '• Line 3: “\\*\\*None\\*\\* of the above” is an option, but the quiz shuffles the options, so what is above it changes; name the options it means instead.',
      '• Line 4: the right answer has 11 words and the longest wrong one 2; students who guess pick the longest option.',
      '• Line 5: “isn’t” in the question is easy to read past; write it in capitals (ISN’T).',
    ]);
  });

  it('shows the first ten flaws of a long list and says how many more, within one message', () => {
    const warnings: ItemWarning[] = Array.from({ length: 2000 }, (_, index) => ({
      kind: 'above-option',
      line: index + 2,
      option: `${'_'.repeat(30)} none of the above ${'_'.repeat(30)}`,
    }));
    const message = importedMessage(deck, false, warnings);
    expect(message.length).toBeLessThanOrEqual(2000);
    expect(message).toContain('• Line 2: ');
    const shown = message.split('\n').filter((line) => line.startsWith('• Line')).length;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThanOrEqual(10);
    expect(message).toMatch(new RegExp(`\n…and ${2000 - shown} more\\.$`));
  });
});
