import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import { lastDailyKey } from '../src/classes/daily.js';
import { classSettingsKey } from '../src/classes/settings.js';
import { topicsFor } from '../src/drills/topics.js';
import { isTeacher } from '../src/discord/teacher.js';
import { UserError } from '../src/errors.js';
import type { Command } from '../src/discord/command.js';
import { scoreEmbed } from '../src/discord/render/score.js';
import { readScore } from '../src/scores/scoreboard.js';
import { nameInServer } from '../src/discord/member-name.js';

export const score = {
  data: new SlashCommandBuilder()
    .setName('score')
    .setDescription('Your answers, accuracy, streak and mastery by topic')
    .addUserOption((option) => option.setName('student').setDescription('A student (teachers only)')),

  async execute(interaction, context) {
    const { store } = context;
    const student = interaction.options.getUser('student') ?? interaction.user;
    const member = student === interaction.user ? interaction.member : interaction.options.getMember('student');
    const guildId = interaction.guildId ?? 'dm';
    const settings = await store.get(classSettingsKey(guildId));
    if (student.id !== interaction.user.id && !isTeacher(interaction, settings)) {
      throw new UserError('Only a teacher can look at another student’s score. Run /score on its own to see yours.');
    }
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const [record, topics, latestDrill] = await Promise.all([
      readScore(store, guildId, student.id),
      topicsFor(context, interaction.guildId),
      store.get(lastDailyKey(guildId)),
    ]);
    await interaction.editReply({
      embeds: [
        scoreEmbed(nameInServer(student, member), record, topics, { counted: settings?.streaks ?? false, latestDrill }),
      ],
    });
  },
} satisfies Command;
