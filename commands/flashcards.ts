import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import { UserError } from '../src/errors.js';
import type { Command, Context } from '../src/discord/command.js';
import { updateAfterClick } from '../src/discord/update-click.js';
import { cardView, roundDoneView } from '../src/discord/render/flashcards.js';
import { ratings, type RatingName } from '../src/drills/flashcards.js';
import { EVERYTHING } from '../src/drills/questions.js';
import { flashcardById, flashcardsFor } from '../src/drills/topics.js';
import { classSettingsKey, DEFAULT_TIMEZONE } from '../src/classes/settings.js';
import { rateStudyCard, revealCard, startStudy, type Study } from '../src/drills/study.js';
import { quiz } from './quiz.js';

export const flashcards = {
  data: new SlashCommandBuilder()
    .setName('flashcards')
    .setDescription('Study the course’s terms, scheduled for you by spaced repetition')
    .addStringOption((option) =>
      option.setName('topic').setDescription('A chart, a source article, or everything').setAutocomplete(true),
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
    const { study, nextDue } = await startStudy(context.store, player, cards, context.now(), timezone);
    if (!study) {
      await interaction.editReply(roundDoneView(0, nextDue));
      return;
    }
    await interaction.editReply(await show(context, study));
  },

  autocomplete: quiz.autocomplete,

  button(interaction, [studyId = '', action, position = '', rating = ''], context) {
    return updateAfterClick(
      interaction,
      studyAfterClick(context, interaction.user.id, studyId, action, position, rating),
    );
  },
} satisfies Command;

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
