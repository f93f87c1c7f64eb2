import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import { UserError } from '../src/errors.js';
import type { Command } from '../src/discord/command.js';
import { asTheyReadNow, readMistakes, reviewOrder } from '../src/drills/mistakes.js';
import { runQuiz } from './quiz.js';

const REVIEW_SIZE = 10;

export const review = {
  data: new SlashCommandBuilder().setName('review').setDescription('A quiz of the questions you last got wrong'),

  async execute(interaction, context) {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const { guildId } = interaction;
    const [stored, fromDecks] = await Promise.all([
      readMistakes(context.store, guildId ?? 'dm', interaction.user.id),
      guildId ? context.decks.questions(guildId) : [],
    ]);
    const mistakes = asTheyReadNow(stored, [...context.questions, ...fromDecks]);
    if (mistakes.length === 0) {
      throw new UserError('Nothing to review: you have no wrong answers waiting. Try /quiz for new questions.');
    }
    await runQuiz(interaction, context, 'review', reviewOrder(mistakes, REVIEW_SIZE));
  },
} satisfies Command;
