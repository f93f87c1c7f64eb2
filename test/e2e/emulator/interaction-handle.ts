import type { Core } from './core.js';
import { toBotMessage, type InteractionRecord } from './state.js';
import type { BotMessage, CallbackRecord, JsonObject, Violation, WaitOptions } from './types.js';

export interface ReplyWaitOptions extends WaitOptions {
  /** Keep waiting until the message satisfies this (e.g. a progress message reaching its final text). */
  readonly where?: (message: BotMessage) => boolean;
}

const CallbackName: Record<number, string> = {
  1: 'PONG',
  4: 'CHANNEL_MESSAGE_WITH_SOURCE',
  5: 'DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE',
  6: 'DEFERRED_UPDATE_MESSAGE',
  7: 'UPDATE_MESSAGE',
  8: 'APPLICATION_COMMAND_AUTOCOMPLETE_RESULT',
  9: 'MODAL',
  12: 'LAUNCH_ACTIVITY',
};

/** What a test holds after triggering an interaction: the bot's answer as the user would see it. */
export class InteractionHandle {
  readonly #core: Core;
  readonly #record: InteractionRecord;

  constructor(core: Core, record: InteractionRecord) {
    this.#core = core;
    this.#record = record;
  }

  get id(): string {
    return this.#record.id;
  }

  /** The INTERACTION_CREATE data that was dispatched. */
  get payload(): JsonObject {
    return this.#record.payload;
  }

  get callback(): CallbackRecord | null {
    return this.#record.callback;
  }

  get callbackType(): number | null {
    return this.#record.callback?.type ?? null;
  }

  get ackLatencyMs(): number | null {
    return this.#record.callback?.latencyMs ?? null;
  }

  /** The message `@original` currently refers to (null before there is one). */
  get message(): BotMessage | null {
    return this.#record.original ? toBotMessage(this.#record.original) : null;
  }

  get followUps(): BotMessage[] {
    return this.#record.followUps.map(toBotMessage);
  }

  /** Violations caused by requests for this interaction (callback, webhook edits, follow-ups). */
  get violations(): readonly Violation[] {
    return [...this.#record.violations];
  }

  #describe(): string {
    const record = this.#record;
    const what = record.commandName ? `/${record.commandName}` : `component "${record.customId ?? '?'}"`;
    return `${what} (interaction ${record.id})`;
  }

  /** Throws when the callback was refused: the interaction can no longer be answered. */
  #assertNotFailed(): void {
    if (this.#record.callback) return;
    const refusal = this.#record.violations.find((violation) => violation.path.endsWith('/callback'));
    if (refusal) {
      throw new Error(
        `${this.#describe()} was not acknowledged: ${refusal.code} ${refusal.message} (${refusal.detail})`,
      );
    }
  }

  /**
   * Resolves with the interaction callback once it arrives. Rejects when Discord refused it (late, invalid, …) or
   * when none arrives within the ack window plus one second.
   */
  acknowledged(options: WaitOptions = {}): Promise<CallbackRecord> {
    const timeoutMs = options.timeoutMs ?? this.#core.config.ackWindowMs + 1000;
    return this.#core.state.changes.until(
      () => {
        this.#assertNotFailed();
        return this.#record.callback ?? undefined;
      },
      timeoutMs,
      () => `the callback of ${this.#describe()}`,
    );
  }

  /**
   * Resolves with the reply the user sees: the callback message, or for deferred replies the message once the bot
   * has filled it in (edit of @original or first follow-up), or for component updates the updated message.
   */
  reply(options: ReplyWaitOptions = {}): Promise<BotMessage> {
    const record = this.#record;
    return this.#core.state.changes.until(
      () => {
        this.#assertNotFailed();
        const callback = record.callback;
        if (!callback) return undefined;
        if (![4, 5, 6, 7].includes(callback.type)) {
          throw new Error(
            `${this.#describe()} was answered with ${CallbackName[callback.type] ?? callback.type}, not a message`,
          );
        }
        const original = record.original;
        if (original?.deleted) throw new Error(`The reply to ${this.#describe()} was deleted`);
        if (!original || original.loading) return undefined;
        // A deferred update only becomes visible once the bot edits the message.
        if (callback.type === 6 && (original.editedAt === null || original.editedAt < callback.at)) return undefined;
        const message = toBotMessage(original);
        return options.where && !options.where(message) ? undefined : message;
      },
      options.timeoutMs ?? this.#core.config.waitTimeoutMs,
      () => `the reply to ${this.#describe()}${options.where ? ' matching the predicate' : ''}`,
    );
  }

  /** Resolves with the n-th (0-based) follow-up message. */
  followUp(index = 0, options: ReplyWaitOptions = {}): Promise<BotMessage> {
    return this.#core.state.changes.until(
      () => {
        const found = this.#record.followUps[index];
        if (!found) return undefined;
        const message = toBotMessage(found);
        return options.where && !options.where(message) ? undefined : message;
      },
      options.timeoutMs ?? this.#core.config.waitTimeoutMs,
      () => `follow-up #${index} of ${this.#describe()}`,
    );
  }
}
