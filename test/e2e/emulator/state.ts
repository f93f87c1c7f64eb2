import type { APIEmbed, APIMessageTopLevelComponent } from 'discord.js';
import { ChangeFeed } from './changes.js';
import { shardOf, SnowflakeFactory } from './ids.js';
import { DEFAULT_EVERYONE_PERMISSIONS, memberPermissions } from './permissions.js';
import type {
  AttachmentDownload,
  AttachmentRecord,
  BotMessage,
  CallbackRecord,
  CommandRegistration,
  EmulatedChannel,
  EmulatedGuild,
  EmulatedMember,
  EmulatedUser,
  GatewayEventRecord,
  JsonObject,
  MentionPolicy,
  MessageSource,
  OutgoingPayload,
  Ref,
  RegisteredCommand,
  RequestRecord,
  Violation,
} from './types.js';

export interface RoleRecord {
  readonly id: string;
  readonly guildId: string;
  readonly name: string;
  readonly permissions: bigint;
  readonly position: number;
  /** Managed roles belong to an integration (the bot's own role). */
  readonly botId: string | null;
}

export interface MemberRecord {
  readonly guildId: string;
  readonly userId: string;
  readonly roleIds: string[];
  readonly joinedAt: number;
  /** The member's nickname in this server, which Discord shows instead of their own name. */
  readonly nick: string | null;
}

export interface GuildRecord extends EmulatedGuild {
  readonly createdAt: number;
  readonly channelIds: string[];
  readonly roleIds: string[];
  readonly members: Map<string, MemberRecord>;
}

export interface ChannelRecord extends EmulatedChannel {
  readonly position: number;
  lastMessageId: string | null;
}

export interface InteractionMetadata {
  readonly interactionId: string;
  readonly userId: string;
  /** Set for component interactions: the message whose component was used. */
  readonly interactedMessageId: string | null;
}

/** Where a message comes from and what kind it is: all that is fixed when the bot creates it. */
export interface MessageInit {
  readonly channelId: string;
  readonly guildId: string | null;
  readonly source: MessageSource;
  readonly interactionId: string | null;
  /** Discord message type: 0 default, 19 reply, 20 chat input command. */
  readonly type: number;
  readonly metadata: InteractionMetadata | null;
}

/** A message the bot created; mutated in place by edits. Tests only ever see snapshots (toBotMessage). */
export interface MessageRecord extends MessageInit {
  readonly id: string;
  content: string;
  embeds: APIEmbed[];
  components: APIMessageTopLevelComponent[];
  flags: number;
  loading: boolean;
  tts: boolean;
  attachments: AttachmentRecord[];
  allowedMentions: MentionPolicy;
  readonly createdAt: number;
  editedAt: number | null;
  deleted: boolean;
}

/** A file a user uploaded for an ATTACHMENT option, served by the CDN at `url` until `expiresAt`. */
export interface UploadRecord extends AttachmentRecord {
  readonly url: string;
  readonly expiresAt: number;
}

export interface InteractionRecord {
  readonly id: string;
  readonly token: string;
  readonly type: number;
  readonly guildId: string;
  readonly channelId: string;
  readonly userId: string;
  readonly commandName: string | null;
  readonly customId: string | null;
  /** The INTERACTION_CREATE data as dispatched. */
  readonly payload: JsonObject;
  /** For component interactions: the message the component is on. */
  readonly sourceMessage: MessageRecord | null;
  readonly createdAt: number;
  dispatchedAt: number | null;
  callback: CallbackRecord | null;
  /** The message `@original` refers to, once there is one. */
  original: MessageRecord | null;
  readonly followUps: MessageRecord[];
  readonly violations: Violation[];
}

const MESSAGE_FLAG_EPHEMERAL = 1 << 6;

export function toBotMessage(record: MessageRecord): BotMessage {
  return {
    id: record.id,
    channelId: record.channelId,
    guildId: record.guildId,
    source: record.source,
    interactionId: record.interactionId,
    content: record.content,
    embeds: structuredClone(record.embeds),
    components: structuredClone(record.components),
    flags: record.flags,
    ephemeral: (record.flags & MESSAGE_FLAG_EPHEMERAL) !== 0,
    loading: record.loading,
    tts: record.tts,
    attachments: [...record.attachments],
    allowedMentions: record.allowedMentions,
    createdAt: record.createdAt,
    editedAt: record.editedAt,
    deleted: record.deleted,
  };
}

