import { MessageFlags, Routes, type REST } from 'discord.js';
import { UserError } from '../errors.js';
import { GuildTimers, type Backoff, type GuildTask } from '../guild-timers.js';
import { KeyedMutex } from '../store/keyed-mutex.js';
import { deadline, type LiveGame, type SubmitOutcome } from '../live/game.js';
import { advance, answerLive, attachMessage, liveKey, reveal, stop } from '../live/sessions.js';
import type { ButtonOwner, Context } from './command.js';
import { liveQuestionMessage, liveRevealMessage, podiumMessage } from './render/live.js';
import { nameInServer } from './member-name.js';

// Long enough to read the results before the next question replaces them.
const REVEAL_PAUSE_MS = 4000;
// A class is watching: after a failed step (the store away for a moment) the game is picked up again within a
// second, and at worst every ten seconds until the store answers.
const RETRY: Backoff = { firstMs: 1_000, maxMs: 10_000 };

/** The two Discord calls a live quiz makes, as discord.js's REST client offers them. */
export type LiveRest = Pick<REST, 'post' | 'patch'>;

/**
 * Drives each server's live quiz: posts questions, reveals when time is up, moves on, posts the
 * podium. All truth is in the stored game; this only keeps one timer per server and runs one step
 * at a time per server, so a skip racing the timer cannot reveal or advance twice. A step that fails
 * (the store away, Discord down) is logged with the server and the game, and the game is picked up
 * again later from what the store says, so it never stalls without a timer.
 */
export class LiveRunner {
  private readonly timers: GuildTimers;
  private readonly turns = new KeyedMutex();

  constructor(
    private readonly rest: LiveRest,
    private readonly context: Pick<Context, 'store' | 'log' | 'now'>,
  ) {
    this.timers = new GuildTimers(context.log, RETRY);
  }

  /** Posts the first question of a game just opened; a game that cannot be posted is ended at once. */
  begin(game: LiveGame): Promise<void> {
    return this.guarded(game, async () => {
      if (await this.ask(game)) return;
      await stop(this.context.store, game.guildId, game.id);
      throw new UserError(
        `I could not post in <#${game.channelId}>: check that I may view the channel and send messages there.`,
      );
    });
  }

  /** Ends the current question now (teacher's skip); false when no question was open. */
  skip(game: LiveGame): Promise<boolean> {
    return this.guarded(game, () => this.timeUp(game.guildId, game.id, game.index));
  }

