import { describe, expect, it } from 'vitest';
import { buttonsOf, Classroom, classroomPerFile } from './classroom.js';
import type { EmulatedUser } from './emulator/index.js';

let classroom: Classroom;

classroomPerFile({ students: 3 }, (opened) => (classroom = opened));

const vocabulary = [
  'mitochondria\tThe part of a cell that releases energy from food',
  'photosynthesis\tHow plants turn light, water and carbon dioxide into sugar',
  'osmosis\tWater moving through a membrane towards the stronger solution',
  'enzyme\tA protein that speeds up a chemical reaction',
  'chlorophyll\tThe green pigment that captures light in plants',
].join('\n');

async function importDeck(user: EmulatedUser, filename: string, bytes: string | Uint8Array, name?: string) {
  const file = classroom.discord.uploadAttachment({ filename, bytes });
  const run = await classroom.discord.runCommand({
    user,
    guild: classroom.guild,
    name: 'deck',
    options: [
      {
        name: 'import',
        options: [{ name: 'file', value: file.id }, ...(name ? [{ name: 'name', value: name }] : [])],
      },
    ],
  });
  return run.reply();
}

async function deckList() {
  const run = await classroom.discord.runCommand({
    user: classroom.teacher,
    guild: classroom.guild,
    name: 'deck',
    options: [{ name: 'list' }],
  });
  const reply = await run.reply();
  return reply.embeds[0]?.description ?? reply.content;
}

