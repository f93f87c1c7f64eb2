import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The bot as `npm start` runs it: its real entry point in a process of its own, configured by env.
 * `entry` lets the benchmarks run their baseline bot the same way.
 */
export class BotProcess {
  readonly output: string[] = [];
  private readonly child: ChildProcess;
  private readonly exited: Promise<number | null>;

  constructor(env: Record<string, string>, entry = 'src/main.ts') {
    this.child = spawn(process.execPath, ['--import', 'tsx', entry], {
      cwd: root,
      // Only what the test gives, so a developer's own .env or shell cannot change the outcome.
      env: { PATH: process.env['PATH'] ?? '', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
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
  }

  /** As a crash or `kill -9` would: no shutdown code runs. */
  async kill(): Promise<void> {
    if (this.running()) this.child.kill('SIGKILL');
    await this.exited;
  }

  private running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }
}
