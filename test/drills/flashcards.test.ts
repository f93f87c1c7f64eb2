import { describe, expect, it } from 'vitest';
import { Course } from '../../src/content/course.js';
import {
  courseFlashcards,
  flashcardOfQuestion,
  rateCard,
  studyQueue,
  type CardState,
} from '../../src/drills/flashcards.js';
import { fixtureCourse } from '../fixtures/course.js';

const now = new Date('2026-11-25T10:00:00Z');
const later = (days: number) => new Date(now.getTime() + days * 86_400_000);
const cards = courseFlashcards(new Course(fixtureCourse()));

describe('flashcard scheduling (FSRS, fixed clock)', () => {
  it('makes a card rated Good due later than one rated Hard, and Easy later still', () => {
    const hard = rateCard(undefined, 'hard', now);
    const good = rateCard(undefined, 'good', now);
    const easy = rateCard(undefined, 'easy', now);
    expect(Date.parse(good.due)).toBeGreaterThan(Date.parse(hard.due));
    expect(Date.parse(easy.due)).toBeGreaterThan(Date.parse(good.due));
  });

  it('pushes a reviewed card further out each time it is remembered, and brings it back on Again', () => {
    let state = rateCard(undefined, 'good', now);
    state = rateCard(state, 'good', new Date(state.due));
    const secondInterval = Date.parse(state.due) - now.getTime();
    const remembered = rateCard(state, 'good', new Date(state.due));
    const forgotten = rateCard(state, 'again', new Date(state.due));
    expect(Date.parse(remembered.due) - Date.parse(state.due)).toBeGreaterThan(secondInterval / 2);
    expect(Date.parse(forgotten.due)).toBeLessThan(Date.parse(remembered.due));
    expect(forgotten.lapses).toBe(1);
  });

  it('puts due cards first, most overdue first, then new ones, and counts what is due today', () => {
    const [first, second, third] = cards;
    if (!first || !second || !third) throw new Error('fixture has too few cards');
    const dueOn = (date: Date): CardState => ({ ...rateCard(undefined, 'good', now), due: date.toISOString() });
    const states = { [first.id]: dueOn(later(-1)), [second.id]: dueOn(later(-3)), [third.id]: dueOn(later(5)) };
    const queue = studyQueue(cards, states, now, 'UTC');
    expect(queue.cards.slice(0, 3).map((card) => card.id)).toEqual([second.id, first.id, cards[3]?.id]);
    expect(queue.dueToday).toBe(2);
    expect(queue.fresh).toBe(cards.length - 3);
  });

  it('counts a card as due today up to midnight in the class’s timezone, not in UTC', () => {
    const [card] = cards;
    if (!card) throw new Error('fixture has no cards');
    // 23:00 UTC on the 25th: 08:00 on the 26th in Tokyo, 18:00 on the 25th in New York.
    const lateEvening = new Date('2026-11-25T23:00:00Z');
    const dueAt = (iso: string) => ({ [card.id]: { ...rateCard(undefined, 'good', now), due: iso } });
    const dueToday = (iso: string, timezone: string) => studyQueue([card], dueAt(iso), lateEvening, timezone).dueToday;
    // Due 01:00 UTC on the 26th: tomorrow in UTC, 10:00 today in Tokyo, 20:00 today in New York.
    expect(dueToday('2026-11-26T01:00:00Z', 'UTC')).toBe(0);
    expect(dueToday('2026-11-26T01:00:00Z', 'Asia/Tokyo')).toBe(1);
    expect(dueToday('2026-11-26T01:00:00Z', 'America/New_York')).toBe(1);
    // Due 16:00 UTC on the 26th: 01:00 on the 27th in Tokyo, so not today there.
    expect(dueToday('2026-11-26T16:00:00Z', 'Asia/Tokyo')).toBe(0);
    // Midnight itself begins the next day.
    expect(dueToday('2026-11-26T00:00:00Z', 'UTC')).toBe(0);
    expect(dueToday('2026-11-25T23:59:59Z', 'UTC')).toBe(1);
  });

  it('tags each card with the charts its term belongs to', () => {
    const collectivism = cards.find((card) => card.id === 'term:collectivism');
    expect(collectivism?.topics).toContain('collectivism-vs-individualism');
    expect(cards.find((card) => card.id === 'term:altruism')?.topics).not.toContain('collectivism-vs-individualism');
  });
});

describe('the flashcard of a question', () => {
  it('is the term a "which term is defined here?" question asks for, in the course or a deck', () => {
    expect(flashcardOfQuestion('define:wa')).toBe('term:wa');
    expect(flashcardOfQuestion('deck-biology:define:osmosis')).toBe('deck-biology:osmosis');
    expect(flashcardOfQuestion('side:collectivism-vs-individualism:goals:left')).toBeUndefined();
    expect(flashcardOfQuestion('describe:wa')).toBeUndefined();
  });
});
