import { stringify } from 'csv-stringify/sync';
import type { Question, Topic } from '../drills/questions.js';
import type { FirstAttempt } from '../scores/first-attempts.js';
import { defuseFormula } from './report.js';
import { batchesOf, timeSlices, type Pause } from '../time-slices.js';

/** Thresholds of classical item analysis, as teachers' quiz tools report them. */
export const itemThresholds = {
  /** More right than this share: the question tells the class apart from nobody. */
  tooEasy: 0.9,
  /** Fewer right than this share: too hard, or its answer key or wording is off. */
  tooHard: 0.3,
  /** A wrong option picked by fewer than this share of those who picked one: it distracts nobody. */
  rarelyPicked: 0.05,
  /** The share of the class, ranked by their share right, in each of the upper and lower groups (Kelley's 27%). */
  group: 0.27,
} as const;

export type QuestionFlag = 'too-easy' | 'too-hard' | 'negative-discrimination' | 'rarely-picked-option';

export interface OptionFigures {
  /** First attempts that picked this option. */
  picks: number;
  /** `picks` over the first attempts that picked an option; undefined when every attempt was typed. */
  share: number | undefined;
}

/** How a class first answered one question. */
export interface QuestionFigures {
  question: Question;
  attempts: number;
  right: number;
  shareRight: number;
  /** Share right in the upper group minus in the lower group; undefined when either group has not answered it. */
  discrimination: number | undefined;
  /** Per option, in the question's order. */
  options: OptionFigures[];
  /** First attempts typed rather than picked: they have no option. */
  typed: number;
  /** The wrong options almost nobody picked, by index. */
  rarelyPicked: number[];
  flags: QuestionFlag[];
}

export interface QuestionAnalysis {
  /** Flagged questions first, then the rest, each in the order of the question list analysed. */
  questions: QuestionFigures[];
  /** Students with a first attempt at any question analysed. */
  students: number;
  /** Students in each of the upper and lower groups; 0 when the class is too small to have both. */
  groupSize: number;
}

interface Tally {
  attempts: number;
  right: number;
}

/**
 * Item analysis of `questions` from each student's first attempts (later tries have seen the answer). Students are
 * ranked by their share right on these questions; the upper and lower 27% make the groups of the discrimination
 * index, students tied at a group's edge taken in user id order, so the same attempts always give the same figures.
 * Questions nobody has answered are left out. Pauses between students: a class of 1,000 holds 500,000 attempts.
 */
export async function analyseQuestions(
  attemptsByStudent: ReadonlyMap<string, readonly FirstAttempt[]>,
  questions: readonly Question[],
  pause: Pause = timeSlices(),
): Promise<QuestionAnalysis> {
  const analysed = new Set(questions.map((question) => question.id));
  const students: { userId: string; attempts: FirstAttempt[]; shareRight: number }[] = [];
  for (const [userId, all] of attemptsByStudent) {
    await pause();
    const attempts = all.filter((attempt) => analysed.has(attempt.id));
    if (attempts.length === 0) continue;
    students.push({ userId, attempts, shareRight: share(count(attempts)) });
  }
  students.sort((a, b) => b.shareRight - a.shareRight || a.userId.localeCompare(b.userId));
  const groupSize = Math.min(Math.round(students.length * itemThresholds.group), Math.floor(students.length / 2));
  const upper = tallyByQuestion(students.slice(0, groupSize));
  const lower = tallyByQuestion(students.slice(students.length - groupSize));

  const byQuestion = new Map<string, FirstAttempt[]>();
  for (const student of students) {
    for (const attempt of student.attempts) {
      const earlier = byQuestion.get(attempt.id);
      if (earlier) earlier.push(attempt);
      else byQuestion.set(attempt.id, [attempt]);
    }
  }
  const figures = questions.flatMap((question) => {
    const attempts = byQuestion.get(question.id);
    return attempts ? [figuresOf(question, attempts, upper.get(question.id), lower.get(question.id))] : [];
  });
  return {
    questions: [
      ...figures.filter((each) => each.flags.length > 0),
      ...figures.filter((each) => each.flags.length === 0),
    ],
    students: students.length,
    groupSize,
  };
}

