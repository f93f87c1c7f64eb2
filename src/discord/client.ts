import {
  Client,
  Events,
  GatewayIntentBits,
  OAuth2Scopes,
  Options,
  PermissionFlagsBits,
  Routes,
  type CacheFactory,
  type SweeperOptions,
} from 'discord.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { ButtonOwner, Command, Context } from './command.js';
import { startDailyDrills } from './daily.js';
import { createRouter } from './router.js';

/**
 * What Lectern reads from discord.js's caches: the servers (their ids at start-up, to wake the daily
 * drills and live quizzes), their channels and their roles (a member's `roles.cache`, behind the
 * Teacher role check, is built from the server's roles). Those caches stay whole, as discord.js
 * requires. A student arrives with every interaction (member, user, the message a button sits on,
 * with roles and permissions), so nothing else is kept: by default discord.js would keep every member
 * and user who ever clicked, and 200 messages per channel, for good.
 */
export const cacheLimits: CacheFactory = Options.cacheWithLimits({
  // The bot's own member and user stay: discord.js reads them (`guild.members.me`, `client.user`).
  GuildMemberManager: { maxSize: 0, keepOverLimit: (member) => member.id === member.client.user.id },
  UserManager: { maxSize: 0, keepOverLimit: (user) => user.id === user.client.user.id },
  MessageManager: 0,
  ReactionManager: 0,
  ReactionUserManager: 0,
  PresenceManager: 0,
  VoiceStateManager: 0,
  ThreadMemberManager: 0,
  GuildEmojiManager: 0,
  GuildStickerManager: 0,
  GuildScheduledEventManager: 0,
  StageInstanceManager: 0,
  GuildInviteManager: 0,
  GuildBanManager: 0,
  AutoModerationRuleManager: 0,
  ApplicationCommandManager: 0,
  EntitlementManager: 0,
});

/**
 * Threads are channels, whose cache discord.js does not let a bot cap: archived ones are swept an hour after they
 * close (discord.js's default waits four). Lectern reads none; a class may still run a quiz in one.
 */
export const sweepers: SweeperOptions = {
  ...Options.DefaultSweeperSettings,
  threads: { interval: 3_600, lifetime: 3_600 },
};

export function createClient(config: Config): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    // Nothing Lectern sends may ping anyone: no @everyone, no roles, no users.
    allowedMentions: { parse: [] },
    makeCache: cacheLimits,
    sweepers,
    ...(config.DISCORD_API_URL ? { rest: { api: config.DISCORD_API_URL } } : {}),
  });
}

/**
 * Logs in and overwrites the command set in one bulk PUT while `context` is still being built (drafting the
 * course's questions takes a moment, as long as logging in), then routes every interaction and wakes the daily
 * drills. An interaction that arrives before the context is ready waits for it, well inside Discord's 3 s.
 */
export async function startClient(
  client: Client,
  config: Config,
  commands: readonly Command[],
  buttonOwners: readonly ButtonOwner[],
  context: Promise<Context>,
  log: Logger,
): Promise<void> {
  const route = context.then((ready) => createRouter(commands, buttonOwners, ready));
  // A context that fails ends start-up below (`await context`); the interactions waiting on it then go unanswered.
  client.on(
    Events.InteractionCreate,
    (interaction) =>
      void route.then(
        (handle) => handle(interaction),
        () => {},
      ),
  );
  client.on(Events.Error, (error) => log.error({ err: error }, 'discord client error'));

  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  await client.login(config.DISCORD_TOKEN);
  const readyClient = await ready;
  // Every shard's process starts here, but one bulk PUT is enough: the one holding shard 0 makes it.
  if (readyClient.shard?.ids.includes(0) ?? true) await syncCommands(readyClient, commands, config.COMMAND_GUILD_ID);
  const serving = await context;
  log.info({ user: readyClient.user.tag, commands: commands.length, invite: inviteUrl(readyClient) }, 'ready');
  await startDailyDrills(readyClient, serving);
  await serving.live.resume([...readyClient.guilds.cache.keys()]);
}

/**
 * All Lectern needs in a class server: to see the class channel and post the daily drill and live quizzes there,
 * as embeds. Replies to commands and clicks need no permission, and no privileged intent is asked for.
 */
export const BOT_PERMISSIONS = [
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.EmbedLinks,
] as const;

/** The link a teacher opens to add the bot to a server, built by discord.js from the bot's own application id. */
function inviteUrl(client: Client<true>): string {
  return client.generateInvite({
    scopes: [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands],
    permissions: [...BOT_PERMISSIONS],
  });
}

/** Deploying a new version needs no extra step: every start replaces the command set with this one. */
async function syncCommands(client: Client<true>, commands: readonly Command[], guildId: string | undefined) {
  const body = commands.map((command) => command.data.toJSON());
  const route = guildId
    ? Routes.applicationGuildCommands(client.application.id, guildId)
    : Routes.applicationCommands(client.application.id);
  await client.rest.put(route, { body });
}
