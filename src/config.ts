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
});

export type Config = z.infer<typeof configSchema>;

/** The one error start-up prints: one line naming the variable and what it expects, never its value. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the environment (after loading `.env`); empty values count as unset. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  if (env === process.env) loadDotenv({ quiet: true });
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = configSchema.safeParse(present);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const variable = String(issue?.path[0] ?? 'configuration');
  throw new ConfigError(`${variable}: ${issue?.message ?? 'invalid'}`);
}
