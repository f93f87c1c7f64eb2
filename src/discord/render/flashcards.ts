import {
  bold,
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIModalInteractionResponseCallbackData,
} from 'discord.js';
import type { Course } from '../../content/course.js';
import type { Flashcard, RatingName } from '../../drills/flashcards.js';
import type { Study } from '../../drills/study.js';
import { maskNames } from '../../drills/text.js';
import { customId } from '../command.js';
import { colors } from './colors.js';
import { plainText } from './plain-text.js';
import { answerInput, oneButton, typedVerdict, type QuizView } from './quiz.js';
import { citation } from './source.js';

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
  if (study.typed) return typedCardView(course, study, card, title, footer.text);
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

/**
 * A card of a typed round: its meaning with the term's names blanked and a **Type answer** button; once typed,
 * ✅ or ❌ with what was typed, the whole card, the rating the answer earned, and **Next**.
 */
function typedCardView(course: Course, study: Study, card: Flashcard, title: string, footer: string): QuizView {
  const answer = study.typed?.answer;
  if (!study.revealed || !answer) {
    const term = course.termNamed(card.front);
    const names = term ? [term.term, ...term.aliases] : [card.front];
    return {
      content: '',
      embeds: [
        {
          color: colors.flashcard,
          title,
          description: `**Which term is this?**\n${maskNames(card.back, names)}`,
          footer: { text: footer },
        },
      ],
      components: [
        oneButton('Type answer', ButtonStyle.Primary, customId('flashcards', study.id, 'type', study.position)),
      ],
    };
  }
  const rated = RATINGS.find((rating) => rating.name === answer.rating)?.label ?? answer.rating;
  return {
    content: `${typedVerdict(answer, answer.correct)}: the card is ${bold(plainText(card.front, 200))}. Rated ${rated}.`,
    embeds: [
      {
        color: answer.correct ? colors.right : colors.wrong,
        title,
        description: `## ${card.front}\n${card.back}`,
        fields: [{ name: 'Source', value: citation(course, card.source) }],
        footer: { text: footer },
      },
    ],
    components: [oneButton('Next', ButtonStyle.Success, customId('flashcards', study.id, 'next', study.position))],
  };
}

/** The form a **Type answer** click on a card opens. */
export function typedCardModal(study: Study): APIModalInteractionResponseCallbackData {
  return {
    custom_id: customId('flashcards', study.id, 'typed', study.position),
    title: `Card ${study.position + 1} of ${study.cardIds.length}`,
    components: [answerInput()],
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
