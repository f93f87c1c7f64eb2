import { randomInt } from 'node:crypto';
import {
  MessageFlags,
  SlashCommandBuilder,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { UserError } from '../src/errors.js';
import type { Command, Context } from '../src/discord/command.js';
import { answeredView, questionView, type QuizView } from '../src/discord/render/quiz.js';
import { updateAfterClick } from '../src/discord/update-click.js';
import { drawQuiz, EVERYTHING, type Question } from '../src/drills/questions.js';
import { questionsFor, suggestTopics } from '../src/drills/topics.js';
import { advanceQuiz, answerInQuiz, startQuiz } from '../src/drills/quizzes.js';
import { nameInServer } from '../src/discord/member-name.js';

export const quiz = {
  data: new SlashCommandBuilder()
    .setName('quiz')
    .setDescription('Answer multiple-choice questions from the course')
    .addStringOption((option) =>
      option.setName('topic').setDescription('A chart, a source article, or everything').setAutocomplete(true),
    )
    .addIntegerOption((option) =>
      option.setName('questions').setDescription('How many questions (1–20, default 5)').setMinValue(1).setMaxValue(20),
    ),

  async execute(interaction, context) {
    const topic = interaction.options.getString('topic') ?? EVERYTHING;
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const questions = await questionsFor(context, interaction.guildId, topic);
    const count = interaction.options.getInteger('questions') ?? 5;
    await runQuiz(interaction, context, topic, drawQuiz(questions, count, randomInt(2 ** 31)));
  },

  autocomplete(interaction, context) {
    return suggestTopics(context, interaction.guildId, interaction.options.getFocused());
  },

  async button(interaction, [quizId = '', action, position = '', choice = ''], context) {
    await updateAfterClick(
      interaction,
      handleQuizButton(interaction, context, quizId, action, Number(position), Number(choice)),
    );
  },
} satisfies Command;

/** Starts a quiz of `questions` for the student and shows the first question; the reply is already deferred, privately. */
export async function runQuiz(
  interaction: ChatInputCommandInteraction,
  context: Context,
  topic: string,
  questions: Question[],
): Promise<void> {
  if (questions.length === 0) throw new UserError('There are no questions for that yet.');
  const player = { guildId: interaction.guildId ?? 'dm', userId: interaction.user.id };
  const started = await startQuiz(context.store, player, topic, questions, context.now());
  await interaction.editReply(questionView(started));
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
