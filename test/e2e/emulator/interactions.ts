// Building and dispatching INTERACTION_CREATE payloads the way a Discord client would produce them, refusing what a
// real user could not do (unregistered command, missing permissions, unknown option, disabled button…).
import {
  ComponentType,
  InteractionContextType,
  type APIApplicationCommandOption,
  type APIChatInputApplicationCommandGuildInteraction,
  type APIInteractionDataResolved,
  type APIMessageComponent,
} from 'discord.js';
import type { Core } from './core.js';
import { interactionToken } from './ids.js';
import { MessageFlag } from './messages.js';
import {
  channelPayload,
  interactionMemberPayload,
  messagePayload,
  partialMemberPayload,
  rolePayload,
  toLocale,
  uploadPayload,
  userPayload,
} from './payloads.js';
import { ALL_PERMISSIONS } from './permissions.js';
import { refId, type ChannelRecord, type GuildRecord, type InteractionRecord, type MessageRecord } from './state.js';
import type { CommandOptionInput, EmulatedUser, JsonObject, Ref, RegisteredCommand } from './types.js';

export const InteractionKind = { ApplicationCommand: 2, MessageComponent: 3, Autocomplete: 4, ModalSubmit: 5 } as const;

const OptionType = {
  Subcommand: 1,
  SubcommandGroup: 2,
  String: 3,
  Integer: 4,
  Boolean: 5,
  User: 6,
  Channel: 7,
  Role: 8,
  Mentionable: 9,
  Number: 10,
  Attachment: 11,
} as const;

/** Discord's upload limit for unboosted guilds (10 MiB), sent as attachment_size_limit. */
export const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

export interface InteractionTarget {
  readonly user: EmulatedUser;
  readonly guild: GuildRecord;
  readonly channel: ChannelRecord;
}

export function resolveTarget(core: Core, input: { user: Ref; guild: Ref; channel?: Ref }): InteractionTarget {
  const guild = core.state.guild(input.guild);
  const user = core.state.user(input.user);
  core.state.member(guild, user.id);
  const channel = core.state.channel(input.channel ?? guild.channelId);
  if (channel.guildId !== guild.id) throw new Error(`Channel ${channel.id} is not in guild ${guild.id}`);
  return { user, guild, channel };
}

export function findCommand(core: Core, guild: GuildRecord, name: string): RegisteredCommand {
  const commands = core.state.commandsFor(guild.id).filter((command) => command.type === 1);
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    const known =
      commands.map((candidate) => `/${candidate.name}`).join(', ') || 'none: the bot has not registered any';
    throw new Error(`No slash command /${name} is registered for guild ${guild.id} (registered: ${known})`);
  }
  return command;
}

/** Discord only shows a command to members who may use it; refuse what the client would not offer. */
export function assertCanUse(core: Core, target: InteractionTarget, command: RegisteredCommand): void {
  if (command.contexts && !command.contexts.includes(InteractionContextType.Guild)) {
    throw new Error(`/${command.name} is not available in servers (contexts ${JSON.stringify(command.contexts)})`);
  }
  if (command.default_member_permissions === null) return;
  if (core.state.commandOverrides.has(`${target.guild.id}:${command.name}:${target.user.id}`)) return;
  const needed = BigInt(command.default_member_permissions);
  const granted = core.state.permissionsOf(target.guild, target.user.id);
  // "0" disables the command for everyone but administrators.
  const allowed = needed === 0n ? granted === ALL_PERMISSIONS : (granted & needed) === needed;
  if (!allowed) {
    throw new Error(
      `${target.user.username} cannot use /${command.name}: Discord hides it from members without permissions ${needed} (they have ${granted})`,
    );
  }
}

interface DataOption {
  readonly name: string;
  readonly type: number;
  readonly value?: string | number | boolean;
  readonly options?: DataOption[];
  readonly focused?: true;
}

interface Focus {
  readonly name: string;
  readonly value: string;
}

