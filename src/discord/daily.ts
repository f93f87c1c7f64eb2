import { MessageFlags, Routes, type Client } from 'discord.js';
import { claimDueDay, recordPosts, answerDay } from '../classes/drill.js';
import { classSettingsKey } from '../classes/settings.js';
import { UserError } from '../errors.js';
import type { ButtonOwner, Context } from './command.js';
import { dailyFeedback, dailyPosts } from './render/daily.js';

/** Posts the server's drill if it is due and not out yet; a second call the same day does nothing. */
export async function postDueDrill(client: Client, context: Context, guildId: string): Promise<boolean> {
  const settings = await context.store.get(classSettingsKey(guildId));
  if (!settings) return false;
  const bank = [...context.questions, ...(await context.decks.questions(guildId))];
  const claimed = await claimDueDay(context.store, guildId, settings, bank, context.now());
  if (!claimed) return false;
  const messageIds: string[] = [];
  for (const body of dailyPosts(claimed.daily, claimed.previous)) {
    const message = (await client.rest.post(Routes.channelMessages(settings.channelId), { body })) as { id: string };
    messageIds.push(message.id);
  }
  await recordPosts(context.store, guildId, claimed.daily.date, messageIds);
  context.log.info({ guildId, date: claimed.daily.date }, 'daily drill posted');
  return true;
}

/** Wakes every class the bot is in: posts a drill missed while it was down, then keeps the schedule. */
export async function startDailyDrills(client: Client<true>, context: Context): Promise<void> {
  const guildIds = [...client.guilds.cache.keys()];
  const settings = await context.store.getMany(guildIds.map((guildId) => classSettingsKey(guildId)));
  await Promise.all(
    guildIds.map(async (guildId, index) => {
      const classSettings = settings[index];
      if (!classSettings) return;
      await postDueDrill(client, context, guildId).catch((error: unknown) =>
        context.log.error({ err: error, guildId }, 'daily drill failed at start-up'),
      );
      context.daily.schedule(guildId, classSettings);
    }),
  );
  context.log.info({ classes: settings.filter(Boolean).length }, 'daily drills scheduled');
}

/** A student's answer on the drill in the class channel, told to them alone. */
export const dailyButtons = {
  name: 'daily',
  async button(interaction, [date = '', position = '', choice = ''], context) {
    if (!interaction.inGuild()) throw new UserError('The daily drill lives in a class server.');
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const settings = await context.store.get(classSettingsKey(interaction.guildId));
    const result = await answerDay(
      context.store,
      {
        guildId: interaction.guildId,
        date,
        userId: interaction.user.id,
        name: interaction.user.displayName,
        position: Number(position),
        choice: Number(choice),
        countStreak: settings?.streaks ?? false,
      },
      context.now(),
    );
    if (!result || result.outcome === 'no-such-question') {
      throw new UserError('That drill question is not one of Lectern’s. Try today’s drill in the class channel.');
    }
    if (result.outcome === 'already-answered') {
      throw new UserError('You have already answered that question; your first answer is the one that counts.');
    }
    await interaction.editReply(dailyFeedback(context.course, result.question, result.correct));
  },
} satisfies ButtonOwner;
