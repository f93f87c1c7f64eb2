import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent } from 'discord.js';
import type { Course } from '../../content/course.js';
import type { Flashcard, RatingName } from '../../drills/flashcards.js';
import type { Study } from '../../drills/study.js';
import { customId } from '../command.js';
import { colors } from './colors.js';
import { citation } from './source.js';
import type { QuizView } from './quiz.js';

const RATINGS: {
  name: RatingName;
  label: string;
  style: ButtonStyle.Danger | ButtonStyle.Secondary | ButtonStyle.Primary | ButtonStyle.Success;
}[] = [
  { name: 'again', label: 'Again', style: ButtonStyle.Danger },
  { name: 'hard', label: 'Hard', style: ButtonStyle.Secondary },
  { name: 'good', label: 'Good', style: ButtonStyle.Primary },
  { name: 'easy', label: 'Easy', style: ButtonStyle.Success },
];

function row(components: APIButtonComponent[]): APIActionRowComponent<APIButtonComponent>[] {
  return [{ type: ComponentType.ActionRow, components }];
}

/** The card on screen: its front, or with the answer shown and the four ratings. */
export function cardView(course: Course, study: Study, card: Flashcard): QuizView {
  const title = `Card ${study.position + 1} of ${study.cardIds.length}`;
  const footer = { text: `${study.dueToday} due today · ${study.fresh} new` };
  if (!study.revealed) {
    return {
      content: '',
      embeds: [{ color: colors.flashcard, title, description: `## ${card.front}`, footer }],
      components: row([
        {
          type: ComponentType.Button,
          style: ButtonStyle.Primary,
          label: 'Show answer',
          custom_id: customId('flashcards', study.id, 'show', study.position),
        },
      ]),
    };
  }
  return {
    content: '',
    embeds: [
      {
        color: colors.flashcard,
        title,
        description: `## ${card.front}\n${card.back}`,
        fields: [{ name: 'Source', value: citation(course, card.source) }],
        footer: { text: `${footer.text} · How well did you know it?` },
      },
    ],
    components: row(
      RATINGS.map((rating) => ({
        type: ComponentType.Button,
        style: rating.style,
        label: rating.label,
        custom_id: customId('flashcards', study.id, 'rate', study.position, rating.name),
      })),
    ),
  };
}

export function roundDoneView(studied: number, nextDue: Date | undefined): QuizView {
  const next = nextDue ? `Your next card is due <t:${Math.floor(nextDue.getTime() / 1000)}:R>.` : '';
  return {
    content: '',
    embeds: [
      {
        color: colors.flashcard,
        title: `Round done: ${studied} card${studied === 1 ? '' : 's'}`,
        description: `${next} Run /flashcards again for more.`.trim(),
      },
    ],
    components: [],
  };
}