/** Validates the options a user typed against the command's definition, as the Discord client does. */
export class OptionBuilder {
  readonly resolved: Required<
    Pick<APIInteractionDataResolved, 'users' | 'members' | 'roles' | 'channels' | 'attachments'>
  > = {
    users: {},
    members: {},
    roles: {},
    channels: {},
    attachments: {},
  };
  focusedFound = false;

  constructor(
    private readonly core: Core,
    private readonly target: InteractionTarget,
    private readonly focus: Focus | null,
  ) {}

  build(
    definitions: readonly APIApplicationCommandOption[],
    inputs: readonly CommandOptionInput[],
    path: string,
  ): DataOption[] {
    // While autocompleting, the focused option is part of the payload even if nothing else was typed yet.
    const focus = this.focus;
    const addFocused =
      focus !== null &&
      definitions.some((definition) => definition.name === focus.name) &&
      !inputs.some((input) => input.name === focus.name);
    const effective = addFocused ? [...inputs, { name: focus.name }] : inputs;
    const built = effective.map((input) => this.#option(definitions, input, path));
    const hasSubcommand = built.some(
      (option) => option.type === OptionType.Subcommand || option.type === OptionType.SubcommandGroup,
    );
    if (!hasSubcommand && definitions.some((definition) => definition.type <= OptionType.SubcommandGroup)) {
      throw new Error(`/${path} needs a sub-command (${definitions.map((definition) => definition.name).join(', ')})`);
    }
    if (this.focus === null) {
      for (const definition of definitions) {
        const required = 'required' in definition && definition.required === true;
        if (required && !inputs.some((input) => input.name === definition.name)) {
          throw new Error(`/${path}: required option "${definition.name}" is missing`);
        }
      }
    }
    return built;
  }

  #option(definitions: readonly APIApplicationCommandOption[], input: CommandOptionInput, path: string): DataOption {
    const definition = definitions.find((candidate) => candidate.name === input.name);
    if (!definition) {
      const names = definitions.map((candidate) => candidate.name).join(', ') || 'none';
      throw new Error(`/${path} has no option "${input.name}" (options: ${names})`);
    }
    if (input.type !== undefined && input.type !== definition.type) {
      throw new Error(`/${path} option "${input.name}" has type ${definition.type}, not ${input.type}`);
    }
    if (definition.type === OptionType.Subcommand || definition.type === OptionType.SubcommandGroup) {
      const options = this.build(definition.options ?? [], input.options ?? [], `${path} ${definition.name}`);
      return { name: definition.name, type: definition.type, options };
    }
    if (this.focus?.name === definition.name) {
      if (!('autocomplete' in definition) || definition.autocomplete !== true) {
        throw new Error(`/${path} option "${definition.name}" does not have autocomplete enabled`);
      }
      this.focusedFound = true;
      return { name: definition.name, type: definition.type, value: this.focus.value, focused: true };
    }
    if (input.value === undefined) throw new Error(`/${path} option "${input.name}" needs a value`);
    return { name: definition.name, type: definition.type, value: this.#value(definition, input.value, path) };
  }

  #value(
    definition: APIApplicationCommandOption,
    value: string | number | boolean,
    path: string,
  ): string | number | boolean {
    const where = `/${path} option "${definition.name}"`;
    const expect = (ok: boolean, what: string): void => {
      if (!ok) throw new Error(`${where} expects ${what}, got ${JSON.stringify(value)}`);
    };
    switch (definition.type) {
      case OptionType.String:
        expect(typeof value === 'string', 'a string');
        break;
      case OptionType.Integer:
        expect(typeof value === 'number' && Number.isInteger(value), 'an integer');
        break;
      case OptionType.Number:
        expect(typeof value === 'number', 'a number');
        break;
      case OptionType.Boolean:
        expect(typeof value === 'boolean', 'a boolean');
        break;
      case OptionType.User:
      case OptionType.Channel:
      case OptionType.Role:
      case OptionType.Mentionable:
        expect(typeof value === 'string', 'an id');
        this.#resolve(definition.type, String(value), where);
        break;
      case OptionType.Attachment: {
        expect(typeof value === 'string', 'the id of a file from uploadAttachment()');
        const upload = this.core.state.uploads.get(String(value));
        if (!upload) throw new Error(`${where}: no uploaded file ${String(value)}: call uploadAttachment() first`);
        this.resolved.attachments[upload.id] = uploadPayload(upload);
        break;
      }
      default:
        throw new Error(`${where}: option type ${definition.type} is not supported by the emulator`);
    }
    if ('choices' in definition && definition.choices && definition.choices.length > 0) {
      const choices: readonly { value: string | number }[] = definition.choices;
      expect(
        choices.some((choice) => choice.value === value),
        `one of ${choices.map((choice) => JSON.stringify(choice.value)).join(', ')}`,
      );
    }
    if (typeof value === 'number' && 'min_value' in definition && definition.min_value !== undefined) {
      expect(value >= definition.min_value, `at least ${definition.min_value}`);
    }
    if (typeof value === 'number' && 'max_value' in definition && definition.max_value !== undefined) {
      expect(value <= definition.max_value, `at most ${definition.max_value}`);
    }
    if (typeof value === 'string' && 'min_length' in definition && definition.min_length !== undefined) {
      expect(value.length >= definition.min_length, `at least ${definition.min_length} characters`);
    }
    if (typeof value === 'string' && 'max_length' in definition && definition.max_length !== undefined) {
      expect(value.length <= definition.max_length, `at most ${definition.max_length} characters`);
    }
    return value;
  }

