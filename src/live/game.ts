import { z } from 'zod';
import { storedQuestionSchema } from '../drills/quiz.js';

/**
 * The rules of a live class quiz: the teacher's questions go up one at a time in the class channel, every
 * student may answer each once before its time is up, then the answer is revealed and the next one asked.
 *
 * All state is one plain JSON record and every transition is a pure function of it, so a game outlives a
 * restart: the caller stores the record after each transition and owns the timers, re-arming them from
 * `deadline` when the bot comes back.
 */

/** How long a question may stay open, in seconds; the slash command's option uses the same bounds. */
export const LIVE_SECONDS = { min: 10, max: 120 } as const;

const FULL_POINTS = 1000;
// With the speed bonus, an answer given as the time runs out still earns half: being right matters more than being quick.
const SLOWEST_SHARE = 0.5;

const answerSchema = z.object({
  userId: z.string(),
  choice: z.number().int().min(0),
  at: z.iso.datetime(),
});
export type LiveAnswer = z.infer<typeof answerSchema>;
export { answerSchema as liveAnswerSchema };

/** One question as it was played: when it opened (the basis of the speed bonus) and the answers it got. */
const roundSchema = z.object({
  startedAt: z.iso.datetime(),
  /** The first answer of each student, in the order they came in. */
  answers: z.array(answerSchema),
});
type Round = z.infer<typeof roundSchema>;

export const liveGameSchema = z
  .object({
    id: z.string(),
    guildId: z.string(),
    channelId: z.string(),
    /** The teacher who started the game. */
    hostId: z.string(),
    topic: z.string(),
    questions: z.array(storedQuestionSchema).min(1),
    seconds: z.number().int().min(LIVE_SECONDS.min).max(LIVE_SECONDS.max),
    speedBonus: z.boolean(),
    /** The question on screen, from 0; after the game it stays at the last one played. */
    index: z.number().int().min(0),
    phase: z.enum(['asking', 'revealed', 'finished']),
    /** One per question asked so far; `rounds[index]` is the current one. */
    rounds: z.array(roundSchema).min(1),
    /** The message showing the current question, so it can be edited at the reveal even after a restart. */
    messageId: z.string().nullable(),
  })
  // A record that breaks these was not made by the functions below; better to refuse it on load than misplay it.
  .refine((game) => game.rounds.length === game.index + 1 && game.index < game.questions.length, {
    message: 'rounds must run from the first question to the current one',
  });
export type LiveGame = z.infer<typeof liveGameSchema>;

export type GameSettings = Pick<
  LiveGame,
  'id' | 'guildId' | 'channelId' | 'hostId' | 'topic' | 'questions' | 'seconds' | 'speedBonus'
>;

/** A new game asking its first question from `now`. Throws on settings no game can have (no questions, bad seconds). */
export function startGame(settings: GameSettings, now: Date): LiveGame {
  return liveGameSchema.parse({
    ...settings,
    index: 0,
    phase: 'asking',
    rounds: [openRound(now)],
    messageId: null,
  });
}

/** What became of a click on an answer; only `counted` changes the game. */
export type SubmitOutcome = 'counted' | 'already-answered' | 'too-late' | 'not-current' | 'no-such-option';

/**
 * A student's click on option `choice` of the question at `questionIndex` (taken from the button, so a click
 * left over from an earlier question is recognised). Only the first answer per student per question counts,
 * and only while the question is open: until its deadline (inclusive) and before it is revealed.
 */
export function submitAnswer(
  game: LiveGame,
  userId: string,
  questionIndex: number,
  choice: number,
  now: Date,
): { game: LiveGame; outcome: SubmitOutcome } {
  const question = game.questions[questionIndex];
  const round = game.rounds[questionIndex];
  if (!question || !round || questionIndex !== game.index) return { game, outcome: 'not-current' };
  if (game.phase !== 'asking' || now.getTime() > closesAt(game, round).getTime()) return { game, outcome: 'too-late' };
  if (round.answers.some((answer) => answer.userId === userId)) return { game, outcome: 'already-answered' };
  if (!Number.isInteger(choice) || choice < 0 || choice >= question.options.length) {
    return { game, outcome: 'no-such-option' };
  }
  const answered = { ...round, answers: [...round.answers, { userId, choice, at: now.toISOString() }] };
  return { game: withCurrentRound(game, answered), outcome: 'counted' };
}

/**
 * Closes the question at `questionIndex` and shows its answer: when its time is up, or at once on `/live skip`.
 * Anything else leaves the game as it is, so a second call, or a timer left over from a skipped question
 * firing during the next one, changes nothing.
 */
export function revealQuestion(game: LiveGame, questionIndex: number): LiveGame {
  if (game.phase !== 'asking' || questionIndex !== game.index) return game;
  return { ...game, phase: 'revealed' };
}

/**
 * Moves on from the revealed question at `from`: asks the next one from `now`, or finishes after the last.
 * Anything else leaves the game as it is, so a duplicate call for the same question advances only once.
 */
