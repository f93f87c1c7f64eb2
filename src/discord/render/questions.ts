import type { APIEmbed, APIEmbedField } from 'discord.js';
import {
  discriminationText,
  flagNames,
  optionLetter,
  percentOf,
  type QuestionAnalysis,
  type QuestionFigures,
} from '../../classes/questions.js';
import { colors } from './colors.js';
import { plainText } from './plain-text.js';

// Discord refuses an embed over 25 fields or 6,000 characters in all; the last field is kept for what is left out.
const MAX_QUESTION_FIELDS = 20;
const MAX_EMBED_CHARS = 5_500;
// A stem is at most 300 characters, but escaping may double it; a field's name holds 256.
const STEM_CHARS = 400;
const NAME_CHARS = 250;

/**
 * The analysis for the teacher: the flagged questions first, each with its figures, as many as Discord's limits
 * allow; the rest summed up. Every figure of every question is in the CSV the reply attaches.
 */
export function questionAnalysisEmbed(analysis: QuestionAnalysis, topicName: string | undefined): APIEmbed {
  const title = `Question analysis${topicName ? `: ${plainText(topicName, NAME_CHARS - 20)}` : ''}`;
  if (analysis.questions.length === 0) {
    return { color: colors.score, title, description: 'No answers yet: nothing to analyse.' };
  }
  const flagged = analysis.questions.filter((figures) => figures.flags.length > 0);
  const unflagged = analysis.questions.filter((figures) => figures.flags.length === 0);
  const description = [
    `${count(analysis.questions.length, 'question')} answered by ${count(analysis.students, 'student')}, counting each student’s first attempt; ${flagged.length} flagged, listed first.`,
    analysis.groupSize > 0
      ? `Discrimination: share right among the top ${analysis.groupSize} students minus among the bottom ${analysis.groupSize} (27% of the class each, ranked by share right on these questions).`
      : 'Discrimination needs at least two students.',
    'Every figure of every question is in question-report.csv.',
  ].join('\n');

  const fields: APIEmbedField[] = [];
  let chars = title.length + description.length;
  let shown = 0;
  for (const figures of flagged) {
    const field = questionField(figures);
    const size = field.name.length + field.value.length;
    if (fields.length >= MAX_QUESTION_FIELDS || chars + size > MAX_EMBED_CHARS) break;
    fields.push(field);
    chars += size;
    shown++;
  }
  const notShown = flagged.length - shown;
  const rest = [
    ...(notShown > 0 ? [`${count(notShown, 'more flagged question')}.`] : []),
    ...(unflagged.length > 0
      ? [`${count(unflagged.length, 'question')} with no flag, ${rangeOfRight(unflagged)} right.`]
      : []),
  ];
  if (rest.length > 0) fields.push({ name: 'The rest, in the CSV', value: rest.join('\n') });
  return { color: colors.score, title, description, fields };
}

function questionField(figures: QuestionFigures): APIEmbedField {
  const { question } = figures;
  const name = `⚠️ ${figures.flags.map((flag) => flagNames[flag]).join(', ')}`;
  const discrimination = figures.discrimination === undefined ? 'n/a' : discriminationText(figures.discrimination);
  const wrongOptions = figures.options.flatMap(({ share }, index) =>
    index === question.answer || share === undefined
      ? []
      : [`${optionLetter(index)} ${percentOf(share)}%${figures.rarelyPicked.includes(index) ? ' ⚠️' : ''}`],
  );
  return {
    name: name.slice(0, NAME_CHARS),
    value: [
      plainText(question.stem, STEM_CHARS),
      `${count(figures.attempts, 'attempt')} · ${percentOf(figures.shareRight)}% right · discrimination ${discrimination}`,
      ...(wrongOptions.length > 0
        ? [`Right: ${optionLetter(question.answer)} · wrong picked: ${wrongOptions.join(' · ')}`]
        : []),
    ].join('\n'),
  };
}

function rangeOfRight(questions: readonly QuestionFigures[]): string {
  const shares = questions.map((figures) => percentOf(figures.shareRight));
  const [lowest, highest] = [Math.min(...shares), Math.max(...shares)];
  return lowest === highest ? `${lowest}%` : `${lowest}% to ${highest}%`;
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
