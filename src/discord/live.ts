import { MessageFlags, Routes, type Client } from 'discord.js';
import { UserError } from '../errors.js';
import { GuildTimers } from '../guild-timers.js';
import { KeyedMutex } from '../store/keyed-mutex.js';
import { deadline, type LiveGame, type SubmitOutcome } from '../live/game.js';
import { advance, answerLive, attachMessage, liveKey, reveal, stop } from '../live/sessions.js';
import type { ButtonOwner, Context } from './command.js';
import { liveQuestionMessage, liveRevealMessage, podiumMessage } from './render/live.js';
import { nameInServer } from './member-name.js';

// Long enough to read the results before the next question replaces them.
const REVEAL_PAUSE_MS = 4000;

/**
 * Drives each server's live quiz: posts questions, reveals when time is up, moves on, posts the
 * podium. All truth is in the stored game; this only keeps one timer per server and runs one step
 * at a time per server, so a skip racing the timer cannot reveal or advance twice.
 */
export class LiveRunner {
  private readonly timers = new GuildTimers();
  private readonly turns = new KeyedMutex();

  constructor(
    private readonly client: Client,
    private readonly context: Pick<Context, 'store' | 'log' | 'now'>,
  ) {}

  /** Posts the first question of a game just opened; a game that cannot be posted is ended at once. */
  begin(game: LiveGame): Promise<void> {
    return this.exclusive(game.guildId, async () => {
      try {
        await this.ask(game);
      } catch (error) {
        await stop(this.context.store, game.guildId, game.id);
        this.context.log.warn({ err: error, guildId: game.guildId }, 'could not post a live quiz');
        throw new UserError(
          `I could not post in <#${game.channelId}>: check that I may view the channel and send messages there.`,
        );
      }
    });
  }

  /** Ends the current question now (teacher's skip); false when no question was open. */
  skip(game: LiveGame): Promise<boolean> {
    return this.exclusive(game.guildId, () => this.timeUp(game.guildId, game.id, game.index));
  }

  /** Ends the game now, with the standings of what was played. */
  end(game: LiveGame): Promise<void> {
    return this.exclusive(game.guildId, async () => {
      this.cancel(game.guildId);
      const before = await this.current(game.guildId, game.id);
      if (!before || before.phase === 'finished') return;
      if (before.phase === 'asking') {
        const revealed = await reveal(this.context.store, game.guildId, game.id, before.index);
        if (revealed?.changed) await this.showReveal(revealed.game);
      }
      await this.finish(game.guildId, game.id);
    });
  }

  /** After a restart: picks every unfinished game up where it was. */
  async resume(guildIds: string[]): Promise<void> {
    const games = await this.context.store.getMany(guildIds.map((guildId) => liveKey(guildId)));
    for (const game of games) {
      if (!game || game.phase === 'finished') continue;
      if (game.phase === 'revealed')
        this.later(game.guildId, REVEAL_PAUSE_MS, () => this.moveOn(game.guildId, game.id, game.index));
      else if (!game.messageId)
        await this.exclusive(game.guildId, () => this.askOrFinish(game)).catch((error: unknown) =>
          this.context.log.error({ err: error, guildId: game.guildId }, 'could not resume a live quiz'),
        );
      else this.scheduleTimeUp(game);
    }
  }

  stopAll(): void {
    this.timers.clear();
  }

  private async ask(game: LiveGame): Promise<void> {
    const endsAt = deadline(game);
    if (!endsAt) return;
    const message = await this.post(game.channelId, liveQuestionMessage(game, game.index, endsAt));
    const attached = await attachMessage(this.context.store, game.guildId, game.id, game.index, message.id);
    if (attached?.changed) this.scheduleTimeUp(attached.game);
  }

  private scheduleTimeUp(game: LiveGame): void {
    const endsAt = deadline(game);
    if (!endsAt) return;
    this.later(game.guildId, endsAt.getTime() - this.context.now().getTime(), () =>
      this.timeUp(game.guildId, game.id, game.index),
    );
  }

