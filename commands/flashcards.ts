import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import { UserError } from '../src/errors.js';
import type { Command, Context } from '../src/discord/command.js';
import { updateAfterClick } from '../src/discord/update-click.js';
import { cardView, roundDoneView, typedCardModal } from '../src/discord/render/flashcards.js';
import { ratings, type RatingName } from '../src/drills/flashcards.js';
import { gradeTyped } from '../src/drills/grading.js';
import { EVERYTHING } from '../src/drills/questions.js';
import { flashcardById, flashcardsFor } from '../src/drills/topics.js';
import { classSettingsKey, DEFAULT_TIMEZONE } from '../src/classes/settings.js';
import {
  answerTypedCard,
  nextTypedCard,
  rateStudyCard,
  readStudy,
  revealCard,
  startStudy,
  type Study,
} from '../src/drills/study.js';
import { courseGlossary, quiz, typedAnswerIn } from './quiz.js';

const MODES = { show: 'show', typed: 'typed' } as const;

export const flashcards = {
  data: new SlashCommandBuilder()
    .setName('flashcards')
    .setDescription('Study the course’s terms, scheduled for you by spaced repetition')
    .addStringOption((option) =>
      option.setName('topic').setDescription('A chart, a source article, or everything').setAutocomplete(true),
    )
    .addStringOption((option) =>
      option
        .setName('mode')
        .setDescription('Show the answer and rate yourself, or type the term and be rated')
        .addChoices({ name: 'Show answer', value: MODES.show }, { name: 'Type it', value: MODES.typed }),
    ),

  async execute(interaction, context) {
    const topic = interaction.options.getString('topic') ?? EVERYTHING;
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const player = { guildId: interaction.guildId ?? 'dm', userId: interaction.user.id };
    const [cards, settings] = await Promise.all([
      flashcardsFor(context, interaction.guildId, topic),
      context.store.get(classSettingsKey(player.guildId)),
    ]);
    const timezone = settings?.timezone ?? DEFAULT_TIMEZONE;
    const typed = interaction.options.getString('mode') === MODES.typed;
    const { study, nextDue } = await startStudy(context.store, player, cards, context.now(), timezone, typed);
    if (!study) {
      await interaction.editReply(roundDoneView(0, nextDue));
      return;
    }
    await interaction.editReply(await show(context, study));
  },

  autocomplete: quiz.autocomplete,

  async button(interaction, [studyId = '', action, position = '', rating = ''], context) {
    if (action === 'type') {
      const current = await readStudy(context.store, studyId, interaction.user.id);
      if (!current.typed || current.revealed || current.position !== Number(position)) {
        throw new UserError('That card is no longer on screen.');
      }
      await interaction.showModal(typedCardModal(current));
      return;
    }
    await updateAfterClick(
      interaction,
      studyAfterClick(context, interaction.user.id, studyId, action, position, rating),
    );
  },

  async modal(interaction, [studyId = '', action, position = ''], context) {
    if (action !== 'typed' || !interaction.isFromMessage()) throw new UserError('That form is not one of Lectern’s.');
    const text = typedAnswerIn(interaction);
    await updateAfterClick(
      interaction,
      typedCardAnswered(context, interaction.user.id, studyId, Number(position), text),
    );
  },
} satisfies Command;

/** The round as a typed answer to its card leaves it: the card rated by the answer, and shown. */
async function typedCardAnswered(context: Context, userId: string, studyId: string, position: number, text: string) {
  const current = await readStudy(context.store, studyId, userId);
  const cardId = current.cardIds[position];
  const card = cardId ? await flashcardById(context, current.guildId, cardId) : undefined;
  const term = card ? context.course.termNamed(card.front) : undefined;
  const accepted = term ? [term.term, ...term.aliases] : card ? [card.front] : [];
  const { study, counted } = await answerTypedCard(
    context.store,
    studyId,
    userId,
    position,
    text,
    gradeTyped(text, accepted, courseGlossary(context)),
    context.now(),
  );
  if (!counted) throw new UserError('That card is already answered; it counted once.');
  return show(context, study);
}

/** The round as a click on its card leaves it. */
async function studyAfterClick(
  context: Context,
  userId: string,
  studyId: string,
  action: string | undefined,
  position: string,
  rating: string,
) {
  if (action === 'show') return show(context, await revealCard(context.store, studyId, userId, Number(position)));
  if (action === 'next') {
    const moved = await nextTypedCard(context.store, studyId, userId, Number(position));
    if (moved.position === Number(position)) throw new UserError('That card is behind you already.');
    return show(context, moved);
  }
  if (action !== 'rate' || !Object.hasOwn(ratings, rating)) throw new UserError('That button is not one of Lectern’s.');
  const { study, counted } = await rateStudyCard(
    context.store,
    studyId,
    userId,
    Number(position),
    rating as RatingName,
    context.now(),
  );
  if (!counted) throw new UserError('That card is already rated.');
  return show(context, study);
}

async function show(context: Context, study: Study) {
  const cardId = study.cardIds[study.position];
  const card = cardId ? await flashcardById(context, study.guildId, cardId) : undefined;
  if (!card) return roundDoneView(study.position, undefined);
  return cardView(context.course, study, card);
}
