import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { classSettingsKey } from '../../src/classes/settings.js';
import { openStore } from '../../src/store/index.js';
import { buttonsOf, Classroom, classroomPerFile } from './classroom.js';
import type { CommandOptionInput, EmulatedUser, InteractionHandle } from './emulator/index.js';

let classroom: Classroom;

// A fixed morning, so the 23:59 drill set up below is never due while the test runs.
classroomPerFile({ students: 3, env: { CLOCK_START: '2026-11-25T10:00:00+01:00' } }, (opened) => (classroom = opened));

function teacherCommand(user: EmulatedUser, name: string, subcommand: string, options: CommandOptionInput[] = []) {
  return classroom.discord.runCommand({
    user,
    guild: classroom.guild,
    name,
    options: [{ name: subcommand, options }],
  });
}

const setupOptions = (channel: string): CommandOptionInput[] => [
  { name: 'channel', value: channel },
  { name: 'timezone', value: 'Europe/Paris' },
  { name: 'time', value: '23:59' },
];

async function scoreOf(student: EmulatedUser) {
  const fields = (await (await classroom.run(student, 'score')).reply()).embeds[0]?.fields ?? [];
  const figure = (name: string) => Number(fields.find((field) => field.name === name)?.value);
  return { answered: figure('Answered'), correct: figure('Correct') };
}

async function playQuiz(student: EmulatedUser, questions: number) {
  let on: InteractionHandle = await classroom.run(student, 'quiz', { questions });
  for (let question = 0; question < questions; question++) {
    const [first] = buttonsOf(await on.reply());
    if (!first) throw new Error('no answer buttons');
    const click = await classroom.click(student, on, first.label);
    await click.reply();
    if (question < questions - 1) on = await classroom.click(student, click, 'Next');
  }
}

async function storedSettings() {
  const store = await openStore(classroom.storeUrl);
  try {
    return await store.get(classSettingsKey(classroom.guild.id));
  } finally {
    await store.close();
  }
}

describe('teacher commands', () => {
  it('are hidden from students by default permissions', () => {
    const registered = classroom.discord.commands(classroom.guild).find((command) => command.name === 'class');
    expect(registered?.default_member_permissions).toBe('32');
  });

  it('refuse a student an admin let through, showing no class data and changing nothing', async () => {
    const intruder = classroom.studentAt(0);
    const classmate = classroom.studentAt(1);
    await teacherCommand(classroom.teacher, 'class', 'setup', setupOptions(classroom.guild.channelId)).then((run) =>
      run.reply(),
    );
    await playQuiz(classmate, 2);
    const settingsBefore = await storedSettings();
    const scoresBefore = await Promise.all([scoreOf(intruder), scoreOf(classmate)]);
    const otherChannel = classroom.discord.createChannel(classroom.guild, { name: 'elsewhere' });
    classroom.discord.allowCommand(classroom.guild, 'class', intruder);

    const attempts: [string, CommandOptionInput[]][] = [
      ['setup', setupOptions(otherChannel.id)],
      ['report', []],
      ['reset', []],
    ];
    for (const [subcommand, options] of attempts) {
      const reply = await (await teacherCommand(intruder, 'class', subcommand, options)).reply();
      expect(reply.ephemeral).toBe(true);
      expect(reply.content).toMatch(/^Only a teacher can do that/);
      expect(reply.embeds).toEqual([]);
      expect(reply.attachments).toEqual([]);
      expect(reply.components).toEqual([]);
    }

    const askReset = await teacherCommand(classroom.teacher, 'class', 'reset');
    const [confirm] = buttonsOf(await askReset.reply());
    if (!confirm) throw new Error('no confirm button');
    const forged = await classroom.discord.forgeButtonClick({
      user: intruder,
      guild: classroom.guild,
      message: await askReset.reply(),
      customId: confirm.customId,
    });
    expect((await forged.reply()).content).toMatch(/^Only a teacher can do that/);

    expect(await storedSettings()).toEqual(settingsBefore);
    expect(await Promise.all([scoreOf(intruder), scoreOf(classmate)])).toEqual(scoresBefore);
    expect(classroom.discord.channelMessages(classroom.guild.channelId)).toEqual([]);
    expect(classroom.discord.channelMessages(otherChannel)).toEqual([]);
  });
});

