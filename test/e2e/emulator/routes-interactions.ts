// Interaction callbacks and the interaction webhook (follow-ups, @original edits), with Discord's timing rules.
import type { Core } from './core.js';
import { DiscordError, invalidFormBody, type UploadedFile } from './http.js';
import { createMessage, editMessage, isEmptyMessage, MessageFlag, recordOutgoing } from './messages.js';
import { announceMessage, validatedMessageBody } from './routes-messages.js';
import { ok, param, type RestContext, type RestReply, type Route } from './server.js';
import type { InteractionRecord, MessageInit, MessageRecord } from './state.js';
import type { JsonObject } from './types.js';
import { checkBody, isJsonObject } from './validation.js';
import { messagePayload } from './payloads.js';

const InteractionType = { ApplicationCommand: 2, MessageComponent: 3, Autocomplete: 4, ModalSubmit: 5 } as const;

const Callback = {
  ChannelMessage: 4,
  DeferredChannelMessage: 5,
  DeferredUpdateMessage: 6,
  UpdateMessage: 7,
  AutocompleteResult: 8,
  Modal: 9,
  LaunchActivity: 12,
} as const;

/** Callback types Discord accepts for each interaction type ("Interaction Callback Type" notes). */
const ALLOWED_CALLBACKS: Record<number, readonly number[]> = {
  [InteractionType.ApplicationCommand]: [4, 5, 9, 12],
  [InteractionType.MessageComponent]: [4, 5, 6, 7, 9, 12],
  [InteractionType.Autocomplete]: [8],
  [InteractionType.ModalSubmit]: [4, 5, 6, 7],
};

const MESSAGE_TYPE_DEFAULT = 0;
const MESSAGE_TYPE_CHAT_INPUT_COMMAND = 20;

function replyInit(interaction: InteractionRecord, source: MessageInit['source']): MessageInit {
  return {
    channelId: interaction.channelId,
    guildId: interaction.guildId,
    source,
    interactionId: interaction.id,
    type:
      interaction.type === InteractionType.ApplicationCommand ? MESSAGE_TYPE_CHAT_INPUT_COMMAND : MESSAGE_TYPE_DEFAULT,
    metadata: {
      interactionId: interaction.id,
      userId: interaction.userId,
      interactedMessageId: interaction.sourceMessage?.id ?? null,
    },
  };
}

function callback(core: Core, context: RestContext): RestReply {
  const { state } = core;
  const interaction = state.interactions.get(param(context, 'id'));
  if (!interaction || interaction.token !== param(context, 'token')) {
    throw new DiscordError(404, 10062, 'Unknown interaction', 'no interaction with this id and token');
  }
  state.bodiesChecked += 1;
  const check = checkBody('interaction-callback', context.body.json);
  if (check.issues.length > 0) throw invalidFormBody(check.issues, check.schemaName, interaction.id);
  const body: unknown = context.body.json;
  const type = isJsonObject(body) && typeof body['type'] === 'number' ? body['type'] : 0;
  const data: JsonObject | null = isJsonObject(body) && isJsonObject(body['data']) ? body['data'] : null;
  const files = context.body.files;

  const latencyMs = assertCallbackAccepted(core, interaction, type, check.schemaName);
  if (type === Callback.ChannelMessage && isEmptyMessage(data ?? {}, files)) {
    const detail = 'type 4 callback without content';
    throw new DiscordError(400, 50006, 'Cannot send an empty message', detail, [], interaction.id);
  }
  interaction.callback = { type, data, at: Date.now(), latencyMs };
  applyCallback(core, interaction, type, data ?? {}, files);
  if (data && (type === Callback.ChannelMessage || type === Callback.UpdateMessage)) {
    recordOutgoing(state, context.method, context.path, interaction.original, data);
  }
  state.changes.notify();
  if (context.query.get('with_response') !== 'true') return ok();
  return ok(callbackResponse(core, interaction, type));
}

