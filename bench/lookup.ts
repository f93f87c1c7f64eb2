// Bench 1: the course lookups a student's typing drives, in this process (no Discord).
import { fileURLToPath } from 'node:url';
import { Course } from '../src/content/course.js';
import { loadCourseData } from '../src/content/load.js';
import type { Comparison } from './stats.js';

const contentDir = fileURLToPath(new URL('../content', import.meta.url));

/** What students type into /define's term box, letter by letter, with the usual slips. */
export const PREFIXES = [
  'c',
  'co',
  'coll',
  'collectiv',
  'indiv',
  'individualiz',
  'soc',
  'socialis',
  'self',
  'grou',
  'am',
  'high',
  'pres',
  'wa',
  'colectiv',
  'individul',
  'sosial',
];

/** Misspelt terms that findTerm still finds, and the same terms spelt right. */
const TYPOS = [
  ['colectivism', 'Collectivism'],
  ['individualsim', 'Individualism'],
  ['socialisaton', 'Socialization'],
  ['altruisn', 'Altruism'],
  ['grouptink', 'Groupthink'],
  ['autonomi', 'Autonomy'],
  ['interdependance', 'Interdependence'],
  ['self relience', 'Self-reliance'],
  ['groop consensus', 'Group consensus'],
  ['enlightenment filosophy', 'Enlightenment philosophy'],
] as const;

/** Keeps results alive so the compiler cannot drop the calls being timed. */
let sink = 0;

interface Variant {
  inputs: readonly string[];
  call: (input: string) => number;
}

/**
 * Times `a` and `b` in alternating samples (so drift hits both alike). A sample is whole passes over
 * the inputs, as many as fill about `sampleMs`; each variant is calibrated on its own during warm-up.
 * Returns the time per call of every sample, in ms.
 */
function interleaved(a: Variant, b: Variant, samples: number, sampleMs: number): [number[], number[]] {
  const passesPerSample = [a, b].map((variant) => {
    let passes = 0;
    const start = performance.now();
    while (performance.now() - start < 150) {
      for (const input of variant.inputs) sink += variant.call(input);
      passes++;
    }
    return Math.max(1, Math.round((passes / (performance.now() - start)) * sampleMs));
  });
  const results: [number[], number[]] = [[], []];
  const sample = (index: 0 | 1) => {
    const variant = index === 0 ? a : b;
    const passes = passesPerSample[index] ?? 1;
    const start = performance.now();
    for (let pass = 0; pass < passes; pass++) for (const input of variant.inputs) sink += variant.call(input);
    results[index].push((performance.now() - start) / (passes * variant.inputs.length));
  };
  for (let i = 0; i < samples; i++) {
    const first = i % 2 === 0 ? 0 : 1;
    sample(first);
    sample(first === 0 ? 1 : 0);
  }
  return results;
}

export async function lookupBenches(): Promise<Comparison[]> {
  const course = new Course(await loadCourseData(contentDir));
  // The simplest lookup: every name and alias, lower-cased once, filtered by prefix.
  const names = course.terms.flatMap((term) => [term.term, ...term.aliases]).map((name) => name.toLowerCase());
  for (const [typo] of TYPOS) {
    if (!course.findTerm(typo)) throw new Error(`findTerm no longer finds "${typo}": pick another typo for the bench`);
  }

  const [suggest, filter] = interleaved(
    { inputs: PREFIXES, call: (prefix) => course.suggest(prefix).length },
    { inputs: PREFIXES, call: (prefix) => names.filter((name) => name.startsWith(prefix)).length },
    60,
    5,
  );
  const [typo, exact] = interleaved(
    { inputs: TYPOS.map(([typed]) => typed), call: (typed) => (course.findTerm(typed) ? 1 : 0) },
    { inputs: TYPOS.map(([, name]) => name), call: (name) => (course.findTerm(name) ? 1 : 0) },
    60,
    5,
  );
  if (sink === 0) throw new Error('the lookups found nothing');

  return [
    {
      what: '`course.suggest(prefix)`, per call',
      baseline: `names.filter(n => n.startsWith(prefix)) over the ${names.length} lower-cased names and aliases`,
      lectern: suggest,
      reference: filter,
      extra: `${PREFIXES.length} prefixes and typos: ${PREFIXES.join(', ')}`,
    },
    {
      what: '`course.findTerm` with a typo, per call',
      baseline: 'findTerm of the exact name (normalize + map lookup)',
      lectern: typo,
      reference: exact,
      extra: `typos: ${TYPOS.map(([typed]) => typed).join(', ')}`,
    },
  ];
}