describe('/class setup', () => {
  it('keeps the choices a teacher leaves out when setting up again, and refuses @everyone as the Teacher role', async () => {
    await (
      await teacherCommand(classroom.teacher, 'class', 'setup', [
        ...setupOptions(classroom.guild.channelId),
        { name: 'streaks', value: false },
        { name: 'size', value: 2 },
      ])
    ).reply();
    await (
      await teacherCommand(classroom.teacher, 'class', 'setup', [
        { name: 'channel', value: classroom.guild.channelId },
        { name: 'timezone', value: 'Asia/Tokyo' },
        { name: 'time', value: '23:58' },
      ])
    ).reply();
    expect(await storedSettings()).toMatchObject({ timezone: 'Asia/Tokyo', streaks: false, size: 2 });

    const everyone = await (
      await teacherCommand(classroom.teacher, 'class', 'setup', [
        ...setupOptions(classroom.guild.channelId),
        { name: 'teacher_role', value: classroom.guild.everyoneRoleId },
      ])
    ).reply();
    expect(everyone.content).toMatch(/@everyone cannot be the Teacher role/);
    expect(await storedSettings()).not.toHaveProperty('teacherRoleId');
  });
});

describe('/class report', () => {
  it('attaches a CSV that parses back to the figures /score shows, and reading it twice changes nothing', async () => {
    // Class servers often set nicknames to students' real names: those are the names a teacher looks for.
    classroom.discord.addMember(classroom.guild, classroom.studentAt(2), { nick: 'Ada Lovelace' });
    await playQuiz(classroom.studentAt(2), 3);
    const first = await (await teacherCommand(classroom.teacher, 'class', 'report')).reply();
    const second = await (await teacherCommand(classroom.teacher, 'class', 'report')).reply();
    const [csv] = first.attachments;
    expect(csv?.filename).toBe('class-report.csv');
    expect(second.attachments[0]?.text).toBe(csv?.text);
    expect(second.embeds).toEqual(first.embeds);

    const rows = parse(csv?.bytes ?? Buffer.alloc(0), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const student = classroom.students.find((candidate) => candidate.id === row['user id']);
      if (!student) throw new Error(`unknown student ${row['user id']}`);
      expect({ answered: Number(row['answered']), correct: Number(row['correct']) }).toEqual(await scoreOf(student));
    }
    expect(rows.find((row) => row['user id'] === classroom.studentAt(2).id)?.['student']).toBe('Ada Lovelace');
    const score = await (await classroom.run(classroom.studentAt(2), 'score')).reply();
    expect(score.embeds[0]?.title).toBe('Score: Ada Lovelace');
  });
});

describe('/class reset', () => {
  it('clears every score, and the flashcards of students who only studied cards, after the teacher confirms', async () => {
    const student = classroom.studentAt(2);
    expect((await scoreOf(student)).answered).toBeGreaterThan(0);
    const carder = classroom.studentAt(0);
    const cards = await classroom.run(carder, 'flashcards');
    const rated = await classroom.click(carder, await classroom.click(carder, cards, 'Show answer'), 'Good');
    await rated.reply();
    const footer = async () => (await (await classroom.run(carder, 'flashcards')).reply()).embeds[0]?.footer?.text;
    const newBefore = await footer();
    const ask = await teacherCommand(classroom.teacher, 'class', 'reset');
    const done = await classroom.click(classroom.teacher, ask, 'Yes, clear every score');
    expect((await done.reply()).content).toMatch(/^Done: a new term starts\. \d+ student records? cleared\./);
    expect(await scoreOf(student)).toEqual({ answered: 0, correct: 0 });
    const newAfter = await footer();
    expect(Number(/(\d+) new/.exec(newAfter ?? '')?.[1])).toBe(Number(/(\d+) new/.exec(newBefore ?? '')?.[1]) + 1);
  });
});
