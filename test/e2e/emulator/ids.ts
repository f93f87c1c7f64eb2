import { randomBytes } from 'node:crypto';

/** Discord's epoch (2015-01-01T00:00:00Z), the zero point of snowflake timestamps. */
const DISCORD_EPOCH = 1_420_070_400_000n;
const WORKER_AND_PROCESS = 1n << 17n;

/**
 * Generates snowflakes the way Discord does: milliseconds since the Discord epoch in the high bits, then
 * worker/process ids and a per-process increment. Ids are strictly increasing, hence unique and time-ordered.
 */
export class SnowflakeFactory {
  #last = 0n;
  #increment = 0n;

  next(at = Date.now()): string {
    const timestamp = BigInt(at) - DISCORD_EPOCH;
    this.#increment = (this.#increment + 1n) & 0xfffn;
    let id = (timestamp << 22n) | WORKER_AND_PROCESS | this.#increment;
    if (id <= this.#last) id = this.#last + 1n;
    this.#last = id;
    return id.toString();
  }

  /**
   * A fresh id on `shard` of `shardCount`: its timestamp is moved forward to the next millisecond that Discord's
   * shard formula sends there, so a guild given this id lands on that shard.
   */
  nextOnShard(shard: number, shardCount: number, at = Date.now()): string {
    const count = BigInt(shardCount);
    let timestamp = BigInt(Math.max(at, Number((this.#last >> 22n) + DISCORD_EPOCH)));
    timestamp += (BigInt(shard) - ((timestamp - DISCORD_EPOCH) % count) + count) % count;
    for (;;) {
      const id = this.next(Number(timestamp));
      if (shardOf(id, shardCount) === shard) return id;
      timestamp += count;
    }
  }
}

/** The shard that receives a guild's events: Discord's `(guild_id >> 22) % shard_count`. DMs go to shard 0. */
export function shardOf(guildId: string | null, shardCount: number): number {
  if (guildId === null) return 0;
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** A bot token shaped like Discord's: base64(user id) . timestamp part . HMAC part. */
export function botToken(userId: string): string {
  const idPart = Buffer.from(userId).toString('base64url');
  return `${idPart}.${randomBytes(4).toString('base64url')}.${randomBytes(27).toString('base64url')}`;
}

/** An opaque interaction token (Discord's are long base64url strings). */
export function interactionToken(): string {
  return `aW50ZXJhY3Rpb246${randomBytes(96).toString('base64url')}`;
}

/** Gateway session ids are 32 hex characters. */
export function sessionId(): string {
  return randomBytes(16).toString('hex');
}
