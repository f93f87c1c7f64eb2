import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { Classroom, classroomPerFile } from './classroom.js';
import type { EmulatedUser, InteractionHandle } from './emulator/index.js';

let classroom: Classroom;

classroomPerFile({ students: 30 }, (opened) => (classroom = opened));

// Five questions, each with its right answer and three wrong options, called b, c and d in the script below.
const questions = [
  { stem: 'Which planet is closest to the Sun?', options: { right: 'Mercury', b: 'Venus', c: 'Earth', d: 'Mars' } },
  { stem: 'What is the chemical symbol for gold?', options: { right: 'Au', b: 'Ag', c: 'Gd', d: 'Go' } },
  { stem: 'Which organ pumps blood?', options: { right: 'Heart', b: 'Liver', c: 'Lung', d: 'Kidney' } },
  {
    stem: 'Which gas do plants take in?',
    options: { right: 'Carbon dioxide', b: 'Oxygen', c: 'Nitrogen', d: 'Helium' },
  },
  { stem: 'How many sides has a hexagon?', options: { right: 'Six', b: 'Five', c: 'Seven', d: 'Eight' } },
] as const;
type Pick = keyof (typeof questions)[number]['options'];
const PICKS: Partial<Record<string, Pick>> = { R: 'right', b: 'b', c: 'c', d: 'd' };

const sheet = [
  'type,question,answer,wrong 1,wrong 2,wrong 3,explanation',
  ...questions.map(({ stem, options: { right, b, c, d } }) => `question,${stem},${right},${b},${c},${d},Because.`),
].join('\n');

/**
 * What each of the 30 students picks on questions 1–5 (R: the right answer). The top eight get 4 of 5 right, the
 * middle fourteen 3 of 5 and the bottom eight 2 of 5, so the upper and lower 27% (8 students each, 8.1 rounded)
 * are exactly the top and the bottom rows, with no tie at either edge.
 */
const script = [
  ...Array<string>(5).fill('RRRbR'), // top
  ...Array<string>(3).fill('RRRcR'), // top
  'RbRcR',
  ...Array<string>(4).fill('RbRdR'),
  ...Array<string>(4).fill('RbRRb'),
  'RbbRR',
  ...Array<string>(3).fill('RcbRR'),
  'bcRRR',
  ...Array<string>(2).fill('RcbRc'), // bottom
  ...Array<string>(2).fill('RccRc'), // bottom
  ...Array<string>(3).fill('RdcRd'), // bottom
  'RddRd', // bottom
];

/**
 * The figures worked out by hand from the script: right answers, discrimination (the top eight's share right minus
 * the bottom eight's), how many picked each wrong option (a share of the 30), and the flags.
 *
 * 1: all but one right, 29/30 = 97%; top and bottom all right: 0.00; one pick of b (3%), none of c or d (0%):
 *    too easy, and all three wrong options picked by fewer than 5%.
 * 2: only the top eight right, 8/30 = 27%: 1.00 − 0.00; b 10 (33%), c 8 (27%), d 4 (13%): too hard.
 * 3: 18/30 = 60%; 1.00; b 6 (20%), c 5 (17%), d 1 (3%): d picked by fewer than 5%.
 * 4: 17/30 = 57%; the top all wrong and the bottom all right: −1.00; b 5 (17%), c 4 (13%), d 4 (13%).
 * 5: 18/30 = 60%; 1.00; b, c and d 4 each (13%): no flag.
 */
const expected = [
  { right: 29, rightPercent: '97', discrimination: '0.00', picks: { b: [1, '3'], c: [0, '0'], d: [0, '0'] } },
  { right: 8, rightPercent: '27', discrimination: '1.00', picks: { b: [10, '33'], c: [8, '27'], d: [4, '13'] } },
  { right: 18, rightPercent: '60', discrimination: '1.00', picks: { b: [6, '20'], c: [5, '17'], d: [1, '3'] } },
  { right: 17, rightPercent: '57', discrimination: '-1.00', picks: { b: [5, '17'], c: [4, '13'], d: [4, '13'] } },
  { right: 18, rightPercent: '60', discrimination: '1.00', picks: { b: [4, '13'], c: [4, '13'], d: [4, '13'] } },
] as const;
const expectedFlags = [
  (letters: Record<Pick, string>) =>
    `too easy; rarely picked option ${[letters.b, letters.c, letters.d].sort().join(' ')}`,
  () => 'too hard',
  (letters: Record<Pick, string>) => `rarely picked option ${letters.d}`,
  () => 'negative discrimination',
  () => '',
];

async function importDeck(): Promise<string> {
  const file = classroom.discord.uploadAttachment({ filename: 'General_knowledge.csv', bytes: sheet });
  const imported = await classroom.discord.runCommand({
    user: classroom.teacher,
    guild: classroom.guild,
    name: 'deck',
    options: [{ name: 'import', options: [{ name: 'file', value: file.id }] }],
  });
  expect((await imported.reply()).content).toMatch(/^Imported the deck \*\*General knowledge\*\*/);
  const [topic] = await classroom.discord.autocomplete({
    user: classroom.teacher,
    guild: classroom.guild,
    name: 'class',
    focused: 'topic',
    value: 'general',
    options: [{ name: 'questions', options: [] }],
  });
  expect(topic?.name).toBe('Deck: General knowledge');
  return String(topic?.value);
}

