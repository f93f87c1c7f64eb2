import { bold, escapeMarkdown, SlashCommandBuilder, type APIEmbed } from 'discord.js';
import { UserError } from '../src/errors.js';
import { AUTOCOMPLETE_LIMIT, type Command, type Context } from '../src/discord/command.js';
import { deckTermEmbed, definitionEmbed } from '../src/discord/render/definition.js';
import { visibility } from '../src/discord/render/visibility.js';

export const define = {
  data: new SlashCommandBuilder()
    .setName('define')
    .setDescription('Look up a term from the course or your class’s decks')
    .addStringOption((option) =>
      option.setName('term').setDescription('The term to look up').setRequired(true).setAutocomplete(true),
    )
    .addBooleanOption((option) => option.setName('share').setDescription('Post the answer for the whole channel')),

  async execute(interaction, context) {
    const query = interaction.options.getString('term', true);
    const entry = await lookUp(context, interaction.guildId, query);
    if (!entry) throw new UserError(unknownTermMessage(query, await spelledAlike(context, interaction.guildId, query)));
    await interaction.reply({ embeds: [entry], ...visibility(interaction.options.getBoolean('share')) });
  },

  async autocomplete(interaction, { course, decks }) {
    const typed = interaction.options.getFocused();
    const fromCourse = course.suggest(typed);
    if (!interaction.guildId || fromCourse.length >= AUTOCOMPLETE_LIMIT) return fromCourse;
    return [
      ...fromCourse,
      ...(await decks.suggest(interaction.guildId, typed, AUTOCOMPLETE_LIMIT - fromCourse.length)),
    ];
  },
} satisfies Command;

/**
 * The entry for the term, rendered: a name spelled exactly wins over a near spelling, so a deck's "Na" is not
 * taken for the course's "Wa"; among equals the course comes first.
 */
async function lookUp(
  { course, decks }: Context,
  guildId: string | null,
  query: string,
): Promise<APIEmbed | undefined> {
  const named = course.termNamed(query);
  if (named) return definitionEmbed(course, named);
  const fromDeck = guildId ? await decks.findTerm(guildId, query) : undefined;
  if (fromDeck?.typos === 0) return deckTermEmbed(fromDeck.deck, fromDeck.term);
  const nearCourse = course.findTerm(query);
  if (nearCourse) return definitionEmbed(course, nearCourse);
  return fromDeck ? deckTermEmbed(fromDeck.deck, fromDeck.term) : undefined;
}

/** Names from the course, then from the server's decks, spelled most like a word that is no term. */
async function spelledAlike({ course, decks }: Context, guildId: string | null, query: string): Promise<string[]> {
  const fromCourse = course.didYouMean(query).map((term) => term.term);
  return guildId ? [...fromCourse, ...(await decks.didYouMean(guildId, query))] : fromCourse;
}

/** A private "did you mean" for a word that is no term, offering the names spelled most like it. */
export function unknownTermMessage(query: string, suggestions: readonly string[]): string {
  const asked = `I have no term called “${query.slice(0, 80)}”.`;
  if (suggestions.length === 0) return `${asked} Start typing and pick a term from the list.`;
  return `${asked} Did you mean ${suggestions.map((name) => bold(escapeMarkdown(name))).join(', ')}?`;
}