export function refId(ref: Ref): string {
  return typeof ref === 'string' ? ref : ref.id;
}

/** Everything the emulated Discord knows. Plain data plus lookups; no I/O. */
export class EmulatorState {
  readonly ids = new SnowflakeFactory();
  readonly changes = new ChangeFeed();

  readonly users = new Map<string, EmulatedUser>();
  readonly guilds = new Map<string, GuildRecord>();
  readonly channels = new Map<string, ChannelRecord>();
  readonly roles = new Map<string, RoleRecord>();
  readonly messages = new Map<string, MessageRecord>();
  readonly interactions = new Map<string, InteractionRecord>();
  readonly interactionsByToken = new Map<string, InteractionRecord>();
  readonly uploads = new Map<string, UploadRecord>();

  globalCommands: RegisteredCommand[] = [];
  readonly guildCommands = new Map<string, RegisteredCommand[]>();
  readonly commandRegistrations: CommandRegistration[] = [];
  /** `guildId:commandName:userId` of users an admin let run a command whatever its default permissions. */
  readonly commandOverrides = new Set<string>();

  readonly violations: Violation[] = [];
  readonly requests: RequestRecord[] = [];
  readonly outgoing: OutgoingPayload[] = [];
  readonly gatewayEvents: GatewayEventRecord[] = [];
  readonly attachmentDownloads: AttachmentDownload[] = [];
  bodiesChecked = 0;

  readonly botUser: EmulatedUser;
  /** Like every application created since 2020, the application id equals the bot user's id. */
  readonly applicationId: string;

  constructor(
    botName: string,
    readonly botPermissions: bigint,
    /** How many gateway shards the bot must connect with (what GET /gateway/bot recommends). */
    readonly shardCount: number,
  ) {
    this.botUser = this.createUser(botName, null, 'en-US', true);
    this.applicationId = this.botUser.id;
  }

  user(ref: Ref): EmulatedUser {
    const user = this.users.get(refId(ref));
    if (!user) throw new Error(`Unknown user ${refId(ref)}: create it with createUser() first`);
    return user;
  }

  guild(ref: Ref): GuildRecord {
    const guild = this.guilds.get(refId(ref));
    if (!guild) throw new Error(`Unknown guild ${refId(ref)}: create it with createGuild() first`);
    return guild;
  }

  channel(ref: Ref): ChannelRecord {
    const channel = this.channels.get(refId(ref));
    if (!channel) throw new Error(`Unknown channel ${refId(ref)}`);
    return channel;
  }

  member(guild: GuildRecord, userId: string): MemberRecord {
    const member = guild.members.get(userId);
    if (!member) throw new Error(`User ${userId} is not a member of guild ${guild.id}: call addMember() first`);
    return member;
  }

  createUser(username: string, globalName: string | null, locale: string, bot = false): EmulatedUser {
    const user: EmulatedUser = { id: this.ids.next(), username, globalName, bot, locale };
    this.users.set(user.id, user);
    return user;
  }

  /** The shard whose session receives this guild's events (shard 0 for DMs, `null`). */
  shardOf(guildId: string | null): number {
    return shardOf(guildId, this.shardCount);
  }

