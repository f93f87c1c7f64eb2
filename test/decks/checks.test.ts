import { describe, expect, it } from 'vitest';
import { itemWarnings, parseDeck, RICH_HEADER, type Deck } from '../../src/decks/index.js';

/** A question sheet from its rows, read as /deck import reads it: the header is line 1, the first row line 2. */
function sheet(...rows: string[]): Promise<Deck> {
  return parseDeck('Checks.csv', new TextEncoder().encode([RICH_HEADER, ...rows].join('\n')));
}

async function warningsFor(...rows: string[]) {
  return itemWarnings((await sheet(...rows)).questions);
}

const clean = [
  'question,What gas do plants take in?,Carbon dioxide,Oxygen,Nitrogen,Helium,Plants use CO2 to make sugar.',
  'question,Plants make their own food.,True,False,,,They make sugar by photosynthesis.',
  'card,photosynthesis,How plants turn light into sugar,,,,',
  'question,Which organelle releases energy from food?,Mitochondrion,Nucleus,Ribosome,Vacuole,',
  'question,Which of these is NOT a gas at room temperature?,Iron,Oxygen,Nitrogen,Helium,',
  'question,Which planet is **not** rocky?,Jupiter,Mars,Venus,Mercury,',
];

describe('item-writing checks', () => {
  it('finds nothing in a well-written sheet', async () => {
    expect(await warningsFor(...clean)).toEqual([]);
  });

  it('warns about the answer’s words in the question, by line', async () => {
    expect(
      await warningsFor(
        clean[0] ?? '',
        'question,Which cell part holds the cell’s genes?,The cell nucleus,Ribosome,Vacuole,Membrane,',
      ),
    ).toEqual([{ kind: 'answer-in-question', line: 3, words: ['cell'] }]);
  });

  it('matches a plural in the question to the answer’s singular', async () => {
    expect(await warningsFor('question,What do plants make from cells?,A cell wall,Sugar,Starch,Oxygen,')).toEqual([
      { kind: 'answer-in-question', line: 2, words: ['cell'] },
    ]);
  });

  it('does not count stop words, nor a word the wrong options share', async () => {
    expect(
      await warningsFor(
        'question,Which of the gases is carbon-based?,Carbon dioxide,Carbon monoxide,Nitrogen,Oxygen,',
        'question,What is the largest planet of the solar system?,Jupiter,The Sun,Saturn,The Moon,',
      ),
    ).toEqual([]);
  });

  it('warns about “all of the above” and “none of the above” among the options', async () => {
    expect(
      await warningsFor(
        ...clean.slice(0, 2),
        'question,Which are mammals?,All of the above,Whales only,Bats only,Dogs only,',
        'question,Which is a reptile?,Snake,Frog,Salmon,None of the above,',
      ),
    ).toEqual([
      { kind: 'above-option', line: 4, option: 'All of the above' },
      { kind: 'above-option', line: 5, option: 'None of the above' },
    ]);
  });

  it('warns about a right answer much longer than every wrong one', async () => {
    expect(
      await warningsFor(
        'question,Why do leaves have their colour?,Chlorophyll in them reflects green light and absorbs red and blue,Paint,Water,Sunburn,',
      ),
    ).toEqual([{ kind: 'long-answer', line: 2, answerWords: 11, longestWrongWords: 1 }]);
  });

  it('lets a right answer a word or two longer pass, and one longer by half again but only two words', async () => {
    expect(
      await warningsFor(
        'question,Which gas do we breathe out?,Carbon dioxide,Oxygen,Argon,Neon,',
        'question,What protects us from ultraviolet light?,The ozone in the stratosphere,The lower troposphere,Clouds,Rain,',
      ),
    ).toEqual([]);
  });

  it('warns about a negative in plain letters, but not one in capitals or bold', async () => {
    expect(
      await warningsFor(
        'question,Which of these is not a mammal?,Shark,Whale,Bat,Dog,',
        'question,All of these are planets except one: which?,Pluto,Mars,Earth,Venus,',
        'question,Which gas is never found in air?,Chlorine,Oxygen,Argon,Nitrogen,',
        'question,Which isn’t a metal?,Sulphur,Iron,Copper,Tin,',
        'question,Which of these is NOT a bird?,Trout,Eagle,Owl,Robin,',
        'question,Which of these is **not** a fish?,Whale,Trout,Salmon,Cod,',
        'question,Which word is nothing like a knot?,Line,Loop,Hitch,Bend,',
      ),
    ).toEqual([
      { kind: 'unmarked-negative', line: 2, word: 'not' },
      { kind: 'unmarked-negative', line: 3, word: 'except' },
      { kind: 'unmarked-negative', line: 4, word: 'never' },
      { kind: 'unmarked-negative', line: 5, word: 'isn’t' },
    ]);
  });

  it('lists several flaws of one question, and the lines of a sheet with blank lines and cards between', async () => {
    expect(
      await warningsFor(
        'card,osmosis,Water moving through a membrane,,,,',
        '',
        'question,Which is not the osmosis answer?,Osmosis across a membrane of the living cell wall,Diffusion,None of the above,Heat,',
      ),
    ).toEqual([
      { kind: 'answer-in-question', line: 4, words: ['osmosis'] },
      { kind: 'above-option', line: 4, option: 'None of the above' },
      { kind: 'long-answer', line: 4, answerWords: 9, longestWrongWords: 4 },
      { kind: 'unmarked-negative', line: 4, word: 'not' },
    ]);
  });
});
