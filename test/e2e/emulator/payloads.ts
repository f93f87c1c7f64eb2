// Discord JSON objects built from the emulator's state. Typed with discord-api-types (re-exported by discord.js),
// the same shapes discord.js consumes, so a missing field is a compile error here rather than a crash in the bot.
import {
  ChannelType,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  InteractionType,
  Locale,
  type APIAttachment,
  type APIGuildMember,
  type APIInteractionGuildMember,
  type APIMessage,
  type APIMessageInteractionMetadata,
  type APIRole,
  type APITextChannel,
  type APIUser,
  type ChannelFlags,
  type GatewayGuildCreateDispatchData,
  type GuildMemberFlags,
  type RoleFlags,
  type UserFlags,
} from 'discord.js';
import type {
  ChannelRecord,
  EmulatorState,
  GuildRecord,
  InteractionMetadata,
  MessageRecord,
  RoleRecord,
  UploadRecord,
} from './state.js';
import type { AttachmentRecord, EmulatedUser } from './types.js';

// Flag enums have no member for "no bits set"; an empty bit field is still what Discord sends.
const NO_USER_FLAGS = 0 as UserFlags;
const NO_ROLE_FLAGS = 0 as RoleFlags;
const NO_CHANNEL_FLAGS = 0 as ChannelFlags;
const NO_MEMBER_FLAGS = 0 as GuildMemberFlags;

const LOCALES = new Set<string>(Object.values(Locale));

export function isLocale(value: string): value is Locale {
  return LOCALES.has(value);
}

