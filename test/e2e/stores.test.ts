import { afterEach, describe, expect, it } from 'vitest';
import { sharedStores } from '../services.js';
import { buttonsOf, Classroom } from './classroom.js';
import type { EmulatedUser, InteractionHandle } from './emulator/index.js';

const backends = await sharedStores('the bot');

let classroom: Classroom | undefined;

afterEach(async () => {
  classroom?.expectDiscordRulesKept();
  await classroom?.close();
  classroom = undefined;
});

async function answered(room: Classroom, student: EmulatedUser) {
  const fields = (await (await room.run(student, 'score')).reply()).embeds[0]?.fields ?? [];
  return Number(fields.find((field) => field.name === 'Answered')?.value);
}

describe.each(backends)('the bot on $name', ({ url, skip }) => {
  it.skipIf(skip !== undefined)('keeps a quiz and its score across a crash', async () => {
    const room = await Classroom.open({ students: 1, storeUrl: url });
    classroom = room;
    const student = room.student;
    let on: InteractionHandle = await room.run(student, 'quiz', { questions: 3 });
    const [first] = buttonsOf(await on.reply());
    if (!first) throw new Error('no answer buttons');
    const click = await room.click(student, on, first.label);
    await click.reply();
    on = await room.click(student, click, 'Next');
    await on.reply();

    await room.crashAndRestart();

    expect(await answered(room, student)).toBe(1);
    const [second] = buttonsOf(await on.reply());
    if (!second) throw new Error('no answer buttons on question 2');
    const after = await room.click(student, on, second.label);
    expect((await after.reply()).content).toMatch(/^(✅|❌)/);
    expect(await answered(room, student)).toBe(2);
  });
});
