import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Where `npm run build` puts a source file's JavaScript. */
function compiled(entry: string): string {
  return `dist/${entry.replace(/\.ts$/, '.js')}`;
}

/**
 * The bot as `npm start` runs it: its real entry point, compiled to `dist/` (vitest's global set-up compiles it,
 * as `npm start` does), in a process of its own, configured by env. `entry` names the source file; the
 * benchmarks run their baseline bot the same way, and the shard tests `src/sharding.ts`: with
 * `processGroup`, the process leads a group of its own, so `kill()` ends its whole tree (the shards it forked) at once.
 */
export class BotProcess {
  readonly output: string[] = [];
  private readonly child: ChildProcess;
  private readonly exited: Promise<number | null>;
  private readonly processGroup: boolean;

  constructor(env: Record<string, string>, entry = 'src/main.ts', options: { processGroup?: boolean } = {}) {
    this.processGroup = options.processGroup ?? false;
    this.child = spawn(process.execPath, [compiled(entry)], {
      cwd: root,
      // Only what the test gives, so a developer's own .env or shell cannot change the outcome.
      env: { PATH: process.env['PATH'] ?? '', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: this.processGroup,
    });
    for (const stream of [this.child.stdout, this.child.stderr]) {
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => this.output.push(...chunk.split('\n').filter(Boolean)));
    }
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  /** Resolves with the exit code once the process ends. */
  exit(): Promise<number | null> {
    return this.exited;
  }

  /** Resolves when a log line contains `text`; rejects if the process exits first or time runs out. */
  async waitForOutput(text: string, timeoutMs = 20_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let exitCode: number | null | undefined;
    void this.exited.then((code) => (exitCode = code));
    while (Date.now() < deadline) {
      const line = this.output.find((candidate) => candidate.includes(text));
      if (line) return line;
      if (exitCode !== undefined) throw new Error(`bot exited (${exitCode}) before "${text}":\n${this.log()}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`no "${text}" from the bot within ${timeoutMs} ms:\n${this.log()}`);
  }

  log(): string {
    return this.output.join('\n');
  }

  async stop(): Promise<void> {
    if (this.running()) this.child.kill('SIGTERM');
    await this.exited;
    // A tree that left a process behind must not outlive the test.
    if (this.processGroup && this.groupAlive()) await this.kill();
  }

  /** As a crash or `kill -9` would: no shutdown code runs. With `processGroup`, every process of the tree at once. */
  async kill(): Promise<void> {
    if (this.processGroup) {
      this.signalGroup('SIGKILL');
      await this.exited;
      await this.groupGone();
    } else {
      if (this.running()) this.child.kill('SIGKILL');
      await this.exited;
    }
  }

  /** Kills only the leader of the group (the shard manager), as an out-of-memory kill of that one process would. */
  async killLeader(): Promise<void> {
    if (this.running()) this.child.kill('SIGKILL');
    await this.exited;
  }

  /** With `processGroup`: whether any process of the tree still runs (a zombie, dead but not yet reaped, does not). */
  groupAlive(): boolean {
    const pgid = this.child.pid;
    if (pgid === undefined) return false;
    if (!existsSync('/proc')) return this.signalGroup(0);
    return readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .some((pid) => {
        try {
          const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
          // After "pid (command) ": state, parent pid, process group.
          const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
          return group === String(pgid) && state !== 'Z';
        } catch {
          return false; // ended while we looked
        }
      });
  }

  /** Resolves once no process of the group is left; rejects if one still is after `timeoutMs`. */
  async groupGone(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.groupAlive()) {
      if (Date.now() > deadline) throw new Error(`a process of group ${this.child.pid} is still running`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Sends `signal` to every process of the group; false when none is left. */
  private signalGroup(signal: NodeJS.Signals | 0): boolean {
    if (this.child.pid === undefined) return false;
    try {
      process.kill(-this.child.pid, signal);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
      throw error;
    }
  }

  private running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }
}
