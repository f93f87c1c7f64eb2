// Bench 3: counting an answer in a score on SQLite, against writing the same record raw.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_TIMEZONE } from '../src/classes/settings.js';
import { recordAnswer, type Answer, type Score } from '../src/scores/score.js';
import { countAnswer } from '../src/scores/scoreboard.js';
import { openStore } from '../src/store/index.js';
import type { Comparison } from './stats.js';

const WARM_UP = 100;
const RUNS = 200;
const GUILD = 'bench-guild';
const USER = 'bench-user';

export async function storeBenches(): Promise<Comparison[]> {
  const dir = await mkdtemp(join(tmpdir(), 'lectern-bench-store-'));
  const store = await openStore(`sqlite://${join(dir, 'bench.sqlite')}`);
  try {
    const keyv = store.backend.keyv;
    const at = new Date();
    // What countAnswer writes, computed alongside, so the raw write stores the very same record.
    let expected: Score | undefined;
    const counted: number[] = [];
    const raw: number[] = [];

    const countOne = async (index: number, answer: Answer) => {
      const start = performance.now();
      const score = await countAnswer(store, GUILD, USER, answer, DEFAULT_TIMEZONE);
      const elapsed = performance.now() - start;
      if (JSON.stringify(score) !== JSON.stringify(expected))
        throw new Error(`countAnswer #${index} wrote another score`);
      if (index >= WARM_UP) counted.push(elapsed);
    };
    const writeRaw = async (index: number) => {
      const start = performance.now();
      await keyv.set(`bench-raw:score:${GUILD}:${USER}`, expected);
      const elapsed = performance.now() - start;
      if (index >= WARM_UP) raw.push(elapsed);
    };

    // Warm-up fills the score's list of recent answers (kept at 100), so every measured record has the same size.
    for (let index = 0; index < WARM_UP + RUNS; index++) {
      const answer: Answer = { id: `bench:${index}`, topic: 'collectivism', correct: index % 3 !== 0, at };
      expected = recordAnswer(expected, answer, DEFAULT_TIMEZONE);
      // Alternate which goes first, so neither always finds the database just written by the other.
      if (index % 2 === 0) {
        await countOne(index, answer);
        await writeRaw(index);
      } else {
        await writeRaw(index);
        await countOne(index, answer);
      }
    }
    return [
      {
        what: '`countAnswer` (`store.update`), SQLite',
        baseline: 'raw keyv.set of the same score record on the same SQLite file',
        lectern: counted,
        reference: raw,
      },
    ];
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}
