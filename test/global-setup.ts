import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * The end-to-end suites start the bot as `npm start` does, from its compiled entry point: compile it once
 * before any suite runs, so a suite never starts yesterday's bot.
 */
export default function compileTheBot(): void {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    stdio: 'inherit',
  });
}
