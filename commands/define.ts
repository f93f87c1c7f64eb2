import { SlashCommandBuilder } from '@discordjs/builders';
import { UserError } from '../src/errors.js';
import type { Command } from '../src/discord/command.js';
import { definitionEmbed } from '../src/discord/render/definition.js';
import { visibility } from '../src/discord/render/visibility.js';

export const define = {
  data: new SlashCommandBuilder()
    .setName('define')
    .setDescription('Look up a term from the course')
    .addStringOption((option) =>
      option.setName('term').setDescription('The term to look up').setRequired(true).setAutocomplete(true),
    )
    .addBooleanOption((option) => option.setName('share').setDescription('Post the answer for the whole channel')),

  async execute(interaction, { course }) {
    const query = interaction.options.getString('term', true);
    const term = course.findTerm(query);
    if (!term)
      throw new UserError(
        unknownTermMessage(
          query,
          course.didYouMean(query).map((t) => t.term),
        ),
      );
    await interaction.reply({
      embeds: [definitionEmbed(course, term)],
      ...visibility(interaction.options.getBoolean('share')),
    });
  },

  autocomplete(interaction, { course }) {
    return course.suggest(interaction.options.getFocused());
  },
} satisfies Command;

export function unknownTermMessage(query: string, suggestions: string[]): string {
  const asked = `The course has no term called “${query.slice(0, 80)}”.`;
  if (suggestions.length === 0) return `${asked} Start typing and pick a term from the list.`;
  return `${asked} Did you mean ${suggestions.map((name) => `**${name}**`).join(', ')}?`;
}
