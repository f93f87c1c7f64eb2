import { describe, expect, it } from 'vitest';
import { Course } from '../../src/content/course.js';
import { dailyFeedback, dailyPosts } from '../../src/discord/render/daily.js';
import { deckTermEmbed } from '../../src/discord/render/definition.js';
import { liveQuestionMessage, liveRevealMessage } from '../../src/discord/render/live.js';
import { plainText } from '../../src/discord/render/plain-text.js';
import { answeredView, questionView } from '../../src/discord/render/quiz.js';
import type { Question } from '../../src/drills/questions.js';
import { newQuiz } from '../../src/drills/quiz.js';
import { startGame } from '../../src/live/game.js';
import { fixtureCourse } from '../fixtures/course.js';

const course = new Course(fixtureCourse());

/** A question from a teacher's sheet, written with characters Discord would take for Markdown. */
const teachers: Question = {
  id: 'deck-python:question:what-does-init-do',
  topic: 'deck-python',
  source: 'deck:Python',
  kind: 'faq',
  stem: 'What does __init__ do when *args is **NOT** given?',
  options: ['Sets up the object', '~~Nothing~~', '- it fails', '`None`'],
  answer: 0,
  explanation: '__init__ runs for every new object; see <@123> or [the docs](https://example.com).',
};
const stemAsWritten = 'What does \\_\\_init\\_\\_ do when \\*args is \\*\\*NOT\\*\\* given?';
const explanationAsWritten =
  '\\_\\_init\\_\\_ runs for every new object; see \\<@123> or \\[the docs](https://example.com).';

/** A quiz of `questions`, each answered with option 1 (wrong) up to `answered`. */
function quizOf(questions: Question[], answered = 0) {
  const quiz = newQuiz({
    id: 'quiz1',
    guildId: 'g',
    userId: 'u',
    topic: 'deck-python',
    questions,
    startedAt: '2026-12-01T10:00:00.000Z',
  });
  return { ...quiz, choices: quiz.choices.map((choice, index) => (index < answered ? 1 : choice)) };
}

describe('plain text', () => {
  it('escapes what Discord would read as Markdown, a mention, a heading, a list or a quote', () => {
    expect(plainText('__init__ *args **NOT** ~~x~~ ||spoiler|| `code`')).toBe(
      '\\_\\_init\\_\\_ \\*args \\*\\*NOT\\*\\* \\~\\~x\\~\\~ \\|\\|spoiler\\|\\| \\`code\\`',
    );
    expect(plainText('# Unit 3\n- first\n1. one\n> quoted')).toBe('\\# Unit 3\n\\- first\n1\\. one\n\\> quoted');
    expect(plainText('<@123> <#456> <t:1700000000:R> [link](https://example.com)')).toBe(
      '\\<@123> \\<#456> \\<t:1700000000:R> \\[link](https://example.com)',
    );
  });

  it('clips to a length without leaving half an escape before the ellipsis', () => {
    expect(plainText('ab_cd', 4)).toBe('ab…');
    expect(plainText('ab_cd', 5)).toBe('ab\\_…');
    expect(plainText('*'.repeat(600), 1024)).toBe(`${'\\*'.repeat(511)}…`);
  });
});

