import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Why `redis-server` cannot be run here, or undefined when it can. */
export const redisMissing = (() => {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  return probe.error ? `redis-server cannot be run: ${probe.error.message}` : undefined;
})();

/**
 * A Redis of the test's own on a spare port. It keeps its data in an append-only file written before each reply,
 * so killing it and starting it again on the same port and folder is an outage, not a new empty store: what the
 * bot sees when its Redis host restarts, or the network to it drops.
 */
export class RedisServer {
  private process: ChildProcess | undefined;

  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  static async start(): Promise<RedisServer> {
    const server = new RedisServer(await sparePort(), await mkdtemp(join(tmpdir(), 'lectern-redis-')));
    await server.resume();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts the server, again after `kill`, on the same port and with the same data. */
  async resume(): Promise<void> {
    const child = spawn(
      'redis-server',
      [
        ...['--port', String(this.port), '--bind', '127.0.0.1', '--save', ''],
        ...['--appendonly', 'yes', '--appendfsync', 'always'],
      ],
      { cwd: this.dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const output: string[] = [];
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      child.stdout.on('data', (chunk: Buffer) => {
        output.push(chunk.toString());
        if (chunk.includes('Ready to accept connections')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`redis-server exited (${code}):\n${output.join('')}`)));
    });
    this.process = child;
  }

  /** As a crash of the host would: the bot's connection drops, nothing says goodbye. */
  async kill(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async close(): Promise<void> {
    await this.kill();
    await rm(this.dir, { recursive: true, force: true });
  }
}

function sparePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