function figuresOf(
  question: Question,
  attempts: readonly FirstAttempt[],
  upper: Tally | undefined,
  lower: Tally | undefined,
): QuestionFigures {
  const { right } = count(attempts);
  const shareRight = right / attempts.length;
  const chosen = attempts.flatMap((attempt) => (attempt.choice === undefined ? [] : [attempt.choice]));
  // A choice past the options (a deck imported again with fewer) is an attempt still, but no option's pick.
  const options = question.options.map((_, index) => {
    const picks = chosen.filter((choice) => choice === index).length;
    return { picks, share: chosen.length > 0 ? picks / chosen.length : undefined };
  });
  const rarelyPicked = options.flatMap(({ share }, index) =>
    index !== question.answer && share !== undefined && share < itemThresholds.rarelyPicked ? [index] : [],
  );
  const discrimination = upper && lower ? share(upper) - share(lower) : undefined;
  const flags: QuestionFlag[] = [
    ...(shareRight > itemThresholds.tooEasy ? (['too-easy'] as const) : []),
    ...(shareRight < itemThresholds.tooHard ? (['too-hard'] as const) : []),
    ...(discrimination !== undefined && discrimination < 0 ? (['negative-discrimination'] as const) : []),
    ...(rarelyPicked.length > 0 ? (['rarely-picked-option'] as const) : []),
  ];
  return {
    question,
    attempts: attempts.length,
    right,
    shareRight,
    discrimination,
    options,
    typed: attempts.length - chosen.length,
    rarelyPicked,
    flags,
  };
}

function tallyByQuestion(students: readonly { attempts: readonly FirstAttempt[] }[]): Map<string, Tally> {
  const tallies = new Map<string, Tally>();
  for (const { attempts } of students) {
    for (const { id, correct } of attempts) {
      const tally = tallies.get(id) ?? { attempts: 0, right: 0 };
      tallies.set(id, { attempts: tally.attempts + 1, right: tally.right + (correct ? 1 : 0) });
    }
  }
  return tallies;
}

const count = (attempts: readonly FirstAttempt[]): Tally => ({
  attempts: attempts.length,
  right: attempts.filter((attempt) => attempt.correct).length,
});

const share = ({ attempts, right }: Tally) => right / attempts;

/** A share as a whole percent, as the report and the CSV show it. */
export const percentOf = (share: number) => Math.round(share * 100);

/** The discrimination index as the report and the CSV show it: two decimals, from -1.00 to 1.00. */
export const discriminationText = (discrimination: number) => discrimination.toFixed(2);

/** A, B, C, D: options as the quiz letters them. */
export const optionLetter = (index: number) => String.fromCharCode(65 + index);

const MAX_OPTIONS = 4;
/** What each flag is called in the CSV and the reply. */
export const flagNames: Record<QuestionFlag, string> = {
  'too-easy': 'too easy',
  'too-hard': 'too hard',
  'negative-discrimination': 'negative discrimination',
  'rarely-picked-option': 'rarely picked option',
};
const ROWS_PER_SLICE = 100;

/**
 * The analysis as CSV for a spreadsheet, one row per question and a column per figure: counts beside the shares,
 * so every percent can be checked; a byte-order mark, and cells a spreadsheet would run as a formula defused.
 */
export async function questionReportCsv(
  analysis: QuestionAnalysis,
  topics: readonly Topic[],
  pause: Pause = timeSlices(),
): Promise<string> {
  const letters = Array.from({ length: MAX_OPTIONS }, (_, index) => optionLetter(index));
  const header = [
    'question id',
    'topic',
    'question',
    'attempts',
    'right',
    'right %',
    'discrimination',
    'right option',
    ...letters.flatMap((letter) => [`option ${letter}`, `${letter} picked`, `${letter} picked %`]),
    'typed',
    'flags',
  ];
  const topicName = new Map(topics.map((topic) => [topic.id, topic.name]));
  const record = (figures: QuestionFigures) => {
    const { question } = figures;
    return [
      question.id,
      defuseFormula(topicName.get(question.topic) ?? question.topic),
      defuseFormula(question.stem),
      figures.attempts,
      figures.right,
      percentOf(figures.shareRight),
      figures.discrimination === undefined ? '' : discriminationText(figures.discrimination),
      optionLetter(question.answer),
      ...letters.flatMap((_, index) => {
        const option = figures.options[index];
        const text = question.options[index];
        if (!option || text === undefined) return ['', '', ''];
        return [defuseFormula(text), option.picks, option.share === undefined ? '' : percentOf(option.share)];
      }),
      figures.typed,
      figures.flags
        .map((flag) =>
          flag === 'rarely-picked-option'
            ? `${flagNames[flag]} ${figures.rarelyPicked.map(optionLetter).join(' ')}`
            : flagNames[flag],
        )
        .join('; '),
    ];
  };
  const pieces = ['\ufeff', stringify([header])];
  for (const rows of batchesOf(analysis.questions, ROWS_PER_SLICE)) {
    await pause();
    pieces.push(stringify(rows.map(record)));
  }
  return pieces.join('');
}
