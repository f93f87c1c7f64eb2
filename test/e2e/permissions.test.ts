import { PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Classroom } from './classroom.js';
import type { CommandOptionInput } from './emulator/index.js';

let classroom: Classroom;

beforeAll(async () => {
  // Invited without Send Messages: every post in a channel is refused, as a misconfigured server would.
  classroom = await Classroom.open({
    students: 1,
    discordOptions: { botPermissions: PermissionFlagsBits.ViewChannel | PermissionFlagsBits.EmbedLinks },
    env: { CLOCK_START: '2026-11-26T12:00:00Z' },
  });
  classroom.discord.setRolePermissions(classroom.guild.everyoneRoleId, PermissionFlagsBits.ViewChannel);
});
afterAll(async () => {
  await classroom.close();
});

function teacherCommand(name: string, subcommand: string, options: CommandOptionInput[] = []) {
  return classroom.discord.runCommand({
    user: classroom.teacher,
    guild: classroom.guild,
    name,
    options: [{ name: subcommand, options }],
  });
}

describe('a bot that may not post in the class channel', () => {
  it('tells the teacher instead of starting a live quiz that can never run', async () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const reply = await (await teacherCommand('live', 'start', [{ name: 'questions', value: 2 }])).reply();
      expect(reply.content).toMatch(/^I could not post in <#\d+>: check that I may view the channel and send messages/);
    }
    const refused = classroom.discord.takeViolations();
    expect(refused.map((violation) => violation.code)).toEqual([50013, 50013]);
    classroom.expectDiscordRulesKept();
  });

  it('says so when setting up a daily drill that is already due', async () => {
    const reply = await (
      await teacherCommand('class', 'setup', [
        { name: 'channel', value: classroom.guild.channelId },
        { name: 'timezone', value: 'UTC' },
        { name: 'time', value: '09:00' },
      ])
    ).reply();
    expect(reply.content).toMatch(/⚠️ I could not post in <#\d+>/);
    expect(classroom.discord.takeViolations().map((violation) => violation.code)).toEqual([50013]);
    classroom.expectDiscordRulesKept();
  });
});
