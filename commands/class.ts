import {
  AttachmentBuilder,
  ButtonStyle,
  ChannelType,
  ComponentType,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { analyseQuestions, questionReportCsv } from '../src/classes/questions.js';
import { buildReport, reportCsv } from '../src/classes/report.js';
import { confirmReset, requestReset } from '../src/classes/reset.js';
import {
  classSettingsKey,
  isTimezone,
  parseTimeOfDay,
  suggestTimezones,
  type ClassSettings,
} from '../src/classes/settings.js';
import { customId, type Command, type Context } from '../src/discord/command.js';
import { postDueDrill } from '../src/discord/daily.js';
import { questionAnalysisEmbed } from '../src/discord/render/questions.js';
import { classReportEmbed } from '../src/discord/render/report.js';
import { requireTeacher } from '../src/discord/teacher.js';
import { UserError } from '../src/errors.js';
import { readClassFirstAttempts } from '../src/scores/first-attempts.js';
import { readClassScores } from '../src/scores/scoreboard.js';
import { EVERYTHING } from '../src/drills/questions.js';
import { questionsFor, suggestTopics, topicsFor } from '../src/drills/topics.js';

export const classCommand = {
  data: new SlashCommandBuilder()
    .setName('class')
    .setDescription('Run your class: daily drill, reports, a new term')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((sub) =>
      sub
        .setName('setup')
        .setDescription('Choose the class channel and the daily drill')
        .addChannelOption((option) =>
          option
            .setName('channel')
            .setDescription('Where the daily drill and live quizzes go')
            .setRequired(true)
            .addChannelTypes(ChannelType.GuildText),
        )
        .addStringOption((option) =>
          option
            .setName('timezone')
            .setDescription('Your timezone, such as Asia/Tokyo')
            .setRequired(true)
            .setAutocomplete(true),
        )
        .addStringOption((option) =>
          option.setName('time').setDescription('Daily drill time, 24-hour HH:MM such as 08:30').setRequired(true),
        )
        .addIntegerOption((option) =>
          option.setName('size').setDescription('Questions a day (1–5, default 3)').setMinValue(1).setMaxValue(5),
        )
        .addBooleanOption((option) => option.setName('streaks').setDescription('Count streaks of days (default on)'))
        .addBooleanOption((option) =>
          option.setName('leaderboard').setDescription('Show students the leaderboard (default on)'),
        )
        .addRoleOption((option) =>
          option.setName('teacher_role').setDescription('Members with this role may use teacher commands'),
        ),
    )
    .addSubcommand((sub) =>
      sub.setName('report').setDescription('Every student’s figures, with a CSV for your gradebook'),
    )
    .addSubcommand((sub) =>
      sub
        .setName('questions')
        .setDescription('How the class answered each question, with a CSV')
        .addStringOption((option) =>
          option
            .setName('topic')
            .setDescription('A chart, a source article or a deck (default: all)')
            .setAutocomplete(true),
        ),
    )
    .addSubcommand((sub) => sub.setName('reset').setDescription('Start a new term: clear every score (asks first)')),

  async execute(interaction, context) {
    if (!interaction.inGuild()) throw new UserError('Teacher commands work inside a class server.');
    await requireTeacher(interaction, context.store);
    const subcommand = interaction.options.getSubcommand();
    if (subcommand === 'setup') return setup(interaction, context);
    if (subcommand === 'report') return report(interaction, context);
    if (subcommand === 'questions') return questions(interaction, context);
    return askToReset(interaction, context);
  },

  autocomplete(interaction, context) {
    const focused = interaction.options.getFocused(true);
    if (focused.name === 'topic') return suggestTopics(context, interaction.guildId, focused.value);
    return suggestTimezones(focused.value).map((zone) => ({ name: zone, value: zone }));
  },

  async button(interaction, [action, token = ''], context) {
    if (action !== 'reset' || !interaction.inGuild()) throw new UserError('That button is not one of Lectern’s.');
    await requireTeacher(interaction, context.store);
    await interaction.deferUpdate();
    const cleared = await confirmReset(context.store, interaction.guildId, token, context.now());
    if (cleared === undefined) throw new UserError('That reset has expired. Run /class reset again.');
    await interaction.editReply({
      content: `Done: a new term starts. ${cleared} student record${cleared === 1 ? '' : 's'} cleared.`,
      components: [],
    });
  },
} satisfies Command;

async function setup(interaction: ChatInputCommandInteraction<'cached' | 'raw'>, context: Context) {
  const timezone = interaction.options.getString('timezone', true);
  if (!isTimezone(timezone)) throw new UserError(`“${timezone}” is not a timezone I know. Pick one from the list.`);
  const time = parseTimeOfDay(interaction.options.getString('time', true));
  if (!time) throw new UserError('Give the time as 24-hour HH:MM, such as 08:30 or 14:00.');
  const role = interaction.options.getRole('teacher_role');
  if (role && !interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild)) {
    throw new UserError('Only someone who can manage the server may choose the Teacher role.');
  }
  if (role?.id === interaction.guildId)
    throw new UserError('@everyone cannot be the Teacher role: pick a role of teachers.');
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  // Options left out keep what the teacher chose before, so changing the time keeps the Teacher role.
  const settings = await context.store.update(classSettingsKey(interaction.guildId), (before): ClassSettings => {
    const teacherRoleId = role?.id ?? before?.teacherRoleId;
    return {
      channelId: interaction.options.getChannel('channel', true).id,
      timezone,
      time,
      size: interaction.options.getInteger('size') ?? before?.size ?? 3,
      streaks: interaction.options.getBoolean('streaks') ?? before?.streaks ?? true,
      leaderboard: interaction.options.getBoolean('leaderboard') ?? before?.leaderboard ?? true,
      ...(teacherRoleId ? { teacherRoleId } : {}),
    };
  });
  context.daily.schedule(interaction.guildId, settings);
  const postedNow = await postDueDrill(interaction.client, context, interaction.guildId, settings).catch(
    (error: unknown) => {
      context.log.warn({ err: error, guildId: interaction.guildId }, 'could not post the daily drill at setup');
      context.daily.retrySoon(interaction.guildId);
      return 'failed' as const;
    },
  );
  await interaction.editReply({
    content: [
      `Class set up. The daily drill of ${settings.size} question${settings.size === 1 ? '' : 's'} goes to <#${settings.channelId}> at ${time} (${timezone}).`,
      `Streaks ${settings.streaks ? 'on' : 'off'}; leaderboard ${settings.leaderboard ? 'shown' : 'hidden'} for students.`,
      ...(settings.teacherRoleId
        ? [
            `Members with <@&${settings.teacherRoleId}> count as teachers. Discord shows them /class, /live and /deck once an admin allows the role for Lectern under Server Settings → Integrations.`,
          ]
        : []),
      ...(postedNow === true ? ['Today’s drill was due already, so it is out now.'] : []),
      ...(postedNow === 'failed'
        ? [
            `⚠️ I could not post in <#${settings.channelId}>: check that I may view the channel and send messages there. I will try again in a few minutes.`,
          ]
        : []),
    ].join('\n'),
  });
}

