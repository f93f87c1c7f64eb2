import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent } from 'discord.js';
import { plainText } from './plain-text.js';

const LETTERS = ['A', 'B', 'C', 'D'];
const MEDALS = ['🥇', '🥈', '🥉'];

/** A, B, C, D: how options are named when they are listed rather than written on the buttons. */
export function letter(index: number): string {
  return LETTERS[index] ?? String(index + 1);
}

/** The options listed one per line, each after its letter in bold and shown as written, with an optional suffix. */
export function letteredOptions(options: readonly string[], suffix: (index: number) => string = () => ''): string {
  return options.map((option, index) => `**${letter(index)}.** ${plainText(option)}${suffix(index)}`).join('\n');
}

/** One row of answer buttons, one per option. */
export function answerRow(
  optionCount: number,
  label: (index: number) => string,
  customIdFor: (index: number) => string,
  style: ButtonStyle.Primary | ButtonStyle.Secondary = ButtonStyle.Primary,
): APIActionRowComponent<APIButtonComponent> {
  return {
    type: ComponentType.ActionRow,
    components: Array.from({ length: optionCount }, (_, index) => ({
      type: ComponentType.Button,
      style,
      label: label(index),
      custom_id: customIdFor(index),
    })),
  };
}

/** 🥇🥈🥉 for the first three ranks, then the rank in bold. */
export function rankMark(rank: number): string {
  return MEDALS[rank - 1] ?? `**${rank}.**`;
}
