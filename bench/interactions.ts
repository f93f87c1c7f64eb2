// Benches 2 and 4: the real bot process against the baseline bot, on one local Discord emulator.
import { commands } from '../commands/index.js';
import type { BotProcess } from '../test/e2e/bot-process.js';
import { commandsRegistered, spawnBot, type Kind } from './bots.js';
import { buttonsOf, Classroom } from '../test/e2e/classroom.js';
import type { BotMessage, InteractionHandle } from '../test/e2e/emulator/index.js';
import { BASELINE_BUTTON, BASELINE_CLICKED, BASELINE_REPLY } from './baseline-reply.js';
import { PREFIXES } from './lookup.js';
import { ratioTarget, summarize, type Comparison } from './stats.js';

/** Measured rounds; each starts both bots once (a start-up sample each) and runs a block on each. */
const ROUNDS = 8;
const BLOCK = { define: 24, autocomplete: 24, clicks: 15 };
const WARM_UP = { define: 10, autocomplete: 10, clicks: 5 };
// Lectern's answer click writes the student's score (last 100 answers kept) and mistakes (last 50): the
// warm-up answers enough questions to fill both, so every timed click works on full-size records.
const LECTERN_WARM_UP_CLICKS = 120;
const DEFINE_TERMS = ['collectivism', 'individualism', 'socialization', 'wa', 'groupthink', 'altruism', 'autonomy'];
const QUIZ_LENGTH = 20;

type Bot = BotProcess;

/** Timings of one bot, in ms. */
interface Timings {
  startup: number[];
  defineAck: number[];
  /** The emulator's own figure for the same acknowledgements (whole ms, Date.now() on both ends). */
  defineAckEmulator: number[];
  autocomplete: number[];
  clickAck: number[];
  clickAckEmulator: number[];
  clickVisible: number[];
}

const newTimings = (): Timings => ({
  startup: [],
  defineAck: [],
  defineAckEmulator: [],
  autocomplete: [],
  clickAck: [],
  clickAckEmulator: [],
  clickVisible: [],
});

/** Every bot process this bench started and has not seen stop; killed if the bench itself dies. */
const running = new Set<Bot>();
process.once('exit', () => {
  for (const bot of running) void bot.kill();
});

export async function interactionBenches(): Promise<{ interactions: Comparison[]; startup: Comparison }> {
  const classroom = await Classroom.open({ students: 1 });
  running.add(classroom.bot);
  const { discord, guild, student } = classroom;
  const timings: Record<Kind, Timings> = { lectern: newTimings(), baseline: newTimings() };

  /** Starts a bot as Classroom does (same env), and times spawn → its bulk command PUT. */
  const launch = async (kind: Kind): Promise<{ bot: Bot; startupMs: number }> => {
    const env = {
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.apiUrl,
      STORE_URL: classroom.storeUrl,
      COMMAND_GUILD_ID: guild.id,
    };
    const since = Date.now();
    const bot = spawnBot(kind, env);
    running.add(bot);
    // The classroom stops its own bot when it closes: hand it each Lectern process started here.
    if (kind === 'lectern') classroom.bot = bot;
    const registeredAt = await commandsRegistered(discord, bot, kind, { since, timeoutMs: 30_000 });
    return { bot, startupMs: registeredAt - since };
  };

  const stop = async (bot: Bot) => {
    await stopOrKill(bot);
    running.delete(bot);
  };

  /** One block of interactions against the bot now connected; timings go to `into` unless warming up. */
  const block = async (kind: Kind, counts: typeof BLOCK, into: Timings | undefined) => {
    for (let i = 0; i < counts.define; i++) {
      const term = DEFINE_TERMS[i % DEFINE_TERMS.length] ?? 'wa';
      const run = await classroom.run(student, 'define', { term });
      const ack = await acknowledgement(run);
      const reply = await run.reply();
      const ok = kind === 'lectern' ? Boolean(reply.embeds[0]?.title) : reply.content === BASELINE_REPLY;
      if (!ok) throw new Error(`/define ${term} got an unexpected reply from the ${kind} bot`);
      into?.defineAck.push(ack.ms);
      into?.defineAckEmulator.push(ack.emulatorMs);
    }
    for (let i = 0; i < counts.autocomplete; i++) {
      const prefix = PREFIXES[i % PREFIXES.length] ?? 'c';
      const start = performance.now();
      const choices = await classroom.autocomplete(student, 'define', 'term', prefix);
      const elapsed = performance.now() - start;
      if (choices.length === 0) throw new Error(`the ${kind} bot offered nothing for "${prefix}"`);
      into?.autocomplete.push(elapsed);
    }
    const quiz = new QuizPlayer(classroom, kind);
    for (let i = 0; i < counts.clicks; i++) {
      const { ack, visibleMs } = await quiz.answer();
      into?.clickAck.push(ack.ms);
      into?.clickAckEmulator.push(ack.emulatorMs);
      into?.clickVisible.push(visibleMs);
    }
  };

  try {
    // Warm-up: the first start of each bot (tsx's cache, the page cache) and a block each, not counted.
    await block('lectern', { ...WARM_UP, clicks: LECTERN_WARM_UP_CLICKS }, undefined);
    await stop(classroom.bot);
    const warmBaseline = await launch('baseline');
    await block('baseline', WARM_UP, undefined);
    await stop(warmBaseline.bot);

    for (let round = 0; round < ROUNDS; round++) {
      const order: Kind[] = round % 2 === 0 ? ['lectern', 'baseline'] : ['baseline', 'lectern'];
      for (const kind of order) {
        const { bot, startupMs } = await launch(kind);
        timings[kind].startup.push(startupMs);
        await block(kind, BLOCK, timings[kind]);
        await stop(bot);
      }
    }

    const violations = discord.violations;
    if (violations.length > 0) {
      throw new Error(`the emulator refused requests during the bench:\n${JSON.stringify(violations, null, 2)}`);
    }
  } finally {
    for (const bot of running) await stopOrKill(bot);
    running.clear();
    await classroom.close();
  }

  const { lectern, baseline } = timings;
  const startup: Comparison = {
    what: 'start-up: spawn → command PUT',
    baseline: `baseline bot: log in, then PUT the same ${commands.length} commands`,
    lectern: lectern.startup,
    reference: baseline.startup,
    target: ratioTarget(lectern.startup, baseline.startup, 1.5),
    extra: 'the first start of each bot is a warm-up and not counted; with so few samples p95 is the slowest',
  };
  const emulatorAck = (mine: number[], theirs: number[]) =>
    `the emulator's own handle.ackLatencyMs (whole ms): Lectern median ${summarize(mine).median} ms, ` +
    `baseline median ${summarize(theirs).median} ms`;
  const interactions: Comparison[] = [
    {
      what: '`/define term`: acknowledgement (dispatch → callback)',
      baseline: 'baseline bot: fixed ephemeral reply at once',
      lectern: lectern.defineAck,
      reference: baseline.defineAck,
      extra: emulatorAck(lectern.defineAckEmulator, baseline.defineAckEmulator),
    },
    {
      what: '`/define` autocomplete: round trip',
      baseline: 'baseline bot: one fixed choice at once',
      lectern: lectern.autocomplete,
      reference: baseline.autocomplete,
    },
    {
      what: '`/quiz` answer click: acknowledgement (update, or deferUpdate when slow)',
      baseline: 'baseline bot: the click answered with a fixed update at once',
      lectern: lectern.clickAck,
      reference: baseline.clickAck,
      extra: emulatorAck(lectern.clickAckEmulator, baseline.clickAckEmulator),
    },
    {
      what: '`/quiz` answer click: answered message visible',
      baseline: 'baseline bot: the click answered with a fixed update at once',
      lectern: lectern.clickVisible,
      reference: baseline.clickVisible,
      target: ratioTarget(lectern.clickVisible, baseline.clickVisible, 2),
    },
  ];
  return { interactions, startup };
}

