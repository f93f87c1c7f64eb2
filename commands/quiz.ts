import { randomInt } from 'node:crypto';
import {
  MessageFlags,
  SlashCommandBuilder,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type ModalMessageModalSubmitInteraction,
  type ModalSubmitInteraction,
} from 'discord.js';
import { UserError } from '../src/errors.js';
import type { Command, Context } from '../src/discord/command.js';
import {
  answeredView,
  questionView,
  typedAnswerModal,
  TYPED_FIELDS,
  type QuizView,
} from '../src/discord/render/quiz.js';
import { updateAfterClick } from '../src/discord/update-click.js';
import { gradeTyped, readTyped, TYPED_ANSWER_MAX, typeableQuestions, type GradedTerm } from '../src/drills/grading.js';
import { CONFIDENCES, type Confidence } from '../src/drills/mistakes.js';
import { drawQuiz, EVERYTHING, type Question } from '../src/drills/questions.js';
import { questionsFor, suggestTopics } from '../src/drills/topics.js';
import { advanceQuiz, answerInQuiz, answerTypedInQuiz, readQuiz, startQuiz } from '../src/drills/quizzes.js';
import { nameInServer } from '../src/discord/member-name.js';

const MODES = { buttons: 'buttons', typed: 'typed' } as const;

export const quiz = {
  data: new SlashCommandBuilder()
    .setName('quiz')
    .setDescription('Answer questions from the course')
    .addStringOption((option) =>
      option.setName('topic').setDescription('A chart, a source article, or everything').setAutocomplete(true),
    )
    .addIntegerOption((option) =>
      option.setName('questions').setDescription('How many questions (1–20, default 5)').setMinValue(1).setMaxValue(20),
    )
    .addStringOption((option) =>
      option
        .setName('mode')
        .setDescription('Pick from options, or type the answer yourself')
        .addChoices({ name: 'buttons', value: MODES.buttons }, { name: 'typed', value: MODES.typed }),
    ),

  async execute(interaction, context) {
    const topic = interaction.options.getString('topic') ?? EVERYTHING;
    const typed = interaction.options.getString('mode') === MODES.typed;
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const questions = await questionsFor(context, interaction.guildId, topic);
    const count = interaction.options.getInteger('questions') ?? 5;
    if (!typed) {
      await runQuiz(interaction, context, topic, drawQuiz(questions, count, randomInt(2 ** 31)));
      return;
    }
    const drawn = drawQuiz(typeableQuestions(questions), count, randomInt(2 ** 31));
    if (drawn.length === 0) throw new UserError('That topic has no questions answered by a name; try mode: buttons.');
    await runQuiz(interaction, context, topic, drawn, drawn.map(acceptedNames(context)));
  },

  autocomplete(interaction, context) {
    return suggestTopics(context, interaction.guildId, interaction.options.getFocused());
  },

  async button(interaction, [quizId = '', action, position = '', choice = ''], context) {
    if (action === 'type') {
      await openTypedAnswer(interaction, context, quizId, Number(position));
      return;
    }
    await updateAfterClick(
      interaction,
      handleQuizButton(interaction, context, quizId, action, Number(position), Number(choice)),
    );
  },

  async modal(interaction, [quizId = '', action, position = ''], context) {
    if (action !== 'typed' || !interaction.isFromMessage()) throw new UserError('That form is not one of Lectern’s.');
    const text = typedAnswerIn(interaction);
    const confidence = confidenceIn(interaction);
    await updateAfterClick(
      interaction,
      handleTypedAnswer(interaction, context, quizId, Number(position), {
        text,
        ...(confidence ? { confidence } : {}),
      }),
    );
  },
} satisfies Command;

/**
 * Starts a quiz of `questions` for the student and shows the first question; the reply is already deferred,
 * privately. With `accepted`, the names accepted for each question, the quiz is answered by typing.
 */
export async function runQuiz(
  interaction: ChatInputCommandInteraction,
  context: Context,
  topic: string,
  questions: Question[],
  accepted?: string[][],
): Promise<void> {
  if (questions.length === 0) throw new UserError('There are no questions for that yet.');
  const player = { guildId: interaction.guildId ?? 'dm', userId: interaction.user.id };
  const started = await startQuiz(context.store, player, topic, questions, context.now(), accepted);
  await interaction.editReply(questionView(started));
}

