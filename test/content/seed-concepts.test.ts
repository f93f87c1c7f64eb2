import { describe, expect, it } from 'vitest';
import { Course } from '../../src/content/course.js';
import { loadCourseData } from '../../src/content/load.js';

const course = new Course(await loadCourseData('content'));

// A walk through each seed article: every concept it explains, as a student might type it into /define.
const conceptsBySeed: Record<string, string[]> = {
  '000_799dfff4aa333489.txt (Difference Wiki: collectivism vs. individualism)': [
    'collectivism', 'individualism', 'conformity', 'group norms', 'collective good', 'mutual support',
    'communal sharing', 'interdependence', 'sense of belonging', 'autonomy', 'independence', 'shared responsibility',
    'personal responsibility', 'accountability', 'competition', 'innovation', 'consensus', 'self-reliance',
    'self-expression', 'cohesion', 'economic collectivism', 'economic individualism',
    'political individualism', 'individuality', 'selfishness', 'self-interest', 'philosophical individualism',
    'isolation',
  ],
  '001_c8cea3e9d73b9918.txt (collectivism vs. individualism: similarities and differences)': [
    'individualism', 'collectivism', 'cultural worldview', 'socio-cultural orientation', 'group harmony', 'harmony',
    'personal autonomy', 'self-expression', 'Enlightenment philosophy', 'independent self', 'in-group',
    'relational self', 'social isolation', 'inequality', 'social safety net', 'low-context communication',
    'direct communication', 'high-context communication', 'collective welfare', 'conflict avoidance',
    'social shaming', 'resistance to change', 'groupthink', 'pressure to conform', 'respect for tradition',
    'social order', 'belonging', 'personal achievement', 'rugged individualism', 'American Dream', 'wa',
  ],
  '002_2e7438d17883b3ad.txt (collectivism in sociology)': [
    'collectivism', 'collectivity', 'political collectivism', 'economic collectivism', 'general will', 'collective',
    'common good', 'greater good', 'altruism', 'self-sacrifice', 'interdependence',
  ],
  '003_e7f83d0ae9aadbe6.txt (Ask Difference: individualization vs. socialization)': [
    'individualization', 'individuation', 'socialization', 'social norms', 'agents of socialization', 'peer group',
    'social cohesion', 'cultural continuity', 'social change', 'social roles', 'social isolation', 'self-expression',
    'autonomy', 'sense of belonging', 'conformity', 'socialize', 'individualize',
  ],
};

describe('every concept the seeds explain', () => {
  it.each(Object.entries(conceptsBySeed))('is a term or alias /define finds exactly: %s', (_, concepts) => {
    expect(concepts.filter((concept) => !course.termNamed(concept))).toEqual([]);
  });
});

describe('aliases that mean what they lead to', () => {
  it.each([
    ['general will', 'general-will'],
    ['harmony', 'group-harmony'],
    ['group harmony', 'group-harmony'],
    ['wa', 'wa'],
    ['mutual support', 'mutual-support'],
    ['conformity', 'conformity'],
    ['greater good', 'common-good'],
  ])('"%s" leads to %s', (name, id) => {
    expect(course.termNamed(name)?.id).toBe(id);
  });
});
