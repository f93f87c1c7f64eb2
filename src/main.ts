import { commands } from '../commands/index.js';
import { ConfigError, readConfig } from './config.js';
import { Course } from './content/course.js';
import { loadCourseData } from './content/load.js';
import { startClient } from './discord/client.js';
import { ContentError } from './errors.js';
import { createLogger } from './log.js';

async function main(): Promise<void> {
  const config = readConfig();
  const log = createLogger(config.LOG_LEVEL);
  const course = new Course(await loadCourseData(config.CONTENT_DIR));
  const client = await startClient(config, commands, { course, log });

  const stop = (signal: string) => {
    log.info({ signal }, 'shutting down');
    void client.destroy().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof ContentError) {
    console.error(`lectern: ${error.message}`);
  } else {
    console.error('lectern: could not start:', error);
  }
  process.exit(1);
});
