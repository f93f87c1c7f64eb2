import { accuracy, tallyFor, type Score } from './score.js';

export interface Standing {
  userId: string;
  rank: number;
  correct: number;
  answered: number;
}

/**
 * Students ordered by correct answers in the period, then accuracy; equal records share a rank.
 * Students with nothing answered in the period are left out. The week is the class's, in `timezone`.
 */
export function rankStudents(
  scores: Map<string, Score>,
  period: 'week' | 'all',
  now: Date,
  timezone: string,
): Standing[] {
  const rows = [...scores]
    .map(([userId, score]) => ({ userId, ...tallyFor(score, period, now, timezone) }))
    .filter((row) => row.answered > 0)
    .sort((a, b) => b.correct - a.correct || accuracy(b) - accuracy(a) || a.userId.localeCompare(b.userId));
  const standings: Standing[] = [];
  rows.forEach((row, index) => {
    const previous = standings[index - 1];
    const tied = previous && previous.correct === row.correct && accuracy(previous) === accuracy(row);
    standings.push({ ...row, rank: tied ? previous.rank : index + 1 });
  });
  return standings;
}
