// Bench 6: the real bot and the baseline bot, each connected to the same 1,000 servers of 40 members on the local
// emulator: how much memory each process holds, and how long each takes from spawn to its command PUT.
import { mkdtemp, rm } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BotProcess } from '../test/e2e/bot-process.js';
import {
  startEmulator,
  type DiscordEmulator,
  type EmulatedGuild,
  type EmulatedUser,
} from '../test/e2e/emulator/index.js';
import { BASELINE_REPLY } from './baseline-reply.js';
import { commandsRegistered, spawnBot, type Kind } from './bots.js';
import { ratioTarget, summarize, type Comparison, type Target } from './stats.js';

const SERVERS = 1_000;
const MEMBERS = 40;
/** Start-ups timed per bot, after one warm-up start each (the page cache). */
const STARTUP_ROUNDS = 5;
/** How long each bot is watched while idle, and how often its memory is read meanwhile. */
const IDLE_MS = 12_000;
const SAMPLE_EVERY_MS = 500;
/** Students asking at once while every member of every server uses the bot once. */
const CONCURRENT_STUDENTS = 16;
const DEFINE_TERMS = ['collectivism', 'individualism', 'socialization', 'individualization', 'altruism'];
/** The ceiling for Lectern's own processes at this size. */
const RSS_CEILING_MB = 150;

interface Run {
  bot: BotProcess;
  /** The bot's own process (the one `node dist/…` started), root of any processes it starts. */
  pid: number;
  startupMs: number;
}

/** Resident memory of one bot, in MB: read while it sat idle after connecting, and after every member used it. */
interface Memory {
  connected: number[];
  afterUse: number[];
  peak: number;
}

export async function memoryBenches(): Promise<Comparison[]> {
  const discord = await startEmulator();
  const storeDir = await mkdtemp(join(tmpdir(), 'lectern-bench-memory-'));
  const school = populate(discord);
  const running = new Set<BotProcess>();
  const stopAll = () => {
    for (const bot of running) void bot.kill();
  };
  process.once('exit', stopAll);

  /** Starts a bot as the e2e tests do, with commands registered globally as in production, and times spawn → PUT. */
  const launch = async (kind: Kind): Promise<Run> => {
    const env = {
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.apiUrl,
      STORE_URL: `sqlite://${join(storeDir, 'lectern.sqlite')}`,
    };
    const before = new Set(childrenOf(process.pid));
    const since = Date.now();
    const bot = spawnBot(kind, env);
    running.add(bot);
    const pid = childrenOf(process.pid).find((child) => !before.has(child));
    if (pid === undefined) throw new Error(`the ${kind} bot's process could not be found`);
    const registeredAt = await commandsRegistered(discord, bot, kind, { since, scope: 'global', timeoutMs: 60_000 });
    return { bot, pid, startupMs: registeredAt - since };
  };
  const stop = async ({ bot }: Run) => {
    const timer = setTimeout(() => void bot.kill(), 5_000);
    await bot.stop().finally(() => clearTimeout(timer));
    running.delete(bot);
  };

  const startup: Record<Kind, number[]> = { lectern: [], baseline: [] };
  const memory = {} as Record<Kind, Memory>;
  try {
    for (const kind of ['lectern', 'baseline'] as const) await stop(await launch(kind));
    for (let round = 0; round < STARTUP_ROUNDS; round++) {
      for (const kind of round % 2 === 0 ? (['lectern', 'baseline'] as const) : (['baseline', 'lectern'] as const)) {
        const run = await launch(kind);
        startup[kind].push(run.startupMs);
        await stop(run);
      }
    }
    for (const kind of ['lectern', 'baseline'] as const) {
      const run = await launch(kind);
      const connected = await watchIdle(run.pid);
      await everyMemberAsks(discord, school, kind);
      const afterUse = await watchIdle(run.pid);
      memory[kind] = { connected, afterUse, peak: peakMb(run.pid) };
      await stop(run);
    }
    const violations = discord.violations;
    if (violations.length > 0) {
      throw new Error(`the emulator refused requests during the bench:\n${JSON.stringify(violations, null, 2)}`);
    }
  } finally {
    for (const bot of running) await bot.kill();
    running.clear();
    process.off('exit', stopAll);
    await discord.close();
    await rm(storeDir, { recursive: true, force: true });
  }

  const size = `${SERVERS.toLocaleString('en')} servers × ${MEMBERS} members`;
  const baseline = 'baseline bot: the same servers, with discord.js’s default caches';
  const peaks = `peak resident (VmHWM): Lectern ${memory.lectern.peak.toFixed(0)} MB, baseline ${memory.baseline.peak.toFixed(0)} MB`;
  const sampling = `read every ${SAMPLE_EVERY_MS} ms for ${IDLE_MS / 1000} s (VmRSS of the bot's process and any it started)`;
  return [
    {
      what: `resident memory, connected to ${size}`,
      baseline,
      lectern: memory.lectern.connected,
      reference: memory.baseline.connected,
      unit: 'MB',
      target: memoryTarget(memory.lectern.connected, memory.baseline.connected),
      extra: `idle after start-up, ${sampling}`,
    },
    {
      what: `resident memory, after each of the ${(SERVERS * MEMBERS).toLocaleString('en')} members used \`/define\` once`,
      baseline,
      lectern: memory.lectern.afterUse,
      reference: memory.baseline.afterUse,
      unit: 'MB',
      target: memoryTarget(memory.lectern.afterUse, memory.baseline.afterUse),
      extra: `${CONCURRENT_STUDENTS} members at a time, then idle, ${sampling}; ${peaks}`,
    },
    {
      what: `start-up at ${size}: spawn → command PUT`,
      baseline: 'baseline bot: log in, then PUT the same commands (globally, as Lectern does without COMMAND_GUILD_ID)',
      lectern: startup.lectern,
      reference: startup.baseline,
      target: ratioTarget(startup.lectern, startup.baseline, 1.5),
      extra: 'the first start of each bot is a warm-up and not counted; with so few samples p95 is the slowest',
    },
  ];
}