  /**
   * Creates a guild with @everyone, the bot's managed role, a default text channel, its owner and the bot. Its id puts
   * it on `shard` when one is given, else wherever the clock puts it.
   */
  createGuild(name: string, owner: EmulatedUser, channelName: string, locale: string, shard?: number): GuildRecord {
    if (shard !== undefined && !(Number.isInteger(shard) && shard >= 0 && shard < this.shardCount)) {
      throw new Error(`No shard ${shard}: the emulator runs ${this.shardCount} (ids 0–${this.shardCount - 1})`);
    }
    const id = shard === undefined ? this.ids.next() : this.ids.nextOnShard(shard, this.shardCount);
    const botRoleId = this.ids.next();
    const guild: GuildRecord = {
      id,
      name,
      ownerId: owner.id,
      everyoneRoleId: id,
      botRoleId,
      channelId: this.ids.next(),
      locale,
      createdAt: Date.now(),
      channelIds: [],
      roleIds: [id, botRoleId],
      members: new Map(),
    };
    this.guilds.set(id, guild);
    this.roles.set(id, {
      id,
      guildId: id,
      name: '@everyone',
      permissions: DEFAULT_EVERYONE_PERMISSIONS,
      position: 0,
      botId: null,
    });
    this.roles.set(botRoleId, {
      id: botRoleId,
      guildId: id,
      name: this.botUser.username,
      permissions: this.botPermissions,
      position: 1,
      botId: this.botUser.id,
    });
    this.#addChannel(guild, guild.channelId, channelName);
    this.addMember(guild, owner.id, []);
    this.addMember(guild, this.botUser.id, [botRoleId]);
    return guild;
  }

  createChannel(guild: GuildRecord, name: string): ChannelRecord {
    const channel = this.#addChannel(guild, this.ids.next(), name);
    this.changes.notify();
    return channel;
  }

  #addChannel(guild: GuildRecord, id: string, name: string): ChannelRecord {
    const channel: ChannelRecord = {
      id,
      guildId: guild.id,
      name,
      position: guild.channelIds.length,
      lastMessageId: null,
    };
    guild.channelIds.push(id);
    this.channels.set(id, channel);
    return channel;
  }

  /** The role granting exactly `permissions`, created on first use ("Permissions 32" …). */
  roleForPermissions(guild: GuildRecord, permissions: bigint): { role: RoleRecord; created: boolean } {
    for (const roleId of guild.roleIds) {
      const role = this.roles.get(roleId);
      if (role && role.botId === null && role.id !== guild.id && role.permissions === permissions) {
        return { role, created: false };
      }
    }
    const role: RoleRecord = {
      id: this.ids.next(),
      guildId: guild.id,
      name: `Permissions ${permissions.toString()}`,
      permissions,
      position: guild.roleIds.length,
      botId: null,
    };
    guild.roleIds.push(role.id);
    this.roles.set(role.id, role);
    return { role, created: true };
  }

  addMember(guild: GuildRecord, userId: string, roleIds: string[], nick?: string): MemberRecord {
    const existing = guild.members.get(userId);
    const member: MemberRecord = {
      guildId: guild.id,
      userId,
      roleIds: [...new Set([...(existing?.roleIds ?? []), ...roleIds])],
      joinedAt: existing?.joinedAt ?? Date.now(),
      nick: nick ?? existing?.nick ?? null,
    };
    guild.members.set(userId, member);
    this.changes.notify();
    return member;
  }

  permissionsOf(guild: GuildRecord, userId: string): bigint {
    const member = this.member(guild, userId);
    const rolePermissions = [guild.id, ...member.roleIds].map((roleId) => this.roles.get(roleId)?.permissions ?? 0n);
    return memberPermissions(guild.ownerId === userId, rolePermissions);
  }

  describeMember(guild: GuildRecord, userId: string): EmulatedMember {
    const member = this.member(guild, userId);
    return {
      guildId: guild.id,
      userId,
      roleIds: [...member.roleIds],
      permissions: this.permissionsOf(guild, userId).toString(),
    };
  }

  /** Registered commands visible in a guild: the guild's own first, then global ones. */
  commandsFor(guildId: string | null): RegisteredCommand[] {
    const guildScoped = guildId === null ? [] : (this.guildCommands.get(guildId) ?? []);
    return [...guildScoped, ...this.globalCommands];
  }

  recordViolation(violation: Omit<Violation, 'at'>): Violation {
    const recorded: Violation = { ...violation, at: Date.now() };
    this.violations.push(recorded);
    if (recorded.interactionId !== null) this.interactions.get(recorded.interactionId)?.violations.push(recorded);
    this.changes.notify();
    return recorded;
  }
}
