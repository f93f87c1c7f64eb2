import { SlashCommandBuilder } from '@discordjs/builders';
import { randomInt } from 'node:crypto';
import { MessageFlags } from 'discord.js';
import { UserError } from '../src/errors.js';
import type { Command } from '../src/discord/command.js';
import { readMistakes } from '../src/drills/mistakes.js';
import { drawQuiz } from '../src/drills/questions.js';
import { runQuiz } from './quiz.js';

const REVIEW_SIZE = 10;

export const review = {
  data: new SlashCommandBuilder().setName('review').setDescription('A quiz of the questions you last got wrong'),

  async execute(interaction, context) {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const mistakes = await readMistakes(context.store, interaction.guildId ?? 'dm', interaction.user.id);
    if (mistakes.length === 0) {
      throw new UserError('Nothing to review: you have no wrong answers waiting. Try /quiz for new questions.');
    }
    await runQuiz(interaction, context, 'review', drawQuiz(mistakes, REVIEW_SIZE, randomInt(2 ** 31)));
  },
} satisfies Command;
