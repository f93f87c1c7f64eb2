/** Median and 95th percentile (nearest rank) of a set of timings, in milliseconds. */
export interface Summary {
  n: number;
  median: number;
  p95: number;
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('no samples to summarize');
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (rank: number) => sorted[Math.min(sorted.length - 1, Math.max(0, rank))] ?? Number.NaN;
  const middle = sorted.length / 2;
  const median = sorted.length % 2 === 1 ? at(Math.floor(middle)) : (at(middle - 1) + at(middle)) / 2;
  return { n: sorted.length, median, p95: at(Math.ceil(0.95 * sorted.length) - 1) };
}

/** One line of the results: Lectern's timings against its baseline's, both taken in this run. */
export interface Comparison {
  what: string;
  /** What the baseline is, for the details below the table. */
  baseline: string;
  lectern: readonly number[];
  reference: readonly number[];
  /** Anything else worth printing with the details (e.g. the emulator's own ack figures). */
  extra?: string;
  /** What the samples measure; milliseconds unless said. */
  unit?: 'ms' | 'MB';
  /** The target for this figure, and whether this run met it. */
  target?: Target;
}

export interface Target {
  /** As the table shows it, e.g. "≤ 2× baseline" or "p99 ≤ 1 s". */
  text: string;
  met: boolean;
}

/** A target on the ratio of medians: Lectern at most `times` the baseline. */
export function ratioTarget(lectern: readonly number[], reference: readonly number[], times: number): Target {
  const ratioOfMedians = summarize(lectern).median / summarize(reference).median;
  return { text: `≤ ${times}× baseline`, met: ratioOfMedians <= times };
}

/** The value at `percent` (nearest rank). */
export function percentile(samples: readonly number[], percent: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((percent / 100) * sorted.length) - 1))] ?? Number.NaN;
}

/** A figure in its unit: megabytes as they are, durations in ns, µs or ms, three significant figures or so. */
function figure(value: number, unit: Comparison['unit']): string {
  return unit === 'MB' ? `${value.toFixed(0)} MB` : duration(value);
}

/** A duration in the unit that suits it: ns, µs or ms, three significant figures or so. */
export function duration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 0.001) return `${(ms * 1e6).toPrecision(3)} ns`;
  if (ms < 1) return `${(ms * 1e3).toPrecision(3)} µs`;
  if (ms < 100) return `${ms.toPrecision(3)} ms`;
  return `${Math.round(ms)} ms`;
}

export function ratio(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value < 10) return `${value.toFixed(2)}×`;
  if (value < 100) return `${value.toFixed(1)}×`;
  return `${Math.round(value)}×`;
}

/** The markdown table for the README: medians and the ratios that matter. */
export function table(rows: readonly Comparison[]): string {
  const lines = [
    '| what | Lectern median | baseline median | ratio (median) | ratio (p95) | target |',
    '| ---- | -------------: | --------------: | -------------: | ----------: | ------ |',
  ];
  for (const row of rows) {
    const [mine, theirs] = [summarize(row.lectern), summarize(row.reference)];
    const target = row.target ? `${row.target.text} ${row.target.met ? '✅ met' : '❌ missed'}` : '';
    lines.push(
      `| ${row.what} | ${figure(mine.median, row.unit)} | ${figure(theirs.median, row.unit)} | ${ratio(mine.median / theirs.median)} | ${ratio(mine.p95 / theirs.p95)} | ${target} |`,
    );
  }
  return lines.join('\n');
}

/** Every figure behind the table: sample counts, medians and p95s, and what each baseline is. */
export function details(rows: readonly Comparison[]): string {
  return rows
    .map((row) => {
      const [mine, theirs] = [summarize(row.lectern), summarize(row.reference)];
      const lines = [
        `- ${row.what}`,
        `    Lectern:  n=${mine.n}, median ${figure(mine.median, row.unit)}, p95 ${figure(mine.p95, row.unit)}`,
        `    baseline: n=${theirs.n}, median ${figure(theirs.median, row.unit)}, p95 ${figure(theirs.p95, row.unit)} (${row.baseline})`,
      ];
      if (row.extra) lines.push(`    ${row.extra}`);
      return lines.join('\n');
    })
    .join('\n');
}
