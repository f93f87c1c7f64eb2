import { randomInt } from 'node:crypto';
import {
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type ChatInputCommandInteraction,
} from 'discord.js';
import type { ClassSettings } from '../src/classes/settings.js';
import type { Command, Context } from '../src/discord/command.js';
import { requireTeacher } from '../src/discord/teacher.js';
import { drawQuiz, EVERYTHING } from '../src/drills/questions.js';
import { questionsFor } from '../src/drills/topics.js';
import { UserError } from '../src/errors.js';
import { LIVE_SECONDS } from '../src/live/game.js';
import { liveKey, openGame } from '../src/live/sessions.js';
import { quiz } from './quiz.js';

export const live = {
  data: new SlashCommandBuilder()
    .setName('live')
    .setDescription('Run a live quiz for the whole class')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((sub) =>
      sub
        .setName('start')
        .setDescription('Start a live quiz in the class channel')
        .addStringOption((option) =>
          option.setName('topic').setDescription('A chart, a source article, or everything').setAutocomplete(true),
        )
        .addIntegerOption((option) =>
          option
            .setName('questions')
            .setDescription('How many questions (1–20, default 5)')
            .setMinValue(1)
            .setMaxValue(20),
        )
        .addIntegerOption((option) =>
          option
            .setName('seconds')
            .setDescription(`Seconds per question (${LIVE_SECONDS.min}–${LIVE_SECONDS.max}, default 20)`)
            .setMinValue(LIVE_SECONDS.min)
            .setMaxValue(LIVE_SECONDS.max),
        )
        .addBooleanOption((option) =>
          option.setName('speed_bonus').setDescription('More points for faster right answers (default on)'),
        ),
    )
    .addSubcommand((sub) => sub.setName('skip').setDescription('End the current question now'))
    .addSubcommand((sub) => sub.setName('stop').setDescription('End the live quiz now, with final standings')),

  async execute(interaction, context) {
    if (!interaction.inGuild()) throw new UserError('Teacher commands work inside a class server.');
    const settings = await requireTeacher(interaction, context.store);
    const subcommand = interaction.options.getSubcommand();
    if (subcommand === 'start') return start(interaction, context, settings);
    const game = await context.store.get(liveKey(interaction.guildId));
    if (!game || game.phase === 'finished') throw new UserError('There is no live quiz running here.');
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    if (subcommand === 'skip') {
      const skipped = await context.live.skip(game);
      await interaction.editReply({
        content: skipped
          ? `Question ${game.index + 1} ended early; its answers are in the channel.`
          : 'No question is open right now: the next one is on its way.',
      });
    } else {
      await context.live.end(game);
      await interaction.editReply({ content: 'Live quiz stopped; the final standings are in the channel.' });
    }
  },

  autocomplete: quiz.autocomplete,
} satisfies Command;

async function start(
  interaction: ChatInputCommandInteraction<'cached' | 'raw'>,
  context: Context,
  settings: ClassSettings | undefined,
) {
  const topic = interaction.options.getString('topic') ?? EVERYTHING;
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const pool = await questionsFor(context, interaction.guildId, topic);
  const questions = drawQuiz(pool, interaction.options.getInteger('questions') ?? 5, randomInt(2 ** 31));
  const channelId = settings?.channelId ?? interaction.channelId;
  const game = await openGame(
    context.store,
    {
      guildId: interaction.guildId,
      channelId,
      hostId: interaction.user.id,
      topic,
      questions,
      seconds: interaction.options.getInteger('seconds') ?? 20,
      speedBonus: interaction.options.getBoolean('speed_bonus') ?? true,
    },
    context.now(),
  );
  await context.live.begin(game);
  await interaction.editReply({
    content: `Live quiz started in <#${channelId}>: ${questions.length} questions. Use /live skip or /live stop to steer it.`,
  });
}
