import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { ChartMatch, Course } from '../../content/course.js';
import { chartCitations } from '../../content/chart.js';
import type { Sourced } from '../../content/schema.js';
import { colors } from './colors.js';
import { citations } from './source.js';

// Discord refuses an embed over 25 fields or 6000 characters; pages stay under both with room to spare.
const MAX_FIELDS_PER_PAGE = 24;
const MAX_CHARS_PER_PAGE = 4500;
const MAX_FIELD_VALUE = 1024;
const BLANK = '\u200b';

/** The chart as pages: aspect by aspect in two columns, then strengths, weaknesses, case studies, similarities, sources. */
export function comparisonPages(course: Course, { chart, swapped }: ChartMatch): APIEmbed[] {
  const sides = swapped ? (['right', 'left'] as const) : (['left', 'right'] as const);
  const names = sides.map((side) => course.term(chart[side])?.term ?? chart[side]) as [string, string];
  const blocks: APIEmbedField[][] = [
    ...chart.rows.map((row) => twoColumns(names, row.aspect, row[sides[0]], row[sides[1]])),
    ...(['strengths', 'weaknesses'] as const).flatMap((kind) => {
      const lists = chart[kind];
      if (!lists) return [];
      const label = kind === 'strengths' ? 'Strengths' : 'Weaknesses';
      const first = chunks(bulletLines(lists[sides[0]]));
      const second = chunks(bulletLines(lists[sides[1]]));
      return Array.from({ length: Math.max(first.length, second.length) }, (_, i) =>
        twoColumns(names, label, first[i] ?? '', second[i] ?? ''),
      );
    }),
    ...chart.caseStudies.map((study) => [
      { name: `Case study: ${study.title} (${names[sides.indexOf(study.side)]})`, value: study.text },
    ]),
    ...chunks(bulletLines(chart.similarities)).map((value, i) => [
      { name: i === 0 ? 'Similarities' : 'Similarities (continued)', value },
    ]),
    ...chunks(
      citations(
        course,
        chartCitations(chart).map((citation) => citation.source),
      ).split('\n'),
    ).map((value) => [{ name: 'Sources', value }]),
  ];

  const pages = packIntoPages(blocks);
  const title = `${names[0]} vs ${names[1]}`;
  return pages.map((fields, index) => ({
    color: colors.comparison,
    title,
    ...(index === 0 ? { description: `**${names[0]}** and **${names[1]}**, aspect by aspect.` } : {}),
    fields,
    footer: { text: `Page ${index + 1} of ${pages.length}` },
  }));
}

function twoColumns(names: [string, string], aspect: string, first: string, second: string): APIEmbedField[] {
  return [
    { name: `${aspect} · ${names[0]}`, value: first || '—', inline: true },
    { name: `${aspect} · ${names[1]}`, value: second || '—', inline: true },
    // A third inline field closes the row, so the next aspect starts on a line of its own.
    { name: BLANK, value: BLANK, inline: true },
  ];
}

function bulletLines(items: readonly Sourced[]): string[] {
  return items.map((item) => `• ${item.text}`);
}

/** Lines joined into field values no longer than Discord allows. */
function chunks(lines: string[]): string[] {
  const values: string[] = [];
  let current = '';
  for (const line of lines) {
    if (current && current.length + 1 + line.length > MAX_FIELD_VALUE) {
      values.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line.slice(0, MAX_FIELD_VALUE);
  }
  if (current) values.push(current);
  return values;
}

function packIntoPages(blocks: APIEmbedField[][]): APIEmbedField[][] {
  const pages: APIEmbedField[][] = [];
  let page: APIEmbedField[] = [];
  let chars = 0;
  for (const block of blocks) {
    const size = block.reduce((sum, field) => sum + field.name.length + field.value.length, 0);
    if (page.length > 0 && (page.length + block.length > MAX_FIELDS_PER_PAGE || chars + size > MAX_CHARS_PER_PAGE)) {
      pages.push(page);
      page = [];
      chars = 0;
    }
    page.push(...block);
    chars += size;
  }
  if (page.length > 0) pages.push(page);
  return pages;
}
