import { countDrillAnswer } from '../drills/answers.js';
import { mistakesKey, wrongOnly } from '../drills/mistakes.js';
import type { Question } from '../drills/questions.js';
import { cardStatesKey } from '../drills/study.js';
import { classMembers } from '../scores/scoreboard.js';
import type { Store } from '../store/index.js';
import { batchesOf } from '../time-slices.js';
import {
  answerDaily,
  dailyKey,
  dayResults,
  type PreviousDay,
  sheetKey,
  drawDaily,
  dueDate,
  lastDailyKey,
  type ClassSignals,
  isFullyPosted,
  type Daily,
  type DailyAnswer,
} from './daily.js';
import type { ClassSettings } from './settings.js';

// A student's mistakes hold up to 50 whole questions (25 KB or so): read 20 students at a time, each reply is
// parsed in a few milliseconds, where a class of 1,000 read at once held the event loop for 400 ms.
const STUDENTS_PER_READ = 20;

/** What the class as a whole keeps getting wrong and has due, read from every member's records. */
async function classSignals(store: Store, guildId: string, now: Date): Promise<ClassSignals> {
  const members = await classMembers(store, guildId);
  const mistakeCounts = new Map<string, number>();
  const dueCardQuestions = new Set<string>();
  for (const students of batchesOf(members, STUDENTS_PER_READ)) {
    const [mistakes, cards] = await Promise.all([
      store.getMany(students.map((userId) => mistakesKey(guildId, userId))),
      store.getMany(students.map((userId) => cardStatesKey(guildId, userId))),
    ]);
    for (const question of mistakes.flatMap((list) => wrongOnly(list ?? []))) {
      mistakeCounts.set(question.id, (mistakeCounts.get(question.id) ?? 0) + 1);
    }
    for (const states of cards) {
      for (const [cardId, state] of Object.entries(states ?? {})) {
        if (Date.parse(state.due) <= now.getTime()) dueCardQuestions.add(questionIdOfCard(cardId));
      }
    }
  }
  return { mistakeCounts, dueCardQuestions };
}

export interface ClaimedDay {
  daily: Daily;
  /** The drill before this one, to open the post with its results. */
  previous: PreviousDay | undefined;
}

// Longer than posting a few messages takes; short enough that a crash mid-post is mended within minutes.
const POSTING_LEASE_MS = 60_000;

/**
 * Takes the job of posting today's drill, if it is due and not fully posted. The day's record is
 * created, or its posting lease taken, in one serialized update, so two wakes (a timer and a
 * restart) never post the same message twice; a post cut short by a crash or a Discord error is
 * finished by the next wake once the lease has lapsed.
 */
export async function claimDueDay(
  store: Store,
  guildId: string,
  settings: ClassSettings,
  bank: () => Promise<readonly Question[]>,
  now: Date,
): Promise<ClaimedDay | undefined> {
  const date = dueDate(settings, now);
  if (!date) return undefined;
  const latestDate = await store.get(lastDailyKey(guildId));
  // Moving the timezone west can make today's date earlier than a drill already posted: that drill
  // stays the open one and counts as today's, so the days students answer run on without a gap.
  if (latestDate && date < latestDate) return undefined;
  const existing = await store.get(dailyKey(guildId, date));
  if (existing && isFullyPosted(existing)) return undefined;
  // The bank (the course and the server's decks) is only gathered on the one wake a day that draws.
  const questions =
    existing?.questions ?? drawDaily(await bank(), await classSignals(store, guildId, now), settings.size, date);
  if (questions.length === 0) return undefined;
  const previousDate = existing ? existing.previousDate : latestDate;
  const postingUntil = new Date(now.getTime() + POSTING_LEASE_MS).toISOString();
  let claimed = false;
  const daily = await store.update(dailyKey(guildId, date), (current) => {
    // Decided afresh on every run: the update runs this again when another process wrote the record first.
    claimed = false;
    if (!current) {
      claimed = true;
      return {
        guildId,
        date,
        channelId: settings.channelId,
        ...(previousDate && previousDate !== date ? { previousDate } : {}),
        messageIds: [],
        postingUntil,
        questions,
      };
    }
    const leased = current.postingUntil !== undefined && Date.parse(current.postingUntil) > now.getTime();
    if (isFullyPosted(current) || leased) return current;
    claimed = true;
    // Nothing posted yet (the last try failed, say in a channel the bot may not use): the channel the teacher
    // chose since is the one to try. Once one question is out, the rest follow it there.
    const channelId = current.messageIds.length === 0 ? settings.channelId : current.channelId;
    return { ...current, channelId, postingUntil };
  });
  if (!claimed) return undefined;
  await store.set(lastDailyKey(guildId), date);
  const previous = daily.previousDate ? await previousDay(store, guildId, daily.previousDate) : undefined;
  return { daily, previous };
}

/** A past drill's results, from its students' sheets: only students on the class list can have answered. */
async function previousDay(store: Store, guildId: string, date: string): Promise<PreviousDay | undefined> {
  const [daily, members] = await Promise.all([store.get(dailyKey(guildId, date)), classMembers(store, guildId)]);
  if (!daily) return undefined;
  const sheets = await store.getMany(members.map((userId) => sheetKey(guildId, date, userId)));
  return {
    date,
    results: dayResults(
      daily,
      sheets.filter((sheet) => sheet !== undefined),
    ),
  };
}

/** Records the post of question `position`; the last one also releases the posting lease. */
export async function recordPost(
  store: Store,
  guildId: string,
  date: string,
  position: number,
  messageId: string,
): Promise<void> {
  await store.update(dailyKey(guildId, date), (current) => {
    if (!current) throw new Error(`no daily drill ${guildId} ${date} to record a post for`);
    const messageIds = [...current.messageIds.slice(0, position), messageId];
    const { postingUntil, ...rest } = current;
    return messageIds.length >= current.questions.length
      ? { ...rest, messageIds }
      : { ...rest, postingUntil, messageIds };
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

/**
 * A student's answer to the drill: counted in their score once, the first choice only. It writes only the
 * student's own sheet, so a class answering at once never queues on a shared record.
 */
export async function answerDay(
  store: Store,
  click: DailyClick,
  now: Date,
): Promise<DailyAnswer | 'closed' | undefined> {
  const [latestDate, daily] = await Promise.all([
    store.get(lastDailyKey(click.guildId)),
    store.get(dailyKey(click.guildId, click.date)),
  ]);
  if (!daily) return undefined;
  // Only the latest drill is open: a late answer to an old one would rewrite that day's results and streaks.
  if (latestDate !== click.date) return 'closed';
  let result: DailyAnswer | undefined;
  await store.update(sheetKey(click.guildId, click.date, click.userId), async (sheet) => {
    result = answerDaily(daily, sheet, click.position, click.choice);
    if (result.outcome !== 'counted') return sheet ?? daily.questions.map(() => null);
    // Counted before the sheet is written, and counting is idempotent: a crash in between loses nothing.
    await countDrillAnswer(store, click, {
      id: `daily:${click.date}:${click.position}`,
      question: result.question,
      correct: result.correct,
      choice: click.choice,
      at: now,
      ...(click.countStreak ? { day: click.date } : {}),
    });
    return result.sheet;
  });
  return result;
}

/** The drill question that asks a flashcard's term: `term:x` is `define:x`, a deck's `deck-y:x` is `deck-y:define:x`. */
function questionIdOfCard(cardId: string): string {
  if (cardId.startsWith('term:')) return `define:${cardId.slice('term:'.length)}`;
  const split = cardId.indexOf(':');
  return `${cardId.slice(0, split)}:define:${cardId.slice(split + 1)}`;
}
