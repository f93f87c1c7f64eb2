import type { APIEmbed } from 'discord.js';
import type { ClassReport } from '../../classes/report.js';
import { accuracy } from '../../scores/score.js';
import { colors } from './colors.js';

export function classReportEmbed(report: ClassReport): APIEmbed {
  const students = report.rows.length;
  if (students === 0) {
    return { color: colors.score, title: 'Class report', description: 'No answers yet: nothing to report.' };
  }
  const weakest = report.topics
    .map((topic) => {
      const scores = report.rows.flatMap((row) => row.mastery[topic.id] ?? []);
      return { topic, average: scores.reduce((sum, value) => sum + value, 0) / scores.length };
    })
    .sort((a, b) => a.average - b.average)[0];
  return {
    color: colors.score,
    title: 'Class report',
    description: 'Every student’s figures are in the attached CSV, ready for a spreadsheet.',
    fields: [
      { name: 'Students', value: String(students), inline: true },
      { name: 'Answers', value: String(report.answered), inline: true },
      {
        name: 'Class accuracy',
        value: `${Math.round(accuracy({ answered: report.answered, correct: report.correct }) * 100)}%`,
        inline: true,
      },
      ...(weakest
        ? [{ name: 'Weakest topic', value: `${weakest.topic.name} (${Math.round(weakest.average)}% on average)` }]
        : []),
    ],
  };
}
