import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotProcess } from './bot-process.js';

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
