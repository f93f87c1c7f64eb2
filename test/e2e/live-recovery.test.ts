import { PermissionFlagsBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { Classroom, until, classroomPerFile } from './classroom.js';
import type { CommandOptionInput } from './emulator/index.js';
import { DEFAULT_BOT_PERMISSIONS, DEFAULT_EVERYONE_PERMISSIONS } from './emulator/permissions.js';

let classroom: Classroom;

classroomPerFile({ students: 1 }, (opened) => (classroom = opened));

async function live(subcommand: string, options: CommandOptionInput[] = []) {
  const run = await classroom.discord.runCommand({
    user: classroom.teacher,
    guild: classroom.guild,
    name: 'live',
    options: [{ name: subcommand, options }],
  });
  return (await run.reply()).content;
}

// Two minutes a question: no timer fires while a test runs, so only the teacher's commands move the quiz.
const startTwoQuestions = () =>
  live('start', [
    { name: 'questions', value: 2 },
    { name: 'seconds', value: 120 },
  ]);

function setBotMaySend(allowed: boolean): void {
  const { discord, guild } = classroom;
  const viewOnly = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.EmbedLinks;
  discord.setRolePermissions(guild.everyoneRoleId, allowed ? DEFAULT_EVERYONE_PERMISSIONS : viewOnly);
  discord.setRolePermissions(guild.botRoleId, allowed ? DEFAULT_BOT_PERMISSIONS : viewOnly);
}

describe('a live quiz whose messages go wrong', () => {
  it('stops with the podium when a moderator deleted the open question', async () => {
    expect(await startTwoQuestions()).toMatch(/^Live quiz started/);
    const question = await until('question 1', () => classroom.channelPost(/Question 1 of 2$/));
    classroom.discord.deleteMessage(question);

    expect(await live('stop')).toBe('Live quiz stopped; the final standings are in the channel.');
    expect(classroom.discord.takeViolations()).toMatchObject([
      { method: 'PATCH', path: expect.stringContaining(`/messages/${question.id}`), status: 404, code: 10008 },
    ]);
    expect(classroom.channelPost(/Podium/)).toBeDefined();

    expect(await startTwoQuestions()).toMatch(/^Live quiz started/);
    expect(await live('stop')).toMatch(/^Live quiz stopped/);
  });

  it('ends the quiz when the next question cannot be posted, so a new one can start', async () => {
    expect(await startTwoQuestions()).toMatch(/^Live quiz started/);
    expect(await live('skip')).toMatch(/^Question 1 ended early/);
    setBotMaySend(false);

    // The podium's refused post, after the question's, is the sign that the bot ended the quiz.
    await until('the quiz to end: its next question, then the podium, refused', () =>
      classroom.discord.violations.length >= 2 ? true : undefined,
    );
    expect(classroom.discord.takeViolations().map(({ method, code }) => ({ method, code }))).toEqual([
      { method: 'POST', code: 50013 },
      { method: 'POST', code: 50013 },
    ]);

    setBotMaySend(true);
    expect(await startTwoQuestions()).toMatch(/^Live quiz started/);
    expect(await live('stop')).toMatch(/^Live quiz stopped/);
  });
});
