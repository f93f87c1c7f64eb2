import {
  bold,
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
} from 'discord.js';
import type { Course } from '../../content/course.js';
import type { Question } from '../../drills/questions.js';
import { summarize, type Quiz } from '../../drills/quiz.js';
import { customId } from '../command.js';
import { answerRow, letter, letteredOptions } from './answers.js';
import { colors } from './colors.js';
import { FIELD_LIMIT, plainText } from './plain-text.js';
import { wholeLinesWithin } from './score.js';
import { citation } from './source.js';

const BUTTON_LABEL_LIMIT = 80;
const QUIZ_BUTTONS = 'quiz';

/** What a quiz message shows. /review's quizzes are quizzes too: /quiz owns every quiz button. */
export interface QuizView {
  content: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
}

/** Options short enough go on the buttons; longer ones are listed A–D and the buttons say A–D. */
function optionsFitButtons(question: Question): boolean {
  return question.options.every((option) => option.length <= BUTTON_LABEL_LIMIT);
}

function optionLabel(question: Question, index: number): string {
  return optionsFitButtons(question) ? (question.options[index] ?? '') : letter(index);
}

function questionEmbed(quiz: Quiz, position: number, color: number): APIEmbed {
  const question = quiz.questions[position];
  if (!question) throw new Error(`quiz ${quiz.id} has no question ${position}`);
  const listed = optionsFitButtons(question) ? '' : '\n\n' + letteredOptions(question.options);
  return {
    color,
    title: `Question ${position + 1} of ${quiz.questions.length}`,
    description: plainText(question.stem) + listed,
  };
}

export function questionView(quiz: Quiz): QuizView {
  const position = quiz.position;
  const question = quiz.questions[position];
  if (!question) throw new Error(`quiz ${quiz.id} has no question ${position}`);
  return {
    content: '',
    embeds: [questionEmbed(quiz, position, colors.quiz)],
    components: [
      answerRow(
        question.options.length,
        (index) => optionLabel(question, index),
        (index) => customId(QUIZ_BUTTONS, quiz.id, 'answer', position, index),
      ),
    ],
  };
}

/** The question answered: ✅ or ❌ first, the right answer, why, the source; then Next or the summary. */
export function answeredView(course: Course, quiz: Quiz, position: number): QuizView {
  const question = quiz.questions[position];
  const choice = quiz.choices[position];
  if (!question || choice === null || choice === undefined) throw new Error(`question ${position} is not answered`);
  const correct = choice === question.answer;
  const rightAnswer = question.options[question.answer] ?? '';
  const answerName = optionsFitButtons(question) ? rightAnswer : `${letter(question.answer)}. ${rightAnswer}`;
  const last = position === quiz.questions.length - 1;
  const embeds: APIEmbed[] = [
    {
      ...questionEmbed(quiz, position, correct ? colors.right : colors.wrong),
      fields: [
        { name: 'Why', value: plainText(question.explanation, FIELD_LIMIT) },
        { name: 'Source', value: citation(course, question.source) },
      ],
    },
  ];
  if (last) embeds.push(summaryEmbed(quiz));
  return {
    content: `${correct ? '✅ Right' : '❌ Not quite'}: the answer is ${bold(plainText(answerName, 1800))}.`,
    embeds,
    components: last
      ? []
      : [
          {
            type: ComponentType.ActionRow,
            components: [
              {
                type: ComponentType.Button,
                style: ButtonStyle.Success,
                label: 'Next',
                custom_id: customId(QUIZ_BUTTONS, quiz.id, 'next', position),
              },
            ],
          },
        ],
  };
}

function summaryEmbed(quiz: Quiz): APIEmbed {
  const { answered, correct, missed } = summarize(quiz);
  const review =
    missed.length === 0
      ? 'Nothing: every answer was right.'
      : wholeLinesWithin(
          FIELD_LIMIT,
          missed.map(
            (question) =>
              `• ${plainText(question.stem.length > 90 ? `${question.stem.slice(0, 89)}…` : question.stem)}`,
          ),
        );
  return {
    color: colors.quiz,
    title: `Quiz finished: ${correct} of ${answered} right`,
    fields: [
      { name: 'To review', value: review },
      ...(missed.length > 0 ? [{ name: 'Next step', value: 'Run /review to practise the ones you missed.' }] : []),
    ],
  };
}
