import type { APIApplicationCommand, APIEmbed, APIMessageTopLevelComponent } from 'discord.js';

/** A parsed JSON object whose values have not been narrowed yet. */
export type JsonObject = Record<string, unknown>;

/** A permission bit set, as a bigint or as Discord's decimal string. */
export type PermissionInput = bigint | string;

/** Anything that names an entity: its id, or an object carrying the id (a user, guild, message…). */
export type Ref = string | { readonly id: string };

export interface EmulatorOptions {
  /** Time the bot has to answer the interaction callback. Discord: 3000 ms. */
  readonly ackWindowMs?: number;
  /** How long an interaction token stays valid for follow-ups and edits. Discord: 15 minutes. */
  readonly tokenLifetimeMs?: number;
  /** How long interaction helpers wait for a connected, identified bot before failing. Default 10 s. */
  readonly sessionWaitMs?: number;
  /** Default timeout of the waiting helpers (reply(), waitFor(), …). Default 10 s. */
  readonly waitTimeoutMs?: number;
  /** Heartbeat interval announced in HELLO. Discord: 41250 ms. */
  readonly heartbeatIntervalMs?: number;
  /** Permissions of the bot's managed role in every guild (default: a typical bot invite). */
  readonly botPermissions?: PermissionInput;
  /** The bot's username. Default "Lectern". */
  readonly botName?: string;
  /**
   * Gateway shards the bot must connect with, returned by GET /gateway/bot. Default 1. IDENTIFY must then carry
   * `shard: [id, shards]`; each session gets the guilds with `(guild_id >> 22) % shards == id` and their events.
   */
  readonly shards?: number;
}

export interface EmulatedUser {
  readonly id: string;
  readonly username: string;
  readonly globalName: string | null;
  readonly bot: boolean;
  /** The Discord client locale sent with this user's interactions, e.g. "en-US". */
  readonly locale: string;
}

export interface EmulatedGuild {
  readonly id: string;
  readonly name: string;
  /** The guild's default text channel. */
  readonly channelId: string;
  readonly ownerId: string;
  /** The @everyone role; its id is the guild id, as on Discord. */
  readonly everyoneRoleId: string;
  /** The bot's managed role. */
  readonly botRoleId: string;
  readonly locale: string;
}

export interface EmulatedChannel {
  readonly id: string;
  readonly guildId: string;
  readonly name: string;
}

export interface EmulatedMember {
  readonly guildId: string;
  readonly userId: string;
  readonly roleIds: readonly string[];
  /** Total guild permissions as Discord computes them (owner and Administrator get everything). */
  readonly permissions: string;
}

