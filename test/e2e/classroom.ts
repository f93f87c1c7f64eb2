import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { PermissionFlagsBits } from 'discord.js';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { BotProcess } from './bot-process.js';
import {
  startEmulator,
  type BotMessage,
  type DiscordEmulator,
  type EmulatedGuild,
  type EmulatedUser,
  type EmulatorOptions,
  type InteractionHandle,
} from './emulator/index.js';

/** Every body the emulators checked in this test file, printed as each classroom closes. */
let checkedBodies = 0;

export interface ClassroomOptions {
  students?: number;
  env?: Record<string, string>;
  storeUrl?: string;
  discordOptions?: EmulatorOptions;
}

/**
 * One classroom for the whole test file, handed to `opened`: after each test the bot must have kept Discord's
 * rules, and after the last the classroom closes.
 */
export function classroomPerFile(options: ClassroomOptions, opened: (classroom: Classroom) => void): void {
  let classroom: Classroom | undefined;
  beforeAll(async () => {
    classroom = await Classroom.open(options);
    opened(classroom);
  });
  afterEach(() => {
    classroom?.expectDiscordRulesKept();
  });
  afterAll(async () => {
    await classroom?.close();
  });
}

/**
 * A class server on the local Discord emulator, with the bot started from its real entry point
 * (as `npm start` runs it) on a store of its own.
 */
export class Classroom {
  readonly students: EmulatedUser[];
  bot: BotProcess;
  private env: Record<string, string>;

  private constructor(
    readonly discord: DiscordEmulator,
    readonly guild: EmulatedGuild,
    readonly teacher: EmulatedUser,
    students: EmulatedUser[],
    readonly storeUrl: string,
    private readonly storeDir: string,
    env: Record<string, string>,
  ) {
    this.students = students;
    this.env = env;
    this.bot = this.launch();
  }

  /**
   * `env` adds to the bot's environment, e.g. CLOCK_START to set its clock; `storeUrl` defaults to E2E_STORE_URL
   * (to run every suite on Redis or PostgreSQL), else a fresh SQLite file.
   */
  static async open({ students = 3, env = {}, storeUrl, discordOptions = {} }: ClassroomOptions = {}) {
    const discord = await startEmulator(discordOptions);
    const guild = discord.createGuild({ name: 'Class 7B' });
    const teacher = discord.createUser({ username: 'ms-okafor', globalName: 'Ms Okafor' });
    discord.addMember(guild, teacher, { permissions: PermissionFlagsBits.ManageGuild });
    const pupils = Array.from({ length: students }, (_, i) => {
      const student = discord.createUser({ username: `student${i + 1}` });
      discord.addMember(guild, student);
      return student;
    });
    const storeDir = await mkdtemp(join(tmpdir(), 'lectern-e2e-'));
    const classroom = new Classroom(
      discord,
      guild,
      teacher,
      pupils,
      storeUrl ?? process.env['E2E_STORE_URL'] ?? `sqlite://${join(storeDir, 'lectern.sqlite')}`,
      storeDir,
      env,
    );
    await classroom.ready(0);
    return classroom;
  }

  get student(): EmulatedUser {
    return this.studentAt(0);
  }

  studentAt(index: number): EmulatedUser {
    const student = this.students[index];
    if (!student) throw new Error(`this classroom has no student #${index}`);
    return student;
  }

  private launch(): BotProcess {
    return new BotProcess({
      DISCORD_TOKEN: this.discord.token,
      DISCORD_API_URL: this.discord.apiUrl,
      STORE_URL: this.storeUrl,
      COMMAND_GUILD_ID: this.guild.id,
      ...this.env,
    });
  }

  private async ready(since: number): Promise<void> {
    await Promise.race([
      this.discord.waitForCommands({ since, timeoutMs: 30_000 }),
      this.bot.exit().then((code) => {
        throw new Error(`the bot exited (${code}) before registering its commands:\n${this.bot.log()}`);
      }),
    ]);
  }

  /** Kills the bot as a crash would (SIGKILL) and starts it again on the same store, with `env` changed. */
  async crashAndRestart(env: Record<string, string> = {}): Promise<void> {
    await this.bot.kill();
    this.env = { ...this.env, ...env };
    const since = Date.now();
    this.bot = this.launch();
    await this.ready(since);
  }

  run(user: EmulatedUser, name: string, options: Record<string, string | number | boolean> = {}) {
    return this.discord.runCommand({
      user,
      guild: this.guild,
      name,
      options: Object.entries(options).map(([option, value]) => ({ name: option, value })),
    });
  }

  autocomplete(user: EmulatedUser, name: string, focused: string, value: string) {
    return this.discord.autocomplete({ user, guild: this.guild, name, focused, value, options: [] });
  }

  /** Clicks the button with `label` on the message an interaction left. */
  async click(user: EmulatedUser, on: InteractionHandle | { id: string }, label: string): Promise<InteractionHandle> {
    const message = 'reply' in on ? await on.reply() : on;
    const button = buttonsOf(this.discord.message(message.id)).find((candidate) => candidate.label === label);
    if (!button) throw new Error(`no "${label}" button on message ${message.id}`);
    return this.discord.clickButton({ user, guild: this.guild, message, customId: button.customId });
  }

  /** The bot's post in the class channel whose embed title matches, if it is there yet (for `until`). */
  channelPost(title: RegExp): BotMessage | undefined {
    return this.discord
      .channelMessages(this.guild.channelId)
      .find((message) => title.test(message.embeds[0]?.title ?? ''));
  }

  /** Nothing the bot sent was refused by Discord's rules, and nothing it sent could ping anyone. */
  expectDiscordRulesKept(): void {
    expect(this.discord.violations).toEqual([]);
    expect(this.discord.unsafeMentions()).toEqual([]);
  }

  async close(): Promise<void> {
    checkedBodies += this.discord.bodiesChecked;
    // The benchmarks open classrooms too, outside vitest, where there is no suite to report for.
    if (process.env['VITEST']) {
      const suite = basename(expect.getState().testPath ?? 'e2e');
      console.log(`${suite}: ${checkedBodies} request bodies checked against Discord's schemas`);
    }
    await this.bot.stop();
    await this.discord.close();
    await rm(this.storeDir, { recursive: true, force: true });
  }
}

/** The buttons on a message, in order, with what they say and carry. */
export function buttonsOf(message: { components: readonly unknown[] } | null | undefined) {
  const buttons: { label: string; customId: string; disabled: boolean }[] = [];
  for (const row of (message?.components ?? []) as { components?: Record<string, unknown>[] }[]) {
    for (const component of row.components ?? []) {
      if (component['type'] === 2 && typeof component['custom_id'] === 'string') {
        buttons.push({
          label: String(component['label'] ?? ''),
          customId: component['custom_id'],
          disabled: component['disabled'] === true,
        });
      }
    }
  }
  return buttons;
}

/**
 * The private message a refused click gets: the reply itself when the bot refused at once, or a follow-up
 * when it had acknowledged the click first.
 */
export function refusalTo(click: InteractionHandle): Promise<BotMessage> {
  return Promise.any([click.followUp(), click.reply({ where: (reply) => reply.ephemeral && reply.content !== '' })]);
}

/** Polls `probe` until it returns something: for what the bot does on its own (posts, timers). */
export async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
