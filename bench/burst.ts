// A whole school answering at once: 500 students each click an answer within one second, on each store,
// against the baseline bot taking the same burst on the same emulator.
import { setTimeout as sleep } from 'node:timers/promises';
import { readClassScores } from '../src/scores/scoreboard.js';
import { openStore } from '../src/store/index.js';
import { buttonsOf, Classroom } from '../test/e2e/classroom.js';
import type { BotMessage, EmulatedUser } from '../test/e2e/emulator/index.js';
import { serviceUnreachable } from '../test/services.js';
import { BASELINE_CLICKED } from './baseline-reply.js';
import { commandsRegistered, spawnBot } from './bots.js';
import { percentile, type Comparison } from './stats.js';

const STUDENTS = 500;
const BURST_MS = 1_000;
// Quizzes are started this many at a time before the burst; starting them is not what is measured.
const STARTS_AT_ONCE = 25;
const ACK_LIMIT_MS = 3_000;
const VISIBLE_P99_MS = 1_000;

interface Burst {
  ack: number[];
  visible: number[];
}

const stores = [
  { name: 'SQLite', url: undefined, unreachable: () => Promise.resolve(undefined) },
  { name: 'Redis', url: 'redis://127.0.0.1:6379', unreachable: () => serviceUnreachable('127.0.0.1', 6379) },
  {
    name: 'PostgreSQL',
    url: 'postgresql://postgres@127.0.0.1:5432/test',
    unreachable: () => serviceUnreachable('127.0.0.1', 5432),
  },
];

export async function burstBenches(): Promise<Comparison[]> {
  const baseline = await baselineBurst();
  const rows: Comparison[] = [];
  for (const store of stores) {
    const reason = await store.unreachable();
    if (reason) {
      console.error(`bench: skipping the burst on ${store.name}: ${reason}`);
      continue;
    }
    const { burst, lost } = await lecternBurst(store.url);
    const slowestAck = Math.max(...burst.ack);
    const p99 = percentile(burst.visible, 99);
    rows.push(
      {
        what: `${STUDENTS} clicks within 1 s, ${store.name}: acknowledgement`,
        baseline: `the baseline bot answering the same burst with a fixed update`,
        lectern: burst.ack,
        reference: baseline.ack,
        target: { text: 'all ≤ 3 s', met: slowestAck <= ACK_LIMIT_MS },
        extra: `slowest acknowledgement ${Math.round(slowestAck)} ms`,
      },
      {
        what: `${STUDENTS} clicks within 1 s, ${store.name}: ✅/❌ visible`,
        baseline: `the baseline bot's fixed update visible`,
        lectern: burst.visible,
        reference: baseline.visible,
        target: { text: 'p99 ≤ 1 s, 0 lost', met: p99 <= VISIBLE_P99_MS && lost === 0 },
        extra: `p99 ${Math.round(p99)} ms (baseline ${Math.round(percentile(baseline.visible, 99))} ms); answers lost: ${lost}`,
      },
    );
  }
  return rows;
}

async function lecternBurst(storeUrl: string | undefined): Promise<{ burst: Burst; lost: number }> {
  const classroom = await Classroom.open({ students: STUDENTS, ...(storeUrl ? { storeUrl } : {}) });
  try {
    const quizzes = await startAll(classroom.students, (student) => startQuiz(classroom, student));
    const burst = await clickAll(classroom, quizzes, (content) => /^(✅|❌)/.test(content));
    // Counted, as a teacher's report would read them: every student must have exactly one answer.
    const store = await openStore(classroom.storeUrl);
    try {
      const scores = await readClassScores(store, classroom.guild.id);
      const counted = classroom.students.filter((student) => scores.get(student.id)?.answered === 1).length;
      return { burst, lost: STUDENTS - counted };
    } finally {
      await store.close();
    }
  } finally {
    await classroom.close();
  }
}

async function baselineBurst(): Promise<Burst> {
  const classroom = await Classroom.open({ students: STUDENTS });
  const { discord, guild } = classroom;
  await classroom.bot.stop();
  const since = Date.now();
  const bot = spawnBot('baseline', {
    DISCORD_TOKEN: discord.token,
    DISCORD_API_URL: discord.apiUrl,
    COMMAND_GUILD_ID: guild.id,
  });
  try {
    await commandsRegistered(discord, bot, 'baseline', { since, timeoutMs: 30_000 });
    const quizzes = await startAll(classroom.students, async (student) => {
      const reply = await (await classroom.run(student, 'quiz')).reply();
      return reply;
    });
    return await clickAll(classroom, quizzes, (content) => content === BASELINE_CLICKED);
  } finally {
    await bot.stop();
    await classroom.close();
  }
}

async function startQuiz(classroom: Classroom, student: EmulatedUser): Promise<BotMessage> {
  const message = await (await classroom.run(student, 'quiz', { questions: 1 })).reply();
  if (buttonsOf(message).length === 0) throw new Error(`no quiz for ${student.id}`);
  return message;
}

async function startAll(students: readonly EmulatedUser[], start: (student: EmulatedUser) => Promise<BotMessage>) {
  const messages: BotMessage[] = [];
  for (let from = 0; from < students.length; from += STARTS_AT_ONCE) {
    messages.push(...(await Promise.all(students.slice(from, from + STARTS_AT_ONCE).map(start))));
  }
  return messages;
}

/** Each student clicks an answer on their message, the clicks spread evenly over one second. */
async function clickAll(
  classroom: Classroom,
  messages: readonly BotMessage[],
  answered: (content: string) => boolean,
): Promise<Burst> {
  const { discord, guild, students } = classroom;
  const ack: number[] = [];
  const visible: number[] = [];
  const begun = performance.now();
  await Promise.all(
    students.map(async (student, index) => {
      const message = messages[index];
      const button = message ? buttonsOf(message)[index % buttonsOf(message).length] : undefined;
      if (!message || !button) throw new Error(`no button for student ${index}`);
      await sleep(begun + (index * BURST_MS) / students.length - performance.now());
      const click = await discord.clickButton({ user: student, guild, message, customId: button.customId });
      const dispatched = performance.now();
      await click.acknowledged({ timeoutMs: 30_000 });
      ack.push(performance.now() - dispatched);
      await click.reply({ where: (shown) => answered(shown.content), timeoutMs: 30_000 });
      visible.push(performance.now() - dispatched);
    }),
  );
  if (discord.violations.length > 0) {
    throw new Error(`the emulator refused requests during the burst:\n${JSON.stringify(discord.violations, null, 2)}`);
  }
  return { ack, visible };
}
