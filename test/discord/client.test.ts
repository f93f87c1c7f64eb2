import {
  ButtonStyle,
  ComponentType,
  Events,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type Client,
  type Interaction,
} from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClassSettings } from '../../src/classes/settings.js';
import { readConfig } from '../../src/config.js';
import { createClient } from '../../src/discord/client.js';
import { isTeacher } from '../../src/discord/teacher.js';
import { buttonsOf } from '../e2e/classroom.js';
import { startEmulator, type DiscordEmulator, type EmulatedGuild, type EmulatedUser } from '../e2e/emulator/index.js';

const STUDENTS = 30;
const settings: ClassSettings = {
  channelId: '0',
  timezone: 'UTC',
  time: '09:00',
  size: 3,
  streaks: true,
  leaderboard: true,
};

let discord: DiscordEmulator;
let client: Client;
let guild: EmulatedGuild;
let students: EmulatedUser[];
let teacherRoleId: string;
/** What the bot saw of each interaction: whether the asker holds the Teacher role, by discord.js's own objects. */
const seen: { userId: string; teacher: boolean }[] = [];

beforeAll(async () => {
  discord = await startEmulator();
  guild = discord.createGuild({ name: 'Class 7B' });
  students = Array.from({ length: STUDENTS }, (_, index) => {
    const student = discord.createUser({ username: `student${index + 1}` });
    discord.addMember(guild, student);
    return student;
  });
  // A teacher by role alone (no Manage Server), as /class setup's teacher_role makes one.
  const teacher = discord.createUser({ username: 'ms-okafor' });
  const roleId = discord.addMember(guild, teacher, { permissions: PermissionFlagsBits.SendMessages }).roleIds[0];
  if (!roleId) throw new Error('the emulator gave the teacher no role');
  teacherRoleId = roleId;
  students.push(teacher);

  client = createClient(readConfig({ DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl }));
  client.on(Events.InteractionCreate, (interaction) => void answer(interaction));
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(discord.token);
  await ready;
  await client.application?.commands.set(
    [new SlashCommandBuilder().setName('ask').setDescription('Ask something')],
    guild.id,
  );
});

afterAll(async () => {
  await client.destroy();
  await discord.close();
});

async function answer(interaction: Interaction): Promise<void> {
  if (!interaction.inCachedGuild()) throw new Error('the server should be cached');
  seen.push({ userId: interaction.user.id, teacher: isTeacher(interaction, { ...settings, teacherRoleId }) });
  if (interaction.isChatInputCommand()) {
    await interaction.reply({
      content: 'asked',
      flags: MessageFlags.Ephemeral,
      components: [
        {
          type: ComponentType.ActionRow,
          components: [{ type: ComponentType.Button, style: ButtonStyle.Primary, label: 'Again', customId: 'again' }],
        },
      ],
    });
  } else if (interaction.isButton()) {
    await interaction.update({ content: 'again' });
  }
}

describe('the client’s caches', () => {
  it('keeps the servers, channels and roles, and none of the members, users or messages that interactions bring', async () => {
    for (const user of students) {
      const run = await discord.runCommand({ user, guild, name: 'ask' });
      const reply = await run.reply();
      const button = buttonsOf(reply)[0];
      if (!button) throw new Error('no button on the reply');
      await (await discord.clickButton({ user, guild, message: reply, customId: button.customId })).reply();
    }
    expect(discord.violations).toEqual([]);
    expect(seen).toHaveLength(2 * students.length);

    const cached = client.guilds.cache.get(guild.id);
    expect(cached?.channels.cache.has(guild.channelId)).toBe(true);
    expect(cached?.roles.cache.has(teacherRoleId)).toBe(true);
    // The bot's own member and user stay: discord.js reads them for its own permissions.
    expect([...(cached?.members.cache.keys() ?? [])]).toEqual([discord.botUser.id]);
    expect([...client.users.cache.keys()]).toEqual([discord.botUser.id]);
    const channel = cached?.channels.cache.get(guild.channelId);
    expect(channel?.isTextBased() ? channel.messages.cache.size : undefined).toBe(0);
  });

  it('still finds the Teacher role on a member it never cached', () => {
    const teacherId = students.at(-1)?.id;
    expect(seen.filter((entry) => entry.teacher).map((entry) => entry.userId)).toEqual([teacherId, teacherId]);
  });
});
