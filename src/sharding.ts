// `npm run start:sharded`: this machine's gateway shards, each the bot of `src/main.ts` in a process of its own.
import { ConfigError, readConfig, requireSharedStore, shardsToRun } from './config.js';
import { recommendedShardCount, ShardProcesses } from './discord/shards.js';
import { createLogger } from './log.js';

async function main(): Promise<void> {
  const config = readConfig();
  requireSharedStore(config);
  const log = createLogger(config.LOG_LEVEL);
  const total = config.SHARD_COUNT ?? (await recommendedShardCount(config));
  const shards = new ShardProcesses(config, { ids: shardsToRun(config, total), total }, log);

  const stop = (signal: string) => {
    log.info({ signal }, 'stopping shards');
    void shards.stop().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await shards.start();
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`lectern: ${error.message}`);
  } else {
    console.error('lectern: could not start the shards:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
