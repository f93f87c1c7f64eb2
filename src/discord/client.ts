import { Client, Events, GatewayIntentBits, Routes } from 'discord.js';
import type { Config } from '../config.js';
import type { Command, Context } from './command.js';
import { createRouter } from './router.js';

/** Logs in, overwrites the command set in one bulk PUT, and routes every interaction. */
export async function startClient(config: Config, commands: readonly Command[], context: Context): Promise<Client> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    // Nothing Lectern sends may ping anyone: no @everyone, no roles, no users.
    allowedMentions: { parse: [] },
    ...(config.DISCORD_API_URL ? { rest: { api: config.DISCORD_API_URL } } : {}),
  });
  const route = createRouter(commands, context);
  client.on(Events.InteractionCreate, (interaction) => void route(interaction));
  client.on(Events.Error, (error) => context.log.error({ err: error }, 'discord client error'));

  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  await client.login(config.DISCORD_TOKEN);
  const readyClient = await ready;
  await syncCommands(readyClient, commands, config.COMMAND_GUILD_ID);
  context.log.info({ user: readyClient.user.tag, commands: commands.length }, 'ready');
  return client;
}

/** Deploying a new version needs no extra step: every start replaces the command set with this one. */
async function syncCommands(client: Client<true>, commands: readonly Command[], guildId: string | undefined) {
  const body = commands.map((command) => command.data.toJSON());
  const route = guildId
    ? Routes.applicationGuildCommands(client.application.id, guildId)
    : Routes.applicationCommands(client.application.id);
  await client.rest.put(route, { body });
}
