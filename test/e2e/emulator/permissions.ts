import type { PermissionInput } from './types.js';

/** The permission bits the emulator reasons about (values from Discord's documentation). */
export const Permission = {
  CreateInstantInvite: 1n << 0n,
  KickMembers: 1n << 1n,
  BanMembers: 1n << 2n,
  Administrator: 1n << 3n,
  ManageChannels: 1n << 4n,
  ManageGuild: 1n << 5n,
  AddReactions: 1n << 6n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  ManageMessages: 1n << 13n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  MentionEveryone: 1n << 17n,
  UseExternalEmojis: 1n << 18n,
  Connect: 1n << 20n,
  Speak: 1n << 21n,
  ChangeNickname: 1n << 26n,
  ManageRoles: 1n << 28n,
  UseApplicationCommands: 1n << 31n,
  SendMessagesInThreads: 1n << 38n,
  UseExternalStickers: 1n << 37n,
  SendPolls: 1n << 49n,
  UseExternalApps: 1n << 50n,
} as const;

/** Every permission bit Discord currently defines (what the owner and Administrators get). */
export const ALL_PERMISSIONS = (1n << 53n) - 1n;

/** Roughly what a new server's @everyone role gets. */
export const DEFAULT_EVERYONE_PERMISSIONS =
  Permission.CreateInstantInvite |
  Permission.AddReactions |
  Permission.ViewChannel |
  Permission.SendMessages |
  Permission.EmbedLinks |
  Permission.AttachFiles |
  Permission.ReadMessageHistory |
  Permission.UseExternalEmojis |
  Permission.Connect |
  Permission.Speak |
  Permission.ChangeNickname |
  Permission.UseApplicationCommands |
  Permission.SendMessagesInThreads |
  Permission.UseExternalStickers |
  Permission.SendPolls |
  Permission.UseExternalApps;

/** What a typical bot invite grants the bot's managed role. */
export const DEFAULT_BOT_PERMISSIONS =
  Permission.ViewChannel |
  Permission.SendMessages |
  Permission.EmbedLinks |
  Permission.AttachFiles |
  Permission.ReadMessageHistory |
  Permission.AddReactions |
  Permission.UseExternalEmojis |
  Permission.SendMessagesInThreads;

export function toPermissionBits(input: PermissionInput): bigint {
  if (typeof input === 'bigint') return input;
  if (!/^\d+$/.test(input)) throw new Error(`Permissions must be a bigint or a string of digits, got "${input}"`);
  return BigInt(input);
}

/** Discord's base-permission computation for a guild member (no channel overwrites in the emulator). */
export function memberPermissions(isOwner: boolean, rolePermissions: readonly bigint[]): bigint {
  if (isOwner) return ALL_PERMISSIONS;
  const total = rolePermissions.reduce((sum, bits) => sum | bits, 0n);
  return (total & Permission.Administrator) !== 0n ? ALL_PERMISSIONS : total;
}
