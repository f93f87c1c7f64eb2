import { afterEach, describe, expect, it } from 'vitest';
import { buttonsOf, Classroom, until } from './classroom.js';
import type { BotMessage, EmulatedUser } from './emulator/index.js';

let classroom: Classroom | undefined;

afterEach(async () => {
  if (!classroom) return;
  classroom.expectDiscordRulesKept();
  await classroom.close();
  classroom = undefined;
});

const secondsBefore = (instant: string, seconds: number) =>
  new Date(Date.parse(instant) - seconds * 1000).toISOString();

describe.each([
  {
    timezone: 'Asia/Tokyo',
    time: '09:00',
    at: '2026-11-26T00:00:00Z',
    nextDayLate: '2026-11-27T02:00:00Z',
    morningAfter: '2026-11-27T23:00:00Z',
  },
  {
    timezone: 'America/New_York',
    time: '18:30',
    at: '2026-11-25T23:30:00Z',
    nextDayLate: '2026-11-26T23:45:00Z',
    morningAfter: '2026-11-27T13:00:00Z',
  },
])('the daily drill in $timezone at $time', ({ timezone, time, at, nextDayLate, morningAfter }) => {
  it('posts once at the local time, counts each answer once, and survives restarts', async () => {
    // Ten seconds before the drill: room for start-up and setup on a busy machine before the drill falls due.
    const room = await Classroom.open({ students: 3, env: { CLOCK_START: secondsBefore(at, 10) } });
    classroom = room;
    const channel = room.guild.channelId;
    const posts = () => room.discord.channelMessages(channel);

    const configured = await (
      await room.discord.runCommand({
        user: room.teacher,
        guild: room.guild,
        name: 'class',
        options: [
          {
            name: 'setup',
            options: [
              { name: 'channel', value: channel },
              { name: 'timezone', value: timezone },
              { name: 'time', value: time },
              { name: 'size', value: 2 },
            ],
          },
        ],
      })
    ).reply();
    expect(configured.content).toContain(`at ${time} (${timezone})`);
    expect(posts()).toHaveLength(0);

    const drill = await until('the daily drill', () => (posts().length >= 2 ? posts() : undefined));
    await room.bot.waitForOutput('daily drill posted');
    expect(drill).toHaveLength(2);
    expect(drill[0]?.content).toMatch(/^📅 \*\*Daily drill for /);

    const [first, second] = room.students as [EmulatedUser, EmulatedUser, EmulatedUser];
    const click = (student: EmulatedUser, message: BotMessage, label: string) => {
      const button = buttonsOf(message).find((candidate) => candidate.label === label);
      if (!button) throw new Error(`no ${label} button`);
      return room.discord.clickButton({ user: student, guild: room.guild, message, customId: button.customId });
    };
    const [q1, q2] = drill as [BotMessage, BotMessage];
    const double = await Promise.all([click(first, q1, 'A'), click(first, q1, 'B')]);
    const feedback = await Promise.all(double.map((handle) => handle.reply()));
    expect(feedback.filter((reply) => /^(✅|❌)/.test(reply.content))).toHaveLength(1);
    expect(feedback.filter((reply) => /already answered/.test(reply.content))).toHaveLength(1);
    expect(feedback.every((reply) => reply.ephemeral)).toBe(true);
    await (await click(first, q2, 'A')).reply();
    // Every question has at least two options (a true-or-false one has only two).
    await (await click(second, q1, 'B')).reply();

    const answered = async (student: EmulatedUser) => {
      const fields = (await (await room.run(student, 'score')).reply()).embeds[0]?.fields ?? [];
      return Number(fields.find((field) => field.name === 'Answered')?.value);
    };
    expect([await answered(first), await answered(second)]).toEqual([2, 1]);
    const firstScore = await (await room.run(first, 'score')).reply();
    expect(firstScore.embeds[0]?.fields?.find((field) => field.name === 'Daily drill')?.value).toBe(
      '1 day in a row (best 1)',
    );

    // Just after posting, a restart finds today's drill out and posts nothing more.
    await room.crashAndRestart({ CLOCK_START: new Date(Date.parse(at) + 60_000).toISOString() });
    await room.bot.waitForOutput('daily drills scheduled');
    expect(posts()).toHaveLength(2);
    expect(await answered(first)).toBe(2);

    // Down through the next day's drill time: the drill goes out as soon as the bot is back that day.
    await room.crashAndRestart({ CLOCK_START: nextDayLate });
    await room.bot.waitForOutput('daily drills scheduled');
    const next = posts().slice(2);
    expect(next).toHaveLength(2);
    expect(next[0]?.embeds[0]?.title).toMatch(/^Last drill \(/);
    expect(next[0]?.embeds[0]?.description).toMatch(/^2 students answered\./);

    // The morning after, before that day's drill: the one just posted is still open, so the first student's
    // streak, though they have not answered it yet, still stands.
    await room.crashAndRestart({ CLOCK_START: morningAfter });
    await room.bot.waitForOutput('daily drills scheduled');
    const morningScore = await (await room.run(first, 'score')).reply();
    expect(morningScore.embeds[0]?.fields?.find((field) => field.name === 'Daily drill')?.value).toBe(
      '1 day in a row (best 1)',
    );
  });
});