  private async timeUp(guildId: string, gameId: string, index: number): Promise<boolean> {
    const revealed = await reveal(this.context.store, guildId, gameId, index);
    if (!revealed?.changed) return false;
    this.cancel(guildId);
    await this.showReveal(revealed.game);
    this.later(guildId, REVEAL_PAUSE_MS, () => this.moveOn(guildId, gameId, index));
    return true;
  }

  /** The game goes on even if the question's message cannot be edited (deleted by a moderator, say). */
  private async showReveal(game: LiveGame): Promise<void> {
    if (!game.messageId) return;
    await this.client.rest
      .patch(Routes.channelMessage(game.channelId, game.messageId), { body: liveRevealMessage(game, game.index) })
      .catch((error: unknown) =>
        this.context.log.warn({ err: error, guildId: game.guildId }, 'could not show a live quiz answer'),
      );
  }

  private async moveOn(guildId: string, gameId: string, from: number): Promise<void> {
    const step = await advance(this.context.store, guildId, gameId, from, this.context.now());
    if (!step?.changed) return;
    const { game } = step;
    if (game.phase === 'finished') await this.post(game.channelId, podiumMessage(game));
    else await this.askOrFinish(game);
  }

  /** A question nobody can see would hold the server's only game open with no timer: end it instead. */
  private async askOrFinish(game: LiveGame): Promise<void> {
    try {
      await this.ask(game);
    } catch (error) {
      this.context.log.warn({ err: error, guildId: game.guildId }, 'could not post a live quiz question; ending it');
      await this.finish(game.guildId, game.id);
    }
  }

  private async finish(guildId: string, gameId: string): Promise<void> {
    const finished = await stop(this.context.store, guildId, gameId);
    if (finished?.changed) await this.post(finished.game.channelId, podiumMessage(finished.game));
  }

  private async current(guildId: string, gameId: string): Promise<LiveGame | undefined> {
    const game = await this.context.store.get(liveKey(guildId));
    return game?.id === gameId ? game : undefined;
  }

  private post(channelId: string, body: object): Promise<{ id: string }> {
    return this.client.rest.post(Routes.channelMessages(channelId), { body }) as Promise<{ id: string }>;
  }

  private later(guildId: string, delayMs: number, step: () => Promise<unknown>): void {
    this.timers.set(guildId, delayMs, () => {
      this.exclusive(guildId, step).catch((error: unknown) =>
        this.context.log.error({ err: error, guildId }, 'live quiz step failed'),
      );
    });
  }

  private cancel(guildId: string): void {
    this.timers.cancel(guildId);
  }

  /** Runs `step` after the server's previous step; its failure is the caller's, and does not stop later steps. */
  private exclusive<T>(guildId: string, step: () => Promise<T>): Promise<T> {
    return this.turns.run(guildId, step);
  }
}

const LOCKED: Record<SubmitOutcome | 'gone', string> = {
  counted: '🔒 Answer locked in. The results show when time is up.',
  'already-answered': 'You have already answered this question; your first answer stands.',
  'too-late': 'Time is up for that question, so that answer did not count.',
  'not-current': 'That question is over, so that answer did not count.',
  'no-such-option': 'That button is not one of Lectern’s.',
  gone: 'That live quiz has ended.',
};

/** A student's answer in a live quiz, acknowledged to them alone. */
export const liveButtons = {
  name: 'live',
  async button(interaction, [gameId = '', index = '', choice = ''], context) {
    if (!interaction.inGuild()) throw new UserError('Live quizzes run in a class server.');
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const outcome = await answerLive(
      context.store,
      {
        guildId: interaction.guildId,
        gameId,
        userId: interaction.user.id,
        name: nameInServer(interaction.user, interaction.member),
        index: Number(index),
        choice: Number(choice),
      },
      context.now(),
    );
    await interaction.editReply({ content: LOCKED[outcome] });
  },
} satisfies ButtonOwner;