/** The names a typed answer may give: the course term's name, aliases and spellings, or a deck's term as written. */
function acceptedNames({ course }: Context): (question: Question) => string[] {
  return (question) => {
    const right = question.options[question.answer] ?? '';
    const term = course.termNamed(right);
    return term ? [term.term, ...term.aliases] : [right];
  };
}

/** The course's terms, each by every name a student may type for it. */
export function courseGlossary({ course }: Context): GradedTerm[] {
  return course.terms.map((term) => ({ name: term.term, names: [term.term, ...term.aliases] }));
}

/** Every term a wrong answer may turn out to be: the course's, and the question's own options (a deck's terms). */
function glossaryFor(context: Context, question: Question): GradedTerm[] {
  return [...courseGlossary(context), ...question.options.map((option) => ({ name: option, names: [option] }))];
}

/** Opens the answer form for the question on screen; a stale or someone else's button is refused first. */
async function openTypedAnswer(
  interaction: ButtonInteraction,
  { store }: Context,
  quizId: string,
  position: number,
): Promise<void> {
  const current = await readQuiz(store, quizId, interaction.user.id);
  if (!current.typed || position !== current.position) {
    throw new UserError('That question is no longer on screen, so that click did not count.');
  }
  await interaction.showModal(typedAnswerModal(current, position));
}

/**
 * The answer typed into a form, trimmed. Empty, blank and over-long input is refused with why, before anything is
 * read or written, so it counts nothing and the question or card stays open for a real answer.
 */
export function typedAnswerIn(interaction: ModalSubmitInteraction): string {
  const typed = readTyped(interaction.fields.getTextInputValue(TYPED_FIELDS.answer));
  if (typed.outcome === 'empty') throw new UserError('Your answer was empty, so nothing was counted. Try again.');
  if (typed.outcome === 'too-long') {
    throw new UserError(`Answers are at most ${TYPED_ANSWER_MAX} characters, so nothing was counted. Try again.`);
  }
  return typed.text;
}

function confidenceIn(interaction: ModalMessageModalSubmitInteraction): Confidence | undefined {
  // A forged form may lack the field: no confidence, then.
  const picked = interaction.fields.fields.has(TYPED_FIELDS.confidence)
    ? interaction.fields.getStringSelectValues(TYPED_FIELDS.confidence)[0]
    : undefined;
  return CONFIDENCES.find((confidence) => confidence === picked);
}

/** The quiz as a typed answer leaves it. */
async function handleTypedAnswer(
  interaction: ModalMessageModalSubmitInteraction,
  context: Context,
  quizId: string,
  position: number,
  typed: { text: string; confidence?: Confidence },
): Promise<QuizView> {
  const { store, course, now } = context;
  const student = { userId: interaction.user.id, name: nameInServer(interaction.user, interaction.member) };
  const result = await answerTypedInQuiz(
    store,
    quizId,
    student,
    position,
    typed,
    (accepted, question) => gradeTyped(typed.text, accepted, glossaryFor(context, question)),
    now(),
  );
  if (result.outcome === 'counted') return answeredView(course, result.quiz, position);
  throw new UserError(
    result.outcome === 'already-answered'
      ? 'You have already answered that question; it counted once.'
      : 'That question is no longer on screen, so that answer did not count.',
  );
}

/** The quiz as the click leaves it. */
async function handleQuizButton(
  interaction: ButtonInteraction,
  { store, course, now }: Context,
  quizId: string,
  action: string | undefined,
  position: number,
  choice: number,
): Promise<QuizView> {
  if (action === 'answer') {
    const result = await answerInQuiz(
      store,
      quizId,
      { userId: interaction.user.id, name: nameInServer(interaction.user, interaction.member) },
      position,
      choice,
      now(),
    );
    if (result.outcome === 'counted') return answeredView(course, result.quiz, position);
    throw new UserError(
      result.outcome === 'already-answered'
        ? 'You have already answered that question; it counted once.'
        : 'That question is no longer on screen, so that click did not count.',
    );
  }
  if (action === 'next') {
    const moved = await advanceQuiz(store, quizId, interaction.user.id, position);
    if (moved.position === position) throw new UserError('That question is behind you already.');
    return questionView(moved);
  }
  throw new UserError('That button is not one of Lectern’s.');
}
