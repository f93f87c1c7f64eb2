import { describe, expect, it } from 'vitest';
import { gradeTyped, readTyped, slipsAllowed, typeableQuestions } from '../../src/drills/grading.js';
import { fixtureQuestion } from '../fixtures/question.js';

const socialization = ['Socialization', 'socialisation', 'enculturation'];
const glossary = [
  { name: 'Socialization', names: socialization },
  { name: 'Socialism', names: ['Socialism'] },
  { name: 'Wa', names: ['Wa', 'group harmony'] },
  { name: 'Individualism', names: ['Individualism', 'individualist'] },
];

describe('grading a typed answer', () => {
  it('accepts the name, an alias or a spelling in any case, without accents or punctuation', () => {
    for (const typed of ['Socialization', 'socialisation', 'ENCULTURATION', '  Sociálization!  ', 'social-ization']) {
      expect(gradeTyped(typed, socialization, glossary), typed).toEqual({ verdict: 'right', slips: 0 });
    }
  });

  it('forgives more typos in longer names: none up to 4 letters, one up to 8, two beyond', () => {
    expect([3, 4, 5, 8, 9, 20].map(slipsAllowed)).toEqual([0, 0, 1, 1, 2, 2]);
    expect(gradeTyped('Na', ['Wa'], glossary)).toEqual({ verdict: 'wrong' });
    expect(gradeTyped('Socializaton', socialization, glossary)).toEqual({ verdict: 'right', slips: 1 });
    expect(gradeTyped('Socilizaton', socialization, glossary)).toEqual({ verdict: 'right', slips: 2 });
    expect(gradeTyped('Soclizaton', socialization, glossary)).toEqual({ verdict: 'wrong' });
  });

  it('counts a swapped pair of neighbouring letters as one slip', () => {
    expect(gradeTyped('Scoialization', socialization, glossary)).toEqual({ verdict: 'right', slips: 1 });
    expect(gradeTyped('Scoializatoin', socialization, glossary)).toEqual({ verdict: 'right', slips: 2 });
  });

  it('says which other course term a wrong answer is, typed exactly or with a slip', () => {
    expect(gradeTyped('socialism', socialization, glossary)).toEqual({ verdict: 'wrong', otherTerm: 'Socialism' });
    expect(gradeTyped('Indivdualism', socialization, glossary)).toEqual({
      verdict: 'wrong',
      otherTerm: 'Individualism',
    });
    expect(gradeTyped('group harmony', socialization, glossary)).toEqual({ verdict: 'wrong', otherTerm: 'Wa' });
    expect(gradeTyped('photosynthesis', socialization, glossary)).toEqual({ verdict: 'wrong' });
  });

  it('marks another term typed exactly as wrong, even a slip away from the answer', () => {
    const names = ['Collectivism'];
    const terms = [
      { name: 'Collectivism', names },
      { name: 'Collectivist', names: ['Collectivist'] },
    ];
    expect(gradeTyped('collectivist', names, terms)).toEqual({ verdict: 'wrong', otherTerm: 'Collectivist' });
  });
});

describe('reading what was typed', () => {
  it('takes an answer, trimmed', () => {
    expect(readTyped('  Wa ')).toEqual({ outcome: 'answer', text: 'Wa' });
  });

  it('counts empty, blank and punctuation-only input as no answer', () => {
    for (const typed of ['', '   ', '\n\t', '?!']) expect(readTyped(typed).outcome, typed).toBe('empty');
  });

  it('refuses input over 100 characters', () => {
    expect(readTyped('a'.repeat(100)).outcome).toBe('answer');
    expect(readTyped('a'.repeat(101)).outcome).toBe('too-long');
  });
});

describe('questions for a typed quiz', () => {
  it('keeps those answered by a name and leaves out true-or-false and statements', () => {
    const kinds = ['term-from-definition', 'chart-side', 'definition-from-term', 'faq', 'similarity'] as const;
    const questions = kinds.map((kind, index) => ({ ...fixtureQuestion(`q${index}`, 0), kind }));
    expect(typeableQuestions(questions).map((question) => question.kind)).toEqual([
      'term-from-definition',
      'chart-side',
    ]);
  });
});
