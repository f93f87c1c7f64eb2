import type { GuildMember, User } from 'discord.js';

/** A member as an interaction carries it: cached as a GuildMember, or raw from the payload. */
type InteractionMember = GuildMember | { nick?: string | null } | null | undefined;

/** The name a class knows a student by: their nickname in the server (often their real name), else their own. */
export function nameInServer(user: User, member: InteractionMember): string {
  if (!member) return user.displayName;
  if ('displayName' in member) return member.displayName;
  return member.nick ?? user.displayName;
}
