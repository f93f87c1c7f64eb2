import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  ModalSubmitInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { DailyScheduler } from '../classes/scheduler.js';
import type { Clock } from '../clock.js';
import type { Choice, Course } from '../content/course.js';
import type { DeckLibrary } from '../decks/library.js';
import type { Flashcard } from '../drills/flashcards.js';
import type { Question, Topic } from '../drills/questions.js';
import type { Logger } from '../log.js';
import type { LiveRunner } from './live.js';
import type { Store } from '../store/index.js';

/** Discord shows at most this many autocomplete choices. */
export const AUTOCOMPLETE_LIMIT = 25;

/** What every command may use; built once at start-up by main.ts. */
export interface Context {
  course: Course;
  /** Every question the course yields, generated once at start-up. */
  questions: readonly Question[];
  topics: readonly Topic[];
  flashcards: readonly Flashcard[];
  store: Store;
  log: Logger;
  /** The time now; one clock for the whole bot, so tests can set it. */
  now: Clock;
  daily: DailyScheduler;
  live: LiveRunner;
  decks: DeckLibrary;
}

/** Owns the buttons whose custom_id starts with its name and a colon. */
export interface ButtonOwner {
  readonly name: string;
  button(interaction: ButtonInteraction, args: string[], context: Context): Promise<void>;
}

/**
 * One slash command: its definition, what it does, and optionally its autocomplete and the buttons
 * it owns. A button's custom_id starts with the command's name, then a colon.
 */
export interface Command {
  data: { readonly name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  execute(interaction: ChatInputCommandInteraction, context: Context): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, context: Context): Choice[] | Promise<Choice[]>;
  button?(interaction: ButtonInteraction, args: string[], context: Context): Promise<void>;
  /** A modal this command's buttons opened, submitted; its custom_id is split as a button's is. */
  modal?(interaction: ModalSubmitInteraction, args: string[], context: Context): Promise<void>;
}

/** A button's custom_id: the owning command, then its arguments; the router splits it back. */
export function customId(command: string, ...args: (string | number)[]): string {
  return [command, ...args].join(':');
}
