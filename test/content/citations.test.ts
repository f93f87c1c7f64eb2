import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// Read straight from the files, without the loader, so this holds whatever the loader checks.
interface Cited {
  source: string;
}
interface ChartFile {
  id: string;
  rows: (Cited & { aspect: string })[];
  strengths?: { left?: Cited[]; right?: Cited[] };
  weaknesses?: { left?: Cited[]; right?: Cited[] };
  similarities?: Cited[];
  caseStudies?: (Cited & { title: string })[];
}
const read = <T>(file: string) => parse(readFileSync(`content/${file}`, 'utf8')) as T;
const seeds = new Set(read<{ file: string }[]>('seeds.yaml').map((seed) => seed.file));
const terms = read<(Cited & { id: string })[]>('terms.yaml');
const charts = read<ChartFile[]>('comparisons.yaml');
const faqs = read<(Cited & { question: string })[]>('faqs.yaml');

const uncited = (entries: { where: string; source: string }[]) =>
  entries.filter(({ source }) => !seeds.has(source)).map(({ where, source }) => `${where}: ${source}`);

describe('the course cites its seeds', () => {
  it('lists the four seed articles', () => {
    expect(seeds.size).toBe(4);
  });

  it('cites a listed seed in every term', () => {
    expect(terms.length).toBeGreaterThan(0);
    expect(uncited(terms.map((term) => ({ where: term.id, source: term.source })))).toEqual([]);
  });

  it('cites a listed seed in every chart row', () => {
    const rows = charts.flatMap((chart) =>
      chart.rows.map((row) => ({ where: `${chart.id} / ${row.aspect}`, source: row.source })),
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(uncited(rows)).toEqual([]);
  });

  it('cites a listed seed in every strength, weakness, similarity, case study and FAQ answer', () => {
    const items = [
      ...charts.flatMap((chart) => [
        ...(['strengths', 'weaknesses'] as const).flatMap((kind) =>
          [...(chart[kind]?.left ?? []), ...(chart[kind]?.right ?? [])].map((item) => ({
            where: `${chart.id} ${kind}`,
            source: item.source,
          })),
        ),
        ...(chart.similarities ?? []).map((item) => ({ where: `${chart.id} similarities`, source: item.source })),
        ...(chart.caseStudies ?? []).map((study) => ({ where: `${chart.id} ${study.title}`, source: study.source })),
      ]),
      ...faqs.map((faq) => ({ where: faq.question, source: faq.source })),
    ];
    expect(uncited(items)).toEqual([]);
  });
});
