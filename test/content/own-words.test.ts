import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCourseData } from '../../src/content/load.js';
import { mentions } from '../../src/drills/text.js';

const tool = fileURLToPath(new URL('../../../shared/tools/seed-overlap', import.meta.url));
const missing = existsSync(tool) ? undefined : `${tool} is not beside the project`;
if (missing) console.warn(`skipping the own-words check: ${missing}`);

describe('the course content', () => {
  it.skipIf(missing !== undefined)('repeats no run of 8 words from a seed article', () => {
    const run = spawnSync(process.execPath, [tool, 'content'], { encoding: 'utf8' });
    expect(run.stdout.trim().split('\n').at(-1)).toBe('no run of 8 words repeats a seed');
    expect(run.status).toBe(0);
  });
});

describe('the course’s definitions', () => {
  it('never name the term they define, so a question on a definition gives nothing away', async () => {
    const { terms } = await loadCourseData('content');
    const naming = terms.filter((term) => mentions(term.definition, [term.term, ...term.aliases]));
    expect(naming.map((term) => term.id)).toEqual([]);
  });
});
