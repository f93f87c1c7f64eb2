import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermissionFlagsBits, PermissionsBitField } from 'discord.js';
import { BotProcess } from './bot-process.js';
import { Classroom, classroomPerFile } from './classroom.js';

describe('start-up', () => {
  let brokenContent: string;

  beforeAll(async () => {
    brokenContent = await mkdtemp(join(tmpdir(), 'lectern-broken-'));
    await cp('content', brokenContent, { recursive: true });
    const terms = join(brokenContent, 'terms.yaml');
    const entries = parse(await readFile(terms, 'utf8')) as Record<string, unknown>[];
    entries[0] = { ...entries[0], definition: '' };
    await writeFile(terms, stringify(entries));
  });
  afterAll(async () => {
    await rm(brokenContent, { recursive: true, force: true });
  });

  it('exits non-zero with one line naming DISCORD_TOKEN when there is no token', async () => {
    const bot = new BotProcess({});
    expect(await bot.exit()).not.toBe(0);
    expect(bot.output).toEqual([expect.stringMatching(/^lectern: DISCORD_TOKEN: required/)]);
  });

  it('stops on a broken content file, naming the file, the entry and the field', async () => {
    const bot = new BotProcess({ DISCORD_TOKEN: 'unused', CONTENT_DIR: brokenContent });
    expect(await bot.exit()).not.toBe(0);
    expect(bot.output).toEqual([
      expect.stringMatching(
        new RegExp(`^lectern: ${join(brokenContent, 'terms.yaml')}: entry #1 ".+", field "definition": `),
      ),
    ]);
  });
});

describe('the invite link', () => {
  classroomPerFile({ students: 1 }, (opened) => (classroom = opened));
  let classroom: Classroom;

  it('is logged at start-up with both scopes and the permissions the README names', async () => {
    const line = await classroom.bot.waitForOutput('"msg":"ready"');
    const invite = new URL(String((JSON.parse(line) as { invite?: unknown }).invite));
    expect(invite.searchParams.get('client_id')).toBe(classroom.discord.applicationId);
    expect(invite.searchParams.get('scope')?.split(' ').sort()).toEqual(['applications.commands', 'bot']);

    const named = [PermissionFlagsBits.ViewChannel, PermissionFlagsBits.SendMessages, PermissionFlagsBits.EmbedLinks];
    const integer = new PermissionsBitField(named).bitfield.toString();
    expect(invite.searchParams.get('permissions')).toBe(integer);
    const readme = await readFile('README.md', 'utf8');
    for (const name of ['View Channels', 'Send Messages', 'Embed Links', integer]) expect(readme).toContain(name);
  });
});
