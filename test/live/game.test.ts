import { describe, expect, it } from 'vitest';
import { fixtureQuestion } from '../fixtures/question.js';
import {
  deadline,
  distribution,
  liveGameSchema,
  nextQuestion,
  pointsFor,
  recordMessage,
  revealQuestion,
  standings,
  startGame,
  stopGame,
  submitAnswer,
  withAnswers,
  type LiveGame,
} from '../../src/live/game.js';

const START = Date.parse('2026-11-25T10:00:00.000Z');
/** The fixed clock: `seconds` after the game started. */
const at = (seconds: number) => new Date(START + seconds * 1000);

/** Three questions of 20 seconds each; the right options are A, D and B. */
const fresh = (speedBonus = true): LiveGame =>
  startGame(
    {
      id: 'live1',
      guildId: 'g',
      channelId: 'class',
      hostId: 'teacher',
      topic: 'everything',
      questions: [fixtureQuestion('one', 0), fixtureQuestion('two', 3), fixtureQuestion('three', 1)],
      seconds: 20,
      speedBonus,
    },
    at(0),
  );

/** Applies clicks in order, each `[userId, questionIndex, choice, secondsAfterStart]`, keeping what they did. */
function play(game: LiveGame, clicks: [string, number, number, number][]): LiveGame {
  return clicks.reduce((current, [userId, index, choice, seconds]) => {
    return submitAnswer(current, userId, index, choice, at(seconds)).game;
  }, game);
}

/** Reveals the question on screen and asks the next one `seconds` after the start. */
function advance(game: LiveGame, seconds: number): LiveGame {
  return nextQuestion(revealQuestion(game, game.index), game.index, at(seconds));
}

describe('a live game', () => {
  it('starts by asking the first question, open for the chosen seconds', () => {
    const game = fresh();
    expect(game).toMatchObject({ index: 0, phase: 'asking', messageId: null });
    expect(deadline(game)).toEqual(at(20));
  });

  it('refuses settings no game can have', () => {
    const settings = { ...fresh(), questions: [fixtureQuestion('one', 0)] };
    expect(() => startGame({ ...settings, seconds: 9 }, at(0))).toThrow();
    expect(() => startGame({ ...settings, seconds: 121 }, at(0))).toThrow();
    expect(() => startGame({ ...settings, questions: [] }, at(0))).toThrow();
  });
});

describe('points', () => {
  const clicks: [string, number, number, number][] = [
    ['ana', 0, 0, 0],
    ['ben', 0, 0, 5],
    ['cy', 0, 0, 10],
    ['dee', 0, 0, 20],
    ['eve', 0, 2, 1],
  ];

  it('with the speed bonus, fall from 1000 for an instant answer to 500 at the deadline', () => {
    const game = play(fresh(true), clicks);
    const points = game.rounds[0]?.answers.map((answer) => [answer.userId, pointsFor(game, answer, 0)]);
    expect(points).toEqual([
      ['ana', 1000],
      ['ben', 875],
      ['cy', 750],
      ['dee', 500],
      ['eve', 0],
    ]);
  });

  it('without the speed bonus, are a flat 1000 for every right answer', () => {
    const game = play(fresh(false), clicks);
    const points = game.rounds[0]?.answers.map((answer) => pointsFor(game, answer, 0));
    expect(points).toEqual([1000, 1000, 1000, 1000, 0]);
  });

  it('are rounded to whole points', () => {
    const game = play(fresh(true), [['ana', 0, 0, 0.1234]]);
    const [answer] = game.rounds[0]?.answers ?? [];
    // The clock keeps whole milliseconds: 1000 × (1 − 0.5 × 123 / 20000) = 996.925
    expect(answer && pointsFor(game, answer, 0)).toBe(997);
  });

  it('add up across questions in the standings', () => {
    let game = play(fresh(true), [
      ['ana', 0, 0, 0],
      ['ben', 0, 1, 2],
      ['cy', 0, 0, 10],
    ]);
    game = advance(game, 30);
    game = play(game, [
      ['ana', 1, 0, 31],
      ['ben', 1, 3, 30],
      ['cy', 1, 3, 40],
    ]);
    expect(standings(game)).toEqual([
      { userId: 'cy', points: 1500, correct: 2, answered: 2, rank: 1 },
      { userId: 'ana', points: 1000, correct: 1, answered: 2, rank: 2 },
      { userId: 'ben', points: 1000, correct: 1, answered: 2, rank: 2 },
    ]);
  });
});

