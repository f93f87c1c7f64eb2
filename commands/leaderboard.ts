import { SlashCommandBuilder } from '@discordjs/builders';
import type { Command } from '../src/discord/command.js';
import { leaderboardEmbed } from '../src/discord/render/score.js';
import { classStandings } from '../src/scores/scoreboard.js';

const TOP = 10;

export const leaderboard = {
  data: new SlashCommandBuilder()
    .setName('leaderboard')
    .setDescription('The top students of this server, and your own place')
    .addStringOption((option) =>
      option
        .setName('period')
        .setDescription('This week (default) or all time')
        .addChoices({ name: 'This week', value: 'week' }, { name: 'All time', value: 'all' }),
    ),

  async execute(interaction, { store, now }) {
    const period = interaction.options.getString('period') === 'all' ? 'all' : 'week';
    await interaction.deferReply();
    const standings = await classStandings(store, interaction.guildId ?? 'dm', period, now());
    await interaction.editReply({ embeds: [leaderboardEmbed(period, standings, interaction.user.id, TOP)] });
  },
} satisfies Command;
