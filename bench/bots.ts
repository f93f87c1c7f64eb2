// The two bots every Discord bench compares, started the same way: Lectern from its entry point, and the
// baseline bot handed Lectern's own command JSON, so the emulator accepts the same commands from both.
import { commands } from '../commands/index.js';
import { BotProcess } from '../test/e2e/bot-process.js';
import type { DiscordEmulator } from '../test/e2e/emulator/index.js';

export type Kind = 'lectern' | 'baseline';

const commandJson = JSON.stringify(commands.map((command) => command.data.toJSON()));

export function spawnBot(kind: Kind, env: Record<string, string>): BotProcess {
  return kind === 'lectern'
    ? new BotProcess(env)
    : new BotProcess({ ...env, BENCH_COMMANDS: commandJson }, 'bench/baseline-bot.ts');
}

/** When the bot's bulk command PUT reached the emulator (ms since the epoch); rejects if the bot exits first. */
export async function commandsRegistered(
  discord: DiscordEmulator,
  bot: BotProcess,
  kind: Kind,
  options: { since: number; scope?: 'global' | 'guild'; timeoutMs: number },
): Promise<number> {
  const registration = await Promise.race([
    discord.waitForCommands(options),
    bot.exit().then((code) => {
      throw new Error(`the ${kind} bot exited (${code}) before registering its commands:\n${bot.log()}`);
    }),
  ]);
  return registration.at;
}
