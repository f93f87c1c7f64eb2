import { SlashCommandBuilder } from '@discordjs/builders';
import { MessageFlags, PermissionFlagsBits } from 'discord.js';
import { UserError } from '../src/errors.js';
import type { Command } from '../src/discord/command.js';
import { scoreEmbed } from '../src/discord/render/score.js';
import { readScore } from '../src/scores/scoreboard.js';

export const score = {
  data: new SlashCommandBuilder()
    .setName('score')
    .setDescription('Your answers, accuracy, streak and mastery by topic')
    .addUserOption((option) => option.setName('student').setDescription('A student (teachers only)')),

  async execute(interaction, { store, topics }) {
    const student = interaction.options.getUser('student') ?? interaction.user;
    const isTeacher = interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false;
    if (student.id !== interaction.user.id && !isTeacher) {
      throw new UserError('Only a teacher can look at another student’s score. Run /score on its own to see yours.');
    }
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const record = await readScore(store, interaction.guildId ?? 'dm', student.id);
    await interaction.editReply({ embeds: [scoreEmbed(student.displayName, record, topics)] });
  },
} satisfies Command;
