import { describe, expect, it } from 'vitest';
import { fixtureQuestion } from '../fixtures/question.js';
import { answerQuestion, newQuiz, nextQuestion, summarize, type Quiz } from '../../src/drills/quiz.js';

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
