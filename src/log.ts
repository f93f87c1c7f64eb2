import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON logs on stdout; anything that could carry the token is redacted. */
export function createLogger(level: string): Logger {
  return pino({ level, redact: ['token', '*.token', 'DISCORD_TOKEN', '*.DISCORD_TOKEN'] });
}