/** SIGTERM, and SIGKILL if the bot has not exited 5 s later. */
async function stopOrKill(bot: Bot): Promise<void> {
  const timer = setTimeout(() => void bot.kill(), 5_000);
  try {
    await bot.stop();
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Dispatch → callback, timed here with performance.now(): `run` resolves in the same turn of the
 * event loop as the emulator's dispatch, and `acknowledged()` in the one where the callback lands.
 */
async function acknowledgement(handle: InteractionHandle): Promise<{ ms: number; emulatorMs: number }> {
  const dispatched = performance.now();
  await handle.acknowledged();
  const ms = performance.now() - dispatched;
  return { ms, emulatorMs: handle.ackLatencyMs ?? Number.NaN };
}

/** Plays /quiz as a student: answers the question on screen, then moves on (not timed) to the next one. */
class QuizPlayer {
  private onScreen: BotMessage | undefined;
  private clicks = 0;

  constructor(
    private readonly classroom: Classroom,
    private readonly kind: Kind,
  ) {}

  async answer(): Promise<{ ack: { ms: number; emulatorMs: number }; visibleMs: number }> {
    const { discord, guild, student } = this.classroom;
    const message = this.onScreen ?? (await this.start());
    // Picks each option in turn, as the e2e drills do: some answers right, most wrong.
    const buttons = buttonsOf(message);
    const button = buttons[this.clicks++ % buttons.length];
    if (!button) throw new Error(`no answer button on the ${this.kind} bot's quiz`);
    const click = await discord.clickButton({ user: student, guild, message, customId: button.customId });
    const dispatched = performance.now();
    const ack = await acknowledgement(click);
    const answered = (content: string) =>
      this.kind === 'lectern' ? /^(✅|❌)/.test(content) : content === BASELINE_CLICKED;
    const reply = await click.reply({ where: (shown) => answered(shown.content) });
    const visibleMs = performance.now() - dispatched;
    this.onScreen = this.kind === 'lectern' ? await this.next(reply) : reply;
    return { ack, visibleMs };
  }

  private async start(): Promise<BotMessage> {
    const run = await this.classroom.run(this.classroom.student, 'quiz', { questions: QUIZ_LENGTH });
    const message = await run.reply();
    const expected = this.kind === 'lectern' ? message.embeds[0]?.title?.startsWith('Question 1 of') : true;
    const buttons = buttonsOf(message);
    if (!expected || buttons.length === 0) throw new Error(`the ${this.kind} bot did not start a quiz`);
    if (this.kind === 'baseline' && (message.content !== BASELINE_REPLY || buttons[0]?.customId !== BASELINE_BUTTON)) {
      throw new Error('the baseline bot did not answer /quiz with its button');
    }
    return message;
  }

  /** Lectern: the next question, or nothing after the last one (a new quiz then starts). */
  private async next(answered: BotMessage): Promise<BotMessage | undefined> {
    const next = buttonsOf(answered).find((button) => button.label === 'Next');
    if (!next) return undefined;
    const { discord, guild, student } = this.classroom;
    const click = await discord.clickButton({ user: student, guild, message: answered, customId: next.customId });
    return click.reply({ where: (shown) => shown.content === '' && buttonsOf(shown).length > 0 });
  }
}
