import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import { UserError } from '../src/errors.js';
import { customId, type Command } from '../src/discord/command.js';
import type { ChartMatch, Course } from '../src/content/course.js';
import { comparisonPages } from '../src/discord/render/comparison.js';
import { sideBySideEmbed } from '../src/discord/render/definition.js';
import { pagerRow } from '../src/discord/render/pager.js';
import { visibility } from '../src/discord/render/visibility.js';
import { unknownTermMessage } from './define.js';

export const compare = {
  data: new SlashCommandBuilder()
    .setName('compare')
    .setDescription('Compare two concepts side by side')
    .addStringOption((option) =>
      option.setName('first').setDescription('The first concept').setRequired(true).setAutocomplete(true),
    )
    .addStringOption((option) =>
      option.setName('second').setDescription('The second concept').setRequired(true).setAutocomplete(true),
    )
    .addBooleanOption((option) => option.setName('share').setDescription('Post the comparison for the whole channel')),

  async execute(interaction, { course }) {
    const first = findTerm(course, interaction.options.getString('first', true));
    const second = findTerm(course, interaction.options.getString('second', true));
    if (first.id === second.id) throw new UserError(`Pick two different concepts to compare with ${first.term}.`);
    const flags = visibility(interaction.options.getBoolean('share'));
    const match = course.chartFor(first, second);
    if (!match) {
      await interaction.reply({ embeds: [sideBySideEmbed(course, first, second)], ...flags });
      return;
    }
    await interaction.reply({ ...chartPage(course, match, 0), ...flags });
  },

  autocomplete(interaction, { course }) {
    return course.suggest(interaction.options.getFocused());
  },

  async button(interaction, [action, chartId = '', swapped = '', page = ''], { course }) {
    const chart = course.chart(chartId);
    if (action !== 'page' || !chart) throw new UserError('That chart is no longer in the course. Run /compare again.');
    const reply = chartPage(course, { chart, swapped: swapped === '1' }, Number(page));
    // Someone else's shared chart: turn the page for this student only.
    if (interaction.message.interactionMetadata?.user.id !== interaction.user.id) {
      await interaction.reply({ ...reply, flags: MessageFlags.Ephemeral });
    } else {
      await interaction.update(reply);
    }
  },
} satisfies Command;

function findTerm(course: Course, query: string) {
  const term = course.findTerm(query);
  if (!term)
    throw new UserError(
      unknownTermMessage(
        query,
        course.didYouMean(query).map((match) => match.term),
      ),
    );
  return term;
}

function chartPage(course: Course, { chart, swapped }: ChartMatch, requestedPage: number) {
  const pages = comparisonPages(course, { chart, swapped });
  const page = Number.isInteger(requestedPage) ? Math.min(Math.max(requestedPage, 0), pages.length - 1) : 0;
  return {
    embeds: pages.slice(page, page + 1),
    components: pagerRow(page, pages.length, (target) =>
      customId('compare', 'page', chart.id, swapped ? 1 : 0, target),
    ),
  };
}
