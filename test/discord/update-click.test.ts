import { setTimeout as sleep } from 'node:timers/promises';
import type { ButtonInteraction } from 'discord.js';
import { describe, expect, it } from 'vitest';
import type { QuizView } from '../../src/discord/render/quiz.js';
import { updateAfterClick } from '../../src/discord/update-click.js';

const view: QuizView = { content: '✅ Right', embeds: [], components: [] };

/** What a click's interaction was asked to do, in order. */
function recordingInteraction() {
  const calls: string[] = [];
  const interaction = {
    update: (shown: QuizView) => Promise.resolve(calls.push(`update ${shown.content}`)),
    deferUpdate: () => Promise.resolve(calls.push('deferUpdate')),
    editReply: (shown: QuizView) => Promise.resolve(calls.push(`editReply ${shown.content}`)),
  };
  return { calls, interaction: interaction as unknown as ButtonInteraction };
}

describe('showing what a click changed', () => {
  it('answers quick work with one update, which acknowledges and shows at once', async () => {
    const { calls, interaction } = recordingInteraction();
    await updateAfterClick(
      interaction,
      sleep(5).then(() => view),
    );
    expect(calls).toEqual(['update ✅ Right']);
  });

  it('acknowledges slow work first, then shows it by an edit', async () => {
    const { calls, interaction } = recordingInteraction();
    await updateAfterClick(
      interaction,
      sleep(1_700).then(() => view),
    );
    expect(calls).toEqual(['deferUpdate', 'editReply ✅ Right']);
  });

  it('sends nothing for work that fails at once, leaving the refusal to the router', async () => {
    const { calls, interaction } = recordingInteraction();
    await expect(updateAfterClick(interaction, Promise.reject(new Error('gone')))).rejects.toThrow('gone');
    expect(calls).toEqual([]);
  });
});
