// A local Discord for end-to-end tests: REST + JSON gateway on 127.0.0.1 that the real discord.js logs in to
// (`rest: { api: emulator.apiUrl }`), enforcing Discord's request schemas and interaction rules.
import { createServer, type Server } from 'node:http';
import { ComponentType } from 'discord.js';
import { storeUpload } from './cdn.js';
import type { Core, EmulatorConfig } from './core.js';
import { Gateway, Intent } from './gateway.js';
import { botToken } from './ids.js';
import { InteractionHandle } from './interaction-handle.js';
import {
  assertCanUse,
  ATTACHMENT_SIZE_LIMIT,
  commandData,
  componentOn,
  dispatchInteraction,
  findCommand,
  InteractionKind,
  OptionBuilder,
  resolveTarget,
} from './interactions.js';
import { MessageFlag } from './messages.js';
import { modalSubmitData } from './modals.js';
import { channelPayload, guildCreatePayload, memberPayload, rolePayload, toLocale } from './payloads.js';
import { DEFAULT_BOT_PERMISSIONS, toPermissionBits } from './permissions.js';
import { routesFor } from './routes.js';
import { deleteMessage } from './routes-messages.js';
import { API_PREFIX, createRequestHandler } from './server.js';
import { EmulatorState, refId, toBotMessage, type GuildRecord } from './state.js';
import type {
  AttachmentDownload,
  AttachmentUpload,
  AutocompleteInput,
  BotMessage,
  CommandInput,
  CommandRegistration,
  ComponentInput,
  EmulatedAttachment,
  EmulatedChannel,
  EmulatedGuild,
  EmulatedMember,
  EmulatedUser,
  EmulatorOptions,
  GatewayEventRecord,
  GatewayEventType,
  JsonObject,
  ModalInput,
  OutgoingPayload,
  PermissionInput,
  Ref,
  RegisteredCommand,
  RequestRecord,
  SelectInput,
  SinceOptions,
  Violation,
  WaitOptions,
} from './types.js';

export { InteractionHandle, type ReplyWaitOptions } from './interaction-handle.js';
export type * from './types.js';

export interface AutocompleteChoice {
  readonly name: string;
  readonly value: string | number;
}

export class DiscordEmulator {
  /** Give this to discord.js as `rest: { api }`; it appends `/v10/...`. */
  readonly apiUrl: string;
  readonly gatewayUrl: string;
  readonly token: string;
  readonly applicationId: string;
  readonly botUser: EmulatedUser;

  readonly #core: Core;
  readonly #server: Server;
  /** Openers whose modal the user submitted: the client closes a modal once it is sent. */
  readonly #submittedModals = new Set<string>();

  private constructor(core: Core, server: Server) {
    this.#core = core;
    this.#server = server;
    this.apiUrl = `${core.origin}${API_PREFIX.replace(/\/v10$/, '')}`;
    this.gatewayUrl = core.origin.replace(/^http/, 'ws');
    this.token = core.config.token;
    this.applicationId = core.state.applicationId;
    this.botUser = core.state.botUser;
  }

  static async start(options: EmulatorOptions = {}): Promise<DiscordEmulator> {
    const shards = options.shards ?? 1;
    if (!Number.isInteger(shards) || shards < 1) throw new Error(`shards must be a whole number ≥ 1, not ${shards}`);
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('The emulator did not get a TCP port');
    const origin = `http://127.0.0.1:${address.port}`;

    const state = new EmulatorState(
      options.botName ?? 'Lectern',
      toPermissionBits(options.botPermissions ?? DEFAULT_BOT_PERMISSIONS),
      shards,
    );
    const config: EmulatorConfig = {
      token: botToken(state.botUser.id),
      ackWindowMs: options.ackWindowMs ?? 3000,
      tokenLifetimeMs: options.tokenLifetimeMs ?? 15 * 60 * 1000,
      sessionWaitMs: options.sessionWaitMs ?? 10_000,
      waitTimeoutMs: options.waitTimeoutMs ?? 10_000,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
    };
    const gateway = new Gateway(state, {
      token: config.token,
      heartbeatIntervalMs: config.heartbeatIntervalMs,
      sessionWaitMs: config.sessionWaitMs,
      url: origin.replace(/^http/, 'ws'),
    });
    const core: Core = { state, config, gateway, origin };
    server.on('request', createRequestHandler(core, routesFor(core)));
    server.on('upgrade', (request, socket, head) => gateway.handleUpgrade(request, socket, head));
    return new DiscordEmulator(core, server);
  }

