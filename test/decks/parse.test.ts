import { describe, expect, it } from 'vitest';
import { DECK_LIMITS, DeckError, deckId, parseDeck, RICH_HEADER, type Deck } from '../../src/decks/index.js';
import { UserError } from '../../src/errors.js';
import { loopTurnsDuring, turnsEvery50Ms } from '../event-loop.js';
import { vocabularyFile } from '../fixtures/deck.js';

function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function parseText(text: string, fileName = 'Unit 3.csv', name?: string): Promise<Deck> {
  return parseDeck(fileName, bytes(text), name);
}

/** The DeckError that importing throws; fails the test if it throws anything else or nothing. */
async function rejection(action: () => Promise<unknown>): Promise<DeckError> {
  try {
    await action();
  } catch (error) {
    if (error instanceof DeckError) return error;
    throw error;
  }
  throw new Error('expected a DeckError');
}

function rejectionOf(text: string, fileName = 'Unit 3.csv'): Promise<DeckError> {
  return rejection(() => parseText(text, fileName));
}

describe('cards files', () => {
  it('reads a Quizlet export: a tab between term and definition, a new line between rows', async () => {
    const text = [
      'photosynthesis\tHow plants turn light into sugar',
      'mitochondrion\tThe part of a cell that releases energy',
      'osmosis\tWater moving through a membrane',
    ].join('\n');

    expect(await parseText(text, 'Biology_Unit_3.txt')).toEqual({
      name: 'Biology Unit 3',
      format: 'tsv',
      cards: [
        { term: 'photosynthesis', definition: 'How plants turn light into sugar', line: 1 },
        { term: 'mitochondrion', definition: 'The part of a cell that releases energy', line: 2 },
        { term: 'osmosis', definition: 'Water moving through a membrane', line: 3 },
      ],
      questions: [],
    });
  });

  it('reads a comma export whose quoted cells hold commas and doubled quote marks', async () => {
    const text = ['"to go, to walk",aller', 'le chat,"the cat, a pet"', '"to say ""hi""",dire bonjour', ''].join('\n');

    expect(await parseText(text)).toEqual({
      name: 'Unit 3',
      format: 'csv',
      cards: [
        { term: 'to go, to walk', definition: 'aller', line: 1 },
        { term: 'le chat', definition: 'the cat, a pet', line: 2 },
        { term: 'to say "hi"', definition: 'dire bonjour', line: 3 },
      ],
      questions: [],
    });
  });

  it('reads an Anki export: skips its # lines and tags column, and turns its HTML into text', async () => {
    const text = [
      '#separator:tab',
      '#html:true',
      '#tags column:3',
      'der Hund<br>(pl. die Hunde)\t<b>the dog</b>&nbsp;&amp; its friend\tgerman::animals',
      'die Katze\t<div>the cat</div><div>a pet &#8212; caf&#xE9; cat</div>\t',
      '"zwei&nbsp;Tabs"\t"said ""hello"" &lt;loudly&gt;"\tgerman',
    ].join('\n');

    expect((await parseText(text, 'German.txt')).cards).toEqual([
      { term: 'der Hund (pl. die Hunde)', definition: 'the dog & its friend', line: 4 },
      { term: 'die Katze', definition: 'the cat\na pet — café cat', line: 5 },
      { term: 'zwei Tabs', definition: 'said "hello" <loudly>', line: 6 },
    ]);
  });

  it("ignores the column Anki's #columns line labels Tags", async () => {
    const text = [
      '#separator:comma',
      '#columns:Front,Back,Tags',
      'cell,the unit of life,bio',
      'atom,a unit of matter,',
    ];

    expect((await parseText(text.join('\n'))).cards).toEqual([
      { term: 'cell', definition: 'the unit of life', line: 3 },
      { term: 'atom', definition: 'a unit of matter', line: 4 },
    ]);
  });

  it('keeps HTML as written when the file does not say #html:true', async () => {
    expect((await parseText('<b>bold</b>\tthe tag that makes text bold')).cards).toEqual([
      { term: '<b>bold</b>', definition: 'the tag that makes text bold', line: 1 },
    ]);
  });

  it('honours #separator:pipe and #separator:semicolon', async () => {
    expect((await parseText('#separator:pipe\nsun|a star, the nearest one')).cards).toEqual([
      { term: 'sun', definition: 'a star, the nearest one', line: 2 },
    ]);
    expect((await parseText('#separator:Semicolon\nsun;a star')).cards).toEqual([
      { term: 'sun', definition: 'a star', line: 2 },
    ]);
  });

  it('finds the semicolon in a file with no #separator line, even when definitions hold commas', async () => {
    const text = ['chat;the cat, a pet', 'chien;the dog, a friend, a pet', 'vache;the cow'].join('\n');

    expect(await parseText(text)).toMatchObject({
      format: 'csv',
      cards: [
        { term: 'chat', definition: 'the cat, a pet', line: 1 },
        { term: 'chien', definition: 'the dog, a friend, a pet', line: 2 },
        { term: 'vache', definition: 'the cow', line: 3 },
      ],
    });
  });

  it('splits at the separator that leaves the terms clean when two split every row in two', async () => {
    expect((await parseText('chat;the cat, a pet\nvache;the cow, a farm animal')).cards).toEqual([
      { term: 'chat', definition: 'the cat, a pet', line: 1 },
      { term: 'vache', definition: 'the cow, a farm animal', line: 2 },
    ]);
    expect((await parseText('chat,the cat; a pet\nvache,the cow; a farm animal')).cards).toEqual([
      { term: 'chat', definition: 'the cat; a pet', line: 1 },
      { term: 'vache', definition: 'the cow; a farm animal', line: 2 },
    ]);
    expect((await parseText('a|the letter a, first\nb|the letter b, second')).cards).toEqual([
      { term: 'a', definition: 'the letter a, first', line: 1 },
      { term: 'b', definition: 'the letter b, second', line: 2 },
    ]);
  });

  it('finds the separator of a rich file with no #separator line', async () => {
    const text = [
      'type;question;answer;wrong 1;wrong 2;wrong 3;explanation',
      'question;Qui, quoi ?;oui;non;;;Parce que.',
    ];

    expect((await parseText(text.join('\n'))).questions).toEqual([
      { stem: 'Qui, quoi ?', options: ['oui', 'non'], answer: 0, explanation: 'Parce que.', line: 2 },
    ]);
  });

  it('chooses tabs whenever a row holds a tab', async () => {
    expect((await parseText('a, b\tthe first two letters; in order')).cards).toEqual([
      { term: 'a, b', definition: 'the first two letters; in order', line: 1 },
    ]);
  });

  it('drops a UTF-8 byte-order mark', async () => {
    expect((await parseText('\uFEFFcell,the unit of life')).cards).toEqual([
      { term: 'cell', definition: 'the unit of life', line: 1 },
    ]);
  });

  it('reads Windows line endings, and old Mac ones', async () => {
    const expected = [
      { term: 'cell', definition: 'the unit of life', line: 1 },
      { term: 'atom', definition: 'the unit of matter', line: 2 },
    ];

    expect((await parseText('cell,the unit of life\r\natom,the unit of matter\r\n')).cards).toEqual(expected);
    expect((await parseText('cell,the unit of life\ratom,the unit of matter')).cards).toEqual(expected);
  });

  it('numbers rows by the line they start on, past multi-line cells and blank lines', async () => {
    const text = ['cell,"the unit of life:', 'every living thing is made of cells"', '', 'atom,the unit of matter'];

    expect((await parseText(text.join('\r\n'))).cards).toEqual([
      { term: 'cell', definition: 'the unit of life:\nevery living thing is made of cells', line: 1 },
      { term: 'atom', definition: 'the unit of matter', line: 4 },
    ]);
  });

  it('names the line of a bad row that follows a multi-line cell', async () => {
    const text = ['cell,"the unit of life:', 'every living thing', 'is made of cells"', '', 'atom'].join('\n');

    const error = await rejectionOf(text);

    expect(error.problems).toEqual([
      { line: 5, message: 'Line 5 has only one column: expected a term, a comma, then a definition.' },
    ]);
  });

  it('skips a first row of exactly term,definition, blank rows and the empty cells a spreadsheet leaves', async () => {
    const text = ['Term,Definition,,', 'cell,the unit of life,,', ',,,', '', 'atom,the unit of matter,,'].join('\n');

    expect((await parseText(text)).cards).toEqual([
      { term: 'cell', definition: 'the unit of life', line: 2 },
      { term: 'atom', definition: 'the unit of matter', line: 5 },
    ]);
  });

  it('keeps quote marks inside an unquoted cell, as Quizlet writes them', async () => {
    expect((await parseText('to be\tthe verb "be"\n"Hamlet" quote\tTo be or not to be')).cards).toEqual([
      { term: 'to be', definition: 'the verb "be"', line: 1 },
      { term: '"Hamlet" quote', definition: 'To be or not to be', line: 2 },
    ]);
  });

  it('reads a row starting with # below the top as a card', async () => {
    expect((await parseText('# Unit 3\ncell,the unit of life\n#hashtag,a word marked with #')).cards).toEqual([
      { term: 'cell', definition: 'the unit of life', line: 2 },
      { term: '#hashtag', definition: 'a word marked with #', line: 3 },
    ]);
  });

  it('trims cells', async () => {
    expect((await parseText('  cell  ,   the unit of life  ')).cards).toEqual([
      { term: 'cell', definition: 'the unit of life', line: 1 },
    ]);
  });

  it('reads UTF-16 with a byte-order mark, as Excel saves "Unicode Text"', async () => {
    const text = '\uFEFFcafé\tcoffee\nthé\ttea\n';
    const utf16 = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      utf16[2 * i] = text.charCodeAt(i) & 0xff;
      utf16[2 * i + 1] = text.charCodeAt(i) >> 8;
    }

    expect((await parseDeck('French.txt', utf16)).cards).toEqual([
      { term: 'café', definition: 'coffee', line: 1 },
      { term: 'thé', definition: 'tea', line: 2 },
    ]);
  });

  it('accepts exactly the row limit', async () => {
    const text = Array.from({ length: DECK_LIMITS.maxRows }, (_, i) => `term ${i},definition ${i}`).join('\n');

    expect((await parseText(text)).cards).toHaveLength(2000);
  });

  it('reads a file at the size limit in slices, so the event loop keeps turning meanwhile', async () => {
    // 2,000 rows of about 500 characters: a megabyte, which csv-parse alone took 30 to 60 ms to read in one go.
    const long = 'a definition long enough to fill the file, with commas, clauses and more, '.repeat(6);
    const text = Array.from({ length: DECK_LIMITS.maxRows }, (_, i) => `term ${i},"${long}${i}"`).join('\n');
    expect(text.length).toBeGreaterThan(0.85 * DECK_LIMITS.maxBytes);
    let cards = 0;
    const { turns, elapsedMs } = await loopTurnsDuring(async () => (cards = (await parseText(text)).cards.length));
    expect(cards).toBe(2000);
    expect(turns).toBeGreaterThanOrEqual(turnsEvery50Ms(elapsedMs));
    expect(turns).toBeGreaterThan(3);
  });

  it('reads the same rows fed in chunks as in one go, quoted cells across chunk ends included', async () => {
    const file = vocabularyFile('chunk');
    const deck = await parseDeck('chunks.csv', file);
    expect(deck.cards).toHaveLength(2000);
    expect(deck.cards[1999]?.line).toBe(2000);
    expect(deck.cards.every((card, i) => card.term === `chunk${i.toString(36)}ase`)).toBe(true);
  });
});

