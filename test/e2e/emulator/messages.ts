// Turning validated message bodies into stored messages, and auditing who they could ping.
import type { APIEmbed, APIMessageTopLevelComponent } from 'discord.js';
import type { UploadedFile } from './http.js';
import type { EmulatorState, MessageInit, MessageRecord } from './state.js';
import type { AttachmentRecord, JsonObject, MentionPolicy, Pings } from './types.js';
import { isJsonObject } from './validation.js';

export const MessageFlag = {
  SuppressEmbeds: 1 << 2,
  Ephemeral: 1 << 6,
  Loading: 1 << 7,
} as const;

const strings = (value: unknown): string[] | null =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : null;

export function mentionPolicy(body: JsonObject): MentionPolicy {
  const allowed = body['allowed_mentions'];
  if (!isJsonObject(allowed)) return { present: false, parse: null, users: null, roles: null, repliedUser: null };
  const repliedUser = allowed['replied_user'];
  return {
    present: true,
    parse: strings(allowed['parse']),
    users: strings(allowed['users']),
    roles: strings(allowed['roles']),
    repliedUser: typeof repliedUser === 'boolean' ? repliedUser : null,
  };
}

/** Whether the policy lets any mention through (Discord's default, without allowed_mentions, pings everything). */
export function canPing(policy: MentionPolicy): boolean {
  if (!policy.present) return true;
  return (policy.parse ?? []).length > 0 || (policy.users ?? []).length > 0 || (policy.roles ?? []).length > 0;
}

/** Who the content actually notifies under the policy (parse semantics from "Allowed Mentions Object"). */
export function pingsOf(content: string, policy: MentionPolicy): Pings {
  const parses = (type: string): boolean => !policy.present || (policy.parse ?? []).includes(type);
  const userIds = [...content.matchAll(/<@!?(\d+)>/g)].flatMap((match) => (match[1] === undefined ? [] : [match[1]]));
  const roleIds = [...content.matchAll(/<@&(\d+)>/g)].flatMap((match) => (match[1] === undefined ? [] : [match[1]]));
  return {
    users: [...new Set(userIds.filter((id) => parses('users') || (policy.users ?? []).includes(id)))],
    roles: [...new Set(roleIds.filter((id) => parses('roles') || (policy.roles ?? []).includes(id)))],
    everyone: /@(everyone|here)\b/.test(content) && parses('everyone'),
  };
}

export function recordOutgoing(
  state: EmulatorState,
  method: string,
  path: string,
  message: MessageRecord | null,
  body: JsonObject,
): void {
  const content = typeof body['content'] === 'string' ? body['content'] : null;
  const policy = mentionPolicy(body);
  state.outgoing.push({
    method,
    path,
    messageId: message?.id ?? null,
    content,
    allowedMentions: policy,
    canPing: canPing(policy),
    pings: pingsOf(content ?? '', policy),
    at: Date.now(),
  });
}

/** Discord refuses (50006) messages with nothing to show. */
export function isEmptyMessage(body: JsonObject, files: readonly UploadedFile[]): boolean {
  const nonEmptyArray = (key: string): boolean => {
    const value = body[key];
    return Array.isArray(value) && value.length > 0;
  };
  const content = body['content'];
  return (
    !(typeof content === 'string' && content.trim().length > 0) &&
    !nonEmptyArray('embeds') &&
    !nonEmptyArray('components') &&
    !nonEmptyArray('sticker_ids') &&
    !isJsonObject(body['poll']) &&
    files.length === 0
  );
}

function uploadedAttachments(
  state: EmulatorState,
  body: JsonObject,
  files: readonly UploadedFile[],
): AttachmentRecord[] {
  const described = Array.isArray(body['attachments']) ? body['attachments'] : [];
  return files.map((file) => {
    const entry: unknown = described.find((item: unknown) => isJsonObject(item) && item['id'] === String(file.index));
    const description = isJsonObject(entry) && typeof entry['description'] === 'string' ? entry['description'] : null;
    const filename = isJsonObject(entry) && typeof entry['filename'] === 'string' ? entry['filename'] : file.filename;
    return {
      id: state.ids.next(),
      filename,
      contentType: file.contentType,
      description,
      size: file.bytes.length,
      bytes: file.bytes,
      text: file.bytes.toString('utf8'),
    };
  });
}

// The casts below are safe: bodies reach this module only after validation against the spec schemas.
const embedsOf = (value: unknown): APIEmbed[] => (Array.isArray(value) ? (value as APIEmbed[]) : []);
const componentsOf = (value: unknown): APIMessageTopLevelComponent[] =>
  Array.isArray(value) ? (value as APIMessageTopLevelComponent[]) : [];

export function createMessage(
  state: EmulatorState,
  init: MessageInit,
  body: JsonObject,
  files: readonly UploadedFile[],
  extraFlags = 0,
): MessageRecord {
  const now = Date.now();
  const flags = typeof body['flags'] === 'number' ? body['flags'] : 0;
  const message: MessageRecord = {
    ...init,
    id: state.ids.next(now),
    content: typeof body['content'] === 'string' ? body['content'] : '',
    embeds: embedsOf(body['embeds']),
    components: componentsOf(body['components']),
    flags: flags | extraFlags,
    loading: (extraFlags & MessageFlag.Loading) !== 0,
    tts: body['tts'] === true,
    attachments: uploadedAttachments(state, body, files),
    allowedMentions: mentionPolicy(body),
    createdAt: now,
    editedAt: null,
    deleted: false,
  };
  state.messages.set(message.id, message);
  const channel = state.channels.get(message.channelId);
  if (channel) channel.lastMessageId = message.id;
  state.changes.notify();
  return message;
}

/**
 * Applies an edit (or the content that replaces a deferred "thinking…" message). Absent fields stay as they are,
 * null clears them. The ephemeral bit is fixed at creation, as on Discord.
 */
export function editMessage(
  state: EmulatorState,
  message: MessageRecord,
  body: JsonObject,
  files: readonly UploadedFile[],
): void {
  if ('content' in body) {
    message.content = typeof body['content'] === 'string' ? body['content'] : '';
    message.allowedMentions = mentionPolicy(body);
  }
  if ('embeds' in body) message.embeds = embedsOf(body['embeds']);
  if ('components' in body) message.components = componentsOf(body['components']);
  if (typeof body['flags'] === 'number') {
    message.flags = (body['flags'] & ~MessageFlag.Ephemeral) | (message.flags & MessageFlag.Ephemeral);
  }
  // With `attachments` present, only the listed existing attachments survive (Discord's edit semantics).
  const listed: unknown = body['attachments'];
  const kept = Array.isArray(listed)
    ? message.attachments.filter((attachment) =>
        listed.some((item: unknown) => isJsonObject(item) && item['id'] === attachment.id),
      )
    : message.attachments;
  message.attachments = [...kept, ...uploadedAttachments(state, body, files)];
  if (message.loading) {
    message.loading = false;
    message.flags &= ~MessageFlag.Loading;
  } else {
    message.editedAt = Date.now();
  }
  state.changes.notify();
}
