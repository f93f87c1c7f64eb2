import { describe, expect, it } from 'vitest';
import { Course, normalize, typosBetween } from '../../src/content/course.js';
import { fixtureCourse } from '../fixtures/course.js';

const course = new Course(fixtureCourse());

describe('finding a term', () => {
  it('finds a term by its name in any case, with stray spaces and punctuation', () => {
    expect(course.findTerm('  COLLECTIVISM! ')?.id).toBe('collectivism');
  });

  it('finds a term by an alias or a British spelling', () => {
    expect(course.findTerm('socialisation')?.id).toBe('socialization');
    expect(course.findTerm('Individualistic')?.id).toBe('individualism');
  });

  it('finds a term by its id, as autocomplete sends it', () => {
    expect(course.findTerm('primary-socialization')?.term).toBe('Primary socialization');
  });

  it('forgives a typo', () => {
    expect(course.findTerm('colectivism')?.id).toBe('collectivism');
    expect(course.findTerm('individualsim')?.id).toBe('individualism');
  });

  it('counts two neighbouring letters swapped as one slip, not two', () => {
    // Eight letters allow one slip; two swaps in thirteen letters are two slips, as many as allowed.
    expect(course.findTerm('altrusim')?.id).toBe('altruism');
    expect(course.findTerm('indivdiualsim')?.id).toBe('individualism');
    expect(course.findTerm('atlrusim')).toBeUndefined();
  });

  it('counts slips as added, dropped or changed letters, or a swapped pair', () => {
    expect(typosBetween('altruism', 'altruism')).toBe(0);
    expect(typosBetween('altrusim', 'altruism')).toBe(1);
    expect(typosBetween('altruim', 'altruism')).toBe(1);
    expect(typosBetween('altruisms', 'altruism')).toBe(1);
    expect(typosBetween('altruizm', 'altruism')).toBe(1);
    expect(typosBetween('latrusim', 'altruism')).toBe(2);
    expect(typosBetween('', 'wa')).toBe(2);
    expect(typosBetween(`${'a'.repeat(99)}b`, `${'a'.repeat(98)}ba`)).toBe(1);
  });

  it('stops counting slips one past the most it was asked about', () => {
    expect(typosBetween('photosynthesis', 'altruism', 2)).toBe(3);
    expect(typosBetween('latrusim', 'altruism', 1)).toBe(2);
  });

  it('finds nothing for a word far from every term, and offers near spellings instead', () => {
    expect(course.findTerm('photosynthesis')).toBeUndefined();
    expect(course.findTerm('socialism')).toBeUndefined();
    expect(course.didYouMean('socialism').map((term) => term.id)).toContain('socialization');
  });

  it('forgives no slip in a name of three letters or fewer, where one letter makes another word', () => {
    const data = fixtureCourse();
    const [model] = data.terms;
    if (!model) throw new Error('fixture has no terms');
    const withWa = new Course({ ...data, terms: [...data.terms, { ...model, id: 'wa', term: 'Wa', aliases: [] }] });
    expect(withWa.findTerm('wa')?.id).toBe('wa');
    expect(withWa.findTerm('na')).toBeUndefined();
  });

  it('normalizes accents and punctuation away', () => {
    expect(normalize('Wá — “harmony”')).toBe('wa harmony');
  });

  it('keeps the letters of every script, so names in Cyrillic or Japanese stay apart', () => {
    expect(normalize('Кошка!')).toBe('кошка');
    expect(normalize('  日本語  ')).toBe('日本語');
    expect(normalize('кошка')).not.toBe(normalize('собака'));
  });
});

describe('autocomplete', () => {
  it('offers every term starting with a prefix, each once', () => {
    const ids = course.suggest('individual').map((choice) => choice.value);
    expect(ids.slice(0, 2).sort()).toEqual(['individualism', 'individualization']);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('offers terms with a later word starting with the prefix', () => {
    expect(course.suggest('social').map((choice) => choice.value)).toEqual(
      expect.arrayContaining(['socialization', 'primary-socialization']),
    );
  });

  it('offers a term by its main name before offering it by an alias', () => {
    expect(course.suggest('individualis')[0]).toEqual({ name: 'Individualism', value: 'individualism' });
  });

  it('offers a name whose start was typed with two neighbouring letters swapped', () => {
    expect(course.suggest('atlr')[0]).toEqual({ name: 'Altruism', value: 'altruism' });
  });

  it('names the alias that matched', () => {
    expect(course.suggest('socialis')[0]).toEqual({ name: 'Socialization (socialisation)', value: 'socialization' });
  });

  it('lists terms alphabetically when nothing is typed yet', () => {
    expect(course.suggest('').map((choice) => choice.name)).toEqual([
      'Altruism',
      'Collectivism',
      'Individualism',
      'Individualization',
      'Primary socialization',
      'Socialization',
    ]);
  });
});

describe('charts', () => {
  it('finds the chart for a pair in either order, noting when the sides swap', () => {
    const collectivism = course.findTerm('collectivism');
    const individualism = course.findTerm('individualism');
    if (!collectivism || !individualism) throw new Error('fixture terms missing');
    expect(course.chartFor(collectivism, individualism)).toMatchObject({ swapped: false });
    expect(course.chartFor(individualism, collectivism)).toMatchObject({ swapped: true });
  });

  it('has no chart for a pair the course does not compare', () => {
    const altruism = course.findTerm('altruism');
    const socialization = course.findTerm('socialization');
    if (!altruism || !socialization) throw new Error('fixture terms missing');
    expect(course.chartFor(altruism, socialization)).toBeUndefined();
  });
});
