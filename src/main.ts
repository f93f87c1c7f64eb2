import { commands } from '../commands/index.js';
import { DailyScheduler } from './classes/scheduler.js';
import { createClock } from './clock.js';
import { ConfigError, readConfig } from './config.js';
import { Course } from './content/course.js';
import { loadCourseData } from './content/load.js';
import { DeckLibrary } from './decks/library.js';
import { createClient, startClient } from './discord/client.js';
import type { Context } from './discord/command.js';
import { dailyButtons, postDueDrill } from './discord/daily.js';
import { liveButtons, LiveRunner } from './discord/live.js';
import { courseFlashcards } from './drills/flashcards.js';
import { courseTopics, generateQuestions } from './drills/questions.js';
import { ContentError } from './errors.js';
import { createLogger } from './log.js';
import { openStore } from './store/index.js';
import { sweepRegularly } from './store/sweeper.js';

// Sessions live a week; an hour between sweeps keeps the expired ones a small fraction of the store.
const SWEEP_EVERY_MS = 60 * 60_000;

// Fixed, so a question keeps its option order from one start to the next.
const QUESTION_SEED = 1;

async function main(): Promise<void> {
  const config = readConfig();
  const log = createLogger(config.LOG_LEVEL);
  // Every promise is handled where it starts; one that slips through is a bug to log and fix, not a reason to
  // leave every class without its bot (Node would end the process).
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled rejection'));
  const course = new Course(await loadCourseData(config.CONTENT_DIR));
  const store = await openStore(config.STORE_URL, {
    onError: (error) => log.error({ err: error }, 'store error'),
  }).catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    throw new ConfigError(message.startsWith('STORE_URL') ? message : `STORE_URL: cannot open the store: ${message}`);
  });
  const stopSweeping = sweepRegularly(() => store.sweepExpired(), SWEEP_EVERY_MS, {
    swept: (deleted) => log.debug({ deleted }, 'expired store records deleted'),
    failed: (error) => log.warn({ err: error }, 'sweeping expired store records failed; the next sweep retries'),
  });
  const now = createClock(config.CLOCK_START);
  const client = createClient(config);
  // Drafted while the bot logs in and syncs its commands, in slices, so neither waits for the other.
  const building = generateQuestions(course, QUESTION_SEED).then((questions) => {
    const context: Context = {
      course,
      questions,
      topics: courseTopics(course),
      flashcards: courseFlashcards(course),
      store,
      log,
      now,
      daily: new DailyScheduler(now, (guildId) => postDueDrill(client, context, guildId).then(() => {}), log),
      live: new LiveRunner(client.rest, { store, log, now }),
      decks: new DeckLibrary(store),
    };
    return context;
  });
  await startClient(client, config, commands, [dailyButtons, liveButtons], building, log);
  const context = await building;

  const stop = (signal: string) => {
    log.info({ signal }, 'shutting down');
    context.daily.stop();
    stopSweeping();
    context.live.stopAll();
    void client
      .destroy()
      .then(() => store.close())
      .catch((error: unknown) => log.error({ err: error }, 'could not shut down cleanly'))
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // A shard of `npm run start:sharded` ends with its manager, so no orphan keeps a shard beside the next manager's.
  process.once('disconnect', () => stop('disconnect'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof ContentError) {
    console.error(`lectern: ${error.message}`);
  } else {
    console.error('lectern: could not start:', error);
  }
  process.exit(1);
});
