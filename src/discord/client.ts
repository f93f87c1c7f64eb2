import { Client, Events, GatewayIntentBits, Routes } from 'discord.js';
import type { Config } from '../config.js';
import type { ButtonOwner, Command, Context } from './command.js';
import { startDailyDrills } from './daily.js';
import { createRouter } from './router.js';

export function createClient(config: Config): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    // Nothing Lectern sends may ping anyone: no @everyone, no roles, no users.
    allowedMentions: { parse: [] },
    ...(config.DISCORD_API_URL ? { rest: { api: config.DISCORD_API_URL } } : {}),
  });
}

/** Logs in, overwrites the command set in one bulk PUT, routes every interaction, and wakes the daily drills. */
export async function startClient(
  client: Client,
  config: Config,
  commands: readonly Command[],
  buttonOwners: readonly ButtonOwner[],
  context: Context,
): Promise<void> {
  const route = createRouter(commands, buttonOwners, context);
  client.on(Events.InteractionCreate, (interaction) => void route(interaction));
  client.on(Events.Error, (error) => context.log.error({ err: error }, 'discord client error'));

  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  await client.login(config.DISCORD_TOKEN);
  const readyClient = await ready;
  // Every shard's process starts here, but one bulk PUT is enough: the one holding shard 0 makes it.
  if (readyClient.shard?.ids.includes(0) ?? true) await syncCommands(readyClient, commands, config.COMMAND_GUILD_ID);
  context.log.info({ user: readyClient.user.tag, commands: commands.length }, 'ready');
  await startDailyDrills(readyClient, context);
  await context.live.resume([...readyClient.guilds.cache.keys()]);
}

/** Deploying a new version needs no extra step: every start replaces the command set with this one. */
async function syncCommands(client: Client<true>, commands: readonly Command[], guildId: string | undefined) {
  const body = commands.map((command) => command.data.toJSON());
  const route = guildId
    ? Routes.applicationGuildCommands(client.application.id, guildId)
    : Routes.applicationCommands(client.application.id);
  await client.rest.put(route, { body });
}