describe('/deck import', () => {
  it('imports a Quizlet export that then works in /define, /quiz and /flashcards here', async () => {
    const reply = await importDeck(classroom.teacher, 'Biology_unit_3.txt', vocabulary);
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/^Imported the deck \*\*Biology unit 3\*\*: 5 terms and \d+ questions\./);
    expect(await deckList()).toContain('**Biology unit 3**: 5 terms');

    const defined = await (await classroom.run(classroom.student, 'define', { term: 'osmosis' })).reply();
    expect(defined.embeds[0]?.description).toBe('Water moving through a membrane towards the stronger solution');
    expect(defined.embeds[0]?.fields?.[0]?.value).toContain('Biology unit 3');
    const misspelt = await (await classroom.run(classroom.student, 'define', { term: 'mitocondria' })).reply();
    expect(misspelt.embeds[0]?.title).toBe('mitochondria');
    const unfinished = await (await classroom.run(classroom.student, 'define', { term: 'photosynth' })).reply();
    expect(unfinished.ephemeral).toBe(true);
    expect(unfinished.content).toMatch(/Did you mean .*\*\*photosynthesis\*\*/);

    const topics = await classroom.autocomplete(classroom.student, 'quiz', 'topic', 'biology');
    expect(topics).toEqual([{ name: 'Deck: Biology unit 3', value: expect.any(String) }]);
    const quiz = await (
      await classroom.run(classroom.student, 'quiz', { topic: topics[0]?.value ?? '', questions: 3 })
    ).reply();
    expect(quiz.embeds[0]?.title).toBe('Question 1 of 3');

    const cards = await (
      await classroom.run(classroom.student, 'flashcards', { topic: topics[0]?.value ?? '' })
    ).reply();
    expect(cards.embeds[0]?.title).toBe('Card 1 of 5');
  });

  it.each([
    ['an empty file', 'empty.csv', '', /empty/i],
    ['wrong columns', 'one-column.csv', 'mitochondria\nosmosis\n', /line 1 .*one column/i],
    [
      'a duplicate term',
      'twice.csv',
      'osmosis,water moving\nenzyme,a protein\nOsmosis,again\n',
      /line 3.*osmosis.*line 1/i,
    ],
    [
      'a file that is not UTF-8',
      'latin1.csv',
      new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x2c, 0x63, 0x6f, 0x66, 0x66, 0x65, 0x65]),
      /UTF-8/,
    ],
    ['a 5 MB file', 'huge.csv', 'a,b\n'.repeat(1_310_720), /5 MB; a deck file can be at most 1 MB/],
    [
      'a file with 10,000 rows',
      'long.csv',
      Array.from({ length: 10_000 }, (_, i) => `term ${i},definition ${i}`).join('\n'),
      /10,000 rows; a deck can have at most 2,000/,
    ],
  ])('refuses %s with a clear message and leaves the decks as they were', async (_, filename, bytes, says) => {
    const before = await deckList();
    const reply = await importDeck(classroom.teacher, filename, bytes);
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(says);
    expect(await deckList()).toBe(before);
  });

  it('defines a deck’s short and non-Latin terms exactly, not as the course term one letter away', async () => {
    await importDeck(classroom.teacher, 'elements.csv', 'Na,Sodium\nCa,Calcium\nFe,Iron\nK,Potassium');
    await importDeck(classroom.teacher, 'russian.csv', 'собака,dog\nкошка,cat\nптица,bird\nрыба,fish');
    const define = async (term: string) => (await classroom.run(classroom.student, 'define', { term })).reply();
    expect((await define('Na')).embeds[0]?.description).toBe('Sodium');
    expect((await define('рыба')).embeds[0]?.description).toBe('fish');
    expect((await define('Wa')).embeds[0]?.title).toBe('Wa');
    const typed = await classroom.autocomplete(classroom.student, 'define', 'term', 'ко');
    expect(typed.map((choice) => choice.value)).toEqual(['кошка']);
  });

  it('says a deck too small for questions has none yet, rather than that it is no topic', async () => {
    const imported = await importDeck(classroom.teacher, 'Tiny.csv', 'atom,smallest unit\nion,charged atom\nbond,link');
    expect(imported.content).toMatch(/3 terms and 0 questions/);
    const [tiny] = await classroom.autocomplete(classroom.student, 'quiz', 'topic', 'tiny');
    const quiz = await (await classroom.run(classroom.student, 'quiz', { topic: tiny?.value ?? '' })).reply();
    expect(quiz.content).toBe('That deck has no questions yet: it needs at least four terms, or questions of its own.');
    const unknown = await (await classroom.run(classroom.student, 'quiz', { topic: 'deck-none' })).reply();
    expect(unknown.content).toMatch(/^Pick a topic from the list/);
  });

  it('shows terms with markdown characters as written: __init__ stays __init__, not underlined', async () => {
    const python = ['__init__,Sets up a new object', '*args,Extra positional values', '**kwargs,Extra named values'];
    await importDeck(classroom.teacher, 'Python_words.csv', [...python, 'self_test,A check a module runs'].join('\n'));
    const [topic] = await classroom.autocomplete(classroom.student, 'quiz', 'topic', 'python');
    const quiz = await classroom.run(classroom.student, 'quiz', { topic: topic?.value ?? '', questions: 4 });
    const [first] = buttonsOf(await quiz.reply());
    if (!first) throw new Error('no answer buttons');
    const answered = await (await classroom.click(classroom.student, quiz, first.label)).reply();
    const bolded = /the answer is \*\*(.+)\*\*\.$/.exec(answered.content)?.[1] ?? '';
    expect(bolded).toMatch(/init|args|kwargs|self/);
    // Every markdown character inside the bold is escaped, so the name reads exactly as the teacher wrote it.
    expect(bolded).not.toMatch(/(?<!\\)[_*]/);
  });

  it('reviews a mistake with the answer key the teacher has since corrected by importing the deck again', async () => {
    const student = classroom.studentAt(2);
    const planets = (right: string, wrong: string) =>
      `type,question,answer,wrong 1,wrong 2,wrong 3,explanation\nquestion,Which planet is the largest?,${right},${wrong},Mars,Venus,Look at the sizes.`;
    await importDeck(classroom.teacher, 'Planets.csv', planets('Saturn', 'Jupiter'));
    const [topic] = await classroom.autocomplete(student, 'quiz', 'topic', 'planets');
    const quiz = await classroom.run(student, 'quiz', { topic: topic?.value ?? '', questions: 1 });
    expect((await (await classroom.click(student, quiz, 'Jupiter')).reply()).content).toMatch(/^❌/);

    const fixed = await importDeck(classroom.teacher, 'Planets.csv', planets('Jupiter', 'Saturn'));
    expect(fixed.content).toMatch(/^Replaced the deck/);
    const review = await classroom.run(student, 'review');
    expect((await review.reply()).embeds[0]?.title).toBe('Question 1 of 1');
    expect((await (await classroom.click(student, review, 'Jupiter')).reply()).content).toMatch(/^✅/);
  });

  it('imports a sheet with item-writing flaws, warns about each by line, and quizzes on it as written', async () => {
    const sheet = [
      'type,question,answer,wrong 1,wrong 2,wrong 3,explanation',
      'question,Which organelle releases energy in the cell?,The mitochondrion,The nucleus,The ribosome,The vacuole,',
      'question,Which part of the cell holds the cell’s genes?,The cell nucleus,Ribosome,Vacuole,Membrane,',
      'question,Which are made of cells?,All of the above,Plants only,Animals only,Fungi only,',
      'question,Why do leaves have their colour?,Chlorophyll in them reflects green light and absorbs red and blue,Paint,Water,Sunburn,',
      'question,Which of these is not an organelle?,The cell wall,The nucleus,The ribosome,The vacuole,',
      'question,Which of these is NOT alive?,A rock,A moss,A mould,A mite,',
      'question,What does __init__ do to a *new* object?,Sets it up,Deletes it,Copies it,Prints it,Python runs __init__ first.',
    ].join('\n');
    const reply = await importDeck(classroom.teacher, 'Cells.csv', sheet);
    expect(reply.ephemeral).toBe(true);
    expect(reply.content.split('\n')).toEqual([
      'Imported the deck **Cells**: 0 terms and 7 questions. It is now a topic for /define, /quiz, /flashcards and the daily drill here.',
      '',
      '⚠️ 4 things to look at in the questions (the deck is in use as it is; import the file again once fixed):',
      '• Line 3: the question and the right answer share “cell”, which no wrong option has, so the words give the answer away.',
      '• Line 4: “All of the above” is an option, but the quiz shuffles the options, so what is above it changes; name the options it means instead.',
      '• Line 5: the right answer has 11 words and the longest wrong one 1; students who guess pick the longest option.',
      '• Line 6: “not” in the question is easy to read past; write it in capitals (NOT).',
    ]);
    expect(await deckList()).toContain('**Cells**: 0 terms, 7 questions');

    const [topic] = await classroom.autocomplete(classroom.student, 'quiz', 'topic', 'cells');
    let on = await classroom.run(classroom.student, 'quiz', { topic: topic?.value ?? '', questions: 7 });
    const stems: string[] = [];
    for (let question = 1; question <= 7; question++) {
      const shown = await on.reply();
      expect(shown.embeds[0]?.title).toBe(`Question ${question} of 7`);
      const stem = shown.embeds[0]?.description ?? '';
      stems.push(stem);
      const [first] = buttonsOf(shown);
      if (!first) throw new Error(`no answer buttons on question ${question}`);
      const click = await classroom.click(classroom.student, on, first.label);
      const answered = await click.reply();
      expect(answered.content).toMatch(/^(✅|❌)/);
      if (stem.includes('init')) {
        expect(answered.embeds[0]?.fields?.[0]?.value).toBe('Python runs \\_\\_init\\_\\_ first.');
      }
      if (question < 7) on = await classroom.click(classroom.student, click, 'Next');
    }
    // The teacher's Markdown characters are shown as written, not as underlining and italics.
    expect(stems).toContain('What does \\_\\_init\\_\\_ do to a \\*new\\* object?');
  });

  it('does not even download a file over the limit', async () => {
    const downloads = classroom.discord.attachmentDownloads.length;
    await importDeck(classroom.teacher, 'huge.csv', 'x'.repeat(2 * 1024 * 1024));
    expect(classroom.discord.attachmentDownloads).toHaveLength(downloads);
  });

  it('refuses a student an admin let through, importing and removing nothing', async () => {
    const student = classroom.studentAt(1);
    classroom.discord.allowCommand(classroom.guild, 'deck', student);
    const before = await deckList();
    const reply = await importDeck(student, 'mine.csv', 'a,b\nc,d\n', 'Sneaky');
    expect(reply.content).toMatch(/^Only a teacher can do that/);
    const removal = await classroom.discord.runCommand({
      user: student,
      guild: classroom.guild,
      name: 'deck',
      options: [{ name: 'remove', options: [{ name: 'deck', value: 'deck-biology-unit-3' }] }],
    });
    expect((await removal.reply()).content).toMatch(/^Only a teacher can do that/);
    expect(await deckList()).toBe(before);
  });
});