/** Discord's acknowledgement rules: once, in time, with a type that fits the interaction. Returns the latency. */
function assertCallbackAccepted(core: Core, interaction: InteractionRecord, type: number, schemaName: string): number {
  if (interaction.callback) {
    const detail = `second callback (type ${type}); the interaction was already answered with type ${interaction.callback.type}`;
    throw new DiscordError(400, 40060, 'Interaction has already been acknowledged.', detail, [], interaction.id);
  }
  const latencyMs = Date.now() - (interaction.dispatchedAt ?? interaction.createdAt);
  if (latencyMs > core.config.ackWindowMs) {
    const detail = `callback ${latencyMs} ms after dispatch; Discord allows ${core.config.ackWindowMs} ms`;
    throw new DiscordError(404, 10062, 'Unknown interaction', detail, [], interaction.id);
  }
  const updatesSource = type === Callback.UpdateMessage || type === Callback.DeferredUpdateMessage;
  if (!(ALLOWED_CALLBACKS[interaction.type] ?? []).includes(type) || (updatesSource && !interaction.sourceMessage)) {
    const message = `Callback type ${type} is not valid for interaction type ${interaction.type}`;
    const issue = { path: 'type', code: 'INTERACTION_CALLBACK_TYPE_INVALID', message };
    throw invalidFormBody([issue], schemaName, interaction.id);
  }
  return latencyMs;
}

/** What the user sees after the callback: a new reply, a "thinking…" placeholder, or the updated message. */
function applyCallback(
  core: Core,
  interaction: InteractionRecord,
  type: number,
  data: JsonObject,
  files: readonly UploadedFile[],
): void {
  const { state } = core;
  if (type === Callback.ChannelMessage) {
    interaction.original = createMessage(state, replyInit(interaction, 'interaction-response'), data, files);
    announceMessage(core, interaction.original, 'MESSAGE_CREATE');
  } else if (type === Callback.DeferredChannelMessage) {
    const ephemeral = typeof data['flags'] === 'number' ? data['flags'] & MessageFlag.Ephemeral : 0;
    const init = replyInit(interaction, 'interaction-response');
    interaction.original = createMessage(state, init, { flags: ephemeral }, [], MessageFlag.Loading);
    announceMessage(core, interaction.original, 'MESSAGE_CREATE');
  } else if (
    (type === Callback.UpdateMessage || type === Callback.DeferredUpdateMessage) &&
    interaction.sourceMessage
  ) {
    interaction.original = interaction.sourceMessage;
    if (type === Callback.UpdateMessage) {
      editMessage(state, interaction.sourceMessage, data, files);
      announceMessage(core, interaction.sourceMessage, 'MESSAGE_UPDATE');
    }
  }
}

/** The InteractionCallbackResponse returned with ?with_response=true. */
function callbackResponse(core: Core, interaction: InteractionRecord, type: number): JsonObject {
  const message = interaction.original;
  const hasMessage = message !== null && type !== Callback.AutocompleteResult && type !== Callback.Modal;
  return {
    interaction: {
      id: interaction.id,
      type: interaction.type,
      ...(hasMessage
        ? {
            response_message_id: message.id,
            response_message_loading: message.loading,
            response_message_ephemeral: (message.flags & MessageFlag.Ephemeral) !== 0,
          }
        : {}),
      channel_id: interaction.channelId,
      guild_id: interaction.guildId,
    },
    ...(hasMessage && (type === Callback.ChannelMessage || type === Callback.UpdateMessage)
      ? { resource: { type, message: messagePayload(core.state, message, core.origin) } }
      : {}),
  };
}

/** The interaction behind /webhooks/{application.id}/{interaction.token}, usable only after the callback. */
function webhookInteraction(core: Core, context: RestContext): InteractionRecord {
  const interaction = core.state.interactionsByToken.get(param(context, 'token'));
  if (param(context, 'app') !== core.state.applicationId || !interaction) {
    throw new DiscordError(404, 10015, 'Unknown Webhook', 'no interaction with this application id and token');
  }
  if (!interaction.callback) {
    const detail = 'interaction webhook used before the interaction callback (reply/defer first)';
    throw new DiscordError(404, 10015, 'Unknown Webhook', detail, [], interaction.id);
  }
  const age = Date.now() - (interaction.dispatchedAt ?? interaction.createdAt);
  if (age > core.config.tokenLifetimeMs) {
    const detail = `interaction token used ${age} ms after the interaction; tokens last ${core.config.tokenLifetimeMs} ms`;
    throw new DiscordError(401, 50027, 'Invalid Webhook Token', detail, [], interaction.id);
  }
  return interaction;
}