  /** Ends the game now, with the standings of what was played. */
  end(game: LiveGame): Promise<void> {
    return this.guarded(game, async () => {
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

  /** After a restart: picks every unfinished game up where it was. Never fails: what cannot be read now is tried later. */
  async resume(guildIds: string[]): Promise<void> {
    let games: (LiveGame | undefined)[];
    try {
      games = await this.context.store.getMany(guildIds.map((guildId) => liveKey(guildId)));
    } catch (error) {
      this.context.log.error({ err: error }, 'could not read the live quizzes to resume; trying each server later');
      for (const guildId of guildIds) this.timers.retryLater(guildId, this.recovery(guildId));
      return;
    }
    for (const game of games) {
      if (!game || game.phase === 'finished') continue;
      await this.guarded(game, () => this.carryOn(game)).catch((error: unknown) =>
        this.context.log.error(
          { err: error, guildId: game.guildId, gameId: game.id },
          'could not resume a live quiz; trying again later',
        ),
      );
    }
  }

  stopAll(): void {
    this.timers.clear();
  }

  /** Arms whatever the stored game waits for: the one way back after a restart or a failed step. */
  private async carryOn(game: LiveGame): Promise<void> {
    if (game.phase === 'finished') return;
    if (game.phase === 'revealed') {
      this.later(game, REVEAL_PAUSE_MS, 'move a live quiz on', () => this.moveOn(game.guildId, game.id, game.index));
    } else if (!game.messageId) {
      await this.askOrFinish(game);
    } else {
      this.scheduleTimeUp(game);
    }
  }

  /** Reads the server's game again and carries on from there; a game since finished or replaced needs nothing. */
  private recovery(guildId: string, gameId?: string): GuildTask {
    return {
      doing: 'pick up a live quiz',
      ref: gameId ? { gameId } : {},
      run: () =>
        this.exclusive(guildId, async () => {
          const game = await this.context.store.get(liveKey(guildId));
          if (game && (gameId === undefined || game.id === gameId)) await this.carryOn(game);
        }),
    };
  }

  /** Posts the question on screen and arms its timer; false when Discord refused the post. */
  private async ask(game: LiveGame): Promise<boolean> {
    const endsAt = deadline(game);
    if (!endsAt) return true;
    let message: { id: string };
    try {
      message = await this.post(game.channelId, liveQuestionMessage(game, game.index, endsAt));
    } catch (error) {
      this.context.log.warn({ err: error, guildId: game.guildId, gameId: game.id }, 'could not post a live quiz');
      return false;
    }
    // A store failure here leaves the game asking with no message: the recovery posts the question again.
    const attached = await attachMessage(this.context.store, game.guildId, game.id, game.index, message.id);
    if (attached?.changed) this.scheduleTimeUp(attached.game);
    return true;
  }

  private scheduleTimeUp(game: LiveGame): void {
    const endsAt = deadline(game);
    if (!endsAt) return;
    this.later(game, endsAt.getTime() - this.context.now().getTime(), 'reveal a live quiz answer', () =>
      this.timeUp(game.guildId, game.id, game.index),
    );
  }

  private async timeUp(guildId: string, gameId: string, index: number): Promise<boolean> {
    const revealed = await reveal(this.context.store, guildId, gameId, index);
    if (!revealed?.changed) return false;
    this.cancel(guildId);
    await this.showReveal(revealed.game);
    this.later(revealed.game, REVEAL_PAUSE_MS, 'move a live quiz on', () => this.moveOn(guildId, gameId, index));
    return true;
  }

  /** The game goes on even if the question's message cannot be edited (deleted by a moderator, say). */
  private async showReveal(game: LiveGame): Promise<void> {
    if (!game.messageId) return;
    await this.rest
      .patch(Routes.channelMessage(game.channelId, game.messageId), { body: liveRevealMessage(game, game.index) })
      .catch((error: unknown) =>
        this.context.log.warn({ err: error, guildId: game.guildId }, 'could not show a live quiz answer'),
      );
  }

  private async moveOn(guildId: string, gameId: string, from: number): Promise<void> {
    const step = await advance(this.context.store, guildId, gameId, from, this.context.now());
    if (!step?.changed) return;
    const { game } = step;
    if (game.phase === 'finished') await this.postPodium(game);
    else await this.askOrFinish(game);
  }

  /** A question nobody can see would hold the server's only game open with no timer: end it instead. */
  private async askOrFinish(game: LiveGame): Promise<void> {
    if (await this.ask(game)) return;
    this.context.log.warn({ guildId: game.guildId, gameId: game.id }, 'ending a live quiz whose question was refused');
    await this.finish(game.guildId, game.id);
  }

  private async finish(guildId: string, gameId: string): Promise<void> {
    const finished = await stop(this.context.store, guildId, gameId);
    if (finished?.changed) await this.postPodium(finished.game);
  }

  /** The game is over in the store whether or not Discord takes its podium; trying again would not bring it back. */
  private async postPodium(game: LiveGame): Promise<void> {
    await this.post(game.channelId, podiumMessage(game)).catch((error: unknown) =>
      this.context.log.warn({ err: error, guildId: game.guildId, gameId: game.id }, 'could not post a live podium'),
    );
  }

  private async current(guildId: string, gameId: string): Promise<LiveGame | undefined> {
    const game = await this.context.store.get(liveKey(guildId));
    return game?.id === gameId ? game : undefined;
  }

  private post(channelId: string, body: object): Promise<{ id: string }> {
    return this.rest.post(Routes.channelMessages(channelId), { body }) as Promise<{ id: string }>;
  }

  /** Runs `step` on the game's server after `delayMs`; if it fails, the game is picked up again later. */
  private later(
    game: Pick<LiveGame, 'guildId' | 'id'>,
    delayMs: number,
    doing: string,
    step: () => Promise<unknown>,
  ): void {
    const { guildId, id: gameId } = game;
    const task: GuildTask = {
      doing,
      ref: { gameId },
      run: async () => {
        await this.exclusive(guildId, step);
      },
    };
    this.timers.set(guildId, delayMs, task, this.recovery(guildId, gameId));
  }

  private cancel(guildId: string): void {
    this.timers.cancel(guildId);
  }

  /**
   * A step a teacher's command or a restart asked for. Its failure is the caller's to report, and unless it was
   * an expected refusal the game is picked up again later, so a timer cancelled before the failure is not lost.
   */
  private async guarded<T>(game: LiveGame, step: () => Promise<T>): Promise<T> {
    try {
      return await this.exclusive(game.guildId, step);
    } catch (error) {
      if (!(error instanceof UserError)) this.timers.retryLater(game.guildId, this.recovery(game.guildId, game.id));
      throw error;
    }
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
