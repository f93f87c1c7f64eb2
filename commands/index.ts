import type { Command } from '../src/discord/command.js';
import { classCommand } from './class.js';
import { compare } from './compare.js';
import { deck } from './deck.js';
import { define } from './define.js';
import { flashcards } from './flashcards.js';
import { help } from './help.js';
import { leaderboard } from './leaderboard.js';
import { live } from './live.js';
import { quiz } from './quiz.js';
import { review } from './review.js';
import { score } from './score.js';

/** Every slash command Lectern registers, listed by hand so a reader sees them all in one place. */
export const commands: readonly Command[] = [
  define,
  compare,
  quiz,
  flashcards,
  review,
  score,
  leaderboard,
  classCommand,
  live,
  deck,
  help,
];
