import { describe, expect, it } from 'vitest';
import { buttonsOf, Classroom, until, classroomPerFile } from './classroom.js';
import type { BotMessage, CommandOptionInput, EmulatedUser } from './emulator/index.js';

let classroom: Classroom;

classroomPerFile({ students: 30 }, (opened) => (classroom = opened));

function live(user: EmulatedUser, subcommand: string, options: CommandOptionInput[] = []) {
  return classroom.discord.runCommand({
    user,
    guild: classroom.guild,
    name: 'live',
    options: [{ name: subcommand, options }],
  });
}

/** Each student clicks the option `pick(index)`; returns what each chose. */
async function everyoneAnswers(question: BotMessage, students: EmulatedUser[], pick: (index: number) => number) {
  const buttons = buttonsOf(question);
  const chosen = new Map<string, number>();
  await Promise.all(
    students.map(async (student, index) => {
      const choice = pick(index) % buttons.length;
      const button = buttons[choice];
      if (!button) throw new Error('no button');
      const click = await classroom.discord.clickButton({
        user: student,
        guild: classroom.guild,
        message: question,
        customId: button.customId,
      });
      expect((await click.reply()).content).toMatch(/^🔒 Answer locked in/);
      chosen.set(student.id, choice);
    }),
  );
  return chosen;
}

/** The counts per option and the index of the ✅ option, read off a revealed question. */
function readReveal(message: BotMessage) {
  const lines = (message.embeds[0]?.description ?? '').split('\n').filter((line) => /^\*\*[A-D]\.\*\*/.test(line));
  return {
    counts: lines.map((line) => Number(/— \*\*(\d+)\*\*/.exec(line)?.[1])),
    right: lines.findIndex((line) => line.endsWith('✅')),
  };
}

describe('a live class quiz', () => {
  it('runs for 30 students: distribution, a restart mid-question, and the podium match what they clicked', async () => {
    const students = classroom.students;
    const started = await (
      await live(classroom.teacher, 'start', [
        { name: 'questions', value: 2 },
        { name: 'seconds', value: 60 },
        { name: 'speed_bonus', value: false },
      ])
    ).reply();
    expect(started.content).toMatch(/^Live quiz started/);

    const first = await until('question 1', () => classroom.channelPost(/Question 1 of 2$/));
    expect(first.embeds[0]?.description).toMatch(/Time is up <t:\d+:R>/);
    const firstChoices = await everyoneAnswers(first, students, (index) => index);

    // A student an admin let through cannot steer the quiz.
    classroom.discord.allowCommand(classroom.guild, 'live', classroom.studentAt(0));
    for (const subcommand of ['skip', 'stop']) {
      const refused = await (await live(classroom.studentAt(0), subcommand)).reply();
      expect(refused.content).toMatch(/^Only a teacher can do that/);
    }
    expect(classroom.discord.message(first.id).embeds[0]?.title).toMatch(/Question 1 of 2$/);

    await (await live(classroom.teacher, 'skip')).reply();
    const firstRevealed = await until('question 1 revealed', () => {
      const message = classroom.discord.message(first.id);
      return message.embeds[0]?.title?.endsWith('time is up') ? message : undefined;
    });
    const firstTally = readReveal(firstRevealed);
    const expectedCounts = firstTally.counts.map(
      (_, option) => [...firstChoices.values()].filter((c) => c === option).length,
    );
    expect(firstTally.counts).toEqual(expectedCounts);
    expect(buttonsOf(firstRevealed)).toEqual([]);

    const second = await until('question 2', () => classroom.channelPost(/Question 2 of 2$/));
    const [early, late] = [students.slice(0, 15), students.slice(15)];
    const earlyChoices = await everyoneAnswers(second, early, (index) => index + 1);
    await classroom.crashAndRestart();
    const lateChoices = await everyoneAnswers(second, late, (index) => index + 2);
    await (await live(classroom.teacher, 'skip')).reply();
    const secondRevealed = await until('question 2 revealed', () => {
      const message = classroom.discord.message(second.id);
      return message.embeds[0]?.title?.endsWith('time is up') ? message : undefined;
    });
    const secondTally = readReveal(secondRevealed);
    const secondChoices = new Map([...earlyChoices, ...lateChoices]);
    expect(secondTally.counts).toEqual(
      secondTally.counts.map((_, option) => [...secondChoices.values()].filter((c) => c === option).length),
    );

    const podium = await until('the podium', () => classroom.channelPost(/Podium/));
    const lines = (podium.embeds[0]?.description ?? '').split('\n');
    const shown = lines.map((line) => ({
      userId: /<@(\d+)>/.exec(line)?.[1] ?? '',
      points: Number(/: (\d+) points/.exec(line)?.[1]),
    }));
    const expectedPoints = new Map(
      students.map((student) => [
        student.id,
        1000 *
          (Number(firstChoices.get(student.id) === firstTally.right) +
            Number(secondChoices.get(student.id) === secondTally.right)),
      ]),
    );
    expect(shown).toHaveLength(30);
    for (const row of shown) expect(row.points).toBe(expectedPoints.get(row.userId));
    const points = shown.map((row) => row.points);
    expect(points).toEqual([...points].sort((a, b) => b - a));
  });
});
