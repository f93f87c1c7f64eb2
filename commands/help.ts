import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import { classSettingsKey } from '../src/classes/settings.js';
import type { Command } from '../src/discord/command.js';
import { colors } from '../src/discord/render/colors.js';
import { isTeacher } from '../src/discord/teacher.js';

const forStudents = [
  '`/define term` — a term from the course: definition, example, related terms, source',
  '`/compare first second` — two concepts side by side, aspect by aspect',
  '`/quiz [topic] [questions] [mode]` — pick from options or type the answer, with the why after every answer',
  '`/flashcards [topic] [mode]` — cards that come back when you are about to forget them; show or type the answer',
  '`/review` — the questions you last got wrong',
  '`/score` and `/leaderboard` — how you are doing, and the class board',
].join('\n');

const forTeachers = [
  '`/class setup` — class channel, daily drill time and size, streaks, leaderboard, Teacher role',
  '`/class report` — every student’s figures, with a CSV for your gradebook; `/class reset` for a new term',
  '`/class questions [topic]` — how the class first answered each question, flagging the ones to rewrite',
  '`/live start|skip|stop` — a timed quiz for the whole class with a podium',
  '`/deck import|list|remove` — your own vocabulary from Quizlet, Anki or a spreadsheet',
].join('\n');

export const help = {
  data: new SlashCommandBuilder().setName('help').setDescription('What Lectern can do for you'),

  async execute(interaction, { store }) {
    const settings = interaction.guildId ? await store.get(classSettingsKey(interaction.guildId)) : undefined;
    const teacher = interaction.inGuild() && isTeacher(interaction, settings);
    await interaction.reply({
      flags: MessageFlags.Ephemeral,
      embeds: [
        {
          color: colors.definition,
          title: 'Lectern: learn the course by looking things up and answering',
          fields: [
            { name: 'For everyone', value: forStudents },
            ...(teacher ? [{ name: 'For teachers', value: forTeachers }] : []),
          ],
          footer: { text: 'Replies to you are private unless you choose to share them. Nothing here pings anyone.' },
        },
      ],
    });
  },
} satisfies Command;
