import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { REST, Routes, ShardingManager, type RESTGetAPIGatewayBotResult } from 'discord.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';

// Each shard is the bot as `npm start` runs it: its own compiled entry point, beside this file's.
const SHARD_ENTRY = fileURLToPath(new URL('../main.js', import.meta.url));
// Loading the course, opening the store and logging in take a few seconds; a busy machine may take several times that.
const SHARD_READY_TIMEOUT_MS = 60_000;
// How long a shard has to shut down cleanly (finish its writes, close the store) before it is killed.
const SHARD_STOP_GRACE_MS = 10_000;

/**
 * The shard count Discord recommends for this bot, asked through DISCORD_API_URL when it is set (ShardingManager's
 * own "auto" always asks discord.com).
 */
export async function recommendedShardCount(config: Config): Promise<number> {
  const rest = new REST(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}).setToken(config.DISCORD_TOKEN);
  try {
    const gateway = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
    return gateway.shards;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`could not ask Discord how many shards to run (${reason}); SHARD_COUNT skips asking`, {
      cause: error,
    });
  }
}

/** This machine's shards: one `src/main.ts` process each, started again by the manager if one dies. */
export class ShardProcesses {
  private readonly manager: ShardingManager;
  private stopping = false;

  constructor(
    config: Config,
    private readonly shard: { ids: number[]; total: number },
    private readonly log: Logger,
  ) {
    this.manager = new ShardingManager(SHARD_ENTRY, {
      totalShards: shard.total,
      shardList: shard.ids,
      token: config.DISCORD_TOKEN,
      mode: 'process',
      respawn: true,
    });
    this.manager.on('shardCreate', (created) => {
      created.on('death', (child) => {
        if (this.stopping) return;
        const exitCode = 'exitCode' in child ? child.exitCode : null;
        log.warn({ shard: created.id, exitCode }, 'shard process ended; starting it again');
      });
      created.on('error', (error) => log.error({ err: error, shard: created.id }, 'shard could not start again'));
    });
  }

  /**
   * Starts the shards one after another, each once the one before is ready (ShardingManager's pace keeps within
   * Discord's one IDENTIFY per five seconds). Rejects if one dies or is not ready in time; the rest are then stopped.
   */
  async start(): Promise<void> {
    this.log.info({ shards: this.shard.ids, of: this.shard.total }, 'starting shards');
    try {
      await this.manager.spawn({ timeout: SHARD_READY_TIMEOUT_MS });
    } catch (error) {
      await this.stop();
      throw error;
    }
    this.log.info({ shards: this.shard.ids, of: this.shard.total }, 'all shards ready');
  }

  /** Stops every shard (SIGTERM, so each closes its store) without restarting it; kills one that takes too long. */
  async stop(): Promise<void> {
    this.stopping = true;
    const children: ChildProcess[] = [];
    for (const shard of this.manager.shards.values()) {
      // kill() drops the manager's exit listener first, so a stopped shard is not started again.
      if (shard.process) {
        children.push(shard.process);
        shard.kill();
      }
    }
    await Promise.all(children.map((child) => exited(child, SHARD_STOP_GRACE_MS)));
  }
}

async function exited(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await once(child, 'exit');
  clearTimeout(killer);
}
