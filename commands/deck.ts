import {
  bold,
  escapeMarkdown,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type Attachment,
} from 'discord.js';
import { DECK_LIMITS, fileTooBig, itemWarnings, megabytes, parseDeck, RICH_HEADER } from '../src/decks/index.js';
import { MAX_DECKS } from '../src/decks/library.js';
import type { Command } from '../src/discord/command.js';
import { importedMessage } from '../src/discord/render/deck.js';
import { requireTeacher } from '../src/discord/teacher.js';
import { UserError } from '../src/errors.js';

// A stalled download must not hold the teacher's reply past Discord's 15-minute token.
const DOWNLOAD_TIMEOUT_MS = 20_000;

export const deck = {
  data: new SlashCommandBuilder()
    .setName('deck')
    .setDescription('Bring your own vocabulary: import, list and remove decks')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((sub) =>
      sub
        .setName('import')
        .setDescription(
          `A CSV or tab-separated file (Quizlet, Anki, or questions), up to ${megabytes(DECK_LIMITS.maxBytes)}`,
        )
        .addAttachmentOption((option) =>
          option.setName('file').setDescription('term,definition rows, or the question format').setRequired(true),
        )
        .addStringOption((option) =>
          option.setName('name').setDescription('The deck’s name (default: the file name)').setMaxLength(60),
        ),
    )
    .addSubcommand((sub) => sub.setName('list').setDescription('The decks of this server'))
    .addSubcommand((sub) =>
      sub
        .setName('remove')
        .setDescription('Remove a deck')
        .addStringOption((option) =>
          option.setName('deck').setDescription('The deck to remove').setRequired(true).setAutocomplete(true),
        ),
    ),

  async execute(interaction, context) {
    if (!interaction.inGuild()) throw new UserError('Teacher commands work inside a class server.');
    await requireTeacher(interaction, context.store);
    const subcommand = interaction.options.getSubcommand();
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });

    if (subcommand === 'import') {
      const file = interaction.options.getAttachment('file', true);
      const bytes = await download(file);
      const parsed = await parseDeck(file.name, bytes, interaction.options.getString('name') ?? undefined);
      const { stored, replaced } = await context.decks.add(
        interaction.guildId,
        parsed,
        interaction.user.id,
        context.now(),
      );
      await interaction.editReply({ content: importedMessage(stored, replaced, itemWarnings(parsed.questions)) });
      return;
    }

    if (subcommand === 'list') {
      const decks = await context.decks.decks(interaction.guildId);
      if (decks.length === 0) {
        await interaction.editReply({
          content: `No decks yet. Import one with /deck import: \`term,definition\` rows as Quizlet and Anki export them, or a sheet headed \`${RICH_HEADER}\`.`,
        });
        return;
      }
      const lines = decks.map(
        (stored) =>
          `• ${bold(escapeMarkdown(stored.name))}: ${stored.terms.length} terms, ${stored.questions.length} questions (imported <t:${Math.floor(Date.parse(stored.importedAt) / 1000)}:d>)`,
      );
      // An embed holds twice what a message does: twenty long deck names fit.
      await interaction.editReply({
        embeds: [{ title: `Decks of this server (${decks.length} of ${MAX_DECKS})`, description: lines.join('\n') }],
      });
      return;
    }

    const removed = await context.decks.remove(interaction.guildId, interaction.options.getString('deck', true));
    if (!removed) throw new UserError('There is no deck by that name here. /deck list shows them.');
    await interaction.editReply({ content: `Removed the deck ${bold(escapeMarkdown(removed.name))}.` });
  },

  async autocomplete(interaction, context) {
    if (!interaction.guildId) return [];
    const typed = interaction.options.getFocused().toLowerCase();
    return (await context.decks.decks(interaction.guildId))
      .filter((stored) => stored.name.toLowerCase().includes(typed))
      .map((stored) => ({ name: stored.name, value: stored.id }));
  },
} satisfies Command;

/** The attachment's bytes; a file over the limit is refused from its stated size, before any download. */
async function download(file: Attachment): Promise<Uint8Array> {
  if (file.size > DECK_LIMITS.maxBytes) throw fileTooBig(file.size);
  const response = await fetch(file.url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) }).catch(() => undefined);
  if (!response?.ok) throw new UserError('I could not download that file from Discord. Please try again.');
  return new Uint8Array(await response.arrayBuffer());
}
