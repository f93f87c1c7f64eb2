import { afterEach, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.js';
import { createClient } from '../../src/discord/client.js';
import { recommendedShardCount } from '../../src/discord/shards.js';
import { startEmulator, type DiscordEmulator } from '../e2e/emulator/index.js';

let discord: DiscordEmulator | undefined;

afterEach(async () => {
  await discord?.close();
  discord = undefined;
});

describe('shards', () => {
  it('asks the API that DISCORD_API_URL names how many shards to run', async () => {
    discord = await startEmulator({ shards: 3 });
    const config = readConfig({ DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl });
    expect(await recommendedShardCount(config)).toBe(3);
    expect(discord.requests.filter((request) => request.path === '/gateway/bot')).toHaveLength(1);
  });

  it('says what to set when the recommendation cannot be had', async () => {
    discord = await startEmulator();
    const config = readConfig({ DISCORD_TOKEN: 'not.the.token', DISCORD_API_URL: discord.apiUrl });
    await expect(recommendedShardCount(config)).rejects.toThrow(
      /^could not ask Discord how many shards to run \(.*\); SHARD_COUNT skips asking$/,
    );
    expect(discord.takeViolations()).toMatchObject([{ status: 401 }]);
  });

  it('runs one connection for every server outside the sharding manager, even with an empty SHARD_COUNT', () => {
    // dotenv puts .env.example's `SHARD_COUNT=` into the environment, where discord.js reads SHARD_COUNT itself.
    const before = { DISCORD_TOKEN: process.env['DISCORD_TOKEN'], SHARD_COUNT: process.env['SHARD_COUNT'] };
    Object.assign(process.env, { DISCORD_TOKEN: 'token', SHARD_COUNT: '' });
    try {
      const client = createClient(readConfig());
      expect([client.options.shards, client.options.shardCount]).toEqual([[0], 1]);
      void client.destroy();
    } finally {
      for (const [name, value] of Object.entries(before)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
});
