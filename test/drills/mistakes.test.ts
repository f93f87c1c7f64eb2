import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import {
  asTheyReadNow,
  readMistakes,
  rememberAnswer,
  reviewOrder,
  wrongOnly,
  type Confidence,
  type Mistake,
} from '../../src/drills/mistakes.js';
import type { Question } from '../../src/drills/questions.js';
import { storedQuestionSchema } from '../../src/drills/quiz.js';
import { key, type Store } from '../../src/store/index.js';
import { scratchStorePerTest } from '../scratch-store.js';

let store: Store;
scratchStorePerTest('mistakes', (opened) => (store = opened));

/** `a1` is a question on topic `a`. */
const question = (id: string): Question => ({
  id,
  topic: id.slice(0, 1),
  source: 's',
  kind: 'faq',
  stem: `${id}?`,
  options: ['A', 'B', 'C', 'D'],
  answer: 0,
  explanation: 'why',
});
const mistake = (id: string, confidence?: Confidence): Mistake =>
  confidence ? { ...question(id), confidence } : question(id);
const ids = (questions: readonly { id: string }[]) => questions.map((asked) => asked.id);

describe('the review order', () => {
  it('asks a right answer given unsure again, after the mistakes, and never one given sure', async () => {
    await rememberAnswer(store, 'g', 'ana', question('a1'), true, 'unsure');
    await rememberAnswer(store, 'g', 'ana', question('b1'), false);
    await rememberAnswer(store, 'g', 'ana', question('c1'), true, 'sure');
    await rememberAnswer(store, 'g', 'ana', question('d1'), false, 'sure');
    const kept = await readMistakes(store, 'g', 'ana');
    expect(ids(reviewOrder(kept, 10))).toEqual(['d1', 'b1', 'a1']);
    expect(ids(wrongOnly(kept))).toEqual(['b1', 'd1']);

    // Answered right and sure at last, the guess is off the list.
    await rememberAnswer(store, 'g', 'ana', question('a1'), true, 'sure');
    expect(ids(reviewOrder(await readMistakes(store, 'g', 'ana'), 10))).toEqual(['d1', 'b1']);
  });

  it('keeps a guess as a guess when the question reads differently now', () => {
    const guess: Mistake = { ...question('a1'), confidence: 'unsure', guessed: true };
    const [now] = asTheyReadNow([guess], [{ ...question('a1'), stem: 'a1, reworded?' }]);
    expect(now).toMatchObject({ stem: 'a1, reworded?', confidence: 'unsure', guessed: true });
  });

  it('asks the answers given wrong while sure first, then the rest', () => {
    // Kept oldest first, as answered.
    const mistakes = [mistake('a1'), mistake('b1', 'sure'), mistake('c1', 'unsure'), mistake('d1', 'sure')];
    expect(ids(reviewOrder(mistakes, 10))).toEqual(['d1', 'b1', 'c1', 'a1']);
  });

  it('treats an unsure wrong answer like one given without saying: after the sure ones, newest first', () => {
    const mistakes = [mistake('a1', 'unsure'), mistake('b1'), mistake('c1', 'sure'), mistake('d1', 'unsure')];
    expect(ids(reviewOrder(mistakes, 10))).toEqual(['c1', 'd1', 'b1', 'a1']);
  });

  it('asks the newest mistakes when there are more than a review holds, and the sure ones whatever their age', () => {
    const mistakes = [mistake('a1', 'sure'), mistake('b1'), mistake('c1'), mistake('d1'), mistake('e1')];
    expect(ids(reviewOrder(mistakes, 3))).toEqual(['a1', 'e1', 'd1']);
    expect(ids(reviewOrder(mistakes, 1))).toEqual(['a1']);
  });

  it('mixes topics within the sure ones and within the rest, keeping each topic newest first', () => {
    const mistakes = [
      mistake('b1'),
      mistake('a1'),
      mistake('a2'),
      mistake('c1', 'sure'),
      mistake('c2', 'sure'),
      mistake('d1', 'sure'),
    ];
    // The sure ones newest first are d1 c2 c1, which only c2 d1 c1 keeps apart; the rest newest first are
    // a2 a1 b1, and after c1 the newest, a2, can open them, with b1 between the two on topic a.
    expect(ids(reviewOrder(mistakes, 10))).toEqual(['c2', 'd1', 'c1', 'a2', 'b1', 'a1']);
  });

  it('does not open the rest on the topic the sure ones ended with', () => {
    const mistakes = [mistake('b1'), mistake('a1'), mistake('a2', 'sure')];
    expect(ids(reviewOrder(mistakes, 10))).toEqual(['a2', 'b1', 'a1']);
  });
});

describe('mistakes kept in the store', () => {
  it('keeps how sure the student was of a wrong answer, and forgets the mistake once answered right', async () => {
    await rememberAnswer(store, 'g', 'ana', question('a1'), false, 'sure');
    await rememberAnswer(store, 'g', 'ana', question('b1'), false);
    expect(await readMistakes(store, 'g', 'ana')).toEqual([mistake('a1', 'sure'), mistake('b1')]);
    await rememberAnswer(store, 'g', 'ana', question('a1'), true);
    expect(await readMistakes(store, 'g', 'ana')).toEqual([mistake('b1')]);
  });

  it('keeps only the latest confidence when a question is missed again', async () => {
    await rememberAnswer(store, 'g', 'ana', question('a1'), false, 'sure');
    // Asked again in /review, the question may still carry the confidence it was kept with.
    await rememberAnswer(store, 'g', 'ana', mistake('a1', 'sure'), false);
    expect(await readMistakes(store, 'g', 'ana')).toEqual([mistake('a1')]);
  });

  it('reads mistakes kept before confidence was asked', async () => {
    const before = key('mistakes:g:ana', z.array(storedQuestionSchema));
    await store.set(before, [question('a1'), question('b1')]);
    expect(ids(reviewOrder(await readMistakes(store, 'g', 'ana'), 10))).toEqual(['b1', 'a1']);
  });

  it('asks each mistake as the question reads now, keeping how sure the student was', () => {
    const corrected = { ...question('a1'), answer: 2 };
    expect(asTheyReadNow([mistake('a1', 'sure'), mistake('b1')], [corrected])).toEqual([
      { ...corrected, confidence: 'sure' },
    ]);
  });
});
