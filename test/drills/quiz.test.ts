import { describe, expect, it } from 'vitest';
import { fixtureQuestion } from '../fixtures/question.js';
import { answerQuestion, answerTyped, newQuiz, nextQuestion, summarize, type Quiz } from '../../src/drills/quiz.js';

const fresh = (): Quiz =>
  newQuiz({
    id: 'q1',
    guildId: 'g',
    userId: 'u',
    topic: 'everything',
    questions: [fixtureQuestion('one', 0), fixtureQuestion('two', 3)],
    startedAt: '2026-11-25T10:00:00.000Z',
  });

describe('a quiz', () => {
  it('counts the first click on the question on screen and says whether it was right', () => {
    const result = answerQuestion(fresh(), 0, 2);
    expect(result).toMatchObject({ outcome: 'counted', correct: false, choice: 2 });
    expect(result.quiz.choices).toEqual([2, null]);
  });

  it('counts a second click on the same question nothing', () => {
    const first = answerQuestion(fresh(), 0, 0);
    const second = answerQuestion(first.quiz, 0, 1);
    expect(second.outcome).toBe('already-answered');
    expect(second.quiz.choices).toEqual([0, null]);
  });

  it('ignores a click on a question that is not on screen', () => {
    expect(answerQuestion(fresh(), 1, 3).outcome).toBe('not-on-screen');
    expect(answerQuestion(fresh(), 7, 0).outcome).toBe('not-on-screen');
  });

  it('ignores an option the question does not have', () => {
    expect(answerQuestion(fresh(), 0, 4).outcome).toBe('no-such-option');
    expect(answerQuestion(fresh(), 0, Number.NaN).outcome).toBe('no-such-option');
  });

  it('moves on only from the answered question on screen', () => {
    expect(nextQuestion(fresh(), 0).position).toBe(0);
    const answered = answerQuestion(fresh(), 0, 0).quiz;
    expect(nextQuestion(answered, 0).position).toBe(1);
    expect(nextQuestion(nextQuestion(answered, 0), 0).position).toBe(1);
  });

  it('sums up the score and the questions to review at the end', () => {
    let quiz = answerQuestion(fresh(), 0, 0).quiz;
    quiz = nextQuestion(quiz, 0);
    quiz = answerQuestion(quiz, 1, 1).quiz;
    const summary = summarize(quiz);
    expect(summary).toMatchObject({ answered: 2, correct: 1 });
    expect(summary.missed.map((missed) => missed.id)).toEqual(['two']);
  });
});

describe('a typed quiz', () => {
  const typedQuiz = (): Quiz =>
    newQuiz(
      {
        id: 'q2',
        guildId: 'g',
        userId: 'u',
        topic: 'everything',
        questions: [fixtureQuestion('one', 0), fixtureQuestion('two', 3)],
        startedAt: '2026-11-25T10:00:00.000Z',
      },
      [['Wa', 'group harmony'], ['Altruism']],
    );
  const right = () => ({ verdict: 'right' as const, slips: 1 });
  const wrong = () => ({ verdict: 'wrong' as const, otherTerm: 'Egoism' });

  it('grades the answer against the names accepted for the question on screen, and keeps what was typed', () => {
    const seen: (readonly string[])[] = [];
    const result = answerTyped(typedQuiz(), 0, 'group harmny', (accepted) => (seen.push(accepted), right()), 'sure');
    expect(seen).toEqual([['Wa', 'group harmony']]);
    expect(result).toMatchObject({
      outcome: 'counted',
      answer: { text: 'group harmny', correct: true, slips: 1, confidence: 'sure' },
    });
    expect(result.quiz.choices).toEqual([null, null]);
  });

  it('counts one answer per question: a replayed submit changes nothing', () => {
    const first = answerTyped(typedQuiz(), 0, 'Wa', right).quiz;
    const replay = answerTyped(first, 0, 'Wa', right);
    expect(replay.outcome).toBe('already-answered');
    expect(replay.quiz).toBe(first);
  });

  it('refuses an answer for a question not on screen, and a typed answer in a quiz of buttons', () => {
    expect(answerTyped(typedQuiz(), 1, 'Altruism', right).outcome).toBe('not-on-screen');
    expect(answerTyped(fresh(), 0, 'Wa', right).outcome).toBe('not-typed');
  });

  it('moves on and sums up by what was typed', () => {
    let quiz = answerTyped(typedQuiz(), 0, 'Wa', right).quiz;
    quiz = nextQuestion(quiz, 0);
    expect(quiz.position).toBe(1);
    const answered = answerTyped(quiz, 1, 'Egoism', wrong);
    expect(answered).toMatchObject({ outcome: 'counted', answer: { correct: false, otherTerm: 'Egoism' } });
    const summary = summarize(answered.quiz);
    expect(summary).toMatchObject({ answered: 2, correct: 1 });
    expect(summary.missed.map((missed) => missed.id)).toEqual(['two']);
  });
});