  #resolve(type: number, id: string, where: string): void {
    const { state } = this.core;
    const { guild } = this.target;
    const user = state.users.get(id);
    const role = state.roles.get(id);
    const channel = state.channels.get(id);
    if ((type === OptionType.User || type === OptionType.Mentionable) && user) {
      this.resolved.users[id] = userPayload(user);
      if (guild.members.has(id)) {
        const permissions = state.permissionsOf(guild, id).toString();
        this.resolved.members[id] = { ...partialMemberPayload(state, guild, id), permissions };
      }
    } else if ((type === OptionType.Role || type === OptionType.Mentionable) && role?.guildId === guild.id) {
      this.resolved.roles[id] = rolePayload(role);
    } else if (type === OptionType.Channel && channel?.guildId === guild.id) {
      const payload = channelPayload(channel);
      this.resolved.channels[id] = {
        id,
        type: payload.type,
        name: payload.name,
        permissions: state.permissionsOf(guild, this.target.user.id).toString(),
      };
    } else {
      throw new Error(
        `${where}: ${id} is not a ${type === OptionType.Channel ? 'channel' : type === OptionType.Role ? 'role' : 'user'} in guild ${guild.id}`,
      );
    }
  }

  /** Only the resolved maps that have entries, as Discord sends them. */
  resolvedPayload(): APIInteractionDataResolved | undefined {
    const entries = Object.entries(this.resolved).filter(([, map]) => Object.keys(map).length > 0);
    return entries.length > 0 ? Object.fromEntries(entries) : undefined;
  }
}

type GuildInteractionBase = Omit<APIChatInputApplicationCommandGuildInteraction, 'data' | 'type'>;

function baseInteraction(core: Core, target: InteractionTarget, id: string, token: string): GuildInteractionBase {
  const { state } = core;
  const { guild, channel, user } = target;
  return {
    id,
    application_id: state.applicationId,
    token,
    version: 1,
    guild_id: guild.id,
    guild: { id: guild.id, locale: toLocale(guild.locale), features: [] },
    guild_locale: toLocale(guild.locale),
    channel_id: channel.id,
    channel: channelPayload(channel),
    member: interactionMemberPayload(state, guild, user.id),
    app_permissions: state.permissionsOf(guild, state.botUser.id).toString(),
    locale: toLocale(user.locale),
    entitlements: [],
    authorizing_integration_owners: { '0': guild.id },
    context: InteractionContextType.Guild,
    attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
  };
}