describe('answering', () => {
  it('counts only the first answer of a student to a question', () => {
    const first = submitAnswer(fresh(), 'ana', 0, 1, at(2));
    const second = submitAnswer(first.game, 'ana', 0, 0, at(3));
    expect(first.outcome).toBe('counted');
    expect(second.outcome).toBe('already-answered');
    expect(second.game).toBe(first.game);
    expect(first.game.rounds[0]?.answers).toEqual([{ userId: 'ana', choice: 1, at: '2026-11-25T10:00:02.000Z' }]);
  });

  it('counts an answer at the deadline and refuses one a millisecond after', () => {
    expect(submitAnswer(fresh(), 'ana', 0, 0, at(20)).outcome).toBe('counted');
    const late = submitAnswer(fresh(), 'ana', 0, 0, at(20.001));
    expect(late.outcome).toBe('too-late');
    expect(late.game.rounds[0]?.answers).toEqual([]);
  });

  it('refuses an answer after the reveal, even before the deadline', () => {
    const skipped = revealQuestion(fresh(), 0);
    expect(submitAnswer(skipped, 'ana', 0, 0, at(5)).outcome).toBe('too-late');
  });

  it('refuses a click on a question that is not on screen', () => {
    const second = advance(fresh(), 25);
    expect(submitAnswer(second, 'ana', 0, 0, at(26)).outcome).toBe('not-current');
    expect(submitAnswer(second, 'ana', 2, 0, at(26)).outcome).toBe('not-current');
    expect(submitAnswer(second, 'ana', 7, 0, at(26)).outcome).toBe('not-current');
  });

  it('refuses an option the question does not have', () => {
    expect(submitAnswer(fresh(), 'ana', 0, 4, at(1)).outcome).toBe('no-such-option');
    expect(submitAnswer(fresh(), 'ana', 0, -1, at(1)).outcome).toBe('no-such-option');
    expect(submitAnswer(fresh(), 'ana', 0, 1.5, at(1)).outcome).toBe('no-such-option');
  });
});

describe('revealing and moving on', () => {
  it('reveals once: a second reveal changes nothing', () => {
    const revealed = revealQuestion(fresh(), 0);
    expect(revealed.phase).toBe('revealed');
    expect(deadline(revealed)).toBeUndefined();
    expect(revealQuestion(revealed, 0)).toBe(revealed);
  });

  it('ignores a time-up left over from a skipped question', () => {
    const second = advance(fresh(), 5);
    expect(revealQuestion(second, 0)).toBe(second);
    expect(second.phase).toBe('asking');
  });

  it('asks the next question from the moment it moves on, and only once for the same question', () => {
    const revealed = revealQuestion(fresh(), 0);
    const next = nextQuestion(revealed, 0, at(25));
    expect(next).toMatchObject({ index: 1, phase: 'asking' });
    expect(deadline(next)).toEqual(at(45));
    expect(nextQuestion(next, 0, at(26))).toBe(next);
  });

  it('does not move on from a question still open', () => {
    const game = fresh();
    expect(nextQuestion(game, 0, at(5))).toBe(game);
  });

  it('finishes after the last question', () => {
    const last = advance(advance(fresh(), 25), 50);
    expect(last.index).toBe(2);
    const finished = nextQuestion(revealQuestion(last, 2), 2, at(75));
    expect(finished).toMatchObject({ index: 2, phase: 'finished' });
    expect(deadline(finished)).toBeUndefined();
    expect(nextQuestion(finished, 2, at(76))).toBe(finished);
  });

  it('keeps the message of the question on screen, and forgets it when the next is asked', () => {
    const posted = recordMessage(fresh(), 0, 'm1');
    expect(posted.messageId).toBe('m1');
    const next = advance(posted, 25);
    expect(next.messageId).toBeNull();
    expect(recordMessage(next, 0, 'stale')).toBe(next);
  });
});

describe('stopping', () => {
  it('ends the game mid-question with the standings of what was played', () => {
    let game = play(fresh(false), [
      ['ana', 0, 0, 1],
      ['ben', 0, 2, 1],
    ]);
    game = advance(game, 25);
    game = play(game, [['ben', 1, 3, 26]]);
    const stopped = stopGame(game);
    expect(stopped).toMatchObject({ index: 1, phase: 'finished' });
    expect(deadline(stopped)).toBeUndefined();
    expect(submitAnswer(stopped, 'ana', 1, 3, at(27)).outcome).toBe('too-late');
    expect(nextQuestion(stopped, 1, at(28))).toBe(stopped);
    expect(stopGame(stopped)).toBe(stopped);
    expect(standings(stopped)).toEqual([
      { userId: 'ana', points: 1000, correct: 1, answered: 1, rank: 1 },
      { userId: 'ben', points: 1000, correct: 1, answered: 2, rank: 1 },
    ]);
  });
});

