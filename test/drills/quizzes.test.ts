import { describe, expect, it } from 'vitest';
import { Course } from '../../src/content/course.js';
import { generateQuestions } from '../../src/drills/questions.js';
import { readMistakes } from '../../src/drills/mistakes.js';
import { advanceQuiz, answerInQuiz, answerTypedInQuiz, startQuiz } from '../../src/drills/quizzes.js';
import { courseFlashcards, rateCard } from '../../src/drills/flashcards.js';
import {
  answerTypedCard,
  cardStatesKey,
  nextTypedCard,
  rateStudyCard,
  ratingForTyped,
  revealCard,
  startStudy,
} from '../../src/drills/study.js';
import { readScore } from '../../src/scores/scoreboard.js';
import type { Store } from '../../src/store/index.js';
import { fixtureCourse } from '../fixtures/course.js';
import { scratchStorePerTest } from '../scratch-store.js';

const course = new Course(fixtureCourse());
const questions = (await generateQuestions(course, 1)).slice(0, 3);
const player = { guildId: 'guild', userId: 'ana' };
const ana = { userId: 'ana', name: 'Ana' };
const now = new Date('2026-11-25T10:00:00Z');
let store: Store;
scratchStorePerTest('quiz', (opened) => (store = opened));

describe('a quiz kept in the store', () => {
  it('counts one of twenty simultaneous clicks on the same question', async () => {
    const quiz = await startQuiz(store, player, 'everything', questions, now);
    const clicks = await Promise.all(
      Array.from({ length: 20 }, (_, i) => answerInQuiz(store, quiz.id, ana, 0, i % 2, now)),
    );
    expect(clicks.filter((click) => click.outcome === 'counted')).toHaveLength(1);
    expect((await readScore(store, 'guild', 'ana'))?.answered).toBe(1);
  });

  it('refuses another student’s click and a made-up quiz id, changing nothing', async () => {
    const quiz = await startQuiz(store, player, 'everything', questions, now);
    await expect(answerInQuiz(store, quiz.id, { userId: 'ben', name: 'Ben' }, 0, 0, now)).rejects.toThrow(
      'belongs to someone else',
    );
    await expect(answerInQuiz(store, 'madeupmadeupmade', ana, 0, 0, now)).rejects.toThrow('never existed');
    expect(await readScore(store, 'guild', 'ana')).toBeUndefined();
    expect(await readScore(store, 'guild', 'ben')).toBeUndefined();
  });

  it('remembers a wrong answer for /review and forgets it once answered right', async () => {
    const [question] = questions;
    if (!question) throw new Error('no question');
    const wrongChoice = (question.answer + 1) % question.options.length;
    const first = await startQuiz(store, player, 'everything', [question], now);
    await answerInQuiz(store, first.id, ana, 0, wrongChoice, now);
    expect((await readMistakes(store, 'guild', 'ana')).map((mistake) => mistake.id)).toEqual([question.id]);
    const second = await startQuiz(store, player, 'review', [question], now);
    await answerInQuiz(store, second.id, ana, 0, question.answer, now);
    expect(await readMistakes(store, 'guild', 'ana')).toEqual([]);
  });

  it('moves to the next question only after an answer', async () => {
    const quiz = await startQuiz(store, player, 'everything', questions, now);
    expect((await advanceQuiz(store, quiz.id, 'ana', 0)).position).toBe(0);
    await answerInQuiz(store, quiz.id, ana, 0, 0, now);
    expect((await advanceQuiz(store, quiz.id, 'ana', 0)).position).toBe(1);
  });
});

describe('flashcards kept in the store', () => {
  it('rates a card once however often the rating is clicked, and schedules it', async () => {
    const cards = courseFlashcards(course);
    const { study } = await startStudy(store, player, cards, now, 'UTC');
    if (!study) throw new Error('nothing to study');
    await revealCard(store, study.id, 'ana', 0);
    const ratings = await Promise.all(
      Array.from({ length: 5 }, () => rateStudyCard(store, study.id, 'ana', 0, 'good', now)),
    );
    expect(ratings.filter((rating) => rating.counted)).toHaveLength(1);
    const again = await startStudy(store, player, cards, now, 'UTC');
    expect(again.queue.fresh).toBe(cards.length - 1);
  });

  it('says when the topic asked for next falls due, ignoring cards of other topics that are overdue', async () => {
    const [inTopic, other] = courseFlashcards(course);
    if (!inTopic || !other) throw new Error('fixture has too few cards');
    for (const [card, rating] of [
      [inTopic, 'easy'],
      [other, 'again'],
    ] as const) {
      const { study } = await startStudy(store, player, [card], now, 'UTC');
      if (!study) throw new Error('nothing to study');
      await revealCard(store, study.id, 'ana', 0);
      await rateStudyCard(store, study.id, 'ana', 0, rating, now);
    }
    const tomorrow = new Date(now.getTime() + 86_400_000);
    const { study, nextDue } = await startStudy(store, player, [inTopic], tomorrow, 'UTC');
    expect(study).toBeUndefined();
    expect(nextDue?.getTime()).toBeGreaterThan(tomorrow.getTime());
  });
});

