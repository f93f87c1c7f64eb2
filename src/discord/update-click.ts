import { setTimeout as sleep } from 'node:timers/promises';
import type { ButtonInteraction, ModalMessageModalSubmitInteraction } from 'discord.js';
import type { QuizView } from './render/quiz.js';

// Discord wants an acknowledgement within 3 s of the click; this leaves room for the network and a busy loop.
const QUICK_WORK_MS = 1_500;

/**
 * Shows what a click, or a form opened from a button and submitted, changed. Work done quickly (the usual
 * case) is answered with one `update`, which acknowledges the click and shows the result together; slower
 * work is acknowledged first with `deferUpdate`, then shown with an edit. Either way the student sees the result as soon as it exists.
 */
export async function updateAfterClick(
  interaction: ButtonInteraction | ModalMessageModalSubmitInteraction,
  work: Promise<QuizView>,
): Promise<void> {
  const settled = work.then(
    (view) => ({ view }),
    (error: unknown) => ({ error }),
  );
  // Cancelled once the work is done, so a quick click leaves no timer behind.
  const patience = new AbortController();
  const early = await Promise.race([
    settled,
    sleep(QUICK_WORK_MS, undefined, { signal: patience.signal }).catch(() => undefined),
  ]).finally(() => patience.abort());
  if (early === undefined) {
    await interaction.deferUpdate();
    await interaction.editReply(await work);
  } else if ('error' in early) {
    throw early.error;
  } else {
    await interaction.update(early.view);
  }
}
