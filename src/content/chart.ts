import type { Comparison } from './schema.js';

/** Every seed citation in a chart, with the field it sits in (for error messages) and the seed file. */
export function chartCitations(chart: Comparison): { field: string; source: string }[] {
  return [
    ...chart.rows.map((row, i) => ({ field: `rows.${i}.source`, source: row.source })),
    ...(['strengths', 'weaknesses'] as const).flatMap((kind) =>
      (['left', 'right'] as const).flatMap((side) =>
        (chart[kind]?.[side] ?? []).map((item, i) => ({ field: `${kind}.${side}.${i}.source`, source: item.source })),
      ),
    ),
    ...chart.caseStudies.map((study, i) => ({ field: `caseStudies.${i}.source`, source: study.source })),
    ...chart.similarities.map((item, i) => ({ field: `similarities.${i}.source`, source: item.source })),
  ];
}
