// Storing bulk-overwritten application commands the way Discord answers them.
import type { APIApplicationCommandOption, LocalizationMap, RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import { isLocale } from './payloads.js';
import type { EmulatorState } from './state.js';
import type { CommandRegistration, JsonObject, RegisteredCommand } from './types.js';

const CHAT_INPUT = 1;

function localizations(value: unknown): LocalizationMap | null {
  if (typeof value !== 'object' || value === null) return null;
  const map: LocalizationMap = {};
  for (const [locale, text] of Object.entries(value)) {
    if (isLocale(locale) && (typeof text === 'string' || text === null)) map[locale] = text;
  }
  return map;
}

/**
 * Bulk overwrite: the given list replaces the scope's commands. A command keeps its id when one with the same
 * name and type existed before (Discord updates it in place); every command gets a new version.
 */
export function registerCommands(
  state: EmulatorState,
  guildId: string | null,
  body: readonly JsonObject[],
): CommandRegistration {
  const previous = guildId === null ? state.globalCommands : (state.guildCommands.get(guildId) ?? []);
  const commands = body.map((input) => {
    // Safe: the body passed ApplicationCommandUpdateRequestSchema and the command rules before reaching here.
    const command = input as unknown as RESTPostAPIApplicationCommandsJSONBody;
    const type = command.type ?? CHAT_INPUT;
    const existing = previous.find((candidate) => candidate.name === command.name && candidate.type === type);
    const permissions: unknown = input['default_member_permissions'];
    const options: APIApplicationCommandOption[] = 'options' in command ? (command.options ?? []) : [];
    const registered: RegisteredCommand = {
      id: existing?.id ?? state.ids.next(),
      application_id: state.applicationId,
      version: state.ids.next(),
      type,
      name: command.name,
      name_localizations: localizations(input['name_localizations']),
      description: 'description' in command ? (command.description ?? '') : '',
      description_localizations: localizations(input['description_localizations']),
      ...(options.length > 0 ? { options } : {}),
      default_member_permissions:
        typeof permissions === 'string' || typeof permissions === 'number' ? String(permissions) : null,
      ...(guildId === null ? { dm_permission: command.dm_permission ?? true } : { guild_id: guildId }),
      nsfw: command.nsfw ?? false,
      integration_types: command.integration_types ?? [0],
      contexts: command.contexts ?? null,
    };
    return registered;
  });
  if (guildId === null) state.globalCommands = commands;
  else state.guildCommands.set(guildId, commands);
  const registration: CommandRegistration = {
    scope: guildId === null ? 'global' : 'guild',
    guildId,
    commands,
    at: Date.now(),
  };
  state.commandRegistrations.push(registration);
  state.changes.notify();
  return registration;
}
