// `npm run start:sharded` as a school runs it: gateway shards under discord.js's ShardingManager, on one machine or
// two that share nothing but the store, against an emulator that recommends two shards.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PermissionFlagsBits } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { sharedStores } from '../services.js';
import { BotProcess } from './bot-process.js';
import { buttonsOf, until } from './classroom.js';
import {
  startEmulator,
  type BotMessage,
  type CommandOptionInput,
  type DiscordEmulator,
  type EmulatedGuild,
  type EmulatedUser,
  type InteractionHandle,
} from './emulator/index.js';

const backends = await sharedStores('the sharded bot');
const firstAvailable = backends.find((backend) => backend.skip === undefined);
if (!firstAvailable) console.warn('skipping the one-machine shards test: neither Redis nor PostgreSQL is reachable');

// The daily drill falls due this long after the machines start: room for start-up and a quiz on a busy machine.
const DRILL_LEAD_MS = 10_000;
const DRILL = { timezone: 'Asia/Tokyo', time: '09:00', at: '2026-11-26T00:00:00Z' };

let discord: DiscordEmulator | undefined;
let machines: Machine[] = [];

afterEach(async (context) => {
  // A failure is easier to follow with what each tree logged, crashed ones included.
  if (context.task.result?.state === 'fail') {
    for (const machine of machines) console.log(`── machine "${machine.name}" ──\n${machine.logs()}`);
  }
  await Promise.all(machines.map((machine) => machine.stop()));
  machines = [];
  if (discord) {
    expect(discord.violations).toEqual([]);
    expect(discord.unsafeMentions()).toEqual([]);
    console.log(`shards.test.ts: ${discord.bodiesChecked} request bodies checked against Discord's schemas`);
    await discord.close();
    discord = undefined;
  }
});

/**
 * One machine of the school: `npm run start:sharded` with its own environment, leading a process group of its own
 * so that a crash can take the whole tree (the manager and every shard it forked) at once.
 */
class Machine {
  tree: BotProcess;
  private readonly trees: BotProcess[] = [];

  constructor(
    private readonly env: () => Record<string, string>,
    readonly name: string,
  ) {
    this.tree = this.launch();
    machines.push(this);
  }

  /** Resolves once every shard of this machine logged in and set up its classes. */
  async ready(): Promise<void> {
    await this.tree.waitForOutput('"msg":"all shards ready"', 60_000);
    await this.tree.waitForOutput('"msg":"daily drills scheduled"', 30_000);
  }

  /** SIGKILL to every process of the tree at once, as a machine that loses power: no shard survives it. */
  async crash(): Promise<void> {
    await this.tree.kill();
    expect(this.tree.groupAlive()).toBe(false);
  }

  /** The machine starts again, on the same settings. */
  async restart(): Promise<void> {
    this.tree = this.launch();
    await this.ready();
  }

  stop(): Promise<void> {
    return this.tree.stop();
  }

  /** What every tree this machine ran logged, oldest first. */
  logs(): string {
    return this.trees.map((tree) => tree.log()).join('\n── restarted ──\n');
  }

  private launch(): BotProcess {
    const tree = new BotProcess(this.env(), 'src/sharding.ts', { processGroup: true });
    this.trees.push(tree);
    return tree;
  }
}

function command(user: EmulatedUser, guild: EmulatedGuild, name: string, options: CommandOptionInput[] = []) {
  if (!discord) throw new Error('no emulator');
  return discord.runCommand({ user, guild, name, options });
}

async function click(user: EmulatedUser, guild: EmulatedGuild, message: BotMessage, label: string) {
  const button = buttonsOf(message).find((candidate) => candidate.label === label);
  if (!button) throw new Error(`no "${label}" button on message ${message.id}`);
  if (!discord) throw new Error('no emulator');
  return discord.clickButton({ user, guild, message, customId: button.customId });
}

/** Answers the question on screen with its first option; resolves with the message showing ✅ or ❌. */
async function answerFirst(user: EmulatedUser, guild: EmulatedGuild, on: InteractionHandle) {
  const question = await on.reply();
  const [first] = buttonsOf(question);
  if (!first) throw new Error(`no answer buttons on message ${question.id}`);
  const answered = await (await click(user, guild, question, first.label)).reply();
  expect(answered.content).toMatch(/^(✅|❌)/);
  return answered;
}

async function answeredIn(user: EmulatedUser, guild: EmulatedGuild): Promise<number> {
  const fields = (await (await command(user, guild, 'score')).reply()).embeds[0]?.fields ?? [];
  return Number(fields.find((field) => field.name === 'Answered')?.value);
}

function channelPosts(guild: EmulatedGuild, title: RegExp): BotMessage[] {
  if (!discord) throw new Error('no emulator');
  return discord.channelMessages(guild.channelId).filter((message) => title.test(message.embeds[0]?.title ?? ''));
}