export function toLocale(value: string): Locale {
  if (!isLocale(value)) throw new Error(`"${value}" is not a Discord locale (e.g. "en-US", "pt-BR")`);
  return value;
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

export function userPayload(user: EmulatedUser): APIUser {
  return {
    id: user.id,
    username: user.username,
    discriminator: '0',
    global_name: user.globalName,
    avatar: null,
    ...(user.bot ? { bot: true } : {}),
    public_flags: NO_USER_FLAGS,
    flags: NO_USER_FLAGS,
    banner: null,
    accent_color: null,
    avatar_decoration_data: null,
    collectibles: null,
    primary_guild: null,
  };
}

export function rolePayload(role: RoleRecord): APIRole {
  return {
    id: role.id,
    name: role.name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position: role.position,
    permissions: role.permissions.toString(),
    managed: role.botId !== null,
    mentionable: false,
    flags: NO_ROLE_FLAGS,
    ...(role.botId === null ? {} : { tags: { bot_id: role.botId } }),
  };
}

export function channelPayload(channel: ChannelRecord): APITextChannel {
  return {
    id: channel.id,
    type: ChannelType.GuildText,
    guild_id: channel.guildId,
    name: channel.name,
    position: channel.position,
    permission_overwrites: [],
    nsfw: false,
    parent_id: null,
    topic: null,
    last_message_id: channel.lastMessageId,
    last_pin_timestamp: null,
    rate_limit_per_user: 0,
    default_auto_archive_duration: 4320,
    default_thread_rate_limit_per_user: 0,
    flags: NO_CHANNEL_FLAGS,
  };
}

/** A guild member without its user object (as in MESSAGE_CREATE and resolved interaction data). */
export function partialMemberPayload(
  state: EmulatorState,
  guild: GuildRecord,
  userId: string,
): Omit<APIGuildMember, 'user'> {
  const member = state.member(guild, userId);
  return {
    nick: member.nick,
    avatar: null,
    banner: null,
    roles: [...member.roleIds],
    joined_at: isoTime(member.joinedAt),
    premium_since: null,
    deaf: false,
    mute: false,
    flags: NO_MEMBER_FLAGS,
    pending: false,
    communication_disabled_until: null,
  };
}

export function memberPayload(state: EmulatorState, guild: GuildRecord, userId: string): APIGuildMember {
  return { user: userPayload(state.user(userId)), ...partialMemberPayload(state, guild, userId) };
}

export function interactionMemberPayload(
  state: EmulatorState,
  guild: GuildRecord,
  userId: string,
): APIInteractionGuildMember {
  return {
    ...memberPayload(state, guild, userId),
    user: userPayload(state.user(userId)),
    permissions: state.permissionsOf(guild, userId).toString(),
  };
}

/**
 * GUILD_CREATE. Like Discord, the member list holds the bot itself; other members are only included when the
 * session asked for the privileged GUILD_MEMBERS intent (Discord sends them for small guilds in that case).
 */
export function guildCreatePayload(
  state: EmulatorState,
  guild: GuildRecord,
  includeAllMembers: boolean,
): GatewayGuildCreateDispatchData {
  const memberIds = includeAllMembers ? [...guild.members.keys()] : [state.botUser.id];
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    widget_channel_id: null,
    verification_level: GuildVerificationLevel.None,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.Disabled,
    roles: guild.roleIds.flatMap((roleId) => {
      const role = state.roles.get(roleId);
      return role ? [rolePayload(role)] : [];
    }),
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: guild.channelId,
    system_channel_flags: GuildSystemChannelFlags.SuppressJoinNotificationReplies,
    rules_channel_id: null,
    max_presences: null,
    max_members: 25_000_000,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: GuildPremiumTier.None,
    premium_subscription_count: 0,
    preferred_locale: toLocale(guild.locale),
    public_updates_channel_id: null,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    nsfw_level: GuildNSFWLevel.Default,
    premium_progress_bar_enabled: false,
    hub_type: null,
    safety_alerts_channel_id: null,
    incidents_data: null,
    joined_at: isoTime(state.member(guild, state.botUser.id).joinedAt),
    large: false,
    unavailable: false,
    member_count: guild.members.size,
    voice_states: [],
    members: memberIds.map((userId) => memberPayload(state, guild, userId)),
    channels: guild.channelIds.flatMap((channelId) => {
      const channel = state.channels.get(channelId);
      return channel ? [channelPayload(channel)] : [];
    }),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export function attachmentPayload(attachment: AttachmentRecord, baseUrl: string, channelId: string): APIAttachment {
  const url = `${baseUrl}/attachments/${channelId}/${attachment.id}/${encodeURIComponent(attachment.filename)}`;
  return {
    id: attachment.id,
    filename: attachment.filename,
    size: attachment.size,
    url,
    proxy_url: url,
    content_type: attachment.contentType,
    ...(attachment.description === null ? {} : { description: attachment.description }),
  };
}

/**
 * A file the user attached to an ATTACHMENT option, as in the interaction's `data.resolved.attachments`: Discord
 * marks these ephemeral (they are not on any message) and serves them at a signed URL.
 */
export function uploadPayload(upload: UploadRecord): APIAttachment {
  return {
    id: upload.id,
    filename: upload.filename,
    size: upload.size,
    url: upload.url,
    proxy_url: upload.url,
    content_type: upload.contentType,
    ephemeral: true,
  };
}

function metadataPayload(state: EmulatorState, metadata: InteractionMetadata, guildId: string | null) {
  const base = {
    id: metadata.interactionId,
    user: userPayload(state.user(metadata.userId)),
    authorizing_integration_owners: guildId === null ? {} : { '0': guildId },
  };
  const result: APIMessageInteractionMetadata =
    metadata.interactedMessageId === null
      ? { ...base, type: InteractionType.ApplicationCommand }
      : { ...base, type: InteractionType.MessageComponent, interacted_message_id: metadata.interactedMessageId };
  return result;
}

/** A message as the REST API returns it. Mentions are left empty: the emulator does not notify anyone. */
export function messagePayload(state: EmulatorState, message: MessageRecord, baseUrl: string): APIMessage {
  const author = userPayload(state.botUser);
  return {
    id: message.id,
    channel_id: message.channelId,
    type: message.type,
    author,
    content: message.content,
    timestamp: isoTime(message.createdAt),
    edited_timestamp: message.editedAt === null ? null : isoTime(message.editedAt),
    tts: message.tts,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: message.attachments.map((attachment) => attachmentPayload(attachment, baseUrl, message.channelId)),
    embeds: structuredClone(message.embeds),
    components: structuredClone(message.components),
    pinned: false,
    flags: message.flags,
    ...(message.source === 'channel'
      ? {}
      : {
          webhook_id: state.applicationId,
          application_id: state.applicationId,
          ...(message.metadata
            ? { interaction_metadata: metadataPayload(state, message.metadata, message.guildId) }
            : {}),
        }),
  };
}
