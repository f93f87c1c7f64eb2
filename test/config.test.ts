import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configSchema, readConfig } from '../src/config.js';

const token = 'secret.token.value';

describe('configuration', () => {
  it('lists every variable of the schema in .env.example, and nothing else', () => {
    const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    const listed = [...example.matchAll(/^([A-Z_]+)=/gm)].map((match) => match[1]);
    expect(listed.sort()).toEqual(Object.keys(configSchema.shape).sort());
  });

  it('needs only a token, and fills in the defaults', () => {
    expect(readConfig({ DISCORD_TOKEN: token })).toEqual({
      DISCORD_TOKEN: token,
      STORE_URL: 'sqlite://./data/lectern.sqlite',
      CONTENT_DIR: './content',
      LOG_LEVEL: 'info',
    });
  });

  it('names DISCORD_TOKEN when it is missing or empty', () => {
    expect(() => readConfig({})).toThrow(/^DISCORD_TOKEN: required/);
    expect(() => readConfig({ DISCORD_TOKEN: '' })).toThrow(/^DISCORD_TOKEN: required/);
  });

  it('names the variable and what it expects, without printing the token', () => {
    const cases = {
      DISCORD_API_URL: 'not a url',
      STORE_URL: 'mysql://db',
      COMMAND_GUILD_ID: 'abc',
      LOG_LEVEL: 'loud',
    };
    for (const [variable, value] of Object.entries(cases)) {
      const attempt = () => readConfig({ DISCORD_TOKEN: token, [variable]: value });
      expect(attempt).toThrow(new RegExp(`^${variable}: expected `));
      expect(attempt).not.toThrow(token);
    }
  });
});