async function report(interaction: ChatInputCommandInteraction<'cached' | 'raw'>, context: Context) {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const [scores, topics] = await Promise.all([
    readClassScores(context.store, interaction.guildId),
    topicsFor(context, interaction.guildId),
  ]);
  const classReport = buildReport(scores, topics);
  const csv = new AttachmentBuilder(Buffer.from(await reportCsv(classReport), 'utf8'), { name: 'class-report.csv' });
  await interaction.editReply({ embeds: [classReportEmbed(classReport)], files: [csv] });
}

async function questions(interaction: ChatInputCommandInteraction<'cached' | 'raw'>, context: Context) {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const topic = interaction.options.getString('topic') ?? EVERYTHING;
  const [attempts, asked, topics] = await Promise.all([
    readClassFirstAttempts(context.store, interaction.guildId),
    questionsFor(context, interaction.guildId, topic),
    topicsFor(context, interaction.guildId),
  ]);
  const analysis = await analyseQuestions(attempts, asked);
  const csv = new AttachmentBuilder(Buffer.from(await questionReportCsv(analysis, topics), 'utf8'), {
    name: 'question-report.csv',
  });
  const topicName = topic === EVERYTHING ? undefined : topics.find((each) => each.id === topic)?.name;
  await interaction.editReply({ embeds: [questionAnalysisEmbed(analysis, topicName)], files: [csv] });
}

async function askToReset(interaction: ChatInputCommandInteraction<'cached' | 'raw'>, context: Context) {
  const token = await requestReset(context.store, interaction.guildId, context.now());
  await interaction.reply({
    flags: MessageFlags.Ephemeral,
    content:
      '**Start a new term?** This clears every student’s score, streaks, mistakes and flashcards in this server. ' +
      'Settings, decks and past drills stay. The button works for five minutes.',
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            style: ButtonStyle.Danger,
            label: 'Yes, clear every score',
            custom_id: customId('class', 'reset', token),
          },
        ],
      },
    ],
  });
}
