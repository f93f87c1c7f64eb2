import {
  bold,
  ButtonStyle,
  ComponentType,
  TextInputStyle,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type APILabelComponent,
  type APIModalInteractionResponseCallbackData,
} from 'discord.js';
import type { Course } from '../../content/course.js';
import type { Question } from '../../drills/questions.js';
import { TYPED_ANSWER_MAX } from '../../drills/grading.js';
import type { Confidence } from '../../drills/mistakes.js';
import { isAnswered, summarize, type Quiz, type TypedAnswer } from '../../drills/quiz.js';
import { customId } from '../command.js';
import { answerRow, letter, letteredOptions } from './answers.js';
import { colors } from './colors.js';
import { FIELD_LIMIT, plainText } from './plain-text.js';
import { wholeLinesWithin } from './score.js';
import { citation } from './source.js';

const BUTTON_LABEL_LIMIT = 80;
const QUIZ_BUTTONS = 'quiz';

/** The custom_ids of what a student fills in on the typed-answer modal. */
export const TYPED_FIELDS = { answer: 'answer', confidence: 'confidence' } as const;
const CONFIDENCE_CHOICES: readonly { value: Confidence; label: string }[] = [
  { value: 'sure', label: 'Sure' },
  { value: 'unsure', label: 'Not sure' },
];

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
  // A typed quiz shows no options: the student recalls the name rather than recognising it.
  const listed = quiz.typed || optionsFitButtons(question) ? '' : '\n\n' + letteredOptions(question.options);
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
      quiz.typed
        ? oneButton('Type answer', ButtonStyle.Primary, customId(QUIZ_BUTTONS, quiz.id, 'type', position))
        : answerRow(
            question.options.length,
            (index) => optionLabel(question, index),
            (index) => customId(QUIZ_BUTTONS, quiz.id, 'answer', position, index),
          ),
    ],
  };
}

/** The modal a **Type answer** click opens: the answer, and how sure the student is of it. */
export function typedAnswerModal(quiz: Quiz, position: number): APIModalInteractionResponseCallbackData {
  return {
    custom_id: customId(QUIZ_BUTTONS, quiz.id, 'typed', position),
    title: `Question ${position + 1} of ${quiz.questions.length}`,
    components: [
      answerInput(),
      {
        type: ComponentType.Label,
        label: 'How sure are you?',
        component: {
          type: ComponentType.StringSelect,
          custom_id: TYPED_FIELDS.confidence,
          required: false,
          min_values: 0,
          max_values: 1,
          options: CONFIDENCE_CHOICES.map(({ value, label }) => ({ value, label })),
        },
      },
    ],
  };
}

/** Where a student types a term's name, in any modal that asks for one. */
export function answerInput(): APILabelComponent {
  return {
    type: ComponentType.Label,
    label: 'Your answer',
    description: 'The name of the term; small typos are forgiven.',
    component: {
      type: ComponentType.TextInput,
      custom_id: TYPED_FIELDS.answer,
      style: TextInputStyle.Short,
      required: true,
      max_length: TYPED_ANSWER_MAX,
    },
  };
}

/** The question answered: ✅ or ❌ first, the right answer, why, the source; then Next or the summary. */
export function answeredView(course: Course, quiz: Quiz, position: number): QuizView {
  const question = quiz.questions[position];
  if (!question || !isAnswered(quiz, position)) throw new Error(`question ${position} is not answered`);
  const typed = quiz.typed?.answers[position];
  const correct = typed ? typed.correct : quiz.choices[position] === question.answer;
  const rightAnswer = question.options[question.answer] ?? '';
  const answerName = typed || optionsFitButtons(question) ? rightAnswer : `${letter(question.answer)}. ${rightAnswer}`;
  const verdict = typed ? typedVerdict(typed, correct) : correct ? '✅ Right' : '❌ Not quite';
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
    content: `${verdict}: the answer is ${bold(plainText(answerName, 1800))}.`,
    embeds,
    components: last ? [] : [oneButton('Next', ButtonStyle.Success, customId(QUIZ_BUTTONS, quiz.id, 'next', position))],
  };
}

/** ✅ or ❌, then what the student typed, shown as typed, and what a slip or another term made of it. */
export function typedVerdict(typed: Pick<TypedAnswer, 'text' | 'slips' | 'otherTerm'>, correct: boolean): string {
  const said = `you typed ${bold(plainText(typed.text, 200))}`;
  if (correct) {
    const slips =
      typed.slips === 0 ? '' : typed.slips === 1 ? ' (one typo forgiven)' : ` (${typed.slips} typos forgiven)`;
    return `✅ Right, ${said}${slips}`;
  }
  const other = typed.otherTerm ? `, which is ${bold(plainText(typed.otherTerm, 200))}, another term` : '';
  return `❌ Not quite, ${said}${other}`;
}

export function oneButton(label: string, style: ButtonStyle.Primary | ButtonStyle.Success, id: string) {
  return {
    type: ComponentType.ActionRow,
    components: [{ type: ComponentType.Button, style, label, custom_id: id }],
  } satisfies APIActionRowComponent<APIButtonComponent>;
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