function drillPosts(guild: EmulatedGuild): BotMessage[] {
  if (!discord) throw new Error('no emulator');
  return discord.channelMessages(guild.channelId).filter((message) => /^📅 \*\*Daily drill for /.test(message.content));
}

function commandPuts(): number {
  if (!discord) throw new Error('no emulator');
  return discord.requests.filter((request) => request.method === 'PUT' && request.path.endsWith('/commands')).length;
}

/** A class server on `shard` with a teacher, and `students` in it. */
function classOn(emulator: DiscordEmulator, shard: number, students: EmulatedUser[]) {
  const guild = emulator.createGuild({ name: `Class on shard ${shard}`, shard });
  const teacher = emulator.createUser({ username: `teacher-${shard}` });
  emulator.addMember(guild, teacher, { permissions: PermissionFlagsBits.ManageGuild });
  for (const student of students) emulator.addMember(guild, student);
  return { guild, teacher };
}

describe.each(backends)('two machines on $name, one shard each', ({ url, skip }) => {
  it.skipIf(skip !== undefined)(
    'serve a class each through a quiz, the daily drill and a live quiz, and a crash of one machine',
    async () => {
      const emulator = await startEmulator({ shards: 2 });
      discord = emulator;
      const both = emulator.createUser({ username: 'in-both-classes' });
      const classmate = emulator.createUser({ username: 'classmate' });
      const [zero, one] = [classOn(emulator, 0, [both]), classOn(emulator, 1, [both, classmate])];

      // One clock for the whole school, running on through a restart: the drill falls due DRILL_LEAD_MS from now.
      const offset = Date.parse(DRILL.at) - DRILL_LEAD_MS - Date.now();
      const machineEnv = (shardIds: string) => () => ({
        DISCORD_TOKEN: emulator.token,
        DISCORD_API_URL: emulator.apiUrl,
        STORE_URL: url,
        SHARD_COUNT: '2',
        SHARD_IDS: shardIds,
        CLOCK_START: new Date(Date.now() + offset).toISOString(),
      });
      const [first, second] = [new Machine(machineEnv('0'), 'first'), new Machine(machineEnv('1'), 'second')];
      await Promise.all([first.ready(), second.ready()]);
      expect(emulator.connectedShards).toEqual([0, 1]);
      expect(commandPuts()).toBe(1);

      const answered = new Map<EmulatedGuild, number>([
        [zero.guild, 0],
        [one.guild, 0],
      ]);
      const setUpDrill = ({ guild, teacher }: typeof zero) =>
        command(teacher, guild, 'class', [
          {
            name: 'setup',
            options: [
              { name: 'channel', value: guild.channelId },
              { name: 'timezone', value: DRILL.timezone },
              { name: 'time', value: DRILL.time },
              { name: 'size', value: 1 },
            ],
          },
        ]).then((run) => run.reply());
      for (const reply of await Promise.all([setUpDrill(zero), setUpDrill(one)])) {
        expect(reply.content).toContain(`at ${DRILL.time} (${DRILL.timezone})`);
      }

      // The student in both classes starts a quiz in each, answers the first question and moves to the second.
      const quizzes = await Promise.all(
        [zero.guild, one.guild].map(async (guild) => {
          const start = await command(both, guild, 'quiz', [{ name: 'questions', value: 2 }]);
          const firstAnswer = await answerFirst(both, guild, start);
          answered.set(guild, (answered.get(guild) ?? 0) + 1);
          const second = await click(both, guild, firstAnswer, 'Next');
          expect((await second.reply()).embeds[0]?.title).toBe('Question 2 of 2');
          return second;
        }),
      );

      // A live quiz in the second machine's class, answered by one student before the crash.
      const started = await (
        await command(one.teacher, one.guild, 'live', [
          {
            name: 'start',
            options: [
              { name: 'questions', value: 1 },
              { name: 'seconds', value: 120 },
              { name: 'speed_bonus', value: false },
            ],
          },
        ])
      ).reply();
      expect(started.content).toMatch(/^Live quiz started/);
      const liveQuestion = await until('the live question', () => channelPosts(one.guild, /Question 1 of 1$/)[0]);
      const [liveFirst, liveSecond] = buttonsOf(liveQuestion);
      if (!liveFirst || !liveSecond) throw new Error('no live answer buttons');
      expect((await (await click(both, one.guild, liveQuestion, liveFirst.label)).reply()).content).toMatch(
        /^🔒 Answer locked in/,
      );
      answered.set(one.guild, (answered.get(one.guild) ?? 0) + 1);

      await second.crash();
      // Meanwhile the first machine serves its class on.
      expect(await answeredIn(both, zero.guild)).toBe(answered.get(zero.guild));
      await second.restart();
      expect(emulator.connectedShards).toEqual([0, 1]);
      // The restarted machine holds shard 1 only: the command set stays as the first machine registered it.
      expect(commandPuts()).toBe(1);

      // Nothing lost, nothing counted twice: each class's quiz goes on from its second question.
      for (const guild of [zero.guild, one.guild]) expect(await answeredIn(both, guild)).toBe(answered.get(guild));
      for (const [index, guild] of [zero.guild, one.guild].entries()) {
        const quiz = quizzes[index];
        if (!quiz) throw new Error('no quiz');
        await answerFirst(both, guild, quiz);
        answered.set(guild, (answered.get(guild) ?? 0) + 1);
      }

      // The live quiz resumes on the restarted machine: a late answer counts, and the reveal shows both.
      expect((await (await click(classmate, one.guild, liveQuestion, liveSecond.label)).reply()).content).toMatch(
        /^🔒 Answer locked in/,
      );
      expect((await (await command(one.teacher, one.guild, 'live', [{ name: 'skip' }])).reply()).content).toMatch(
        /^Question 1 ended early/,
      );
      const revealed = await until('the live answer', () => {
        const message = emulator.message(liveQuestion.id);
        return message.embeds[0]?.title?.endsWith('time is up') ? message : undefined;
      });
      // One answer on each of the first two options: the one given before the crash, and the one after.
      const perOption = [...(revealed.embeds[0]?.description ?? '').matchAll(/— \*\*(\d+)\*\*/g)].map((match) =>
        Number(match[1]),
      );
      expect(perOption.slice(0, 2)).toEqual([1, 1]);
      expect(perOption.reduce((sum, count) => sum + count, 0)).toBe(2);
      await until('the podium', () => channelPosts(one.guild, /Podium/)[0]);

      // Each class gets its daily drill exactly once, whichever machine was up when it fell due.
      const drills = await Promise.all(
        [zero.guild, one.guild].map((guild) =>
          until('the daily drill', () => drillPosts(guild)[0], DRILL_LEAD_MS + 20_000),
        ),
      );
      for (const [index, guild] of [zero.guild, one.guild].entries()) {
        const drill = drills[index];
        if (!drill) throw new Error('no drill');
        const feedback = await (await click(both, guild, drill, 'A')).reply();
        expect(feedback.content).toMatch(/^(✅|❌)/);
        answered.set(guild, (answered.get(guild) ?? 0) + 1);
      }
      // A restart the same day finds the drill out and posts nothing more.
      await second.crash();
      await second.restart();
      for (const guild of [zero.guild, one.guild]) expect(drillPosts(guild)).toHaveLength(1);

      // The student in both classes keeps both records, each with what was answered there.
      for (const guild of [zero.guild, one.guild]) expect(await answeredIn(both, guild)).toBe(answered.get(guild));
    },
  );
});

