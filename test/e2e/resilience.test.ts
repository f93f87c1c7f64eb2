import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { key, openStore } from '../../src/store/index.js';
import { Classroom, classroomPerFile } from './classroom.js';

let classroom: Classroom;

classroomPerFile({ students: 1 }, (opened) => (classroom = opened));

describe('a store the bot cannot read', () => {
  it('still answers autocomplete, with no choices rather than none at all, and stays up', async () => {
    // A server's deck index in a shape no version of Lectern wrote: reading it fails.
    const store = await openStore(classroom.storeUrl);
    await store.set(key(`decks:${classroom.guild.id}`, z.string()), 'not a deck index');
    await store.close();

    const choices = await classroom.autocomplete(classroom.student, 'quiz', 'topic', 'coll');
    expect(choices).toEqual([]);
    await classroom.bot.waitForOutput('autocomplete failed');
    const defined = await (await classroom.run(classroom.student, 'define', { term: 'collectivism' })).reply();
    expect(defined.embeds[0]?.title).toBe('Collectivism');
  });
});
