import { commands } from '../commands/index.js';
import { ConfigError, readConfig } from './config.js';
import { Course } from './content/course.js';
import { loadCourseData } from './content/load.js';
import { startClient } from './discord/client.js';
import { courseFlashcards } from './drills/flashcards.js';
import { courseTopics, generateQuestions } from './drills/questions.js';
import { ContentError } from './errors.js';
import { createLogger } from './log.js';
import { openStore } from './store/index.js';

// Fixed, so a question keeps its option order from one start to the next.
const QUESTION_SEED = 1;

async function main(): Promise<void> {
  const config = readConfig();
  const log = createLogger(config.LOG_LEVEL);
  const course = new Course(await loadCourseData(config.CONTENT_DIR));
  const store = await openStore(config.STORE_URL, {
    onError: (error) => log.error({ err: error }, 'store error'),
  });
  const context = {
    course,
    questions: generateQuestions(course, QUESTION_SEED),
    topics: courseTopics(course),
    flashcards: courseFlashcards(course),
    store,
    log,
    now: () => new Date(),
  };
  const client = await startClient(config, commands, context);

  const stop = (signal: string) => {
    log.info({ signal }, 'shutting down');
    void client
      .destroy()
      .then(() => store.close())
      .finally(() => process.exit(0));
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