export interface ValidationIssue {
  /** Dotted path into the body, e.g. "data.embeds.0.title". Empty for the body itself. */
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

/** Something the bot did that real Discord would refuse (every 4xx answer and gateway protocol error). */
export interface Violation {
  /** HTTP method, or "GATEWAY" for gateway protocol errors. */
  readonly method: string;
  readonly path: string;
  readonly status: number;
  /** Discord's JSON error code (e.g. 50035, 40060, 10062), or the gateway close code. */
  readonly code: number;
  readonly message: string;
  readonly detail: string;
  readonly issues: readonly ValidationIssue[];
  readonly interactionId: string | null;
  readonly at: number;
}

export interface RequestRecord {
  readonly method: string;
  /** Path below the API root, e.g. "/v10/channels/123/messages". */
  readonly path: string;
  readonly query: string;
  readonly status: number;
  readonly at: number;
}

export interface AttachmentRecord {
  readonly id: string;
  readonly filename: string;
  readonly contentType: string;
  readonly description: string | null;
  readonly size: number;
  readonly bytes: Buffer;
  /** The bytes decoded as UTF-8 (handy for CSV/text exports). */
  readonly text: string;
}

/** A file a user attaches to a slash command's ATTACHMENT option (see uploadAttachment). */
export interface AttachmentUpload {
  readonly filename: string;
  /** The file's content; a string is encoded as UTF-8. */
  readonly bytes: Uint8Array | string;
  /** Default: from the extension (.csv: text/csv; .tsv, .txt: text/plain; else application/octet-stream). */
  readonly contentType?: string;
}

/** An uploaded file. Pass its `id` as the value of an ATTACHMENT (type 11) option. */
export interface EmulatedAttachment {
  readonly id: string;
  readonly filename: string;
  readonly size: number;
  readonly contentType: string;
  /** Signed CDN URL (`?ex=&is=&hm=`) on the emulator's port, outside /api: the bot downloads the bytes from it. */
  readonly url: string;
}

/** One request to the emulator's CDN (uploaded files and files the bot attached to its messages). */
export interface AttachmentDownload {
  readonly method: string;
  /** URL path, without the signature query. */
  readonly path: string;
  /** The attachment the path names, whether or not it was served. */
  readonly attachmentId: string | null;
  /** 200, or 404 for an unknown file or a missing, tampered or expired signature (recorded as a violation). */
  readonly status: number;
  /** Body bytes sent (0 for HEAD and refusals). */
  readonly bytes: number;
  readonly at: number;
}

/** The allowed_mentions of one payload. `present: false` means Discord's default: everything may ping. */
export interface MentionPolicy {
  readonly present: boolean;
  readonly parse: readonly string[] | null;
  readonly users: readonly string[] | null;
  readonly roles: readonly string[] | null;
  readonly repliedUser: boolean | null;
}

/** Who a payload's content would actually notify under its allowed_mentions. */
export interface Pings {
  readonly users: readonly string[];
  readonly roles: readonly string[];
  readonly everyone: boolean;
}

export type MessageSource = 'interaction-response' | 'follow-up' | 'channel';

/** A message the bot created (snapshot). */
export interface BotMessage {
  readonly id: string;
  readonly channelId: string;
  readonly guildId: string | null;
  readonly source: MessageSource;
  /** The interaction this message answers, if any. */
  readonly interactionId: string | null;
  readonly content: string;
  readonly embeds: readonly APIEmbed[];
  readonly components: readonly APIMessageTopLevelComponent[];
  readonly flags: number;
  readonly ephemeral: boolean;
  /** A deferred reply still showing "<bot> is thinking…". */
  readonly loading: boolean;
  readonly tts: boolean;
  readonly attachments: readonly AttachmentRecord[];
  /** The allowed_mentions of the latest payload that set this message's content. */
  readonly allowedMentions: MentionPolicy;
  readonly createdAt: number;
  readonly editedAt: number | null;
  readonly deleted: boolean;
}

/** Every message payload the bot sent (creations and edits), for mention audits. */
export interface OutgoingPayload {
  readonly method: string;
  readonly path: string;
  readonly messageId: string | null;
  readonly content: string | null;
  readonly allowedMentions: MentionPolicy;
  /** Whether the policy lets any mention through (absent allowed_mentions, parse entries, users/roles lists). */
  readonly canPing: boolean;
  readonly pings: Pings;
  readonly at: number;
}

export interface CallbackRecord {
  readonly type: number;
  readonly data: JsonObject | null;
  readonly at: number;
  /** Milliseconds between dispatching INTERACTION_CREATE and receiving the callback. */
  readonly latencyMs: number;
}

export type RegisteredCommand = APIApplicationCommand;

export interface CommandRegistration {
  readonly scope: 'global' | 'guild';
  readonly guildId: string | null;
  readonly commands: readonly RegisteredCommand[];
  readonly at: number;
}

export type GatewayEventType = 'connect' | 'identify' | 'resume' | 'ready' | 'disconnect';

export interface GatewayEventRecord {
  readonly type: GatewayEventType;
  readonly sessionId: string | null;
  /** The shard id of the session (null for a connection not yet identified). */
  readonly shard: number | null;
  readonly at: number;
  /** IDENTIFY only: the intents the bot asked for. */
  readonly intents: number | null;
  /** disconnect only: the WebSocket close code. */
  readonly closeCode: number | null;
}

export interface CommandOptionInput {
  readonly name: string;
  /** Optional: taken from the registered command when omitted (must match it when given). */
  readonly type?: number;
  readonly value?: string | number | boolean;
  /** Sub-command (group) options. */
  readonly options?: readonly CommandOptionInput[];
}

export interface CommandInput {
  readonly user: Ref;
  readonly guild: Ref;
  readonly name: string;
  readonly options?: readonly CommandOptionInput[];
  /** Defaults to the guild's default channel. */
  readonly channel?: Ref;
}

export interface AutocompleteInput extends CommandInput {
  /** Name of the option being typed (nested inside a sub-command when that is in `options`). */
  readonly focused: string;
  /** What the user has typed so far. */
  readonly value: string;
}

export interface ComponentInput {
  readonly user: Ref;
  readonly guild: Ref;
  /** The bot message carrying the component (a BotMessage or its id). */
  readonly message: Ref;
  readonly customId: string;
}

export interface SelectInput extends ComponentInput {
  readonly values: readonly string[];
}

export interface ModalInput {
  readonly user: Ref;
  readonly guild: Ref;
  /** The interaction the bot answered by opening the modal (callback type 9). */
  readonly opener: { readonly id: string };
  /** What the user filled in, by custom_id: a text input's text, or a select's picked values. */
  readonly values: Readonly<Record<string, string | readonly string[]>>;
}

export interface WaitOptions {
  readonly timeoutMs?: number;
}

export interface SinceOptions extends WaitOptions {
  /** Only consider events at or after this time (Date.now() value). Default 0: any past event counts. */
  readonly since?: number;
}
