import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Every setting Lectern reads, with what each expects. `.env.example` lists the same names (a test checks). */
export const configSchema = z.object({
  DISCORD_TOKEN: z.string({ error: 'required: the bot token from the Discord developer portal' }).min(1, {
    error: 'required: the bot token from the Discord developer portal',
  }),
  DISCORD_API_URL: z
    .url({ error: 'expected an http(s) URL of the Discord REST API, such as http://127.0.0.1:8080/api' })
    .optional(),
  STORE_URL: z
    .string()
    .regex(/^(sqlite|redis|rediss|postgres|postgresql):\/\//, {
      error: 'expected sqlite://./path.sqlite, sqlite:///absolute/path.sqlite, redis://… or postgresql://…',
    })
    .default('sqlite://./data/lectern.sqlite'),
  COMMAND_GUILD_ID: z
    .string()
    .regex(/^\d{17,20}$/, { error: 'expected a server (guild) id: 17 to 20 digits' })
    .optional(),
  CONTENT_DIR: z.string().min(1).default('./content'),
  CLOCK_START: z.iso
    .datetime({ offset: true, error: 'expected an ISO date-time such as 2026-11-26T08:59:58+09:00' })
    .optional(),
  LOG_LEVEL: z.enum(logLevels, { error: `expected one of ${logLevels.join(', ')}` }).default('info'),
  // Read by `npm run start:sharded`; discord.js's ShardingManager also hands each shard process its SHARD_COUNT.
  SHARD_COUNT: z
    .string()
    .regex(/^\s*[1-9]\d{0,5}\s*$/, { error: 'expected the total number of gateway shards: a whole number, 1 or more' })
    .transform(Number)
    .optional(),
  SHARD_IDS: z
    .string()
    .regex(/^\s*\d{1,6}\s*(,\s*\d{1,6}\s*)*$/, {
      error: 'expected the shard ids this machine runs, separated by commas, such as 0,1',
    })
    .transform((ids) => [...new Set(ids.split(',').map(Number))].sort((a, b) => a - b))
    .optional(),
});

export type Config = z.infer<typeof configSchema>;

/** The one error start-up prints: one line naming the variable and what it expects, never its value. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the environment (after loading `.env`); empty values count as unset. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  if (env === process.env) {
    loadDotenv({ quiet: true });
    // discord.js reads SHARD_COUNT itself, and would take an empty one (as .env.example has it) for zero shards.
    if (env['SHARD_COUNT'] === '') delete env['SHARD_COUNT'];
  }
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = configSchema.safeParse(present);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const variable = String(issue?.path[0] ?? 'configuration');
  throw new ConfigError(`${variable}: ${issue?.message ?? 'invalid'}`);
}

/**
 * A sharded start runs several processes, on one machine or several, that must all see the same scores, quizzes and
 * drills: only a database server gives them that. SQLite is a file one machine owns.
 */
export function requireSharedStore(config: Config): void {
  if (config.STORE_URL.startsWith('sqlite://')) {
    throw new ConfigError(
      'STORE_URL: a sharded start needs a store every shard shares, redis://… or postgresql://…, not a SQLite file',
    );
  }
}

/** The shards this machine runs out of `total`: SHARD_IDS, or all of them. */
export function shardsToRun(config: Config, total: number): number[] {
  const ids = config.SHARD_IDS ?? Array.from({ length: total }, (_, id) => id);
  const missing = ids.find((id) => id >= total);
  if (missing !== undefined) {
    throw new ConfigError(
      `SHARD_IDS: there is no shard ${missing} when there are ${total} (shard ids run from 0 to ${total - 1})`,
    );
  }
  return ids;
}
