import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisServer, redisMissing } from '../redis-server.js';
import { buttonsOf, Classroom, until } from './classroom.js';
import type { BotMessage, EmulatedUser, InteractionHandle } from './emulator/index.js';

const OUTAGE_MS = 30_000;
const POLITE = /try again in a moment/;

if (redisMissing) console.warn(`skipping the store outage: ${redisMissing}`);

let redis: RedisServer | undefined;
let classroom: Classroom | undefined;

beforeAll(async () => {
  if (redisMissing) return;
  redis = await RedisServer.start();
  classroom = await Classroom.open({ students: 1, storeUrl: redis.url });
});
afterAll(async () => {
  try {
    await classroom?.close();
  } finally {
    await redis?.close();
  }
});

function opened(): { room: Classroom; server: RedisServer } {
  if (!classroom || !redis) throw new Error('the classroom did not open');
  return { room: classroom, server: redis };
}

async function answered(room: Classroom, student: EmulatedUser): Promise<number> {
  const fields = (await (await room.run(student, 'score')).reply()).embeds[0]?.fields ?? [];
  return Number(fields.find((field) => field.name === 'Answered')?.value);
}

/** Clicks the button on `message` whose custom_id is `customId`, as a student clicking an old message does. */
function clickAgain(room: Classroom, student: EmulatedUser, message: BotMessage, customId: string) {
  return room.discord.clickButton({ user: student, guild: room.guild, message, customId });
}

/** What a student gets back from the bot, whichever way it answered: the message or its private follow-up. */
function answerTo(handle: InteractionHandle): Promise<BotMessage> {
  return Promise.any([
    handle.followUp(),
    handle.reply({ where: (reply) => reply.content !== '' || reply.embeds.length > 0 }),
  ]);
}

describe('a Redis outage of 30 s in the middle of a quiz', () => {
  it.skipIf(redisMissing !== undefined)(
    'asks students to try again meanwhile, counts their answers once after, and never ends the process',
    async () => {
      const { room, server } = opened();
      const { student, teacher } = room;
      let counted = 0;

      // A private quiz: the first question answered, the second on screen.
      const quiz = await room.run(student, 'quiz', { questions: 3 });
      const [firstOption] = buttonsOf(await quiz.reply());
      if (!firstOption) throw new Error('no answer buttons');
      const first = await room.click(student, quiz, firstOption.label);
      expect((await first.reply()).content).toMatch(/^(✅|❌)/);
      counted++;
      const next = await room.click(student, first, 'Next');
      const secondQuestion = await next.reply({ where: (reply) => /Question 2/.test(reply.embeds[0]?.title ?? '') });
      const [secondOption] = buttonsOf(secondQuestion);
      if (!secondOption) throw new Error('no answer buttons on question 2');

      // A live quiz whose question closes while the store is away: its reveal must wait for the store, not vanish.
      const started = await room.discord.runCommand({
        user: teacher,
        guild: room.guild,
        name: 'live',
        options: [
          {
            name: 'start',
            options: [
              { name: 'questions', value: 1 },
              { name: 'seconds', value: 10 },
            ],
          },
        ],
      });
      expect((await started.reply()).content).toMatch(/^Live quiz started/);
      const liveQuestion = await until('the live question', () => room.channelPost(/Question 1 of 1$/));
      const [liveOption] = buttonsOf(liveQuestion);
      if (!liveOption) throw new Error('no live answer buttons');
      const locked = await clickAgain(room, student, liveQuestion, liveOption.customId);
      expect((await locked.reply()).content).toMatch(/^🔒 Answer locked in/);
      counted++;

      await server.kill();
      const outageEnds = Date.now() + OUTAGE_MS;
      let rounds = 0;
      while (Date.now() < outageEnds - 3_000) {
        const click = await clickAgain(room, student, secondQuestion, secondOption.customId);
        expect((await answerTo(click)).content).toMatch(POLITE);
        const score = await room.run(student, 'score');
        expect((await answerTo(score)).content).toMatch(POLITE);
        // Autocomplete answers in time, with what it can; Discord shows no message for one.
        await room.autocomplete(student, 'quiz', 'topic', 'coll');
        for (const handle of [click, score]) expect(handle.ackLatencyMs).toBeLessThan(3_000);
        rounds++;
        await sleep(4_000);
      }
      expect(rounds).toBeGreaterThanOrEqual(4);
      await sleep(Math.max(0, outageEnds - Date.now()));
      await server.resume();

      // Serving again once /score answers with the student's score rather than an apology.
      const serveBy = Date.now() + 20_000;
      while ((await answerTo(await room.run(student, 'score'))).embeds.length === 0) {
        if (Date.now() > serveBy) throw new Error(`the bot did not serve again:\n${room.bot.log()}`);
        await sleep(500);
      }
      // The click the student kept trying now counts, and a double click of it counts once.
      const target = { user: student, guild: room.guild, message: secondQuestion, customId: secondOption.customId };
      const doubleClick = await Promise.all([room.discord.clickButton(target), room.discord.clickButton(target)]);
      const counts = await Promise.any(
        doubleClick.map((click) => click.reply({ where: (reply) => /^(✅|❌)/.test(reply.content) })),
      );
      expect(counts.content).toMatch(/^(✅|❌)/);
      counted++;
      // The quiz itself is private too, so the refusal is told apart by what it says.
      const refusal = await Promise.any(
        doubleClick.flatMap((click) => [
          click.followUp(),
          click.reply({ where: (reply) => reply.content.includes('already answered') }),
        ]),
      );
      expect(refusal.content).toMatch(/already answered/);

      // The live quiz's reveal, due during the outage, came once the store was back, and its podium after.
      await until('the live podium', () => room.channelPost(/Podium/), 30_000);
      expect(await answered(room, student)).toBe(counted);

      const stillRunning = await Promise.race([room.bot.exit(), sleep(100).then(() => 'running')]);
      expect(stillRunning).toBe('running');
      const log = room.bot.log();
      expect(log).not.toMatch(/unhandled rejection|UnhandledPromiseRejection|uncaught/i);
      expect(log).toMatch(/could not reveal a live quiz answer; trying again later/);
      room.expectDiscordRulesKept();
    },
    180_000,
  );
});
