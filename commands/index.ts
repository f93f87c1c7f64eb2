import type { Command } from '../src/discord/command.js';
import { compare } from './compare.js';
import { define } from './define.js';

/** Every slash command Lectern registers, listed by hand so a reader sees them all in one place. */
export const commands: readonly Command[] = [define, compare];