describe('the rich format', () => {
  it('reads questions and cards under the header with a type column', async () => {
    const text = [
      'Type,Question,Answer,Wrong 1,Wrong 2,Wrong 3,Explanation',
      'question,What gas do plants take in?,Carbon dioxide,Oxygen,Nitrogen,Helium,Plants use it to make sugar.',
      'question,Plants make their own food.,True,False,,,They make sugar by photosynthesis.',
      'card,photosynthesis,How plants turn light into sugar,,,,',
      'question,"Which is a planet, not a star?",Mars,Sirius,Vega,,',
    ].join('\n');

    expect(await parseText(text, 'Plants quiz.csv')).toEqual({
      name: 'Plants quiz',
      format: 'rich',
      cards: [{ term: 'photosynthesis', definition: 'How plants turn light into sugar', line: 4 }],
      questions: [
        {
          stem: 'What gas do plants take in?',
          options: ['Carbon dioxide', 'Oxygen', 'Nitrogen', 'Helium'],
          answer: 0,
          explanation: 'Plants use it to make sugar.',
          line: 2,
        },
        {
          stem: 'Plants make their own food.',
          options: ['True', 'False'],
          answer: 0,
          explanation: 'They make sugar by photosynthesis.',
          line: 3,
        },
        {
          stem: 'Which is a planet, not a star?',
          options: ['Mars', 'Sirius', 'Vega'],
          answer: 0,
          explanation: '',
          line: 5,
        },
      ],
    });
  });

  it('reads questions under the header without a type column, whatever its case and spacing', async () => {
    const text = ['QUESTION\tanswer\twrong_1\tWrong2\twrong 3\tExplanation', 'What is 2 + 2?\t4\t5\t\t22\t'].join('\n');

    expect((await parseText(text)).questions).toEqual([
      { stem: 'What is 2 + 2?', options: ['4', '5', '22'], answer: 0, explanation: '', line: 2 },
    ]);
  });

  it('publishes the header the /deck help quotes', async () => {
    expect(RICH_HEADER).toBe('type,question,answer,wrong 1,wrong 2,wrong 3,explanation');
  });

  it('refuses a question whose answer is also a wrong option', async () => {
    const text = ['question,answer,wrong 1,wrong 2,wrong 3,explanation', 'Capital of France?,Paris,Lyon,paris,,'];

    expect((await rejectionOf(text.join('\n'))).problems).toEqual([
      {
        line: 2,
        message: 'Line 2: the answer “paris” is also given as wrong 2; a wrong option must differ from it.',
      },
    ]);
  });

  it('refuses two wrong options that are the same', async () => {
    const text = ['question,answer,wrong 1,wrong 2,wrong 3,explanation', 'Capital of France?,Paris,Lyon,Nice,Lyon,'];

    expect((await rejectionOf(text.join('\n'))).message).toBe('Line 2: wrong 1 and wrong 3 are the same (“Lyon”).');
  });

  it('names each missing part of a question', async () => {
    const text = [
      'type,question,answer,wrong 1,wrong 2,wrong 3,explanation',
      'question,,Paris,Lyon,,,',
      'question,Capital of Spain?,,Seville,,,',
      'question,Capital of Italy?,Rome,,,,',
      'quiz,Capital of Peru?,Lima,Cusco,,,',
      'card,atom,the unit of matter,molecule,,,',
    ].join('\n');

    expect((await rejectionOf(text)).problems.map((problem) => problem.message)).toEqual([
      'Line 2 has an empty question.',
      'Line 3 has an empty answer.',
      'Line 4 has no wrong options: fill in at least wrong 1 (for a true-or-false question, put True and False ' +
        'under answer and wrong 1).',
      'Line 5 has the type “quiz”; the type must be card or question.',
      'Line 6 is a card, so only its question (the term) and answer (the definition) may be filled; leave the ' +
        'wrong options and the explanation empty.',
    ]);
  });

  it('refuses a question longer than a quiz can show', async () => {
    const stem = `Why ${'very '.repeat(60)}much?`;
    const text = `question,answer,wrong 1,wrong 2,wrong 3,explanation\n"${stem}",yes,no,,,`;

    expect((await rejectionOf(text)).message).toBe(
      `Line 2: the question is ${stem.length} characters long; the limit is ${DECK_LIMITS.maxQuestionLength}.`,
    );
  });

  it('refuses options and explanations longer than a quiz can show, naming the column', async () => {
    const long = 'x'.repeat(301);
    const text = `question,answer,wrong 1,wrong 2,wrong 3,explanation\nPick one,a,b,${long},,${'y'.repeat(601)}`;

    expect((await rejectionOf(text)).problems).toEqual([
      { line: 2, message: 'Line 2: wrong 2 is 301 characters long; the limit is 300.' },
      { line: 2, message: 'Line 2: the explanation is 601 characters long; the limit is 600.' },
    ]);
  });

  it('refuses a repeated question, naming both lines', async () => {
    const text = ['question,answer,wrong 1,wrong 2,wrong 3,explanation', 'Is it?,yes,no,,,', 'is  IT?,no,yes,,,'];

    expect((await rejectionOf(text.join('\n'))).message).toBe('Line 3 repeats the question “is  IT?” from line 2.');
  });

  it('points out a header row that is nearly the rich one', async () => {
    expect((await rejectionOf('question,correct,wrong,explanation\nIs it?,yes,no,because')).problems).toEqual([
      {
        line: 1,
        message:
          'Line 1 looks like a header row, but the rich format needs exactly these headings: ' +
          'type,question,answer,wrong 1,wrong 2,wrong 3,explanation (the type column may be left out).',
      },
    ]);
  });

  it('refuses a header row with nothing under it', async () => {
    expect((await rejectionOf('\nquestion,answer,wrong 1,wrong 2,wrong 3,explanation\n\n')).message).toBe(
      'Line 2 is a header row, but no rows follow it.',
    );
  });
});

