import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { ContentError } from '../errors.js';
import { chartCitations } from './chart.js';
import { normalize } from './course.js';
import { comparisonsFileSchema, faqsFileSchema, seedsFileSchema, termsFileSchema } from './schema.js';
import type { Comparison, Faq, Seed, Term } from './schema.js';

export interface CourseData {
  seeds: Seed[];
  terms: Term[];
  comparisons: Comparison[];
  faqs: Faq[];
}

/** Reads and validates the course in `dir`; a broken file throws a ContentError naming file, entry and field. */
export async function loadCourseData(dir: string): Promise<CourseData> {
  const [seeds, terms, comparisons, faqs] = await Promise.all([
    readList(dir, 'seeds.yaml', seedsFileSchema),
    readList(dir, 'terms.yaml', termsFileSchema),
    readList(dir, 'comparisons.yaml', comparisonsFileSchema),
    readList(dir, 'faqs.yaml', faqsFileSchema),
  ]);
  const data = { seeds, terms, comparisons, faqs };
  checkReferences(dir, data);
  return data;
}

async function readList<S extends z.ZodType<unknown[]>>(dir: string, file: string, schema: S): Promise<z.output<S>> {
  const path = join(dir, file);
  let raw: unknown;
  try {
    raw = parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new ContentError(`${path}: cannot be read as YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw new ContentError(`${path}: invalid`);
  const [index, ...field] = issue.path;
  const entry = typeof index === 'number' ? describeEntry(raw, index) : 'the file';
  const fieldName = field.length > 0 ? `field "${field.join('.')}"` : 'the entry';
  throw new ContentError(`${path}: ${entry}, ${fieldName}: ${issue.message}`);
}

function describeEntry(raw: unknown, index: number): string {
  const entry = Array.isArray(raw) ? (raw[index] as unknown) : undefined;
  const label = entry && typeof entry === 'object' ? (entry as Record<string, unknown>) : {};
  const name = label['id'] ?? label['file'] ?? label['question'];
  return typeof name === 'string' ? `entry #${index + 1} "${name}"` : `entry #${index + 1}`;
}

function checkReferences(dir: string, { seeds, terms, comparisons, faqs }: CourseData): void {
  const seedFiles = new Set(seeds.map((seed) => seed.file));
  const termIds = new Set<string>();
  const fail = (file: string, entry: string, field: string, problem: string): never => {
    throw new ContentError(`${join(dir, file)}: entry "${entry}", field "${field}": ${problem}`);
  };
  const checkSource = (file: string, entry: string, field: string, source: string) => {
    if (!seedFiles.has(source)) fail(file, entry, field, `"${source}" is not a seed listed in seeds.yaml`);
  };

  // Compared as the lookup compares them: "Self-reliance" and "self reliance" are one name, and so is an id.
  const names = new Map<string, string>();
  for (const term of terms) {
    if (termIds.has(term.id)) fail('terms.yaml', term.id, 'id', 'used twice');
    termIds.add(term.id);
    checkSource('terms.yaml', term.id, 'source', term.source);
    for (const name of [term.id, term.term, ...term.aliases]) {
      const owner = names.get(normalize(name));
      const field = name === term.id ? 'id' : name === term.term ? 'term' : 'aliases';
      if (owner && owner !== term.id) fail('terms.yaml', term.id, field, `"${name}" already names "${owner}"`);
      names.set(normalize(name), term.id);
    }
  }
  for (const term of terms) {
    for (const related of term.related) {
      if (!termIds.has(related)) fail('terms.yaml', term.id, 'related', `no term has the id "${related}"`);
    }
  }
  const comparisonIds = new Set<string>();
  for (const chart of comparisons) {
    // A second chart with one id would be unreachable: /compare and the quiz topics find the first.
    if (comparisonIds.has(chart.id)) fail('comparisons.yaml', chart.id, 'id', 'used twice');
    comparisonIds.add(chart.id);
    for (const side of ['left', 'right'] as const) {
      if (!termIds.has(chart[side])) fail('comparisons.yaml', chart.id, side, `no term has the id "${chart[side]}"`);
    }
    for (const { field, source } of chartCitations(chart)) checkSource('comparisons.yaml', chart.id, field, source);
  }
  faqs.forEach((faq, i) => {
    const entry = `#${i + 1}`;
    checkSource('faqs.yaml', entry, 'source', faq.source);
    if (!comparisonIds.has(faq.topic)) fail('faqs.yaml', entry, 'topic', `no comparison has the id "${faq.topic}"`);
  });
}
