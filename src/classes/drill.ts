import { mistakesKey, rememberAnswer } from '../drills/mistakes.js';
import type { Question } from '../drills/questions.js';
import { cardStatesKey } from '../drills/study.js';
import { countAnswer, membersKey } from '../scores/scoreboard.js';
import type { Store } from '../store/index.js';
import {
  answerDaily,
  dailyKey,
  drawDaily,
  dueDate,
  lastDailyKey,
  type ClassSignals,
  type Daily,
  type DailyAnswer,
} from './daily.js';
import type { ClassSettings } from './settings.js';

/** What the class as a whole keeps getting wrong and has due, read from every member's records. */
export async function classSignals(store: Store, guildId: string, now: Date): Promise<ClassSignals> {
  const members = (await store.get(membersKey(guildId))) ?? [];
  const [mistakes, cards] = await Promise.all([
    store.getMany(members.map((userId) => mistakesKey(guildId, userId))),
    store.getMany(members.map((userId) => cardStatesKey(guildId, userId))),
  ]);
  const mistakeCounts = new Map<string, number>();
  for (const question of mistakes.flatMap((list) => list ?? [])) {
    mistakeCounts.set(question.id, (mistakeCounts.get(question.id) ?? 0) + 1);
  }
  const dueCardQuestions = new Set<string>();
  for (const states of cards) {
    for (const [cardId, state] of Object.entries(states ?? {})) {
      // A card `term:x` is asked in the drill as the question `define:x`.
      if (Date.parse(state.due) <= now.getTime()) dueCardQuestions.add(cardId.replace(/^term:/, 'define:'));
    }
  }
  return { mistakeCounts, dueCardQuestions };
}

export interface ClaimedDay {
  daily: Daily;
  /** The drill before this one, to open the post with its results. */
  previous: Daily | undefined;
}

/**
 * Claims today's drill for the server if it is due and nobody claimed it yet. The claim is one
 * serialized update of the day's record, so two wakes (a timer and a restart) never post twice.
 */
export async function claimDueDay(
  store: Store,
  guildId: string,
  settings: ClassSettings,
  bank: readonly Question[],
  now: Date,
): Promise<ClaimedDay | undefined> {
  const date = dueDate(settings, now);
  if (!date) return undefined;
  if (await store.get(dailyKey(guildId, date))) return undefined;
  const questions = drawDaily(bank, await classSignals(store, guildId, now), settings.size, date);
  if (questions.length === 0) return undefined;
  let claimed = false;
  const daily = await store.update(dailyKey(guildId, date), (current) => {
    if (current) return current;
    claimed = true;
    return { guildId, date, channelId: settings.channelId, questions, answers: {} };
  });
  if (!claimed) return undefined;
  const previousDate = await store.get(lastDailyKey(guildId));
  const previous = previousDate ? await store.get(dailyKey(guildId, previousDate)) : undefined;
  await store.set(lastDailyKey(guildId), date);
  return { daily, previous };
}

export async function recordPosts(store: Store, guildId: string, date: string, messageIds: string[]): Promise<void> {
  await store.update(dailyKey(guildId, date), (current) => {
    if (!current) throw new Error(`no daily drill ${guildId} ${date} to record a post for`);
    return { ...current, messageIds };
  });
}

export interface DailyClick {
  guildId: string;
  date: string;
  userId: string;
  name: string;
  position: number;
  choice: number;
  countStreak: boolean;
}

/** A student's answer to the drill: counted in their score once, the first choice only. */
export async function answerDay(store: Store, click: DailyClick, now: Date): Promise<DailyAnswer | undefined> {
  const key = dailyKey(click.guildId, click.date);
  if (!(await store.get(key))) return undefined;
  let result: DailyAnswer | undefined;
  await store.update(key, async (current) => {
    if (!current) throw new Error(`daily drill ${click.guildId} ${click.date} vanished`);
    result = answerDaily(current, click.userId, click.position, click.choice);
    if (result.outcome === 'counted') {
      await countAnswer(store, click.guildId, click.userId, {
        id: `daily:${click.date}:${click.position}`,
        topic: result.question.topic,
        correct: result.correct,
        at: now,
        name: click.name,
        ...(click.countStreak ? { day: click.date } : {}),
      });
      await rememberAnswer(store, click.guildId, click.userId, result.question, result.correct);
    }
    return result.daily;
  });
  return result;
}
