// Counting an answer in a score, on each store, against writing the same record raw with keyv.set.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { DEFAULT_TIMEZONE } from '../src/classes/settings.js';
import { recordAnswer, type Answer, type Score } from '../src/scores/score.js';
import { countAnswer } from '../src/scores/scoreboard.js';
import { openStore, type Store } from '../src/store/index.js';
import { serviceUnreachable } from '../test/services.js';
import { ratioTarget, type Comparison } from './stats.js';

const WARM_UP = 100;
const RUNS = 300;
const GUILD = 'bench-guild';
const USER = 'bench-user';
// The target: counting one answer costs at most twice a bare write of the same record.
const TARGET_RATIO = 2;

interface Backend {
  name: string;
  open: () => Promise<{ store: Store; cleanUp: () => Promise<void> }>;
  unreachable?: () => Promise<string | undefined>;
}

const runId = randomUUID().slice(0, 8);
const backends: Backend[] = [
  {
    name: 'SQLite',
    async open() {
      const dir = await mkdtemp(join(tmpdir(), 'lectern-bench-store-'));
      const store = await openStore(`sqlite://${join(dir, 'bench.sqlite')}`);
      return { store, cleanUp: () => rm(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'Redis',
    unreachable: () => serviceUnreachable('127.0.0.1', 6379),
    async open() {
      const store = await openStore('redis://127.0.0.1:6379', { namespace: `lectern_bench_${runId}` });
      return { store, cleanUp: () => store.backend.keyv.clear() };
    },
  },
  {
    name: 'PostgreSQL',
    unreachable: () => serviceUnreachable('127.0.0.1', 5432),
    async open() {
      const table = `lectern_bench_${runId}`;
      const store = await openStore('postgresql://postgres@127.0.0.1:5432/test', { table });
      return {
        store,
        cleanUp: async () => {
          if (store.backend.kind === 'postgres')
            await store.backend.sql(`DROP TABLE IF EXISTS ${table}, ${table}_sets`);
        },
      };
    },
  },
];

export async function storeBenches(): Promise<Comparison[]> {
  const rows: Comparison[] = [];
  for (const backend of backends) {
    const reason = await backend.unreachable?.();
    if (reason) {
      console.error(`bench: skipping the ${backend.name} store: ${reason}`);
      continue;
    }
    rows.push(await countingOn(backend));
  }
  return rows;
}

async function countingOn(backend: Backend): Promise<Comparison> {
  const { store, cleanUp } = await backend.open();
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
    return {
      what: `\`countAnswer\` (\`store.update\`), ${backend.name}`,
      baseline: `raw keyv.set of the same score record on the same ${backend.name} store`,
      lectern: counted,
      reference: raw,
      target: ratioTarget(counted, raw, TARGET_RATIO),
    };
  } finally {
    await cleanUp();
    await store.close();
  }
}
