import { bold } from 'discord.js';
import type { ItemWarning } from '../../decks/index.js';
import type { StoredDeck } from '../../decks/library.js';
import { plainText } from './plain-text.js';

// A message holds 2,000 characters; the first warnings are what a teacher fixes first, and the count says the rest.
const MESSAGE_LIMIT = 2000;
const WARNINGS_SHOWN = 10;
// A teacher's option or word inside a warning, clipped so one long cell cannot crowd out the others.
const QUOTED_LENGTH = 40;
const WORDS_QUOTED = 3;

/** The reply to /deck import: what was imported, then each flaw found in its questions, by line. */
export function importedMessage(
  stored: Pick<StoredDeck, 'name' | 'terms' | 'questions'>,
  replaced: boolean,
  warnings: readonly ItemWarning[],
): string {
  const imported =
    `${replaced ? 'Replaced' : 'Imported'} the deck ${bold(plainText(stored.name))}: ${stored.terms.length} terms and ` +
    `${stored.questions.length} questions. It is now a topic for /define, /quiz, /flashcards and the daily drill here.`;
  if (warnings.length === 0) return imported;
  const heading =
    `⚠️ ${warnings.length} thing${warnings.length === 1 ? '' : 's'} to look at in the questions ` +
    '(the deck is in use as it is; import the file again once fixed):';
  const lines = warnings.map((warning) => `• ${describeWarning(warning)}`);
  return withinLimit(`${imported}\n\n${heading}`, lines);
}

/** One warning in words, naming the file's line. */
export function describeWarning(warning: ItemWarning): string {
  const line = `Line ${warning.line}`;
  switch (warning.kind) {
    case 'answer-in-question': {
      const shown = warning.words.slice(0, WORDS_QUOTED).map(quoted).join(', ');
      const more = warning.words.length > WORDS_QUOTED ? ' and more' : '';
      return `${line}: the question and the right answer share ${shown}${more}, which no wrong option has, so the words give the answer away.`;
    }
    case 'above-option':
      return `${line}: ${quoted(warning.option)} is an option, but the quiz shuffles the options, so what is above it changes; name the options it means instead.`;
    case 'long-answer':
      return `${line}: the right answer has ${warning.answerWords} words and the longest wrong one ${warning.longestWrongWords}; students who guess pick the longest option.`;
    case 'unmarked-negative':
      return `${line}: ${quoted(warning.word)} in the question is easy to read past; write it in capitals (${plainText(warning.word.toUpperCase())}).`;
  }
}

function quoted(text: string): string {
  const clipped = text.length > QUOTED_LENGTH ? `${text.slice(0, QUOTED_LENGTH - 1)}…` : text;
  return `“${plainText(clipped)}”`;
}

/** The opening and as many of the first warnings as fit one message, then how many more there are. */
function withinLimit(opening: string, lines: readonly string[]): string {
  const message = (count: number) => {
    const more = lines.length - count;
    return [opening, ...lines.slice(0, count), ...(more > 0 ? [`…and ${more} more.`] : [])].join('\n');
  };
  let count = Math.min(lines.length, WARNINGS_SHOWN);
  while (count > 0 && message(count).length > MESSAGE_LIMIT) count--;
  return message(count);
}
