import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadCourseData } from '../../src/content/load.js';
import { fixtureCourse } from '../fixtures/course.js';

let dir: string;

async function writeCourse(change: (course: ReturnType<typeof fixtureCourse>) => void = () => {}) {
  const course = fixtureCourse();
  change(course);
  for (const [name, entries] of Object.entries(course)) await writeFile(join(dir, `${name}.yaml`), stringify(entries));
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lectern-content-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loading the course', () => {
  it('loads a well-formed course', async () => {
    await writeCourse();
    const data = await loadCourseData(dir);
    expect(data.terms.map((term) => term.id)).toContain('collectivism');
    expect(data.comparisons[0]?.rows).toHaveLength(2);
  });

  it('names the file, the entry and the field of a broken entry', async () => {
    await writeCourse((course) => {
      Object.assign(course.terms[3] ?? {}, { definition: '' });
    });
    await expect(loadCourseData(dir)).rejects.toThrow(
      `${join(dir, 'terms.yaml')}: entry #4 "socialization", field "definition": `,
    );
  });

  it('refuses a field the schema does not know, so a typo in a field name is caught', async () => {
    await writeCourse((course) => {
      Object.assign(course.terms[0] ?? {}, { defintion: 'typo' });
    });
    await expect(loadCourseData(dir)).rejects.toThrow(/terms\.yaml: entry #1 "collectivism", .*defintion/);
  });

  it('refuses a related term that does not exist', async () => {
    await writeCourse((course) => {
      course.terms[0]?.related.push('no-such-term');
    });
    await expect(loadCourseData(dir)).rejects.toThrow(
      'entry "collectivism", field "related": no term has the id "no-such-term"',
    );
  });

  it('refuses a source that is not one of the seeds', async () => {
    await writeCourse((course) => {
      const row = course.comparisons[0]?.rows[1];
      if (row) row.source = '009_0000000000000000.txt';
    });
    await expect(loadCourseData(dir)).rejects.toThrow(
      'entry "collectivism-vs-individualism", field "rows.1.source": "009_0000000000000000.txt" is not a seed',
    );
  });

  it('refuses a term id used twice', async () => {
    await writeCourse((course) => {
      const [first] = course.terms;
      if (first) course.terms.push({ ...first, term: 'Another name', aliases: [] });
    });
    await expect(loadCourseData(dir)).rejects.toThrow(
      `${join(dir, 'terms.yaml')}: entry "collectivism", field "id": used twice`,
    );
  });

  it('refuses a chart id used twice', async () => {
    await writeCourse((course) => {
      const [first] = course.comparisons;
      if (first) course.comparisons.push({ ...first, left: 'individualization', right: 'socialization' });
    });
    await expect(loadCourseData(dir)).rejects.toThrow(
      `${join(dir, 'comparisons.yaml')}: entry "collectivism-vs-individualism", field "id": used twice`,
    );
  });

  it('refuses an alias that already names another term', async () => {
    await writeCourse((course) => {
      course.terms[1]?.aliases.push('Collectivism');
    });
    await expect(loadCourseData(dir)).rejects.toThrow('"Collectivism" already names "collectivism"');
  });

  it('refuses an alias that names another term once punctuation and case are set aside', async () => {
    await writeCourse((course) => {
      course.terms[1]?.aliases.push('primary-Socialization!');
    });
    await expect(loadCourseData(dir)).rejects.toThrow(
      'entry "primary-socialization", field "id": "primary-socialization" already names "individualism"',
    );
  });

  it('says which file is not YAML', async () => {
    await writeCourse();
    await writeFile(join(dir, 'faqs.yaml'), 'a: [unclosed');
    await expect(loadCourseData(dir)).rejects.toThrow(`${join(dir, 'faqs.yaml')}: cannot be read as YAML`);
  });
});
