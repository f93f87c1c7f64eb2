import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configSchema, readConfig, requireSharedStore, shardsToRun } from '../src/config.js';

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
      SHARD_COUNT: '0',
      SHARD_IDS: '0;1',
    };
    for (const [variable, value] of Object.entries(cases)) {
      const attempt = () => readConfig({ DISCORD_TOKEN: token, [variable]: value });
      expect(attempt).toThrow(new RegExp(`^${variable}: expected `));
      expect(attempt).not.toThrow(token);
    }
  });

  it('reads the shards to run: a count, and ids in order, each once', () => {
    const config = readConfig({ DISCORD_TOKEN: token, SHARD_COUNT: '4', SHARD_IDS: '3, 1,3' });
    expect([config.SHARD_COUNT, config.SHARD_IDS]).toEqual([4, [1, 3]]);
    expect(shardsToRun(config, 4)).toEqual([1, 3]);
  });

  it('runs every shard when SHARD_IDS is unset, and refuses an id past the count', () => {
    const config = readConfig({ DISCORD_TOKEN: token });
    expect(shardsToRun(config, 3)).toEqual([0, 1, 2]);
    expect(() => shardsToRun(readConfig({ DISCORD_TOKEN: token, SHARD_IDS: '0,2' }), 2)).toThrow(
      /^SHARD_IDS: there is no shard 2 when there are 2 \(shard ids run from 0 to 1\)$/,
    );
  });

  it('lets a sharded start use Redis or PostgreSQL, never SQLite', () => {
    const on = (url: string) => () => requireSharedStore(readConfig({ DISCORD_TOKEN: token, STORE_URL: url }));
    expect(on('sqlite://./data/lectern.sqlite')).toThrow(
      /^STORE_URL: a sharded start needs a store every shard shares/,
    );
    expect(on('redis://127.0.0.1:6379')).not.toThrow();
    expect(on('postgresql://postgres@127.0.0.1/test')).not.toThrow();
  });
});