/** Both parts of the target: at most 150 MB, and no more than the baseline bot. */
function memoryTarget(lectern: readonly number[], reference: readonly number[]): Target {
  const [mine, theirs] = [summarize(lectern).median, summarize(reference).median];
  return { text: `≤ ${RSS_CEILING_MB} MB and ≤ 1× baseline`, met: mine <= RSS_CEILING_MB && mine <= theirs };
}

/** The servers, each with its own members as users of their own (a student in one school). */
function populate(discord: DiscordEmulator): { guild: EmulatedGuild; members: EmulatedUser[] }[] {
  return discord.createGuilds({ count: SERVERS, members: 0, namePrefix: 'School' }).map((guild, school) => ({
    guild,
    members: Array.from({ length: MEMBERS }, (_, index) => {
      const member = discord.createUser({ username: `student-${school + 1}-${index + 1}` });
      discord.addMember(guild, member);
      return member;
    }),
  }));
}

/** Every member of every server asks `/define` once, a few at a time, each waiting for the bot's answer. */
async function everyMemberAsks(
  discord: DiscordEmulator,
  school: ReturnType<typeof populate>,
  kind: Kind,
): Promise<void> {
  const asks = school.flatMap(({ guild, members }) => members.map((user) => ({ guild, user })));
  let next = 0;
  const student = async () => {
    for (let index = next++; index < asks.length; index = next++) {
      const { guild, user } = asks[index] ?? {};
      if (!guild || !user) return;
      const term = DEFINE_TERMS[index % DEFINE_TERMS.length] ?? 'collectivism';
      const run = await discord.runCommand({ user, guild, name: 'define', options: [{ name: 'term', value: term }] });
      const reply = await run.reply();
      const answered = kind === 'lectern' ? Boolean(reply.embeds[0]?.title) : reply.content === BASELINE_REPLY;
      if (!answered) throw new Error(`/define ${term} got an unexpected reply from the ${kind} bot`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENT_STUDENTS }, student));
}

/** Resident memory of the bot's process tree, read every SAMPLE_EVERY_MS while it sits idle for IDLE_MS. */
async function watchIdle(pid: number): Promise<number[]> {
  const samples: number[] = [];
  for (let waited = 0; waited < IDLE_MS; waited += SAMPLE_EVERY_MS) {
    await new Promise((resolve) => setTimeout(resolve, SAMPLE_EVERY_MS));
    samples.push(treeOf(pid).reduce((total, member) => total + statusMb(member, 'VmRSS'), 0));
  }
  return samples;
}

/** The highest resident memory of the bot's own process so far. */
function peakMb(pid: number): number {
  return statusMb(pid, 'VmHWM');
}

/** A process and every process under it: a sharded bot's shards, a helper that a loader starts. */
function treeOf(pid: number): number[] {
  return [pid, ...childrenOf(pid).flatMap(treeOf)];
}

function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((thread) =>
      readFileSync(`/proc/${pid}/task/${thread}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
    );
  } catch {
    return []; // ended while we looked
  }
}

/** A memory figure from /proc/<pid>/status (reported in kB), in MB. */
function statusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1];
  if (kilobytes === undefined) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(kilobytes) / 1024;
}
