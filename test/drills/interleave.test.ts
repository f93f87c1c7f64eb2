import { describe, expect, it } from 'vitest';
import { interleaveTopics } from '../../src/drills/interleave.js';
import { mulberry32 } from '../../src/drills/random.js';

/** `a1` is the first question on topic `a`. */
const asked = (...ids: string[]) => ids.map((id) => ({ id, topic: id.slice(0, 1) }));
const ids = (questions: readonly { id: string }[]) => questions.map((question) => question.id);

function neighboursSharingATopic(questions: readonly { topic: string }[], after?: string): number {
  return questions.filter((question, index) => question.topic === (index === 0 ? after : questions[index - 1]?.topic))
    .length;
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, index) =>
    permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]),
  );
}

describe('interleaving topics', () => {
  it('mixes three topics given in blocks so that no two neighbours share one', () => {
    const mixed = interleaveTopics(asked('a1', 'a2', 'a3', 'b1', 'b2', 'b3', 'c1', 'c2', 'c3'));
    expect(ids(mixed)).toEqual(['a1', 'b1', 'a2', 'b2', 'c1', 'a3', 'c2', 'b3', 'c3']);
    expect(neighboursSharingATopic(mixed)).toBe(0);
  });

  it('keeps each topic’s questions in the order given', () => {
    // c1 before c2 before c3 however far each moves; likewise a and b.
    expect(ids(interleaveTopics(asked('c1', 'c2', 'a1', 'c3', 'b1', 'a2', 'b2')))).toEqual([
      'c1',
      'a1',
      'c2',
      'b1',
      'c3',
      'a2',
      'b2',
    ]);
  });

  it('leaves an order that is already mixed as it is', () => {
    expect(ids(interleaveTopics(asked('b1', 'a1', 'c1', 'a2', 'b2')))).toEqual(['b1', 'a1', 'c1', 'a2', 'b2']);
  });

  it('moves a question forward only as far as mixing needs', () => {
    expect(ids(interleaveTopics(asked('a1', 'a2', 'b1', 'c1')))).toEqual(['a1', 'b1', 'a2', 'c1']);
  });

  it('keeps apart as many as it can when one topic has too many', () => {
    // Four on one topic and one other: two pairs of neighbours must share a topic, and no more.
    const mixed = interleaveTopics(asked('a1', 'a2', 'a3', 'a4', 'b1'));
    expect(ids(mixed)).toEqual(['a1', 'a2', 'a3', 'b1', 'a4']);
    expect(neighboursSharingATopic(mixed)).toBe(2);
  });

  it('starts with another topic than the question asked just before', () => {
    expect(ids(interleaveTopics(asked('a1', 'a2', 'b1', 'b2'), 'a'))).toEqual(['b1', 'a1', 'b2', 'a2']);
    expect(ids(interleaveTopics(asked('a1', 'b1'), 'a'))).toEqual(['b1', 'a1']);
  });

  it('gives the same order for the same questions and nothing for none', () => {
    const questions = asked('a1', 'b1', 'a2', 'a3', 'c1');
    expect(interleaveTopics(questions)).toEqual(interleaveTopics(questions));
    expect(interleaveTopics([])).toEqual([]);
  });

  it('never leaves more neighbours sharing a topic than the best order of the same questions', () => {
    const random = mulberry32(9);
    for (let pool = 0; pool < 150; pool++) {
      const size = 1 + Math.floor(random() * 7);
      const topics = 1 + Math.floor(random() * 3);
      const questions = Array.from({ length: size }, (_, index) => ({
        id: String(index),
        topic: 'abc'.charAt(Math.floor(random() * topics)),
      }));
      const after = random() < 0.5 ? 'a' : undefined;
      const mixed = interleaveTopics(questions, after);
      const best = Math.min(...permutations(questions).map((order) => neighboursSharingATopic(order, after)));
      expect(neighboursSharingATopic(mixed, after)).toBe(best);
      expect([...mixed].sort((x, y) => Number(x.id) - Number(y.id))).toEqual(questions);
      for (const topic of 'abc') {
        const ranks = mixed.filter((question) => question.topic === topic).map((question) => Number(question.id));
        expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
      }
    }
  });
});