describe('a file that cannot be imported', () => {
  it('is a UserError, so the router shows the teacher its message', async () => {
    expect(await rejectionOf('')).toBeInstanceOf(UserError);
  });

  it('refuses an empty file', async () => {
    expect((await rejectionOf('')).message).toBe(
      'The file has no cards: it is empty, or holds only blank lines and # lines.',
    );
  });

  it('refuses a file of only # lines and blank lines', async () => {
    expect((await rejectionOf('#separator:tab\n#html:false\n\n   \n')).message).toBe(
      'The file has no cards: it is empty, or holds only blank lines and # lines.',
    );
  });

  it('refuses a row with one column, naming its line', async () => {
    const error = await rejectionOf('cell,the unit of life\natom,the unit of matter\nmolecule\n');

    expect(error.problems).toEqual([
      { line: 3, message: 'Line 3 has only one column: expected a term, a comma, then a definition.' },
    ]);
    expect(error.message).toBe('Line 3 has only one column: expected a term, a comma, then a definition.');
  });

  it('names the tab in a tab file', async () => {
    expect((await rejectionOf('cell\tthe unit of life\natom')).message).toBe(
      'Line 2 has only one column: expected a term, a tab, then a definition.',
    );
  });

  it('refuses a row with a third column, suggesting quotes', async () => {
    expect((await rejectionOf('cell,the unit of life\natom,the unit of matter, tiny')).message).toBe(
      'Line 2 has 3 columns; expected a term and a definition. If a term or definition contains a comma, ' +
        'wrap it in double quotes (").',
    );
  });

  it('refuses an extra Anki column that the header does not mark as tags', async () => {
    const text = '#separator:tab\n#html:false\ncell\tthe unit of life\tbiology';

    expect((await rejectionOf(text)).message).toBe(
      'Line 3 has 3 columns; expected a term and a definition. Keep just those two columns.',
    );
  });

  it('refuses an empty term or definition', async () => {
    const error = await rejectionOf('cell,the unit of life\n,the unit of matter\nmolecule,\n');

    expect(error.problems).toEqual([
      { line: 2, message: 'Line 2 has an empty term.' },
      { line: 3, message: 'Line 3 has an empty definition.' },
    ]);
  });

  it('says when an Anki field is empty only because its HTML was an image', async () => {
    const text = '#separator:tab\n#html:true\ncell\t<img src="cell.png">';

    expect((await rejectionOf(text)).message).toBe(
      'Line 3 has an empty definition once its HTML (such as an image) is removed.',
    );
  });

  it('refuses a repeated term, ignoring case, naming both lines', async () => {
    const error = await rejectionOf('Cell,the unit of life\natom,the unit of matter\ncell,a small room\n');

    expect(error.problems).toEqual([{ line: 3, message: 'Line 3 repeats the term “cell” from line 1.' }]);
  });

  it('refuses a file that is not UTF-8, naming the line and the fix', async () => {
    // "café" saved in Windows-1252: é is the single byte 0xE9.
    const windows1252 = new Uint8Array([...bytes('tea,le thé\n'), ...bytes('coffee,le caf'), 0xe9]);

    const error = await rejection(() => parseDeck('French.csv', windows1252));

    expect(error.problems[0]?.line).toBe(2);
    expect(error.message).toBe(
      "Line 2 has characters that aren't UTF-8, so the file was saved in another encoding. Save it as " +
        '"CSV UTF-8" (in Excel: File → Save As → CSV UTF-8; in Google Sheets: File → Download → CSV) and attach it again.',
    );
  });

  it('refuses a 5 MB file by its size, before reading it', async () => {
    // Zero bytes would be refused as binary if the file were read at all.
    const error = await rejection(() => parseDeck('huge.csv', new Uint8Array(5 * 1024 * 1024)));

    expect(error.message).toBe(
      'The file is 5 MB; a deck file can be at most 1 MB (about 2,000 rows). Split it into smaller decks.',
    );
  });

  it('refuses 10,000 rows, saying the count and the limit', async () => {
    const text = Array.from({ length: 10_000 }, (_, i) => `term ${i},definition ${i}`).join('\n');

    expect((await rejectionOf(text)).message).toBe(
      'The file has 10,000 rows; a deck can have at most 2,000. Split it into smaller decks.',
    );
  });

  it('refuses an over-long term or definition, saying the length and the limit', async () => {
    const term = 'x'.repeat(101);
    const definition = 'word '.repeat(201).trim();

    expect((await rejectionOf(`${term},fine\nfine,${definition}`)).problems).toEqual([
      { line: 1, message: 'Line 1: the term is 101 characters long; the limit is 100.' },
      { line: 2, message: 'Line 2: the definition is 1004 characters long; the limit is 1000.' },
    ]);
  });

  it('refuses a binary file', async () => {
    const binary = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);

    expect((await rejection(() => parseDeck('cells.png', binary))).message).toBe(
      "The file “cells.png” doesn't look like a text file. Attach a .csv, .tsv or .txt file of terms and definitions.",
    );
  });

  it('tells a teacher who attached a spreadsheet or an Anki package what to export instead', async () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00]);

    expect((await rejection(() => parseDeck('Unit 3.xlsx', zip))).message).toBe(
      `The file “Unit 3.xlsx” doesn't look like a text file. In your spreadsheet, save or download the sheet as "CSV UTF-8" ` +
        'and attach that file.',
    );
    expect((await rejection(() => parseDeck('German.apkg', zip))).message).toBe(
      `The file “German.apkg” doesn't look like a text file. In Anki, export the deck as "Notes in Plain Text" and attach ` +
        'the .txt file.',
    );
  });

  it('refuses a quote mark that is never closed, naming the line it opens on', async () => {
    expect(
      (await rejectionOf('cell,the unit of life\n\natom,"the unit of matter\nmolecule,atoms bonded')).problems,
    ).toEqual([
      {
        line: 3,
        message:
          'Line 3 opens a quoted cell with a quote mark (") that is never closed. Close it, or remove it if the ' +
          'cell is not meant to be quoted.',
      },
    ]);
  });

  it('refuses a separator Lectern does not read', async () => {
    expect((await rejectionOf('#html:false\n#separator:Space\ncell the-unit-of-life')).message).toBe(
      'Line 2 sets the separator to “Space”, but a deck file must use tab, comma, semicolon or pipe. Export the ' +
        'file again with one of those.',
    );
  });

  it('lists every problem at once, in line order, and imports nothing', async () => {
    const text = ['cell,the unit of life', 'atom', 'cell,again', ',no term', 'ion,a charged atom, or molecule'];

    const error = await rejectionOf(text.join('\n'));

    expect(error.problems.map((problem) => problem.line)).toEqual([2, 3, 4, 5]);
    expect(error.message).toBe(
      [
        'The file has 4 problems, so nothing was imported:',
        '• Line 2 has only one column: expected a term, a comma, then a definition.',
        '• Line 3 repeats the term “cell” from line 1.',
        '• Line 4 has an empty term.',
        '• Line 5 has 3 columns; expected a term and a definition. If a term or definition contains a comma, ' +
          'wrap it in double quotes (").',
      ].join('\n'),
    );
  });

  it('lists the first eight problems of many and counts the rest', async () => {
    const text = Array.from({ length: 20 }, (_, i) => `term ${i}`).join('\n');

    const lines = (await rejectionOf(text)).message.split('\n');

    expect(lines[0]).toBe('The file has 20 problems, so nothing was imported:');
    expect(lines).toHaveLength(10);
    expect(lines[9]).toBe('…and 12 more.');
  });
});

