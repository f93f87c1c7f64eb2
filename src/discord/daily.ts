import { MessageFlags, Routes, type Client } from 'discord.js';
import { answerDay, claimDueDay, recordPost } from '../classes/drill.js';
import { classSettingsKey, type ClassSettings } from '../classes/settings.js';
import { UserError } from '../errors.js';
import type { ButtonOwner, Context } from './command.js';
import { dailyFeedback, dailyPosts } from './render/daily.js';
import { nameInServer } from './member-name.js';

/** Posts the server's drill if it is due and not out yet; a second call the same day does nothing. */
export async function postDueDrill(
  client: Client,
  context: Context,
  guildId: string,
  known?: ClassSettings,
): Promise<boolean> {
  const settings = known ?? (await context.store.get(classSettingsKey(guildId)));
  if (!settings) return false;
  const bank = async () => [...context.questions, ...(await context.decks.questions(guildId))];
  const claimed = await claimDueDay(context.store, guildId, settings, bank, context.now());
  if (!claimed) return false;
  const { daily, previous } = claimed;
  const posts = dailyPosts(daily, previous);
  for (let position = daily.messageIds.length; position < posts.length; position++) {
    const message = (await client.rest.post(Routes.channelMessages(daily.channelId), { body: posts[position] })) as {
      id: string;
    };
    await recordPost(context.store, guildId, daily.date, position, message.id);
  }
  context.log.info({ guildId, date: daily.date }, 'daily drill posted');
  return true;
}

/** Wakes every class the bot is in: posts a drill missed while it was down, then keeps the schedule. */
export async function startDailyDrills(client: Client<true>, context: Context): Promise<void> {
  let classes = 0;
  await Promise.all(
    [...client.guilds.cache.keys()].map(async (guildId) => {
      // One server's unreadable record must not keep the others' drills from starting.
      try {
        const settings = await context.store.get(classSettingsKey(guildId));
        if (!settings) return;
        classes++;
        context.daily.schedule(guildId, settings);
        await postDueDrill(client, context, guildId, settings);
      } catch (error) {
        context.log.error({ err: error, guildId }, 'daily drill failed at start-up');
        context.daily.retrySoon(guildId);
      }
    }),
  );
  context.log.info({ classes }, 'daily drills scheduled');
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
        name: nameInServer(interaction.user, interaction.member),
        position: Number(position),
        choice: Number(choice),
        countStreak: settings?.streaks ?? false,
      },
      context.now(),
    );
    if (result === 'closed') {
      throw new UserError(
        'That drill has closed: only the latest one takes answers. Look for today’s in the class channel.',
      );
    }
    if (!result || result.outcome === 'no-such-question') {
      throw new UserError('That drill question is not one of Lectern’s. Try today’s drill in the class channel.');
    }
    if (result.outcome === 'already-answered') {
      throw new UserError('You have already answered that question; your first answer is the one that counts.');
    }
    await interaction.editReply(dailyFeedback(context.course, result.question, result.correct));
  },
} satisfies ButtonOwner;