describe('teachers’ questions are shown as written, Markdown escaped', () => {
  it('in a quiz: the question, its options, why, and the questions to review', () => {
    const asked = questionView(quizOf([teachers]));
    expect(asked.embeds[0]?.description).toBe(stemAsWritten);
    expect(asked.components[0]?.components.map((button) => ('label' in button ? button.label : ''))).toEqual(
      teachers.options,
    );

    const answered = answeredView(course, quizOf([teachers], 1), 0);
    expect(answered.embeds[0]?.description).toBe(stemAsWritten);
    expect(answered.embeds[0]?.fields?.[0]).toEqual({ name: 'Why', value: explanationAsWritten });
    expect(answered.embeds[1]?.fields?.[0]?.value).toBe(`• ${stemAsWritten}`);
  });

  it('in a quiz whose options are too long for buttons: the lettered list', () => {
    const long = { ...teachers, options: teachers.options.map((option) => `${option} ${'_'.repeat(80)}`) };
    const description = questionView(quizOf([long])).embeds[0]?.description ?? '';
    expect(description).toContain(`**B.** \\~\\~Nothing\\~\\~ ${'\\_'.repeat(80)}`);
    expect(description).toContain(`**C.** \\- it fails`);
  });

  it('keeps a long explanation and the list to review within an embed field', () => {
    const starry = { ...teachers, stem: `${'*'.repeat(280)}?`, explanation: '*'.repeat(600) };
    const quiz = quizOf(
      Array.from({ length: 12 }, (_, index) => ({ ...starry, id: `q${index}`, stem: `${index} ${starry.stem}` })),
      12,
    );
    const last = answeredView(course, quiz, 11);
    const why = last.embeds[0]?.fields?.[0]?.value ?? '';
    expect(why.length).toBeLessThanOrEqual(1024);
    expect(why).toMatch(/^(\\\*){500,}…$/);
    const review = last.embeds[1]?.fields?.[0]?.value ?? '';
    expect(review.length).toBeLessThanOrEqual(1024);
    expect(review).toMatch(/^• 0 (\\\*)+…\n/);
    expect(review).toMatch(/…and \d+ more$/);
  });

  it('in the daily drill: the post, yesterday’s hardest question, and the private feedback', () => {
    const daily = { guildId: 'g', date: '2026-12-02', channelId: 'c', messageIds: [], questions: [teachers] };
    const previous = {
      date: '2026-12-01',
      results: { students: 3, hardest: { question: teachers, right: 1, answered: 3 } },
    };
    const [post] = dailyPosts(daily, previous);
    expect(post?.embeds[0]?.description).toContain(`“${stemAsWritten}” (1 of 3 right)`);
    expect(post?.embeds[1]?.description).toBe(
      `${stemAsWritten}\n\n**A.** Sets up the object\n**B.** \\~\\~Nothing\\~\\~\n**C.** \\- it fails\n**D.** \\\`None\\\``,
    );

    const feedback = dailyFeedback(course, teachers, false);
    expect(feedback.embeds[0]?.description).toBe(stemAsWritten);
    expect(feedback.embeds[0]?.fields[0]).toEqual({ name: 'Why', value: explanationAsWritten });
  });

  it('in a live quiz: the question and its reveal', () => {
    const game = startGame(
      {
        id: 'live1',
        guildId: 'g',
        channelId: 'c',
        hostId: 'teacher',
        topic: 'deck-python',
        questions: [teachers],
        seconds: 20,
        speedBonus: false,
      },
      new Date('2026-12-02T10:00:00Z'),
    );
    const asked = liveQuestionMessage(game, 0, new Date('2026-12-02T10:00:20Z'));
    expect(asked.embeds[0]?.description).toMatch(new RegExp(`^${escapeRegExp(stemAsWritten)}\n\n\\*\\*A\\.\\*\\* `));
    const revealed = liveRevealMessage(game, 0);
    expect(revealed.embeds[0]?.description).toMatch(new RegExp(`^${escapeRegExp(stemAsWritten)}\n\n`));
    expect(revealed.embeds[0]?.fields[1]).toEqual({ name: 'Why', value: explanationAsWritten });
  });
});

describe('teachers’ definitions are shown as written', () => {
  it('in /define', () => {
    const term = { id: 'args', term: '*args', definition: 'Extra values, as in f(*args) or **kwargs; see __init__.' };
    const deck = { id: 'deck-python', name: 'Python', importedAt: '', importedBy: '', terms: [term], questions: [] };
    expect(deckTermEmbed(deck, term).description).toBe(
      'Extra values, as in f(\\*args) or \\*\\*kwargs; see \\_\\_init\\_\\_.',
    );
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
