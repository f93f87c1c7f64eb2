import type { APIEmbed } from 'discord.js';
import { distribution, standings, type LiveGame } from '../../live/game.js';
import { customId } from '../command.js';
import { answerRow, letter, letteredOptions, rankMark } from './answers.js';
import { colors } from './colors.js';
import { FIELD_LIMIT, plainText } from './plain-text.js';

function questionAt(game: LiveGame, index: number) {
  const question = game.questions[index];
  if (!question) throw new Error(`live game ${game.id} has no question ${index}`);
  return question;
}

function optionLines(game: LiveGame, index: number, counts?: number[]): string {
  const question = questionAt(game, index);
  return letteredOptions(question.options, (choice) => {
    const mark = counts ? (choice === question.answer ? ' ✅' : '') : '';
    const tally = counts ? ` — **${counts[choice] ?? 0}**` : '';
    return `${tally}${mark}`;
  });
}

/** The question as the class sees it, with a countdown Discord itself keeps ticking (no edits needed). */
export function liveQuestionMessage(game: LiveGame, index: number, endsAt: Date) {
  const question = questionAt(game, index);
  const embed: APIEmbed = {
    color: colors.quiz,
    title: `Live quiz · Question ${index + 1} of ${game.questions.length}`,
    description: `${plainText(question.stem)}\n\n${optionLines(game, index)}\n\n⏱️ Time is up <t:${Math.ceil(endsAt.getTime() / 1000)}:R>.`,
  };
  return {
    embeds: [embed],
    components: [answerRow(question.options.length, letter, (choice) => customId('live', game.id, index, choice))],
    allowed_mentions: { parse: [] },
  };
}

/** Time is up: how many chose each option, the right one marked, and why. */
export function liveRevealMessage(game: LiveGame, index: number) {
  const question = questionAt(game, index);
  const counts = distribution(game, index);
  const answered = counts.reduce((sum, count) => sum + count, 0);
  return {
    embeds: [
      {
        color: colors.right,
        title: `Live quiz · Question ${index + 1} of ${game.questions.length} · time is up`,
        description: `${plainText(question.stem)}\n\n${optionLines(game, index, counts)}`,
        fields: [
          { name: 'Answers', value: String(answered), inline: true },
          { name: 'Why', value: plainText(question.explanation, FIELD_LIMIT) },
        ],
      },
    ],
    components: [],
    allowed_mentions: { parse: [] },
  };
}

/** The final standings, in rank order; names are mentions, which never ping with allowed_mentions empty. */
export function podiumMessage(game: LiveGame) {
  const table = standings(game);
  const lines = table
    .slice(0, 40)
    .map(
      (standing) =>
        `${rankMark(standing.rank)} <@${standing.userId}>: ${standing.points} points (${standing.correct}/${standing.answered} right)`,
    );
  return {
    embeds: [
      {
        color: colors.score,
        title: '🏆 Podium: final standings',
        description: lines.length > 0 ? lines.join('\n') : 'Nobody answered this time.',
        footer: { text: `${game.questions.length} questions · ${table.length} students` },
      },
    ],
    allowed_mentions: { parse: [] },
  };
}
