// `npm run bench`: every benchmark, each against a baseline measured in this same run, so the
// ratios hold from one machine to the next; the absolute figures are there for context.
import { availableParallelism } from 'node:os';
import { burstBenches } from './burst.js';
import { memoryBenches } from './memory.js';
import { stallBenches } from './stalls.js';
import { interactionBenches } from './interactions.js';
import { lookupBenches } from './lookup.js';
import { details, table, type Comparison } from './stats.js';
import { storeBenches } from './store.js';

// Stopped by Ctrl-C or a signal: exit through process.exit, so the bench's exit hook kills the bots it started.
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

async function main(): Promise<void> {
  const started = performance.now();
  // Progress goes to stderr, so stdout is only the results.
  const step = async <T>(name: string, bench: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    process.stderr.write(`bench: ${name}…`);
    const result = await bench();
    process.stderr.write(` ${((performance.now() - start) / 1000).toFixed(1)} s\n`);
    return result;
  };
  // One after another, never overlapping: the in-process benches would otherwise share the CPU with the bots.
  const lookups = await step('course lookups', lookupBenches);
  const { interactions, startup } = await step('Lectern vs the baseline bot on the emulator', interactionBenches);
  const store = await step('store', storeBenches);
  const stalls = await step('long jobs while another class clicks', stallBenches);
  const burst = await step('500 students clicking within one second, on each store', burstBenches);
  const memory = await step('memory and start-up at 1,000 servers', memoryBenches);
  const rows: Comparison[] = [...lookups, ...interactions, ...store, ...stalls, ...burst, startup, ...memory];

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Lectern benchmarks: Node ${process.version}, ${availableParallelism()} CPUs, ${seconds} s`);
  console.log(
    'Ratio = Lectern / baseline, both measured in this run (lower is better, 1.00× = as fast as the baseline).\n',
  );
  console.log(table(rows));
  console.log('\nDetails (absolute figures depend on the machine; the ratios above are what to compare):\n');
  console.log(details(rows));
  // Every sample, for a closer look at the noise (stderr, so the tables above stay clean).
  if (process.env['BENCH_RAW']) {
    console.error(JSON.stringify(rows.map(({ what, lectern, reference }) => ({ what, lectern, baseline: reference }))));
  }
}

main().catch((error: unknown) => {
  console.error('bench failed:', error);
  process.exit(1);
});