describe('one machine', () => {
  it.skipIf(firstAvailable === undefined)(
    `runs every shard /gateway/bot recommends, registers the commands once, and ends with its manager`,
    async () => {
      const emulator = await startEmulator({ shards: 2 });
      discord = emulator;
      const student = emulator.createUser({ username: 'student' });
      const classes = [0, 1].map((shard) => classOn(emulator, shard, [student]).guild);
      if (!firstAvailable) throw new Error('no store to share');
      const { url } = firstAvailable;
      const machine = new Machine(
        () => ({ DISCORD_TOKEN: emulator.token, DISCORD_API_URL: emulator.apiUrl, STORE_URL: url }),
        'only',
      );
      await machine.ready();
      expect(emulator.connectedShards).toEqual([0, 1]);
      expect(commandPuts()).toBe(1);
      for (const guild of classes) {
        expect(
          (await (await command(student, guild, 'define', [{ name: 'term', value: 'socialization' }])).reply())
            .embeds[0]?.title,
        ).toMatch(/socialization/i);
      }

      // The manager killed alone (say, by the out-of-memory killer): its shards end too rather than run on unwatched.
      await machine.tree.killLeader();
      await machine.tree.groupGone();
    },
  );

  it('refuses a sharded start on SQLite, or a shard that does not exist, with one line', async () => {
    const storeDir = await mkdtemp(join(tmpdir(), 'lectern-shards-'));
    try {
      const attempts = [
        { STORE_URL: `sqlite://${join(storeDir, 'lectern.sqlite')}` },
        { STORE_URL: 'redis://127.0.0.1:6379', SHARD_COUNT: '2', SHARD_IDS: '1,2' },
      ];
      const outcomes = await Promise.all(
        attempts.map(async (env) => {
          const tree = new BotProcess({ DISCORD_TOKEN: 'not.a.token', ...env }, 'src/sharding.ts');
          return { code: await tree.exit(), output: tree.output };
        }),
      );
      expect(outcomes).toEqual([
        {
          code: 1,
          output: [
            'lectern: STORE_URL: a sharded start needs a store every shard shares, redis://… or postgresql://…, not a SQLite file',
          ],
        },
        {
          code: 1,
          output: ['lectern: SHARD_IDS: there is no shard 2 when there are 2 (shard ids run from 0 to 1)'],
        },
      ]);
    } finally {
      await rm(storeDir, { recursive: true, force: true });
    }
  });
});