  // ── World building ─────────────────────────────────────────────────────────────────────────────────────────

  createUser(input: { username: string; globalName?: string; locale?: string }): EmulatedUser {
    return this.#core.state.createUser(input.username, input.globalName ?? null, toLocale(input.locale ?? 'en-US'));
  }

  /**
   * Creates a guild (with a default text channel, an owner and the bot) and announces it with GUILD_CREATE to its
   * shard's session. `shard` picks the shard it lands on (its id's timestamp is chosen so); by default, any.
   */
  createGuild(input: {
    name: string;
    owner?: Ref;
    channelName?: string;
    locale?: string;
    shard?: number;
  }): EmulatedGuild {
    const { state } = this.#core;
    const owner = input.owner === undefined ? this.createUser({ username: 'server-owner' }) : state.user(input.owner);
    const guild = state.createGuild(
      input.name,
      owner,
      input.channelName ?? 'general',
      toLocale(input.locale ?? 'en-US'),
      input.shard,
    );
    return this.#announceGuild(guild);
  }

  /**
   * `count` servers at once, for tests and benchmarks at scale: each with its own owner and `members` more members
   * (new users), and one GUILD_CREATE each, without a GUILD_MEMBER_ADD per member, as when the bot connects to
   * servers that already exist. Named `${namePrefix} 1`, `${namePrefix} 2`, …; `shard` puts them all on one shard.
   */
  createGuilds(input: { count: number; members: number; namePrefix?: string; shard?: number }): EmulatedGuild[] {
    const { state } = this.#core;
    const prefix = input.namePrefix ?? 'Server';
    return Array.from({ length: input.count }, (_, index) => {
      const number = index + 1;
      const owner = state.createUser(`owner-${number}`, null, 'en-US');
      const guild = state.createGuild(`${prefix} ${number}`, owner, 'general', 'en-US', input.shard);
      for (let member = 1; member <= input.members; member++) {
        state.addMember(guild, state.createUser(`member-${number}-${member}`, null, 'en-US').id, []);
      }
      return this.#announceGuild(guild);
    });
  }

