import { describe, expect, it } from 'vitest';
import { buttonsOf, Classroom, classroomPerFile, refusalTo } from './classroom.js';
import type { EmulatedUser, InteractionHandle } from './emulator/index.js';

let classroom: Classroom;

classroomPerFile({ students: 30 }, (opened) => (classroom = opened));

/** What /score shows the student, read from the embed fields by name. */
async function scoreOf(student: EmulatedUser, asker: EmulatedUser = student) {
  const run = await classroom.run(asker, 'score', asker === student ? {} : { student: student.id });
  const fields = (await run.reply()).embeds[0]?.fields ?? [];
  const field = (name: string) => Number(fields.find((candidate) => candidate.name === name)?.value);
  return { answered: field('Answered'), correct: field('Correct') };
}

/** Clicks the `pick`-th answer button of the question on screen and returns the answered message. */
async function answer(student: EmulatedUser, on: InteractionHandle, pick: number) {
  const message = await on.reply();
  const button = buttonsOf(message)[pick % buttonsOf(message).length];
  if (!button) throw new Error('no answer buttons');
  const click = await classroom.click(student, on, button.label);
  return { click, reply: await click.reply() };
}

describe('/quiz', () => {
  it('lets 30 students play 5 questions at once, each score counting exactly the ✅ they saw', async () => {
    const starts = await Promise.all(
      classroom.students.map((student) => classroom.run(student, 'quiz', { questions: 5 })),
    );
    const ticks = await Promise.all(
      classroom.students.map(async (student, index) => {
        let on = starts[index];
        if (!on) throw new Error('no quiz');
        let seen = 0;
        for (let question = 1; question <= 5; question++) {
          expect((await on.reply()).embeds[0]?.title).toBe(`Question ${question} of 5`);
          const { click, reply } = await answer(student, on, index + question);
          expect(reply.content).toMatch(/^(✅|❌) .*the answer is \*\*/);
          expect(reply.embeds[0]?.fields?.map((field) => field.name)).toEqual(['Why', 'Source']);
          if (reply.content.startsWith('✅')) seen++;
          if (question < 5) {
            on = await classroom.click(student, click, 'Next');
          } else {
            expect(reply.embeds[1]?.title).toBe(`Quiz finished: ${seen} of 5 right`);
            expect(buttonsOf(reply)).toEqual([]);
          }
        }
        return seen;
      }),
    );
    const scores = await Promise.all(classroom.students.map((student) => scoreOf(student)));
    scores.forEach((score, index) => expect(score).toEqual({ answered: 5, correct: ticks[index] }));
    for (const start of starts) expect(start.ackLatencyMs).toBeLessThan(3000);
  });

  it('counts two clicks in the same instant once, and a replay of the click later not at all', async () => {
    const student = classroom.studentAt(1);
    const before = await scoreOf(student);
    const start = await classroom.run(student, 'quiz', { questions: 2 });
    const message = await start.reply();
    const [button] = buttonsOf(message);
    if (!button) throw new Error('no answer buttons');
    const target = { user: student, guild: classroom.guild, message, customId: button.customId };
    const doubleClick = await Promise.all([
      classroom.discord.clickButton(target),
      classroom.discord.clickButton(target),
    ]);
    const answered = await Promise.any(
      doubleClick.map((click) => click.reply({ where: (reply) => /^(✅|❌)/.test(reply.content) })),
    );
    expect(answered.content).toMatch(/^(✅|❌)/);
    // The quiz itself is private too, so the refusal is told apart by what it says.
    const refusal = await Promise.any(
      doubleClick.flatMap((click) => [
        click.followUp(),
        click.reply({ where: (reply) => reply.content.includes('already answered') }),
      ]),
    );
    expect(refusal).toMatchObject({ ephemeral: true, content: expect.stringMatching(/already answered/) });
    expect((await scoreOf(student)).answered).toBe(before.answered + 1);

    const next = await classroom.click(student, answered, 'Next');
    await next.reply();
    const replay = await classroom.discord.forgeButtonClick(target);
    expect((await refusalTo(replay)).content).toMatch(/no longer on screen/);
    expect((await scoreOf(student)).answered).toBe(before.answered + 1);
  });

  it('refuses forged, tampered and other students’ clicks politely, changing no score, and stays up', async () => {
    const [owner, intruder] = [classroom.studentAt(2), classroom.studentAt(3)];
    const before = await Promise.all([scoreOf(owner), scoreOf(intruder)]);
    const start = await classroom.run(owner, 'quiz', { questions: 3 });
    const message = await start.reply();
    const [button] = buttonsOf(message);
    if (!button) throw new Error('no answer buttons');
    const [command, quizId] = button.customId.split(':');
    const attempts = [
      { user: intruder, customId: button.customId, says: /belongs to someone else/ },
      { user: owner, customId: `${command}:AAAAAAAAAAAAAAAA:answer:0:0`, says: /ended or never existed/ },
      { user: owner, customId: `${command}:${quizId}:answer:0:9`, says: /no longer on screen/ },
      { user: owner, customId: `${command}:${quizId}:answer:4:0`, says: /no longer on screen/ },
      { user: owner, customId: `${command}:${quizId}:grade:0:0`, says: /not one of Lectern/ },
      { user: owner, customId: 'nonsense', says: /expired/ },
      { user: owner, customId: `${command}:../../etc:answer:0:0`, says: /ended or never existed/ },
    ];
    for (const attempt of attempts) {
      const click = await classroom.discord.forgeButtonClick({ ...attempt, guild: classroom.guild, message });
      const reply = await refusalTo(click);
      expect(reply.ephemeral).toBe(true);
      expect(reply.content).toMatch(attempt.says);
    }
    expect(await Promise.all([scoreOf(owner), scoreOf(intruder)])).toEqual(before);
    expect((await (await classroom.run(owner, 'define', { term: 'wa' })).reply()).embeds[0]?.title).toBeTruthy();
  });
});

describe('restarts', () => {
  it('keeps every counted answer and carries the quiz on after the bot is killed mid-quiz', async () => {
    const student = classroom.studentAt(4);
    const before = await scoreOf(student);
    const start = await classroom.run(student, 'quiz', { questions: 5 });
    const first = await answer(student, start, 0);
    const second = await answer(student, await classroom.click(student, first.click, 'Next'), 1);
    expect((await scoreOf(student)).answered).toBe(before.answered + 2);

    await classroom.crashAndRestart();

    expect((await scoreOf(student)).answered).toBe(before.answered + 2);
    const next = await classroom.click(student, second.click, 'Next');
    expect((await next.reply()).embeds[0]?.title).toBe('Question 3 of 5');
  });
});

describe('/score', () => {
  it('shows a teacher any student’s score and refuses a student asking for someone else’s', async () => {
    const [student, other] = [classroom.studentAt(5), classroom.studentAt(6)];
    expect(await scoreOf(student, classroom.teacher)).toEqual(await scoreOf(student));
    const refused = await (await classroom.run(other, 'score', { student: student.id })).reply();
    expect(refused.ephemeral).toBe(true);
    expect(refused.content).toMatch(/Only a teacher/);
    expect(refused.embeds).toEqual([]);
  });
});
