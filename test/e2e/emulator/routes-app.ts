// Login-time and application routes: gateway discovery, the bot user, the application, command registration.
import type { APIApplication, ApplicationFlags, RESTGetAPIGatewayBotResult } from 'discord.js';
import { registerCommands } from './commands.js';
import type { Core } from './core.js';
import { DiscordError, invalidFormBody } from './http.js';
import { channelPayload, userPayload } from './payloads.js';
import { ok, param, type RestContext, type Route } from './server.js';
import { checkBody, isJsonObject } from './validation.js';

const SESSION_START_TOTAL = 1000;

function knownApplication(core: Core, context: RestContext): void {
  if (param(context, 'app') !== core.state.applicationId) {
    throw new DiscordError(
      404,
      10002,
      'Unknown Application',
      `application id ${param(context, 'app')} is not the bot's`,
    );
  }
}

function botGuild(core: Core, context: RestContext): string {
  const guildId = param(context, 'guild');
  const guild = core.state.guilds.get(guildId);
  if (!guild?.members.has(core.state.botUser.id)) {
    throw new DiscordError(403, 50001, 'Missing Access', `the bot is not in guild ${guildId}`);
  }
  return guildId;
}

function putCommands(core: Core, context: RestContext, guildId: string | null) {
  knownApplication(core, context);
  core.state.bodiesChecked += 1;
  const check = checkBody('bulk-commands', context.body.json);
  if (check.issues.length > 0) throw invalidFormBody(check.issues, check.schemaName, null);
  const body: unknown = context.body.json;
  const commands = Array.isArray(body) ? body.filter(isJsonObject) : [];
  return ok(registerCommands(core.state, guildId, commands).commands);
}

/** GET /applications/@me. The spec's PrivateApplicationResponse has fields discord-api-types lacks. */
type PrivateApplication = APIApplication & { type: null; explicit_content_filter: 0; eligible_oauth2_scopes: string[] };

function application(core: Core): PrivateApplication {
  const bot = userPayload(core.state.botUser);
  return {
    id: core.state.applicationId,
    name: core.state.botUser.username,
    icon: null,
    description: '',
    type: null,
    bot_public: false,
    bot_require_code_grant: false,
    bot,
    owner: { ...bot, id: core.state.applicationId, username: 'lectern-owner', global_name: null, bot: false },
    summary: '',
    verify_key: 'b'.repeat(64),
    team: null,
    flags: 0 as ApplicationFlags,
    flags_new: '0',
    approximate_guild_count: core.state.guilds.size,
    approximate_user_install_count: 0,
    approximate_user_authorization_count: 0,
    redirect_uris: [],
    interactions_endpoint_url: null,
    role_connections_verification_url: null,
    explicit_content_filter: 0,
    eligible_oauth2_scopes: ['bot', 'applications.commands'],
  };
}

export function appRoutes(core: Core): Route[] {
  const gatewayUrl = core.origin.replace(/^http/, 'ws');
  return [
    {
      method: 'GET',
      pattern: '/gateway',
      auth: false,
      handle: () => ok({ url: gatewayUrl }),
    },
    {
      method: 'GET',
      pattern: '/gateway/bot',
      auth: true,
      handle: () => {
        const identifies = core.state.gatewayEvents.filter((event) => event.type === 'identify').length;
        const result: RESTGetAPIGatewayBotResult = {
          url: gatewayUrl,
          shards: core.state.shardCount,
          session_start_limit: {
            total: SESSION_START_TOTAL,
            remaining: Math.max(0, SESSION_START_TOTAL - identifies),
            reset_after: 86_400_000,
            max_concurrency: 1,
          },
        };
        return ok(result);
      },
    },
    {
      method: 'GET',
      pattern: '/users/@me',
      auth: true,
      handle: () =>
        ok({ ...userPayload(core.state.botUser), mfa_enabled: false, locale: 'en-US', verified: true, email: null }),
    },
    { method: 'GET', pattern: '/applications/@me', auth: true, handle: () => ok(application(core)) },
    { method: 'GET', pattern: '/oauth2/applications/@me', auth: true, handle: () => ok(application(core)) },
    {
      method: 'GET',
      pattern: '/applications/:app/commands',
      auth: true,
      handle: (context) => {
        knownApplication(core, context);
        return ok(core.state.globalCommands);
      },
    },
    {
      method: 'PUT',
      pattern: '/applications/:app/commands',
      auth: true,
      handle: (context) => putCommands(core, context, null),
    },
    {
      method: 'GET',
      pattern: '/applications/:app/guilds/:guild/commands',
      auth: true,
      handle: (context) => {
        knownApplication(core, context);
        return ok(core.state.guildCommands.get(botGuild(core, context)) ?? []);
      },
    },
    {
      method: 'PUT',
      pattern: '/applications/:app/guilds/:guild/commands',
      auth: true,
      handle: (context) => putCommands(core, context, botGuild(core, context)),
    },
    {
      method: 'GET',
      pattern: '/channels/:channel',
      auth: true,
      handle: (context) => {
        const channel = core.state.channels.get(param(context, 'channel'));
        if (!channel) throw new DiscordError(404, 10003, 'Unknown Channel');
        return ok(channelPayload(channel));
      },
    },
  ];
}