/** `@original`, one of the interaction's follow-ups, or another visible message of the app in the channel. */
function webhookMessage(core: Core, interaction: InteractionRecord, messageId: string): MessageRecord {
  const message =
    messageId === '@original'
      ? interaction.original
      : ([interaction.original, ...interaction.followUps].find((candidate) => candidate?.id === messageId) ??
        appMessageInChannel(core, interaction.channelId, messageId));
  if (!message || message.deleted) {
    const detail =
      messageId === '@original'
        ? 'the interaction has no original response message'
        : `message ${messageId} is not this webhook's`;
    throw new DiscordError(404, 10008, 'Unknown Message', detail, [], interaction.id);
  }
  return message;
}

function appMessageInChannel(core: Core, channelId: string, messageId: string): MessageRecord | null {
  const message = core.state.messages.get(messageId);
  const visible = message && message.source !== 'channel' && (message.flags & MessageFlag.Ephemeral) === 0;
  return visible && message.channelId === channelId ? message : null;
}

function executeWebhook(core: Core, context: RestContext): RestReply {
  const interaction = webhookInteraction(core, context);
  const body = validatedMessageBody(core, 'webhook-execute', context, interaction.id);
  const files = context.body.files;
  if (isEmptyMessage(body, files)) {
    throw new DiscordError(400, 50006, 'Cannot send an empty message', 'follow-up without content', [], interaction.id);
  }
  const deferred = interaction.original;
  let message: MessageRecord;
  if (deferred?.loading) {
    // After a deferred reply, the first follow-up replaces the "thinking…" message (keeping its ephemerality).
    editMessage(core.state, deferred, body, files);
    message = deferred;
    announceMessage(core, message, 'MESSAGE_UPDATE');
  } else {
    message = createMessage(core.state, replyInit(interaction, 'follow-up'), body, files);
    interaction.followUps.push(message);
    announceMessage(core, message, 'MESSAGE_CREATE');
  }
  recordOutgoing(core.state, context.method, context.path, message, body);
  core.state.changes.notify();
  return context.query.get('wait') === 'true' ? ok(messagePayload(core.state, message, core.origin)) : ok();
}

function getWebhookMessage(core: Core, context: RestContext, messageId: string): RestReply {
  const interaction = webhookInteraction(core, context);
  return ok(messagePayload(core.state, webhookMessage(core, interaction, messageId), core.origin));
}

function editWebhookMessage(core: Core, context: RestContext, messageId: string): RestReply {
  const interaction = webhookInteraction(core, context);
  const body = validatedMessageBody(core, 'webhook-edit', context, interaction.id);
  const message = webhookMessage(core, interaction, messageId);
  editMessage(core.state, message, body, context.body.files);
  recordOutgoing(core.state, context.method, context.path, message, body);
  announceMessage(core, message, 'MESSAGE_UPDATE');
  return ok(messagePayload(core.state, message, core.origin));
}

function deleteWebhookMessage(core: Core, context: RestContext, messageId: string): RestReply {
  const interaction = webhookInteraction(core, context);
  const message = webhookMessage(core, interaction, messageId);
  message.deleted = true;
  announceMessage(core, message, 'MESSAGE_DELETE');
  core.state.changes.notify();
  return ok();
}

export function interactionRoutes(core: Core): Route[] {
  const original = '/webhooks/:app/:token/messages/@original';
  const byId = '/webhooks/:app/:token/messages/:message';
  const messageId = (context: RestContext) => param(context, 'message');
  return [
    { method: 'POST', pattern: '/interactions/:id/:token/callback', auth: false, handle: (c) => callback(core, c) },
    { method: 'POST', pattern: '/webhooks/:app/:token', auth: false, handle: (c) => executeWebhook(core, c) },
    { method: 'GET', pattern: original, auth: false, handle: (c) => getWebhookMessage(core, c, '@original') },
    { method: 'PATCH', pattern: original, auth: false, handle: (c) => editWebhookMessage(core, c, '@original') },
    { method: 'DELETE', pattern: original, auth: false, handle: (c) => deleteWebhookMessage(core, c, '@original') },
    { method: 'GET', pattern: byId, auth: false, handle: (c) => getWebhookMessage(core, c, messageId(c)) },
    { method: 'PATCH', pattern: byId, auth: false, handle: (c) => editWebhookMessage(core, c, messageId(c)) },
    { method: 'DELETE', pattern: byId, auth: false, handle: (c) => deleteWebhookMessage(core, c, messageId(c)) },
  ];
}
