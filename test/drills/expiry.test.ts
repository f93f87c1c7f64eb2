import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { Course } from '../../src/content/course.js';
import { courseFlashcards } from '../../src/drills/flashcards.js';
import { answerInQuiz, startQuiz } from '../../src/drills/quizzes.js';
import { SESSION_TTL_MS } from '../../src/drills/sessions.js';
import { rateStudyCard, revealCard, startStudy } from '../../src/drills/study.js';
import { openStore, type Store } from '../../src/store/index.js';
import { fixtureCourse } from '../fixtures/course.js';
import { fixtureQuestion } from '../fixtures/question.js';
import { serviceUnreachable } from '../services.js';

const runId = randomUUID().slice(0, 8);
const scratchDir = await mkdtemp(join(tmpdir(), 'lectern-expiry-'));
const backends = [
  { name: 'SQLite', url: `sqlite://${join(scratchDir, 'store.sqlite')}`, table: 'keyv', skip: undefined },
  {
    name: 'PostgreSQL',
    url: 'postgresql://postgres@127.0.0.1:5432/test',
    table: `lectern_expiry_${runId}`,
    skip: await serviceUnreachable('127.0.0.1', 5432),
  },
];
for (const backend of backends) {
  if (backend.skip) console.warn(`skipping expiry on ${backend.name}: ${backend.skip}`);
}

const SESSIONS = 10_000;
const cards = courseFlashcards(new Course(fixtureCourse()));
const played = (index: number) => index % 10 < 2;
const questions = [fixtureQuestion('q1', 0), fixtureQuestion('q2', 1)];

afterEach(() => {
  vi.useRealTimers();
});
afterAll(async () => {
  await rm(scratchDir, { recursive: true, force: true });
});

/** Every key in the store, without the namespace, straight from the table. */
async function storedKeys(store: Store, table: string): Promise<string[]> {
  if (store.backend.kind === 'redis') throw new Error('SQL backends only');
  const rows = await store.backend.sql(`SELECT key FROM ${table}`);
  return rows.map((row) => String((row as { key: unknown }).key).replace(/^lectern:/, ''));
}

describe.each(backends)('sessions on $name', ({ url, table, skip }) => {
  it.skipIf(skip !== undefined)(
    `are deleted once expired, after ${SESSIONS} quizzes and flashcard rounds, leaving the students' state`,
    async () => {
      const store = await openStore(url, { table });
      try {
        const start = new Date('2026-11-02T09:00:00Z');
        vi.useFakeTimers({ toFake: ['Date'], now: start });
        // Half quizzes, half flashcard rounds, each by a student of its own; one in five is played, leaving state.
        for (let batch = 0; batch < SESSIONS; batch += 250) {
          await Promise.all(
            Array.from({ length: 250 }, async (_, offset) => {
              const index = batch + offset;
              const player = { guildId: 'guild', userId: `student-${index}` };
              if (index % 2 === 0) {
                const quiz = await startQuiz(store, player, 'everything', questions, start);
                if (played(index))
                  await answerInQuiz(store, quiz.id, { userId: player.userId, name: 'S' }, 0, index % 4, start);
              } else {
                const { study } = await startStudy(store, player, cards, start, 'UTC');
                if (study && played(index)) {
                  await revealCard(store, study.id, player.userId, 0);
                  await rateStudyCard(store, study.id, player.userId, 0, 'good', start);
                }
              }
            }),
          );
        }
        const sessionKey = /^(quiz|study):/;
        expect((await storedKeys(store, table)).filter((name) => sessionKey.test(name)).length).toBe(SESSIONS);

        vi.setSystemTime(start.getTime() + SESSION_TTL_MS + 60_000);
        expect(await store.sweepExpired()).toBe(SESSIONS);

        const left = await storedKeys(store, table);
        expect(left.filter((name) => sessionKey.test(name))).toEqual([]);
        // Each student's score, mistakes, first attempts and flashcard schedule stay.
        const kinds = new Set(left.map((name) => name.split(':')[0]));
        expect([...kinds].sort()).toEqual(['cards', 'first-attempts', 'mistakes', 'score']);
        const playedCount = (parity: number) =>
          Array.from({ length: SESSIONS }, (_, index) => index).filter((index) => index % 2 === parity && played(index))
            .length;
        expect(left.filter((name) => name.startsWith('score:'))).toHaveLength(playedCount(0));
        expect(left.filter((name) => name.startsWith('cards:'))).toHaveLength(playedCount(1));
      } finally {
        if (store.backend.kind === 'postgres') {
          await store.backend.sql(`DROP TABLE IF EXISTS ${table}, ${table}_sets`);
        }
        await store.close();
      }
    },
  );
});
