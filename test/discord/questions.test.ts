import { describe, expect, it } from 'vitest';
import { analyseQuestions } from '../../src/classes/questions.js';
import type { Question } from '../../src/drills/questions.js';
import { questionAnalysisEmbed } from '../../src/discord/render/questions.js';
import type { FirstAttempt } from '../../src/scores/first-attempts.js';

const noPause = () => Promise.resolve();

function question(id: string, stem: string): Question {
  return {
    id,
    topic: 'deck-unit',
    source: 'Unit deck',
    kind: 'term-from-definition',
    stem,
    options: ['first', 'second', 'third', 'fourth'],
    answer: 0,
    explanation: 'Why.',
  };
}

/** Everyone picks the right option of every question: each is too easy, and its wrong options picked by nobody. */
async function everyoneRight(questions: readonly Question[], students: number) {
  const attempts = questions.map(({ id }): FirstAttempt => ({ id, choice: 0, correct: true }));
  return analyseQuestions(
    new Map(Array.from({ length: students }, (_, index) => [`s${index}`, attempts])),
    questions,
    noPause,
  );
}

describe('the question analysis embed', () => {
  it('shows a flagged question’s figures, its stem as written, and sums up the rest', async () => {
    const flagged = question('flagged', 'Which **word** means _this_?');
    const plain = question('plain', 'Another one');
    const attempts = new Map<string, FirstAttempt[]>([
      [
        'a',
        [
          { id: 'flagged', choice: 0, correct: true },
          { id: 'plain', correct: true },
        ],
      ],
      [
        'b',
        [
          { id: 'flagged', choice: 0, correct: true },
          { id: 'plain', correct: false },
        ],
      ],
    ]);
    const embed = questionAnalysisEmbed(await analyseQuestions(attempts, [plain, flagged], noPause), 'Unit 3');
    expect(embed.title).toBe('Question analysis: Unit 3');
    expect(embed.fields).toEqual([
      {
        name: '⚠️ too easy, rarely picked option',
        value: [
          'Which \\*\\*word\\*\\* means \\_this\\_?',
          '2 attempts · 100% right · discrimination 0.00',
          'Right: A · wrong picked: B 0% ⚠️ · C 0% ⚠️ · D 0% ⚠️',
        ].join('\n'),
      },
      { name: 'The rest, in the CSV', value: '1 question with no flag, 50% right.' },
    ]);
  });

  it('keeps within Discord’s limits however many questions are flagged, and counts those left out', async () => {
    const questions = Array.from({ length: 300 }, (_, index) => question(`q${index}`, `${index} ${'*_'.repeat(150)}`));
    const embed = questionAnalysisEmbed(await everyoneRight(questions, 3), 'Unit');
    const fields = embed.fields ?? [];
    const size =
      (embed.title?.length ?? 0) +
      (embed.description?.length ?? 0) +
      fields.reduce((sum, field) => sum + field.name.length + field.value.length, 0);
    expect(size).toBeLessThanOrEqual(6000);
    expect(fields.length).toBeLessThanOrEqual(25);
    for (const field of fields) {
      expect(field.name.length).toBeLessThanOrEqual(256);
      expect(field.value.length).toBeLessThanOrEqual(1024);
    }
    const shown = fields.length - 1;
    expect(fields.at(-1)).toEqual({ name: 'The rest, in the CSV', value: `${300 - shown} more flagged questions.` });
  });

  it('says when nobody has answered yet', async () => {
    const embed = questionAnalysisEmbed(await everyoneRight([question('q', 'Stem')], 0), undefined);
    expect(embed).toMatchObject({ title: 'Question analysis', description: 'No answers yet: nothing to analyse.' });
  });
});
