import { bold, escapeMarkdown, type APIEmbed, type APIEmbedField } from 'discord.js';
import type { Topic } from '../../drills/questions.js';
import type { Standing } from '../../scores/leaderboard.js';
import { accuracy, currentDayStreak, recallAndRecognition, type Score, type Tally } from '../../scores/score.js';
import { rankMark } from './answers.js';
import { colors } from './colors.js';

const percent = (value: number) => `${Math.round(value * 100)}%`;
const MAX_FIELD_VALUE = 1024;

/** As many whole lines as fit in `max` characters, then how many were left out: a cut line would break its bold. */
export function wholeLinesWithin(max: number, lines: readonly string[]): string {
  const shown = (count: number) =>
    [...lines.slice(0, count), ...(count < lines.length ? [`…and ${lines.length - count} more`] : [])].join('\n');
  let count = lines.length;
  while (count > 0 && shown(count).length > max) count--;
  return shown(count);
}

/** Ten blocks filled in proportion, a mastery bar that reads at a glance. */
function bar(value: number): string {
  const filled = Math.round(value * 10);
  return '▰'.repeat(filled) + '▱'.repeat(10 - filled);
}

/** How the class counts days: `latestDrill`, the date of its latest daily drill, decides whether a streak stands. */
export interface DayStreaks {
  counted: boolean;
  latestDrill: string | undefined;
}

export function scoreEmbed(
  displayName: string,
  score: Score | undefined,
  topics: readonly Topic[],
  days: DayStreaks,
): APIEmbed {
  const answered = score?.answered ?? 0;
  const correct = score?.correct ?? 0;
  const mastery = Object.entries(score?.topics ?? {})
    .sort(([, a], [, b]) => accuracy(b) - accuracy(a))
    .map(([id, tally]) => {
      const name = topics.find((topic) => topic.id === id)?.name ?? id;
      return `${bar(accuracy(tally))} ${percent(accuracy(tally))} ${bold(escapeMarkdown(name))} (${tally.correct}/${tally.answered})`;
    });
  return {
    color: colors.score,
    title: `Score: ${displayName}`,
    ...(answered === 0 ? { description: 'No answers yet. Try /quiz to get started.' } : {}),
    fields: [
      { name: 'Answered', value: String(answered), inline: true },
      { name: 'Correct', value: String(correct), inline: true },
      { name: 'Accuracy', value: percent(accuracy({ answered, correct })), inline: true },
      // Recall shows once a student has typed an answer: until then every answer was recognition.
      ...(score?.recall && score.recall.answered > 0 ? recallFields(score) : []),
      { name: 'Current streak', value: String(score?.streak ?? 0), inline: true },
      { name: 'Best streak', value: String(score?.bestStreak ?? 0), inline: true },
      // Streaks of days switched off in /class setup are no longer counted, so none is shown.
      ...(days.counted && score && score.bestDayStreak > 0
        ? [
            {
              name: 'Daily drill',
              value: daysInARow(currentDayStreak(score, days.latestDrill), score.bestDayStreak),
              inline: true,
            },
          ]
        : []),
      ...(mastery.length > 0 ? [{ name: 'Mastery by topic', value: wholeLinesWithin(MAX_FIELD_VALUE, mastery) }] : []),
    ],
  };
}

export function leaderboardEmbed(
  period: 'week' | 'all',
  standings: Standing[],
  callerId: string,
  size: number,
): APIEmbed {
  const line = (standing: Standing) =>
    `${rankMark(standing.rank)} <@${standing.userId}>: ${standing.correct} right of ${standing.answered}`;
  const top = standings.slice(0, size);
  // Students tied with the last one shown have the same place; the board says they are there.
  const lastRank = top.at(-1)?.rank;
  const tiedBelow = standings.slice(size).filter((standing) => standing.rank === lastRank).length;
  const lines = [...top.map(line), ...(tiedBelow > 0 ? [`…and ${tiedBelow} more tied at #${lastRank}`] : [])];
  const caller = standings.find((standing) => standing.userId === callerId);
  const you = caller
    ? `You are **#${caller.rank}** of ${standings.length}, with ${caller.correct} right of ${caller.answered}.`
    : 'You have no answers in this period yet. A /quiz puts you on the board.';
  return {
    color: colors.score,
    title: period === 'week' ? 'Leaderboard: this week' : 'Leaderboard: all time',
    description:
      lines.length > 0
        ? lines.join('\n')
        : period === 'week'
          ? 'Nobody has answered anything this week yet.'
          : 'Nobody has answered anything yet.',
    fields: [{ name: 'Your place', value: you }],
  };
}

/** Typed answers (recall) beside answers picked from options (recognition), each with its own accuracy. */
function recallFields(score: Score): APIEmbedField[] {
  const { recall, recognition } = recallAndRecognition(score);
  const line = (tally: Tally) => `${percent(accuracy(tally))} (${tally.correct}/${tally.answered})`;
  return [
    { name: 'Recall (typed)', value: line(recall), inline: true },
    { name: 'Recognition (picked)', value: line(recognition), inline: true },
  ];
}

function daysInARow(streak: number, best: number): string {
  return `${streak} day${streak === 1 ? '' : 's'} in a row (best ${best})`;
}