export interface NewInteraction {
  readonly type: number;
  readonly data: JsonObject;
  readonly commandName: string | null;
  readonly customId: string | null;
  readonly sourceMessage: MessageRecord | null;
}

/** Creates the interaction, dispatches INTERACTION_CREATE (waiting for a connected bot) and returns its record. */
export async function dispatchInteraction(
  core: Core,
  target: InteractionTarget,
  spec: NewInteraction,
): Promise<InteractionRecord> {
  const { state } = core;
  const id = state.ids.next();
  const token = interactionToken();
  const payload: JsonObject = {
    ...baseInteraction(core, target, id, token),
    type: spec.type,
    data: spec.data,
    ...(spec.sourceMessage ? { message: messagePayload(state, spec.sourceMessage, core.origin) } : {}),
  };
  const record: InteractionRecord = {
    id,
    token,
    type: spec.type,
    guildId: target.guild.id,
    channelId: target.channel.id,
    userId: target.user.id,
    commandName: spec.commandName,
    customId: spec.customId,
    payload,
    sourceMessage: spec.sourceMessage,
    createdAt: Date.now(),
    dispatchedAt: null,
    callback: null,
    original: null,
    followUps: [],
    violations: [],
  };
  state.interactions.set(id, record);
  state.interactionsByToken.set(token, record);
  record.dispatchedAt = await core.gateway.dispatchToBot('INTERACTION_CREATE', payload, target.guild.id);
  state.changes.notify();
  return record;
}

export function commandData(command: RegisteredCommand, builder: OptionBuilder, options: DataOption[]): JsonObject {
  const resolved = builder.resolvedPayload();
  return {
    id: command.id,
    name: command.name,
    type: command.type,
    ...(command.guild_id === undefined ? {} : { guild_id: command.guild_id }),
    ...(options.length > 0 ? { options } : {}),
    ...(resolved ? { resolved } : {}),
  };
}

function findComponent(components: readonly APIMessageComponent[], customId: string): APIMessageComponent | null {
  for (const component of components) {
    if ('custom_id' in component && component.custom_id === customId) return component;
    const children: readonly APIMessageComponent[] = [
      ...('components' in component ? component.components : []),
      ...('accessory' in component ? [component.accessory] : []),
    ];
    const found = findComponent(children, customId);
    if (found) return found;
  }
  return null;
}

/** The message component a user is about to use, refusing what a Discord client would not let them click. */
export function componentOn(
  core: Core,
  target: InteractionTarget,
  messageRef: Ref,
  customId: string,
  kind: ComponentType.Button | ComponentType.StringSelect,
): { message: MessageRecord; component: APIMessageComponent } {
  const message = core.state.messages.get(refId(messageRef));
  if (!message || message.deleted) throw new Error(`Message ${refId(messageRef)} does not exist (or was deleted)`);
  if (message.channelId !== target.channel.id)
    throw new Error(`Message ${message.id} is not in channel ${target.channel.id}`);
  if ((message.flags & MessageFlag.Ephemeral) !== 0 && message.interactionId !== null) {
    const owner = core.state.interactions.get(message.interactionId)?.userId;
    if (owner !== target.user.id) throw new Error(`Message ${message.id} is ephemeral: only its recipient can use it`);
  }
  const component = findComponent(message.components, customId);
  if (!component) throw new Error(`Message ${message.id} has no component with custom_id "${customId}"`);
  if (component.type !== kind) throw new Error(`Component "${customId}" is of type ${component.type}, not ${kind}`);
  if ('disabled' in component && component.disabled === true) throw new Error(`Component "${customId}" is disabled`);
  return { message, component };
}