/** A quiz of the whole deck, answering each question as `picks` says, whatever order the quiz asks them in. */
async function playScripted(student: EmulatedUser, topic: string, picks: string) {
  let on: InteractionHandle = await classroom.run(student, 'quiz', { topic, questions: questions.length });
  for (let asked = 0; asked < questions.length; asked++) {
    const stem = (await on.reply()).embeds[0]?.description;
    const index = questions.findIndex((question) => question.stem === stem);
    const question = questions[index];
    if (!question) throw new Error(`unknown question “${stem}”`);
    const pick = PICKS[picks[index] ?? ''];
    if (!pick) throw new Error(`no pick for question ${index + 1} in “${picks}”`);
    const click = await classroom.click(student, on, question.options[pick]);
    expect((await click.reply()).content.startsWith(pick === 'right' ? '✅' : '❌')).toBe(true);
    if (asked < questions.length - 1) on = await classroom.click(student, click, 'Next');
  }
}

async function questionReport(topic: string, user = classroom.teacher) {
  const run = await classroom.discord.runCommand({
    user,
    guild: classroom.guild,
    name: 'class',
    options: [{ name: 'questions', options: [{ name: 'topic', value: topic }] }],
  });
  return run.reply();
}

describe('/class questions', () => {
  it('shows the shares, discrimination and flags of a scripted class of 30, from first attempts only', async () => {
    expect(script).toHaveLength(30);
    const topic = await importDeck();
    // Ten students at a time: the whole class at once would mostly measure the machine.
    for (let from = 0; from < script.length; from += 10) {
      await Promise.all(
        script
          .slice(from, from + 10)
          .map((picks, offset) => playScripted(classroom.studentAt(from + offset), topic, picks)),
      );
    }

    const reply = await questionReport(topic);
    expect(reply.ephemeral).toBe(true);
    const [csv] = reply.attachments;
    expect(csv?.filename).toBe('question-report.csv');
    const rows = parse(csv?.bytes ?? Buffer.alloc(0), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row['question'])).toHaveLength(questions.length);

    const embed = reply.embeds[0];
    expect(embed?.title).toBe('Question analysis: Deck: General knowledge');
    expect(embed?.description).toMatch(/^5 questions answered by 30 students.*; 4 flagged, listed first\./);
    expect(embed?.description).toContain('the top 8 students minus among the bottom 8');
    questions.forEach((question, index) => {
      const row = rows.find((candidate) => candidate['question'] === question.stem);
      if (!row) throw new Error(`no row for “${question.stem}”`);
      const letterOf = (text: string) => ['A', 'B', 'C', 'D'].find((letter) => row[`option ${letter}`] === text) ?? '';
      const letters = {
        right: letterOf(question.options.right),
        b: letterOf(question.options.b),
        c: letterOf(question.options.c),
        d: letterOf(question.options.d),
      };
      const figures = expected[index];
      if (!figures) throw new Error('no expected figures');
      expect(row).toMatchObject({
        attempts: '30',
        right: String(figures.right),
        'right %': figures.rightPercent,
        discrimination: figures.discrimination,
        'right option': letters.right,
        [`${letters.right} picked`]: String(figures.right),
        typed: '0',
        flags: expectedFlags[index]?.(letters),
      });
      for (const wrong of ['b', 'c', 'd'] as const) {
        const [picks, percent] = figures.picks[wrong];
        expect(row[`${letters[wrong]} picked`]).toBe(String(picks));
        expect(row[`${letters[wrong]} picked %`]).toBe(percent);
      }

      const field = embed?.fields?.find((candidate) => candidate.value.startsWith(`${question.stem}\n`));
      if (expectedFlags[index]?.(letters) === '') {
        expect(field).toBeUndefined();
        return;
      }
      const wrongShown = (['b', 'c', 'd'] as const)
        .map((wrong) => ({ wrong, letter: letters[wrong] }))
        .sort((a, b) => a.letter.localeCompare(b.letter))
        .map(
          ({ wrong, letter }) =>
            `${letter} ${figures.picks[wrong][1]}%${Number(figures.picks[wrong][1]) < 5 ? ' ⚠️' : ''}`,
        );
      expect(field?.value).toBe(
        [
          question.stem,
          `30 attempts · ${figures.rightPercent}% right · discrimination ${figures.discrimination}`,
          `Right: ${letters.right} · wrong picked: ${wrongShown.join(' · ')}`,
        ].join('\n'),
      );
    });
    expect(embed?.fields?.map((field) => field.name)).toEqual([
      '⚠️ too easy, rarely picked option',
      '⚠️ too hard',
      '⚠️ rarely picked option',
      '⚠️ negative discrimination',
      'The rest, in the CSV',
    ]);
    expect(embed?.fields?.at(-1)?.value).toBe('1 question with no flag, 60% right.');

    // A second try has seen the answers: the student who missed the first question gets it right now, unchanged.
    await playScripted(classroom.studentAt(21), topic, 'RRRRR');
    const again = await questionReport(topic);
    expect(again.attachments[0]?.text).toBe(csv?.text);
    expect(again.embeds).toEqual(reply.embeds);
    expect(classroom.discord.channelMessages(classroom.guild.channelId)).toEqual([]);

    // A student an admin let through is refused, and sees none of it.
    classroom.discord.allowCommand(classroom.guild, 'class', classroom.student);
    const refused = await questionReport(topic, classroom.student);
    expect(refused.content).toMatch(/^Only a teacher can do that/);
    expect(refused).toMatchObject({ ephemeral: true, embeds: [], attachments: [] });
  });
});