export function nextQuestion(game: LiveGame, from: number, now: Date): LiveGame {
  if (game.phase !== 'revealed' || from !== game.index) return game;
  if (game.index + 1 >= game.questions.length) return { ...game, phase: 'finished' };
  return {
    ...game,
    index: game.index + 1,
    phase: 'asking',
    rounds: [...game.rounds, openRound(now)],
    messageId: null,
  };
}

/**
 * Ends the game on `/live stop`. Answers already given count, including those to a question still open:
 * they were given in good faith, and the standings are of what was played.
 */
export function stopGame(game: LiveGame): LiveGame {
  return game.phase === 'finished' ? game : { ...game, phase: 'finished' };
}

/**
 * Remembers the message that shows the question at `questionIndex`. Posting takes a while; if the game has
 * moved on meanwhile, the id belongs to no current question and is not kept.
 */
export function recordMessage(game: LiveGame, questionIndex: number, messageId: string): LiveGame {
  if (game.phase === 'finished' || questionIndex !== game.index) return game;
  return { ...game, messageId };
}

/** When the current question's time is up; undefined unless a question is open. Past after a restart: fire at once. */
export function deadline(game: LiveGame): Date | undefined {
  const round = game.rounds[game.index];
  return game.phase === 'asking' && round ? closesAt(game, round) : undefined;
}

/** How many students chose each option of the question; empty for a question never asked. */
export function distribution(game: LiveGame, questionIndex: number): number[] {
  const question = game.questions[questionIndex];
  const round = game.rounds[questionIndex];
  if (!question || !round) return [];
  return question.options.map((_, option) => round.answers.filter((answer) => answer.choice === option).length);
}

/**
 * What an answer to the question at `questionIndex` earns: nothing if wrong; if right, a flat 1000, or with
 * the speed bonus 1000 for an instant answer falling evenly to 500 at the deadline.
 */
export function pointsFor(game: LiveGame, answer: LiveAnswer, questionIndex: number): number {
  const question = game.questions[questionIndex];
  const round = game.rounds[questionIndex];
  if (!question || !round || answer.choice !== question.answer) return 0;
  if (!game.speedBonus) return FULL_POINTS;
  const duration = game.seconds * 1000;
  // A clock that stepped back across a restart could put an answer before its question opened; count it as instant.
  const elapsed = Math.min(Math.max(Date.parse(answer.at) - Date.parse(round.startedAt), 0), duration);
  return Math.round(FULL_POINTS * (1 - SLOWEST_SHARE * (elapsed / duration)));
}

export interface LiveStanding {
  userId: string;
  points: number;
  correct: number;
  answered: number;
  /** From 1; students with the same points and correct answers share a rank, and the next rank is skipped. */
  rank: number;
}

/** Every student who answered anything, best first: by points, then correct answers. */
export function standings(game: LiveGame): LiveStanding[] {
  const rows = [...tally(game).entries()]
    .map(([userId, row]) => ({ userId, ...row }))
    .sort((a, b) => b.points - a.points || b.correct - a.correct || a.userId.localeCompare(b.userId));
  const ranked: LiveStanding[] = [];
  rows.forEach((row, position) => {
    const previous = ranked[position - 1];
    const tied = previous && previous.points === row.points && previous.correct === row.correct;
    ranked.push({ ...row, rank: tied ? previous.rank : position + 1 });
  });
  return ranked;
}

type Tally = Omit<LiveStanding, 'userId' | 'rank'>;

function tally(game: LiveGame): Map<string, Tally> {
  const rows = new Map<string, Tally>();
  game.rounds.forEach((round, questionIndex) => {
    const rightOption = game.questions[questionIndex]?.answer;
    for (const answer of round.answers) {
      const row = rows.get(answer.userId) ?? { points: 0, correct: 0, answered: 0 };
      rows.set(answer.userId, {
        points: row.points + pointsFor(game, answer, questionIndex),
        correct: row.correct + (answer.choice === rightOption ? 1 : 0),
        answered: row.answered + 1,
      });
    }
  });
  return rows;
}

/**
 * The game with answers gathered from elsewhere (each student's own record) added to their rounds: a student's
 * earliest answer per round stands, answers already in the round included, and each round stays in the order
 * the answers came in.
 */
export function withAnswers(game: LiveGame, byRound: ReadonlyMap<number, readonly LiveAnswer[]>): LiveGame {
  if ([...byRound.values()].every((answers) => answers.length === 0)) return game;
  const rounds = game.rounds.map((round, index) => {
    const gathered = byRound.get(index) ?? [];
    const first = new Map<string, LiveAnswer>();
    for (const answer of [...round.answers, ...gathered].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))) {
      if (!first.has(answer.userId)) first.set(answer.userId, answer);
    }
    return { ...round, answers: [...first.values()] };
  });
  return { ...game, rounds };
}

function openRound(now: Date): Round {
  return { startedAt: now.toISOString(), answers: [] };
}

function closesAt(game: LiveGame, round: Round): Date {
  return new Date(Date.parse(round.startedAt) + game.seconds * 1000);
}

function withCurrentRound(game: LiveGame, round: Round): LiveGame {
  return { ...game, rounds: game.rounds.map((previous, index) => (index === game.index ? round : previous)) };
}
