import { randomBytes } from 'node:crypto';
import { MessageFlags, type Interaction, type RepliableInteraction } from 'discord.js';
import { isStoreOutage, UserError } from '../errors.js';
import { AUTOCOMPLETE_LIMIT, type ButtonOwner, type Command, type Context } from './command.js';

// Discord drops an autocomplete left unanswered for 3 s; this leaves room for the reply itself.
const AUTOCOMPLETE_DEADLINE_MS = 2_500;

// The store away for a moment (a dropped connection, a server restarting) is no bug to report: nothing a
// student did is lost, and the same click or command works once it is back.
const STORE_AWAY_MESSAGE = 'Lectern cannot reach its records just now. Please try again in a moment.';

/**
 * The one place interactions enter: finds the command, runs it, and is the single error boundary.
 * A UserError becomes a polite ephemeral message, and so does a store that cannot be reached for now
 * (try again in a moment); anything else is logged with a short reference that the user also sees, so a
 * teacher can report it. The returned function never rejects.
 */
export function createRouter(commands: readonly Command[], buttonOwners: readonly ButtonOwner[], context: Context) {
  const byName = new Map(commands.map((command) => [command.data.name, command]));
  const buttonsByName = new Map<string, ButtonOwner>([
    ...commands.flatMap((command) => {
      const { button } = command;
      return button ? [[command.data.name, { name: command.data.name, button }] as const] : [];
    }),
    ...buttonOwners.map((owner) => [owner.name, owner] as const),
  ]);

  return async function route(interaction: Interaction): Promise<void> {
    if (interaction.isAutocomplete()) {
      const command = byName.get(interaction.commandName);
      // Without an answer the student's list says "Loading options failed"; no choices is the better failure.
      const choices = await withinDeadline(
        AUTOCOMPLETE_DEADLINE_MS,
        Promise.resolve().then(() => command?.autocomplete?.(interaction, context)),
      ).catch((error: unknown) => {
        context.log.error({ err: error, command: interaction.commandName }, 'autocomplete failed');
        return [];
      });
      await interaction
        .respond((choices ?? []).slice(0, AUTOCOMPLETE_LIMIT))
        .catch((error: unknown) =>
          context.log.error({ err: error, command: interaction.commandName }, 'autocomplete reply failed'),
        );
      return;
    }
    if (!interaction.isChatInputCommand() && !interaction.isButton() && !interaction.isModalSubmit()) return;

    try {
      if (interaction.isChatInputCommand()) {
        const command = byName.get(interaction.commandName);
        if (!command) throw new UserError('That command is no longer available here.');
        await command.execute(interaction, context);
      } else if (interaction.isModalSubmit()) {
        const [owner = '', ...args] = interaction.customId.split(':');
        const command = byName.get(owner);
        if (!command?.modal) throw new UserError('That form has expired. Run the command again.');
        await command.modal(interaction, args, context);
      } else {
        const [owner = '', ...args] = interaction.customId.split(':');
        const handler = buttonsByName.get(owner);
        if (!handler) throw new UserError('That button has expired. Run the command again.');
        await handler.button(interaction, args, context);
      }
    } catch (error) {
      await replyWithError(interaction, error, context);
    }
  };
}

async function replyWithError(interaction: RepliableInteraction, error: unknown, context: Context): Promise<void> {
  let message: string;
  if (error instanceof UserError) {
    message = error.message;
  } else if (isStoreOutage(error)) {
    context.log.warn({ err: error, interaction: interaction.id }, 'store out of reach; asked to try again');
    message = STORE_AWAY_MESSAGE;
  } else {
    const ref = randomBytes(2).toString('hex');
    context.log.error({ err: error, ref, interaction: interaction.id }, 'interaction failed');
    message = `Something went wrong (ref ${ref}). Please try again, or show this reference to your teacher.`;
  }
  try {
    if (interaction.isChatInputCommand() && interaction.deferred && !interaction.replied) {
      // The "thinking…" placeholder becomes the message, instead of staying there forever; a public one
      // is removed instead, so the error is told to the student alone.
      if (interaction.ephemeral) {
        await interaction.editReply({ content: message });
      } else {
        await interaction.deleteReply();
        await interaction.followUp({ content: message, flags: MessageFlags.Ephemeral });
      }
    } else if (interaction.deferred || interaction.replied) {
      await interaction.followUp({ content: message, flags: MessageFlags.Ephemeral });
    } else {
      await interaction.reply({ content: message, flags: MessageFlags.Ephemeral });
    }
  } catch (replyError) {
    context.log.warn({ err: replyError, interaction: interaction.id }, 'could not tell the user about an error');
  }
}

/** The promise's value, or a rejection once `ms` have passed without one. */
function withinDeadline<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