describe('a typed quiz kept in the store', () => {
  const wrong = () => ({ verdict: 'wrong' as const });
  const right = () => ({ verdict: 'right' as const, slips: 0 });
  const accepted = questions.map((question) => [question.options[question.answer] ?? '']);

  it('counts a typed answer as recall, once however often it is submitted', async () => {
    const quiz = await startQuiz(store, player, 'everything', questions, now, accepted);
    const submits = await Promise.all(
      Array.from({ length: 5 }, () => answerTypedInQuiz(store, quiz.id, ana, 0, { text: 'x' }, right, now)),
    );
    expect(submits.filter((submit) => submit.outcome === 'counted')).toHaveLength(1);
    expect(await readScore(store, 'guild', 'ana')).toMatchObject({
      answered: 1,
      correct: 1,
      recall: { answered: 1, correct: 1 },
    });
  });

  it('keeps a wrong answer given while sure as a confident mistake, for /review to ask first', async () => {
    const quiz = await startQuiz(store, player, 'everything', questions, now, accepted);
    await answerTypedInQuiz(store, quiz.id, ana, 0, { text: 'x', confidence: 'sure' }, wrong, now);
    await advanceQuiz(store, quiz.id, 'ana', 0);
    await answerTypedInQuiz(store, quiz.id, ana, 1, { text: 'y', confidence: 'unsure' }, wrong, now);
    const mistakes = await readMistakes(store, 'guild', 'ana');
    expect(mistakes.map(({ id, confidence }) => ({ id, confidence }))).toEqual([
      { id: questions[0]?.id, confidence: 'sure' },
      { id: questions[1]?.id, confidence: 'unsure' },
    ]);
  });

  it('brings a term’s flashcard forward after a wrong answer given while sure, and only then', async () => {
    const asked = questions.filter((question) => question.id.startsWith('define:')).slice(0, 2);
    const cards = courseFlashcards(course).filter((card) =>
      asked.some((question) => card.id === question.id.replace('define:', 'term:')),
    );
    // Both cards studied the day before and rated Easy: due days from now.
    const yesterday = new Date(now.getTime() - 86_400_000);
    for (const card of cards) {
      const { study } = await startStudy(store, player, [card], yesterday, 'UTC');
      if (!study) throw new Error('nothing to study');
      await revealCard(store, study.id, 'ana', 0);
      await rateStudyCard(store, study.id, 'ana', 0, 'easy', yesterday);
    }
    const names = asked.map((question) => [question.options[question.answer] ?? '']);
    const quiz = await startQuiz(store, player, 'everything', asked, now, names);
    await answerTypedInQuiz(store, quiz.id, ana, 0, { text: 'x', confidence: 'sure' }, wrong, now);
    await advanceQuiz(store, quiz.id, 'ana', 0);
    await answerTypedInQuiz(store, quiz.id, ana, 1, { text: 'y', confidence: 'unsure' }, wrong, now);
    const states = (await store.get(cardStatesKey('guild', 'ana'))) ?? {};
    const dueOf = (question: (typeof asked)[number] | undefined) =>
      states[question?.id.replace('define:', 'term:') ?? '']?.due;
    expect(dueOf(asked[0])).toBe(now.toISOString());
    expect(Date.parse(dueOf(asked[1]) ?? '')).toBeGreaterThan(now.getTime());
  });
});

describe('a typed round of flashcards', () => {
  it('maps a typed answer to a rating: wrong Again, right after a slip Hard, right Good', () => {
    expect(ratingForTyped({ verdict: 'wrong' })).toBe('again');
    expect(ratingForTyped({ verdict: 'right', slips: 1 })).toBe('hard');
    expect(ratingForTyped({ verdict: 'right', slips: 0 })).toBe('good');
  });

  it('rates the card once by what was typed, refuses the rating buttons, and moves on with Next', async () => {
    const cards = courseFlashcards(course).slice(0, 2);
    const { study } = await startStudy(store, player, cards, now, 'UTC', true);
    if (!study) throw new Error('nothing to study');
    expect((await revealCard(store, study.id, 'ana', 0)).revealed).toBe(false);
    const right = { verdict: 'right' as const, slips: 1 };
    const first = await answerTypedCard(store, study.id, 'ana', 0, 'Colectivism', right, now);
    expect(first).toMatchObject({ counted: true, study: { position: 0, revealed: true } });
    expect(first.study.typed?.answer).toEqual({ text: 'Colectivism', correct: true, slips: 1, rating: 'hard' });
    const replay = await answerTypedCard(store, study.id, 'ana', 0, 'x', { verdict: 'wrong' }, now);
    expect(replay.counted).toBe(false);
    expect((await rateStudyCard(store, study.id, 'ana', 0, 'easy', now)).counted).toBe(false);
    const states = (await store.get(cardStatesKey('guild', 'ana'))) ?? {};
    expect(states[cards[0]?.id ?? '']).toEqual(rateCard(undefined, 'hard', now));
    const moved = await nextTypedCard(store, study.id, 'ana', 0);
    expect(moved).toMatchObject({ position: 1, revealed: false, typed: {} });
    expect((await nextTypedCard(store, study.id, 'ana', 0)).position).toBe(1);
  });
});
