import { PermissionFlagsBits, type Interaction } from 'discord.js';
import { classSettingsKey, type ClassSettings } from '../classes/settings.js';
import { UserError } from '../errors.js';
import type { Store } from '../store/index.js';

/** Manage Server, or the Teacher role chosen in /class setup. */
export function isTeacher(interaction: Interaction, settings: ClassSettings | undefined): boolean {
  if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return true;
  const roleId = settings?.teacherRoleId;
  if (!roleId) return false;
  const roles = interaction.member?.roles;
  return Array.isArray(roles) ? roles.includes(roleId) : (roles?.cache.has(roleId) ?? false);
}

/**
 * The server-side check behind every teacher command: Discord hides them from students by default,
 * but an admin can override a command's permissions per channel, so the bot checks again.
 */
export async function requireTeacher(
  interaction: Interaction<'cached' | 'raw'>,
  store: Store,
): Promise<ClassSettings | undefined> {
  const settings = await store.get(classSettingsKey(interaction.guildId));
  if (!isTeacher(interaction, settings)) {
    throw new UserError('Only a teacher can do that. Ask your teacher if you think you should be one.');
  }
  return settings;
}