describe('results', () => {
  it('counts how many chose each option', () => {
    const game = play(fresh(), [
      ['ana', 0, 0, 1],
      ['ben', 0, 2, 2],
      ['cy', 0, 2, 3],
      ['dee', 0, 3, 4],
      ['ana', 0, 3, 5],
    ]);
    expect(distribution(game, 0)).toEqual([1, 0, 2, 1]);
    expect(distribution(game, 1)).toEqual([]);
  });

  it('ranks equal points and equal correct answers together, then skips a rank', () => {
    let game = play(fresh(true), [
      ['ana', 0, 0, 10],
      ['ben', 0, 0, 10],
      ['cy', 0, 0, 0],
      ['dee', 0, 1, 0],
    ]);
    game = advance(game, 30);
    game = play(game, [
      ['ana', 1, 3, 40],
      ['ben', 1, 3, 40],
      ['dee', 1, 3, 30],
    ]);
    expect(standings(game)).toEqual([
      { userId: 'ana', points: 1500, correct: 2, answered: 2, rank: 1 },
      { userId: 'ben', points: 1500, correct: 2, answered: 2, rank: 1 },
      { userId: 'cy', points: 1000, correct: 1, answered: 1, rank: 3 },
      { userId: 'dee', points: 1000, correct: 1, answered: 2, rank: 3 },
    ]);
  });

  it('puts more correct answers first among equal points', () => {
    let game = play(fresh(true), [
      ['ana', 0, 0, 0],
      ['ben', 0, 0, 20],
    ]);
    game = advance(game, 30);
    game = play(game, [['ben', 1, 3, 50]]);
    expect(standings(game).map(({ userId, points, correct, rank }) => [userId, points, correct, rank])).toEqual([
      ['ben', 1000, 2, 1],
      ['ana', 1000, 1, 2],
    ]);
  });

  it('leaves out students who answered nothing, and is empty before any answer', () => {
    expect(standings(fresh())).toEqual([]);
  });

  it('does not depend on the order of answers that come in at once, in a class of 30', () => {
    const clicks = Array.from({ length: 30 }, (_, n): [string, number, number, number] => [
      `student${String(n).padStart(2, '0')}`,
      0,
      n % 4,
      7,
    ]);
    const inOrder = play(fresh(), clicks);
    const reversed = play(fresh(), [...clicks].reverse());
    const interleaved = play(fresh(), [...clicks.filter((_, n) => n % 2), ...clicks.filter((_, n) => n % 2 === 0)]);

    // 8 students chose A (the right option) at 7 of 20 seconds: 1000 × (1 − 0.5 × 7/20) = 825 each.
    expect(distribution(inOrder, 0)).toEqual([8, 8, 7, 7]);
    const board = standings(inOrder);
    expect(board).toHaveLength(30);
    expect(board.slice(0, 8).every((row) => row.points === 825 && row.rank === 1)).toBe(true);
    expect(board.slice(8).every((row) => row.points === 0 && row.rank === 9)).toBe(true);
    for (const other of [reversed, interleaved]) {
      expect(distribution(other, 0)).toEqual(distribution(inOrder, 0));
      expect(standings(other)).toEqual(board);
    }
  });
});

describe('surviving a restart', () => {
  it('reads back from JSON exactly as it was', () => {
    let game = recordMessage(fresh(), 0, 'm1');
    game = play(game, [
      ['ana', 0, 0, 1],
      ['ben', 0, 3, 2.5],
    ]);
    game = advance(game, 25);
    game = play(game, [['ana', 1, 3, 26]]);
    const restored = liveGameSchema.parse(JSON.parse(JSON.stringify(game)));
    expect(restored).toStrictEqual(game);
    expect(standings(restored)).toEqual(standings(game));
  });

  it('gives a deadline already past after a long restart, so the caller reveals at once', () => {
    const restored = liveGameSchema.parse(JSON.parse(JSON.stringify(fresh())));
    const now = at(90);
    const due = deadline(restored);
    expect(due && due.getTime() <= now.getTime()).toBe(true);
    expect(submitAnswer(restored, 'ana', 0, 0, now).outcome).toBe('too-late');
    expect(revealQuestion(restored, 0).phase).toBe('revealed');
  });

  it('refuses a record whose rounds do not match the question on screen', () => {
    const game = fresh();
    expect(() => liveGameSchema.parse({ ...game, index: 1 })).toThrow();
  });
});

describe('answers gathered from students’ own records', () => {
  it('adds them to their rounds, keeping each student’s earliest answer in the order they came', () => {
    const game = play(fresh(), [['ana', 0, 0, 3]]);
    const gathered = new Map([
      [
        0,
        [
          { userId: 'ben', choice: 1, at: at(2).toISOString() },
          { userId: 'ana', choice: 2, at: at(5).toISOString() },
          { userId: 'cy', choice: 0, at: at(4).toISOString() },
        ],
      ],
    ]);
    const merged = withAnswers(game, gathered);
    expect(merged.rounds[0]?.answers.map((answer) => [answer.userId, answer.choice])).toEqual([
      ['ben', 1],
      ['ana', 0],
      ['cy', 0],
    ]);
    expect(distribution(merged, 0)).toEqual([2, 1, 0, 0]);
  });

  it('leaves the game itself when there is nothing to add', () => {
    const game = fresh();
    expect(withAnswers(game, new Map([[0, []]]))).toBe(game);
  });
});