  #announceGuild(guild: GuildRecord): EmulatedGuild {
    const { state, gateway } = this.#core;
    gateway.broadcast(
      'GUILD_CREATE',
      (session) => guildCreatePayload(state, guild, session.has(Intent.GuildMembers)),
      Intent.Guilds,
      guild.id,
    );
    const { id, name, channelId, ownerId, everyoneRoleId, botRoleId, locale } = guild;
    return { id, name, channelId, ownerId, everyoneRoleId, botRoleId, locale };
  }

  createChannel(guild: Ref, input: { name: string }): EmulatedChannel {
    const { state, gateway } = this.#core;
    const channel = state.createChannel(state.guild(guild), input.name);
    gateway.broadcast('CHANNEL_CREATE', () => channelPayload(channel), Intent.Guilds, channel.guildId);
    return { id: channel.id, guildId: channel.guildId, name: channel.name };
  }

  /**
   * Adds a user to a guild, or updates a member. `permissions` (e.g. ManageGuild for a teacher) is granted through a
   * role, so both the interaction's member.permissions and discord.js's role-based GuildMember#permissions agree;
   * `nick` is their nickname in the server.
   */
  addMember(guildRef: Ref, userRef: Ref, input: { permissions?: PermissionInput; nick?: string } = {}): EmulatedMember {
    const { state, gateway } = this.#core;
    const guild = state.guild(guildRef);
    const user = state.user(userRef);
    const existed = guild.members.has(user.id);
    const roleIds: string[] = [];
    if (input.permissions !== undefined) {
      const { role, created } = state.roleForPermissions(guild, toPermissionBits(input.permissions));
      if (created)
        gateway.broadcast(
          'GUILD_ROLE_CREATE',
          () => ({ guild_id: guild.id, role: rolePayload(role) }),
          Intent.Guilds,
          guild.id,
        );
      roleIds.push(role.id);
    }
    state.addMember(guild, user.id, roleIds, input.nick);
    gateway.broadcast(
      existed ? 'GUILD_MEMBER_UPDATE' : 'GUILD_MEMBER_ADD',
      () => ({ ...memberPayload(state, guild, user.id), guild_id: guild.id }),
      Intent.GuildMembers,
      guild.id,
    );
    return state.describeMember(guild, user.id);
  }

  // ── Acting as users ────────────────────────────────────────────────────────────────────────────────────────

  /**
   * A file a user picks for an ATTACHMENT option: pass its `id` as the option's value. The interaction then carries
   * it in `data.resolved.attachments` and the bot can download it from `url`. Like the Discord client, this refuses
   * files over the upload limit (attachmentSizeLimit): such a file never reaches a bot.
   */
  uploadAttachment(input: AttachmentUpload): EmulatedAttachment {
    const { id, filename, size, contentType, url } = storeUpload(this.#core, input);
    return { id, filename, size, contentType, url };
  }

  /**
   * A server admin changing a role's permissions (e.g. taking Send Messages from @everyone). The REST
   * routes check the new permissions at once; no gateway event is sent.
   */
  setRolePermissions(roleId: string, permissions: PermissionInput): void {
    const role = this.#core.state.roles.get(roleId);
    if (!role) throw new Error(`No role ${roleId}`);
    this.#core.state.roles.set(roleId, { ...role, permissions: toPermissionBits(permissions) });
  }

  /**
   * An admin's per-command override (Server Settings → Integrations): lets `user` run `commandName`
   * in `guild` whatever its default_member_permissions. The bot must still check who is asking.
   */
  allowCommand(guild: Ref, commandName: string, user: Ref): void {
    this.#core.state.commandOverrides.add(`${refId(guild)}:${commandName}:${refId(user)}`);
  }

  /** A moderator deleting a message the bot posted in a channel; the bot's later edits of it get 404 (10008). */
  deleteMessage(messageRef: Ref): void {
    const message = this.#core.state.messages.get(refId(messageRef));
    if (!message || message.deleted) throw new Error(`No bot message ${refId(messageRef)} to delete`);
    if ((message.flags & MessageFlag.Ephemeral) !== 0)
      throw new Error('Nobody but its reader can dismiss an ephemeral reply');
    deleteMessage(this.#core, message);
  }

  /** Runs a registered slash command as `user` would (waits for a connected bot; see sessionWaitMs). */
  async runCommand(input: CommandInput): Promise<InteractionHandle> {
    const core = this.#core;
    const target = resolveTarget(core, input);
    const command = findCommand(core, target.guild, input.name);
    assertCanUse(core, target, command);
    const builder = new OptionBuilder(core, target, null);
    const options = builder.build(command.options ?? [], input.options ?? [], command.name);
    const record = await dispatchInteraction(core, target, {
      type: InteractionKind.ApplicationCommand,
      data: commandData(command, builder, options),
      commandName: command.name,
      customId: null,
      sourceMessage: null,
    });
    return new InteractionHandle(core, record);
  }

  /** Types `value` into the `focused` option and resolves with the choices the bot offers. */
  async autocomplete(input: AutocompleteInput & WaitOptions): Promise<AutocompleteChoice[]> {
    const core = this.#core;
    const target = resolveTarget(core, input);
    const command = findCommand(core, target.guild, input.name);
    assertCanUse(core, target, command);
    const builder = new OptionBuilder(core, target, { name: input.focused, value: input.value });
    const options = builder.build(command.options ?? [], input.options ?? [], command.name);
    if (!builder.focusedFound) throw new Error(`/${command.name} has no option "${input.focused}" at that level`);
    const record = await dispatchInteraction(core, target, {
      type: InteractionKind.Autocomplete,
      data: { id: command.id, name: command.name, type: command.type, options },
      commandName: command.name,
      customId: null,
      sourceMessage: null,
    });
    const callback = await new InteractionHandle(core, record).acknowledged(input);
    const choices = callback.data?.['choices'];
    if (callback.type !== 8 || !Array.isArray(choices)) {
      throw new Error(`Autocomplete for /${command.name} was answered with callback type ${callback.type}`);
    }
    return choices.flatMap((choice: unknown) => {
      if (typeof choice !== 'object' || choice === null || !('name' in choice) || !('value' in choice)) return [];
      const { name, value } = choice;
      return typeof name === 'string' && (typeof value === 'string' || typeof value === 'number')
        ? [{ name, value }]
        : [];
    });
  }

  /** Clicks a button on a message the bot sent. The payload carries that message, as Discord's does. */
  async clickButton(input: ComponentInput): Promise<InteractionHandle> {
    return this.#useComponent(input, ComponentType.Button, null);
  }

  /** Picks `values` in a string select menu on a message the bot sent. */
  async selectMenu(input: SelectInput): Promise<InteractionHandle> {
    return this.#useComponent(input, ComponentType.StringSelect, input.values);
  }

  /**
   * A button click the Discord client would never send: a replay of an old click, a made-up or tampered
   * custom_id, or a click on a message the user cannot see. Such interactions do reach bots (modified
   * clients, replayed payloads), so the bot must treat the custom_id as untrusted.
   */
  async forgeButtonClick(input: ComponentInput): Promise<InteractionHandle> {
    const core = this.#core;
    const message = core.state.messages.get(refId(input.message));
    if (!message) throw new Error(`Message ${refId(input.message)} was not sent by the bot`);
    const target = resolveTarget(core, { user: input.user, guild: input.guild, channel: message.channelId });
    const record = await dispatchInteraction(core, target, {
      type: InteractionKind.MessageComponent,
      data: { custom_id: input.customId, component_type: ComponentType.Button },
      commandName: null,
      customId: input.customId,
      sourceMessage: message,
    });
    return new InteractionHandle(core, record);
  }

  async #useComponent(
    input: ComponentInput,
    kind: ComponentType.Button | ComponentType.StringSelect,
    values: readonly string[] | null,
  ): Promise<InteractionHandle> {
    const core = this.#core;
    const message = this.#core.state.messages.get(refId(input.message));
    if (!message) throw new Error(`Message ${refId(input.message)} was not sent by the bot`);
    const target = resolveTarget(core, { user: input.user, guild: input.guild, channel: message.channelId });
    const { component } = componentOn(core, target, message, input.customId, kind);
    if (values !== null && component.type === ComponentType.StringSelect) {
      const offered = component.options.map((option) => option.value);
      const unknown = values.filter((value) => !offered.includes(value));
      if (unknown.length > 0) throw new Error(`Select "${input.customId}" offers no option ${unknown.join(', ')}`);
      const [min, max] = [component.min_values ?? 1, component.max_values ?? 1];
      if (values.length < min || values.length > max)
        throw new Error(`Select "${input.customId}" takes ${min}–${max} values`);
    }
    const record = await dispatchInteraction(core, target, {
      type: InteractionKind.MessageComponent,
      data: { custom_id: input.customId, component_type: kind, ...(values === null ? {} : { values: [...values] }) },
      commandName: null,
      customId: input.customId,
      sourceMessage: message,
    });
    return new InteractionHandle(core, record);
  }

  /** The modal the bot opened in answer to `opener` (its type 9 callback's data), once it has. */
  async modalOpenedBy(opener: InteractionHandle, options: WaitOptions = {}): Promise<JsonObject> {
    const callback = await opener.acknowledged(options);
    if (callback.type !== 9 || !callback.data) {
      throw new Error(`Interaction ${opener.id} was answered with callback type ${callback.type}, not a modal`);
    }
    return callback.data;
  }

  /**
   * Fills in and submits the modal the bot opened in answer to `opener`, as the Discord client does: once (the
   * modal closes), with what the client lets through (required fields filled, lengths and options respected).
   */
  async submitModal(input: ModalInput): Promise<InteractionHandle> {
    if (this.#submittedModals.has(input.opener.id)) {
      throw new Error(`The modal opened by interaction ${input.opener.id} was already submitted and closed`);
    }
    const handle = await this.#submitModal(input, true);
    this.#submittedModals.add(input.opener.id);
    return handle;
  }

  /**
   * A modal submit the Discord client would never send: a replay of one already sent, or values past the
   * modal's limits (empty required fields, text over its max length), as a modified client can send them.
   */
  forgeModalSubmit(input: ModalInput): Promise<InteractionHandle> {
    return this.#submitModal(input, false);
  }

  async #submitModal(input: ModalInput, checked: boolean): Promise<InteractionHandle> {
    const core = this.#core;
    const opener = core.state.interactions.get(input.opener.id);
    const modal = opener?.callback?.type === 9 ? opener.callback.data : null;
    if (!opener || !modal) throw new Error(`Interaction ${input.opener.id} opened no modal`);
    const target = resolveTarget(core, { user: input.user, guild: input.guild, channel: opener.channelId });
    if (checked && opener.userId !== target.user.id) throw new Error(`The modal was opened for another user`);
    const data = modalSubmitData(modal, input.values, checked);
    const record = await dispatchInteraction(core, target, {
      type: InteractionKind.ModalSubmit,
      data,
      commandName: null,
      customId: typeof data['custom_id'] === 'string' ? data['custom_id'] : null,
      // A modal opened from a message component is submitted with that message, which the bot may then update.
      sourceMessage: opener.sourceMessage,
    });
    return new InteractionHandle(core, record);
  }

  // ── Waiting ────────────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Resolves with the first gateway event of this type at or after `since` (default: any, so a past IDENTIFY
   * counts), of the session on `shard` if given. After restarting the bot, pass `since: Date.now()` taken before the
   * restart.
   */
  waitFor(type: GatewayEventType, options: SinceOptions & { shard?: number } = {}): Promise<GatewayEventRecord> {
    const since = options.since ?? 0;
    return this.#core.state.changes.until(
      () =>
        this.#core.state.gatewayEvents.find(
          (event) =>
            event.type === type && event.at >= since && (options.shard === undefined || event.shard === options.shard),
        ),
      options.timeoutMs ?? this.#core.config.waitTimeoutMs,
      () => `gateway event "${type}"${options.shard === undefined ? '' : ` on shard ${options.shard}`}`,
    );
  }

  /** Resolves with the first bulk command registration (PUT) at or after `since` (default: any). */
  waitForCommands(options: SinceOptions & { scope?: 'global' | 'guild' } = {}): Promise<CommandRegistration> {
    const since = options.since ?? 0;
    return this.#core.state.changes.until(
      () =>
        this.#core.state.commandRegistrations.find(
          (registration) =>
            registration.at >= since && (options.scope === undefined || registration.scope === options.scope),
        ),
      options.timeoutMs ?? this.#core.config.waitTimeoutMs,
      () => `a bulk command registration${options.scope ? ` (${options.scope})` : ''}`,
    );
  }

  // ── Inspecting ─────────────────────────────────────────────────────────────────────────────────────────────

  /** Commands a user of `guild` can see: the guild's own, then global ones. Without a guild: global only. */
  commands(guild?: Ref): RegisteredCommand[] {
    return this.#core.state.commandsFor(guild === undefined ? null : refId(guild));
  }

  /**
   * Messages the bot posted in a channel through POST /channels/{id}/messages (not deleted), oldest first.
   * With `includeInteractionMessages`, non-ephemeral interaction replies and follow-ups too.
   */
  channelMessages(channel: Ref, options: { includeInteractionMessages?: boolean } = {}): BotMessage[] {
    const channelId = refId(channel);
    return [...this.#core.state.messages.values()]
      .filter((message) => message.channelId === channelId && !message.deleted)
      .filter(
        (message) =>
          message.source === 'channel' ||
          (options.includeInteractionMessages === true && (message.flags & MessageFlag.Ephemeral) === 0),
      )
      .map(toBotMessage);
  }

  message(id: Ref): BotMessage {
    const message = this.#core.state.messages.get(refId(id));
    if (!message) throw new Error(`No bot message ${refId(id)}`);
    return toBotMessage(message);
  }

  get violations(): readonly Violation[] {
    return [...this.#core.state.violations];
  }

  /** Returns the violations so far and forgets them (for tests that provoke some on purpose). */
  takeViolations(): Violation[] {
    return this.#core.state.violations.splice(0);
  }

  /** Request bodies validated against the spec so far. */
  get bodiesChecked(): number {
    return this.#core.state.bodiesChecked;
  }

  get requests(): readonly RequestRecord[] {
    return [...this.#core.state.requests];
  }

  /** Every message payload the bot sent, with its allowed_mentions. */
  get outgoing(): readonly OutgoingPayload[] {
    return [...this.#core.state.outgoing];
  }

  /** Payloads with content whose allowed_mentions would let a mention ping someone. Expect `[]`. */
  unsafeMentions(): OutgoingPayload[] {
    return this.#core.state.outgoing.filter(
      (payload) => payload.canPing && payload.content !== null && payload.content !== '',
    );
  }

  /** Every request to the CDN (uploaded files, files on bot messages): did the bot download a file, or not? */
  get attachmentDownloads(): readonly AttachmentDownload[] {
    return [...this.#core.state.attachmentDownloads];
  }

  /** The largest file a user can upload, in bytes (what interactions send as attachment_size_limit). */
  get attachmentSizeLimit(): number {
    return ATTACHMENT_SIZE_LIMIT;
  }

  get gatewayEvents(): readonly GatewayEventRecord[] {
    return [...this.#core.state.gatewayEvents];
  }

  /** Bot sessions currently connected and READY. */
  get connectedSessions(): number {
    return this.#core.gateway.activeSessions.length;
  }

  /** The shards that have a session connected and READY, in order, each once. */
  get connectedShards(): number[] {
    return [...new Set(this.#core.gateway.activeSessions.map((session) => session.shard))].sort((a, b) => a - b);
  }

  /** How many shards the bot must connect with (the `shards` option). */
  get shardCount(): number {
    return this.#core.state.shardCount;
  }

  /** The shard whose session receives this guild's events. */
  shardOf(guild: Ref): number {
    return this.#core.state.shardOf(this.#core.state.guild(guild).id);
  }

  // ── Lifecycle ──────────────────────────────────────────────────────────────────────────────────────────────

  /** Drops every gateway connection. Code 4000 (default): discord.js resumes; 1000: it identifies again. */
  disconnectAll(options: { code?: number } = {}): void {
    this.#core.gateway.disconnectAll(options.code);
  }

  async close(): Promise<void> {
    this.#core.state.changes.abortAll('The Discord emulator was closed');
    await this.#core.gateway.close();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

export function startEmulator(options: EmulatorOptions = {}): Promise<DiscordEmulator> {
  return DiscordEmulator.start(options);
}
