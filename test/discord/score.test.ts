import { describe, expect, it } from 'vitest';
import { leaderboardEmbed, scoreEmbed, wholeLinesWithin } from '../../src/discord/render/score.js';
import { scoreSchema } from '../../src/scores/score.js';

describe('the score embed', () => {
  it('shows as many whole mastery lines as fit in a field, and says how many more there are', () => {
    const topics = Array.from({ length: 40 }, (_, i) => ({ id: `deck-unit-${i}`, name: `Deck: Unit ${i} vocabulary` }));
    const score = scoreSchema.parse({
      answered: 80,
      correct: 40,
      streak: 0,
      bestStreak: 1,
      topics: Object.fromEntries(topics.map((topic) => [topic.id, { answered: 2, correct: 1 }])),
      weekKey: '2026-W48',
      week: { answered: 80, correct: 40 },
      lastActive: '2026-11-25T10:00:00.000Z',
      recent: [],
    });
    const embed = scoreEmbed('Ada', score, topics, { counted: true, latestDrill: '2026-11-25' });
    const mastery = embed.fields?.find((field) => field.name === 'Mastery by topic')?.value ?? '';
    expect(mastery.length).toBeLessThanOrEqual(1024);
    const lines = mastery.split('\n');
    const more = /^…and (\d+) more$/.exec(lines.at(-1) ?? '');
    expect(more).not.toBeNull();
    expect(lines.length - 1 + Number(more?.[1])).toBe(topics.length);
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/\*\*Deck: Unit \d+ vocabulary\*\* \(1\/2\)$/);
  });

  it('shows a streak of days only while the class counts them', () => {
    const score = scoreSchema.parse({
      answered: 3,
      correct: 3,
      streak: 3,
      bestStreak: 3,
      topics: {},
      weekKey: '2026-W48',
      week: { answered: 3, correct: 3 },
      lastActive: '2026-11-25T10:00:00.000Z',
      recent: [],
      dayStreak: 3,
      bestDayStreak: 3,
      lastDay: '2026-11-25',
    });
    const daily = (counted: boolean) =>
      scoreEmbed('Ada', score, [], { counted, latestDrill: '2026-11-25' }).fields?.find(
        (field) => field.name === 'Daily drill',
      )?.value;
    expect(daily(true)).toBe('3 days in a row (best 3)');
    expect(daily(false)).toBeUndefined();
  });

  it('keeps every line when they all fit, and says so when even one does not', () => {
    expect(wholeLinesWithin(20, ['one', 'two'])).toBe('one\ntwo');
    expect(wholeLinesWithin(15, ['one', 'two', 'three', 'four'])).toBe('one\n…and 3 more');
    expect(wholeLinesWithin(12, ['one', 'two', 'three', 'four'])).toBe('…and 4 more');
  });
});

describe('the leaderboard embed', () => {
  it('says how many more students are tied with the last place shown, so nobody tied is left off unseen', () => {
    const standings = [
      { userId: 'user1', correct: 5, answered: 5, rank: 1 },
      { userId: 'user2', correct: 4, answered: 5, rank: 2 },
      { userId: 'user3', correct: 3, answered: 5, rank: 3 },
      { userId: 'user4', correct: 3, answered: 5, rank: 3 },
      { userId: 'user5', correct: 2, answered: 5, rank: 5 },
    ];
    const embed = leaderboardEmbed('all', standings, 'user4', 3);
    const lines = embed.description?.split('\n') ?? [];
    expect(lines).toHaveLength(4);
    expect(lines.at(-1)).toBe('…and 1 more tied at #3');
    expect(embed.fields?.[0]?.value).toMatch(/^You are \*\*#3\*\* of 5/);
  });
});
