// Channel messages the bot posts itself (POST/GET/PATCH/DELETE /channels/{id}/messages...).
import type { Core } from './core.js';
import { Intent } from './gateway.js';
import { DiscordError, invalidFormBody } from './http.js';
import { createMessage, editMessage, isEmptyMessage, MessageFlag, recordOutgoing } from './messages.js';
import { messagePayload, partialMemberPayload } from './payloads.js';
import { Permission } from './permissions.js';
import { ok, param, type RestContext, type RestReply, type Route } from './server.js';
import type { ChannelRecord, MessageRecord } from './state.js';
import type { JsonObject } from './types.js';
import { checkBody, isJsonObject, type BodyKind } from './validation.js';

/** Counts and validates a message body; throws 50035 (recorded) when Discord would refuse it. */
export function validatedMessageBody(
  core: Core,
  kind: BodyKind,
  context: RestContext,
  interactionId: string | null,
): JsonObject {
  core.state.bodiesChecked += 1;
  const body: unknown = context.body.json ?? {};
  const check = checkBody(kind, body);
  if (check.issues.length > 0) throw invalidFormBody(check.issues, check.schemaName, interactionId);
  if (!isJsonObject(body))
    throw invalidFormBody(
      [{ path: '', code: 'DICT_TYPE_CONVERT', message: 'Only dictionaries may be used in a DictType' }],
      check.schemaName,
      interactionId,
    );
  return body;
}

/**
 * MESSAGE_CREATE/UPDATE/DELETE to the message's shard's sessions with the GUILD_MESSAGES intent. Ephemeral messages
 * are not broadcast.
 */
export function announceMessage(
  core: Core,
  message: MessageRecord,
  event: 'MESSAGE_CREATE' | 'MESSAGE_UPDATE' | 'MESSAGE_DELETE',
): void {
  if ((message.flags & MessageFlag.Ephemeral) !== 0) return;
  const guild = message.guildId === null ? undefined : core.state.guilds.get(message.guildId);
  core.gateway.broadcast(
    event,
    () => {
      if (event === 'MESSAGE_DELETE')
        return { id: message.id, channel_id: message.channelId, guild_id: message.guildId };
      const member = guild ? partialMemberPayload(core.state, guild, core.state.botUser.id) : undefined;
      return { ...messagePayload(core.state, message, core.origin), guild_id: message.guildId, member };
    },
    Intent.GuildMessages,
    message.guildId,
  );
}

/** Gone for every later request (404 Unknown Message, 10008), as on Discord, and announced to the bot. */
export function deleteMessage(core: Core, message: MessageRecord): void {
  message.deleted = true;
  announceMessage(core, message, 'MESSAGE_DELETE');
  core.state.changes.notify();
}

function channelOf(core: Core, context: RestContext): ChannelRecord {
  const channel = core.state.channels.get(param(context, 'channel'));
  if (!channel) throw new DiscordError(404, 10003, 'Unknown Channel', `no channel ${param(context, 'channel')}`);
  return channel;
}

function messageOf(core: Core, context: RestContext, channel: ChannelRecord): MessageRecord {
  const message = core.state.messages.get(param(context, 'message'));
  if (
    !message ||
    message.deleted ||
    message.channelId !== channel.id ||
    (message.flags & MessageFlag.Ephemeral) !== 0
  ) {
    throw new DiscordError(
      404,
      10008,
      'Unknown Message',
      `no message ${param(context, 'message')} in channel ${channel.id}`,
    );
  }
  return message;
}

function requirePermissions(core: Core, channel: ChannelRecord, needed: bigint, what: string): void {
  const guild = core.state.guild(channel.guildId);
  const granted = core.state.permissionsOf(guild, core.state.botUser.id);
  if ((granted & needed) !== needed) {
    throw new DiscordError(403, 50013, 'Missing Permissions', `the bot lacks ${what} in channel ${channel.id}`);
  }
}

function createChannelMessage(core: Core, context: RestContext): RestReply {
  const channel = channelOf(core, context);
  requirePermissions(core, channel, Permission.ViewChannel | Permission.SendMessages, 'View Channel + Send Messages');
  const body = validatedMessageBody(core, 'message-create', context, null);
  const files = context.body.files;
  if (files.length > 0) requirePermissions(core, channel, Permission.AttachFiles, 'Attach Files');
  if (isEmptyMessage(body, files)) throw new DiscordError(400, 50006, 'Cannot send an empty message');
  const init = {
    channelId: channel.id,
    guildId: channel.guildId,
    source: 'channel',
    interactionId: null,
    type: 0,
    metadata: null,
  } as const;
  const message = createMessage(core.state, init, body, files);
  recordOutgoing(core.state, context.method, context.path, message, body);
  announceMessage(core, message, 'MESSAGE_CREATE');
  return ok(messagePayload(core.state, message, core.origin));
}

function editChannelMessage(core: Core, context: RestContext): RestReply {
  const channel = channelOf(core, context);
  const message = messageOf(core, context, channel);
  const body = validatedMessageBody(core, 'message-edit', context, null);
  editMessage(core.state, message, body, context.body.files);
  recordOutgoing(core.state, context.method, context.path, message, body);
  announceMessage(core, message, 'MESSAGE_UPDATE');
  return ok(messagePayload(core.state, message, core.origin));
}

export function messageRoutes(core: Core): Route[] {
  const one = '/channels/:channel/messages/:message';
  return [
    {
      method: 'POST',
      pattern: '/channels/:channel/messages',
      auth: true,
      handle: (c) => createChannelMessage(core, c),
    },
    {
      method: 'GET',
      pattern: one,
      auth: true,
      handle: (c) => ok(messagePayload(core.state, messageOf(core, c, channelOf(core, c)), core.origin)),
    },
    { method: 'PATCH', pattern: one, auth: true, handle: (c) => editChannelMessage(core, c) },
    {
      method: 'DELETE',
      pattern: one,
      auth: true,
      handle: (c) => {
        deleteMessage(core, messageOf(core, c, channelOf(core, c)));
        return ok();
      },
    },
  ];
}
