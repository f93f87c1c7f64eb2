import { MessageFlags } from 'discord.js';

/** Look-ups answer the student alone unless they ask to share the answer with the channel. */
export function visibility(share: boolean | null): { flags: MessageFlags.Ephemeral[] } {
  return { flags: share ? [] : [MessageFlags.Ephemeral] };
}
