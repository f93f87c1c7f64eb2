import { InteractionContextType, MessageFlags, SlashCommandBuilder } from 'discord.js';
import { classSettingsKey, DEFAULT_TIMEZONE } from '../src/classes/settings.js';
import type { Command } from '../src/discord/command.js';
import { isTeacher } from '../src/discord/teacher.js';
import { UserError } from '../src/errors.js';
import { leaderboardEmbed } from '../src/discord/render/score.js';
import { classStandings } from '../src/scores/scoreboard.js';

const TOP = 10;

export const leaderboard = {
  data: new SlashCommandBuilder()
    .setName('leaderboard')
    .setDescription('The top students of this server, and your own place')
    .setContexts(InteractionContextType.Guild)
    .addStringOption((option) =>
      option
        .setName('period')
        .setDescription('This week (default) or all time')
        .addChoices({ name: 'This week', value: 'week' }, { name: 'All time', value: 'all' }),
    ),

  async execute(interaction, { store, now }) {
    const period = interaction.options.getString('period') === 'all' ? 'all' : 'week';
    const guildId = interaction.guildId ?? 'dm';
    const settings = await store.get(classSettingsKey(guildId));
    const hidden = settings?.leaderboard === false;
    if (hidden && !isTeacher(interaction, settings)) {
      throw new UserError(
        'Your teacher has switched the leaderboard off for this class. /score shows your own progress.',
      );
    }
    // A hidden board is shown to the teacher alone.
    await interaction.deferReply(hidden ? { flags: MessageFlags.Ephemeral } : {});
    const timezone = settings?.timezone ?? DEFAULT_TIMEZONE;
    const standings = await classStandings(store, guildId, period, now(), timezone);
    await interaction.editReply({ embeds: [leaderboardEmbed(period, standings, interaction.user.id, TOP)] });
  },
} satisfies Command;