describe('deck names and ids', () => {
  const file = bytes('cell,the unit of life');

  it('takes the name option, trimmed, over the file name', async () => {
    expect((await parseDeck('whatever.csv', file, '  Unit 3   Vocabulary ')).name).toBe('Unit 3 Vocabulary');
  });

  it('takes the file name without its extension, reading underscores as spaces', async () => {
    expect((await parseDeck('Unit_3_Vocabulary.csv', file)).name).toBe('Unit 3 Vocabulary');
    expect((await parseDeck('Leçon 2 (révision).txt', file)).name).toBe('Leçon 2 (révision)');
  });

  it('refuses a name longer than 60 characters', async () => {
    expect((await rejection(() => parseDeck('a.csv', file, 'x'.repeat(61)))).message).toBe(
      `The deck name “${'x'.repeat(39)}…” is 61 characters long; the limit is 60.`,
    );
  });

  it('refuses characters that would turn into Discord markdown or a mention, naming the first', async () => {
    expect((await rejection(() => parseDeck('a.csv', file, '<@123> **Unit**'))).message).toBe(
      "The deck name “<@123> **Unit**” can't use “<”: a deck name takes letters, numbers, spaces and " +
        "- ' . , & ( ) + : ! ? only.",
    );
  });

  it('refuses a name with no letter or digit', async () => {
    expect((await rejection(() => parseDeck('a.csv', file, '- - -'))).message).toBe(
      'The deck name “- - -” needs a letter or a digit.',
    );
  });

  it('suggests the name option when the file name will not do', async () => {
    expect((await rejection(() => parseDeck('vocab[1].csv', file))).message).toBe(
      "The file name “vocab[1].csv” doesn't make a good deck name: it can't use “[”: a deck name takes letters, " +
        "numbers, spaces and - ' . , & ( ) + : ! ? only. Give the deck a name with the name option.",
    );
  });

  it('falls back on the file name when the name option is blank', async () => {
    expect((await parseDeck('Unit 3.csv', file, '   ')).name).toBe('Unit 3');
  });

  it('makes a kebab-case topic id from the name', async () => {
    expect(deckId('Unit 3 Vocabulary')).toBe('deck-unit-3-vocabulary');
    expect(deckId('Leçon 2 (révision)')).toBe('deck-lecon-2-revision');
  });

  it('makes a stable hashed id from a name with no Latin letters or digits', async () => {
    expect(deckId('日本語')).toMatch(/^deck-[0-9a-f]{8}$/);
    expect(deckId('日本語')).toBe(deckId(' 日本語 '));
    expect(deckId('日本語')).not.toBe(deckId('中文'));
  });
});
