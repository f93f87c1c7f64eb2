import { describe, expect, it } from 'vitest';
import { buttonsOf, Classroom, classroomPerFile, refusalTo } from './classroom.js';
import type { EmulatedUser, InteractionHandle } from './emulator/index.js';

let classroom: Classroom;

// Mid-day, so a card rated Again (due a minute later) is due today whenever the suite runs.
classroomPerFile({ students: 3, env: { CLOCK_START: '2026-11-25T12:00:00Z' } }, (opened) => (classroom = opened));

/** Plays a whole quiz, always clicking the last button; returns the ✅ count. */
async function playQuiz(student: EmulatedUser, start: InteractionHandle): Promise<number> {
  let on = start;
  let right = 0;
  for (;;) {
    const question = await on.reply();
    const buttons = buttonsOf(question);
    const pick = buttons.at(-1);
    if (!pick) throw new Error('no answer buttons');
    const click = await classroom.click(student, on, pick.label);
    const answered = await click.reply();
    if (answered.content.startsWith('✅')) right++;
    if (!buttonsOf(answered).some((button) => button.label === 'Next')) return right;
    on = await classroom.click(student, click, 'Next');
  }
}

describe('/flashcards', () => {
  it('shows a card, then its answer, then schedules it by the rating and moves on', async () => {
    const student = classroom.student;
    const start = await classroom.run(student, 'flashcards', {});
    const front = await start.reply();
    expect(front.ephemeral).toBe(true);
    expect(front.embeds[0]?.title).toMatch(/^Card 1 of \d+$/);
    expect(front.embeds[0]?.footer?.text).toMatch(/0 due today · \d+ new/);
    const shown = await classroom.click(student, start, 'Show answer');
    const back = await shown.reply();
    expect(buttonsOf(back).map((button) => button.label)).toEqual(['Again', 'Hard', 'Good', 'Easy']);
    expect(back.embeds[0]?.fields?.[0]?.name).toBe('Source');
    const rated = await classroom.click(student, shown, 'Again');
    expect((await rated.reply()).embeds[0]?.title).toMatch(/^Card 2 of \d+$/);

    // Rated Again, the card comes back within minutes: due today, but not yet, so new cards go first.
    const again = await (await classroom.run(student, 'flashcards', {})).reply();
    expect(again.embeds[0]?.footer?.text).toMatch(/^1 due today/);
    expect(again.embeds[0]?.description).not.toBe(front.embeds[0]?.description);
  });
});

describe('forged flashcard clicks', () => {
  it('refuses a rating that is not one of the four, politely and without an error reference', async () => {
    const student = classroom.studentAt(1);
    const start = await classroom.run(student, 'flashcards', {});
    const shown = await classroom.click(student, start, 'Show answer');
    const back = await shown.reply();
    const [again] = buttonsOf(back);
    if (!again) throw new Error('no rating buttons');
    for (const rating of ['toString', 'constructor', '__proto__']) {
      const forged = await classroom.discord.forgeButtonClick({
        user: student,
        guild: classroom.guild,
        message: back,
        customId: again.customId.replace(/again$/, rating),
      });
      expect((await refusalTo(forged)).content).toBe('That button is not one of Lectern’s.');
    }
  });
});

describe('/review', () => {
  it('tells a student with no mistakes there is nothing to review', async () => {
    const reply = await (await classroom.run(classroom.studentAt(1), 'review')).reply();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/Nothing to review/);
  });

  it('quizzes a student on the questions they got wrong', async () => {
    const student = classroom.studentAt(2);
    // The last button is the right answer now and then, so quizzes are played until one is missed;
    // each quiz before that one was all ✅ and left nothing to review.
    let missed = 0;
    for (let quiz = 0; quiz < 10 && missed === 0; quiz++) {
      missed = 3 - (await playQuiz(student, await classroom.run(student, 'quiz', { questions: 3 })));
    }
    expect(missed).toBeGreaterThan(0);
    const review = await classroom.run(student, 'review');
    expect((await review.reply()).embeds[0]?.title).toBe(`Question 1 of ${missed}`);
  });
});

describe('/leaderboard', () => {
  it('ranks the class by correct answers without pinging anyone, and shows the caller’s place', async () => {
    const player = classroom.student;
    await playQuiz(player, await classroom.run(player, 'quiz', { questions: 1 }));
    const run = await classroom.run(classroom.teacher, 'leaderboard', { period: 'all' });
    const reply = await run.reply();
    expect(reply.ephemeral).toBe(false);
    expect(reply.embeds[0]?.title).toBe('Leaderboard: all time');
    expect(reply.embeds[0]?.description).toContain(`<@${player.id}>`);
    expect(reply.embeds[0]?.fields?.[0]?.value).toMatch(/no answers in this period/);
    const payloads = classroom.discord.outgoing.filter((payload) => payload.messageId === reply.id);
    expect(payloads).not.toHaveLength(0);
    for (const payload of payloads) expect(payload).toMatchObject({ canPing: false });
  });
});
