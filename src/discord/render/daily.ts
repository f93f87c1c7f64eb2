import { bold, ButtonStyle, type APIEmbed } from 'discord.js';
import type { Course } from '../../content/course.js';
import type { Daily, PreviousDay } from '../../classes/daily.js';
import type { Question } from '../../drills/questions.js';
import { customId } from '../command.js';
import { answerRow, letter, letteredOptions } from './answers.js';
import { colors } from './colors.js';
import { FIELD_LIMIT, plainText } from './plain-text.js';
import { citation } from './source.js';

/**
 * The drill as posted in the class channel, one message per question so each stays well inside
 * Discord's size limits; the first opens with the day and yesterday's results.
 */
export function dailyPosts(daily: Daily, previous: PreviousDay | undefined) {
  const day = new Date(`${daily.date}T12:00:00Z`).toLocaleDateString('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  });
  return daily.questions.map((question, index) => {
    const opening = index === 0;
    const buttons = answerRow(
      question.options.length,
      letter,
      (choice) => customId('daily', daily.date, index, choice),
      ButtonStyle.Secondary,
    );
    return {
      ...(opening
        ? { content: `📅 **Daily drill for ${day}.** Pick an answer for each question: only you see how you did.` }
        : {}),
      embeds: [...(opening && previous ? [resultsEmbed(previous)] : []), questionEmbed(question, index, daily)],
      components: [buttons],
      allowed_mentions: { parse: [] },
    };
  });
}

function questionEmbed(question: Question, index: number, daily: Daily): APIEmbed {
  const options = letteredOptions(question.options);
  return {
    color: colors.quiz,
    title: `Question ${index + 1} of ${daily.questions.length}`,
    description: `${plainText(question.stem)}\n\n${options}`,
  };
}

function resultsEmbed(previous: PreviousDay): APIEmbed {
  const { students, hardest } = previous.results;
  const lines = [`${students} student${students === 1 ? '' : 's'} answered.`];
  if (hardest) {
    const answer = hardest.question.options[hardest.question.answer] ?? '';
    lines.push(
      `Hardest: “${plainText(hardest.question.stem)}” (${hardest.right} of ${hardest.answered} right). The answer: ${bold(plainText(answer))}.`,
    );
  }
  return { color: colors.score, title: `Last drill (${previous.date})`, description: lines.join('\n') };
}

/** The private feedback on one answer: ✅ or ❌ first, then the right answer, why, and the source. */
export function dailyFeedback(course: Course, question: Question, correct: boolean) {
  const answer = `${letter(question.answer)}. ${question.options[question.answer] ?? ''}`;
  return {
    content: `${correct ? '✅ Right' : '❌ Not quite'}: the answer is ${bold(plainText(answer, 1800))}.`,
    embeds: [
      {
        color: correct ? colors.right : colors.wrong,
        description: plainText(question.stem),
        fields: [
          { name: 'Why', value: plainText(question.explanation, FIELD_LIMIT) },
          { name: 'Source', value: citation(course, question.source) },
        ],
      },
    ],
  };
}
