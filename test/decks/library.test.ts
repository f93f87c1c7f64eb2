import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { parseDeck } from '../../src/decks/parse.js';
import { DeckLibrary, MAX_DECK_TERMS, MAX_DECKS } from '../../src/decks/library.js';
import { UserError } from '../../src/errors.js';
import { key, openStore, type Store } from '../../src/store/index.js';
import { loopTurnsDuring, turnsEvery50Ms } from '../event-loop.js';
import { vocabularyFile } from '../fixtures/deck.js';
import { scratchStorePerTest } from '../scratch-store.js';

const guild = 'guild-1';
const teacher = 'teacher-1';
const monday = new Date('2026-03-02T09:00:00.000Z');
const tuesday = new Date('2026-03-03T09:00:00.000Z');

/**
 * A deck of `size` cards whose terms start with `prefix`, parsed as /deck import would. No definition mentions
 * a term: question generation then finds wrong options at once, which keeps decks of thousands of cards quick.
 */
function deck(name: string, size = 5, prefix = name) {
  const rows = Array.from({ length: size }, (_, i) => `${prefix} term ${i},Meaning number ${i} of the list`);
  return parseDeck('deck.csv', new TextEncoder().encode(rows.join('\n')), name);
}

// Loose on purpose: these read the records as the storage layout leaves them, not through the library.
const deckRecord = (id: string) =>
  key(
    `deck:${guild}:${id}`,
    z.object({ id: z.string(), name: z.string(), importedAt: z.string(), terms: z.array(z.unknown()) }),
  );
const indexRecord = key(`decks:${guild}`, z.array(z.object({ id: z.string(), terms: z.unknown() })));
const cardsOfPart = { terms: z.array(z.unknown()), questions: z.array(z.unknown()) };
const deckPartRecord = (id: string) =>
  key(`deck:${guild}:${id}`, z.object({ ...cardsOfPart, parts: z.array(z.string()).optional() }));
const partRecord = (id: string, part: string) => key(`deck:${guild}:${id}:part:${part}`, z.object(cardsOfPart));

let store: Store;
let library: DeckLibrary;
scratchStorePerTest('decks', (opened) => {
  store = opened;
  library = new DeckLibrary(opened);
});

const names = async (from = library) => (await from.decks(guild)).map((stored) => stored.name);

describe('DeckLibrary', () => {
  it('imports decks, lists them and serves their terms, questions and cards', async () => {
    const biology = await library.add(guild, await deck('Biology'), teacher, monday);
    const chemistry = await library.add(guild, await deck('Chemistry', 4), teacher, monday);
    expect(biology).toMatchObject({ replaced: false, stored: { id: 'deck-biology', name: 'Biology' } });
    expect(chemistry.stored.id).toBe('deck-chemistry');

    expect(await names()).toEqual(['Biology', 'Chemistry']);
    expect(await library.topics(guild)).toEqual([
      { id: 'deck-biology', name: 'Deck: Biology' },
      { id: 'deck-chemistry', name: 'Deck: Chemistry' },
    ]);
    expect((await library.findTerm(guild, 'chemistry TERM 2'))?.deck.name).toBe('Chemistry');
    expect(await library.suggest(guild, 'biology term', 2)).toHaveLength(2);
    expect(await library.flashcards(guild)).toHaveLength(9);
    const questions = await library.questions(guild);
    expect(questions.length).toBeGreaterThan(0);
    expect(new Set(questions.map((question) => question.topic))).toEqual(new Set(['deck-biology', 'deck-chemistry']));
  });

  it('offers deck terms spelled like an unknown word, closest first, and nothing for a word unlike them', async () => {
    await library.add(
      guild,
      await parseDeck('bio.csv', new TextEncoder().encode('osmosis,a\nosmotic pressure,b\nenzyme,c'), 'Bio'),
      teacher,
      monday,
    );
    expect(await library.findTerm(guild, 'osmo')).toBeUndefined();
    expect(await library.didYouMean(guild, 'osmo')).toEqual(['osmosis', 'osmotic pressure']);
    expect(await library.didYouMean(guild, 'enzymes')).toEqual(['enzyme']);
    expect(await library.didYouMean(guild, 'galaxy')).toEqual([]);
  });

  it('tells terms in other scripts apart: finds, suggests and quizzes a Cyrillic deck', async () => {
    const rows = 'собака,dog\nкошка,cat\nптица,bird\nрыба,fish\nлошадь,horse';
    await library.add(guild, await parseDeck('ru.csv', new TextEncoder().encode(rows), 'Русский'), teacher, monday);
    expect((await library.findTerm(guild, 'кошка'))?.term.definition).toBe('cat');
    expect((await library.findTerm(guild, 'Рыба'))?.term.definition).toBe('fish');
    expect((await library.suggest(guild, 'ры', 25)).map((choice) => choice.value)).toEqual(['рыба']);
    expect(await library.questions(guild)).toHaveLength(5);
  });

  it('keeps a small index and each deck under its own key', async () => {
    await library.add(guild, await deck('Biology'), teacher, monday);
    const index = await store.get(indexRecord);
    expect(index).toEqual([expect.objectContaining({ id: 'deck-biology', terms: 5 })]);
    const record = await store.get(deckRecord('deck-biology'));
    expect(record?.terms).toHaveLength(5);
  });

  it("does not rewrite one deck's record when another is imported or removed", async () => {
    await library.add(guild, await deck('Biology'), teacher, monday);
    const before = await store.get(deckRecord('deck-biology'));
    const written = vi.spyOn(store.backend.keyv, 'set');
    const updated = vi.spyOn(store.backend.atomic, 'writeIfUnchanged');
    const deleted = vi.spyOn(store.backend.keyv, 'delete');
    await library.add(guild, await deck('Chemistry'), teacher, tuesday);
    await library.remove(guild, 'deck-chemistry');
    expect(new Set([...written.mock.calls, ...updated.mock.calls].map(([name]) => name))).toEqual(
      new Set([`deck:${guild}:deck-chemistry`, `decks:${guild}`]),
    );
    expect(deleted.mock.calls.map(([name]) => name)).toEqual([`deck:${guild}:deck-chemistry`]);
    const after = await store.get(deckRecord('deck-biology'));
    expect(after?.importedAt).toBe(monday.toISOString());
    expect(after).toEqual(before);
  });

  it('replaces the deck of the same name, ignoring case, keeping its id and place', async () => {
    await library.add(guild, await deck('Biology'), teacher, monday);
    await library.add(guild, await deck('Chemistry'), teacher, monday);
    const again = await library.add(guild, await deck('  biology ', 6), 'teacher-2', tuesday);
    expect(again.replaced).toBe(true);
    expect(again.stored).toMatchObject({ id: 'deck-biology', importedAt: tuesday.toISOString() });
    expect(await names()).toEqual(['biology', 'Chemistry']);
    expect((await library.decks(guild))[0]?.terms).toHaveLength(6);
    expect((await store.get(deckRecord('deck-biology')))?.terms).toHaveLength(6);
  });

  it('gives names whose slugs collide distinct ids, so neither replaces the other', async () => {
    const russian = await library.add(guild, await deck('Русский 2', 5, 'слово'), teacher, monday);
    const greek = await library.add(guild, await deck('Ελληνικά 2', 5, 'λέξη'), teacher, monday);
    expect(greek.replaced).toBe(false);
    expect(russian.stored.id).toBe('deck-2');
    expect(greek.stored.id).toMatch(/^deck-2-[0-9a-f]{8}$/);
    expect(await names()).toEqual(['Русский 2', 'Ελληνικά 2']);

    // Each deck's questions and cards are filed under its own id, so /quiz on one never draws the other's.
    const greekQuestions = (await library.questions(guild)).filter((question) => question.topic === greek.stored.id);
    expect(greekQuestions.length).toBeGreaterThan(0);
    expect(greekQuestions.every((question) => question.id.startsWith(`${greek.stored.id}:`))).toBe(true);
    expect(greekQuestions.every((question) => question.source === 'deck:Ελληνικά 2')).toBe(true);
    const cards = await library.flashcards(guild);
    expect(cards.filter((card) => card.topics.includes('deck-2')).map((card) => card.front)).toContain('слово term 0');

    // Replacing the deck by name keeps the id it was given.
    const replaced = await library.add(guild, await deck('ελληνικά 2', 4, 'λέξη'), teacher, tuesday);
    expect(replaced).toMatchObject({ replaced: true, stored: { id: greek.stored.id } });
    expect(await names()).toEqual(['Русский 2', 'ελληνικά 2']);
  });

  it('removes a deck by id or by its name as typed, deleting its record', async () => {
    await library.add(guild, await deck('Biology'), teacher, monday);
    await library.add(guild, await deck('Chemistry'), teacher, monday);
    await library.add(guild, await deck('Physics'), teacher, monday);

    expect((await library.remove(guild, 'deck-chemistry'))?.name).toBe('Chemistry');
    expect((await library.remove(guild, ' PHYSICS '))?.name).toBe('Physics');
    expect(await library.remove(guild, 'Geography')).toBeUndefined();

    expect(await names()).toEqual(['Biology']);
    expect(await store.get(deckRecord('deck-chemistry'))).toBeUndefined();
    expect(await store.get(deckRecord('deck-physics'))).toBeUndefined();
    expect(await names(new DeckLibrary(store))).toEqual(['Biology']);
  });

  it(`refuses a deck past ${MAX_DECKS} decks, saying the limits`, async () => {
    for (let i = 0; i < MAX_DECKS; i += 1) await library.add(guild, await deck(`Deck ${i}`, 4), teacher, monday);
    const refused = library.add(guild, await deck('One more', 4), teacher, monday);
    await expect(refused).rejects.toThrow(UserError);
    await expect(refused).rejects.toThrow(/at most 20 decks with 10,000 terms/);
    // Replacing one of them is not a new deck, so it is allowed.
    expect((await library.add(guild, await deck('Deck 3', 4), teacher, tuesday)).replaced).toBe(true);
    expect(await library.decks(guild)).toHaveLength(MAX_DECKS);
    expect(await store.get(deckRecord('deck-one-more'))).toBeUndefined();
  });

  it(`refuses a deck that would take the server past ${MAX_DECK_TERMS.toLocaleString('en-US')} terms`, async () => {
    for (let i = 0; i < 5; i += 1) await library.add(guild, await deck(`Big ${i}`, 1900), teacher, monday);
    await expect(library.add(guild, await deck('Too much', 600), teacher, monday)).rejects.toThrow(
      /This deck has 600 terms and this server's other decks have 9,500, but a server can keep at most 20 decks with 10,000 terms in all/,
    );
    // A replacement counts without the deck it replaces: 7,600 + 2,000 fits.
    expect((await library.add(guild, await deck('Big 0', 2000), teacher, tuesday)).replaced).toBe(true);
    expect(await library.add(guild, await deck('Small', 400), teacher, monday)).toMatchObject({ replaced: false });
    await expect(library.add(guild, await deck('Tiny', 1), teacher, monday)).rejects.toThrow(UserError);
    expect(await names()).toEqual(['Big 0', 'Big 1', 'Big 2', 'Big 3', 'Big 4', 'Small']);
  });

  it('keeps both of two imports made at once', async () => {
    const other = new DeckLibrary(store);
    await Promise.all([
      library.add(guild, await deck('Biology'), teacher, monday),
      library.add(guild, await deck('Chemistry'), teacher, monday),
      other.add(guild, await deck('Physics'), teacher, monday),
    ]);
    expect((await names(new DeckLibrary(store))).sort()).toEqual(['Biology', 'Chemistry', 'Physics']);
  });

  it('keeps a big deck in parts of at most 100 cards, and loads it whole', async () => {
    const imported = await library.add(guild, await deck('Big', 250), teacher, monday);
    const record = await store.get(deckPartRecord('deck-big'));
    expect(record?.terms).toHaveLength(100);
    expect(record?.questions).toHaveLength(100);
    expect(record?.parts).toHaveLength(2);
    const [second, third] = await store.getMany((record?.parts ?? []).map((part) => partRecord('deck-big', part)));
    expect([second?.terms.length, third?.terms.length]).toEqual([100, 50]);

    const [loaded] = await new DeckLibrary(store).decks(guild);
    expect(loaded).toEqual(imported.stored);
    expect(loaded?.terms).toHaveLength(250);
    expect(loaded?.questions).toHaveLength(250);
  });

  it('imports and loads a 2,000-row deck in slices, so the event loop keeps turning meanwhile', async () => {
    const imported = await loopTurnsDuring(async () => {
      const parsed = await parseDeck('Unit 9.csv', vocabularyFile('lib'));
      await library.add(guild, parsed, teacher, monday);
    });
    expect(imported.turns).toBeGreaterThanOrEqual(turnsEvery50Ms(imported.elapsedMs));
    expect(imported.turns).toBeGreaterThan(10);

    let terms = 0;
    const loaded = await loopTurnsDuring(async () => {
      terms = (await new DeckLibrary(store).decks(guild))[0]?.terms.length ?? 0;
    });
    expect(terms).toBe(2000);
    // Every part is a read of its own, so the loop turns between them.
    expect(loaded.turns).toBeGreaterThanOrEqual(20);
  });

  it("deletes a big deck's parts when it is replaced or removed", async () => {
    await library.add(guild, await deck('Big', 250), teacher, monday);
    const first = (await store.get(deckPartRecord('deck-big')))?.parts ?? [];
    await library.add(guild, await deck('Big', 150), teacher, tuesday);
    const second = (await store.get(deckPartRecord('deck-big')))?.parts ?? [];
    expect(second).toHaveLength(1);
    expect(await store.getMany(first.map((part) => partRecord('deck-big', part)))).toEqual([undefined, undefined]);
    expect((await new DeckLibrary(store).decks(guild))[0]?.terms).toHaveLength(150);

    await library.remove(guild, 'Big');
    expect(await store.get(deckPartRecord('deck-big'))).toBeUndefined();
    expect(await store.get(partRecord('deck-big', second[0] ?? ''))).toBeUndefined();
  });

  it("keeps a big deck's new parts and drops the old when another process writes the index mid-import", async () => {
    await library.add(guild, await deck('Big', 250), teacher, monday);
    const old = (await store.get(deckPartRecord('deck-big')))?.parts ?? [];
    if (store.backend.kind !== 'sqlite') throw new Error('the scratch store is SQLite');
    // A second bot process on the same database, importing another deck while this one writes its parts.
    const elsewhere = await openStore(`sqlite://${store.backend.file}`);
    try {
      const write = store.set.bind(store);
      let interrupted = false;
      vi.spyOn(store, 'set').mockImplementation(async (record, value) => {
        if (!interrupted && record.name.includes(':part:')) {
          interrupted = true;
          await new DeckLibrary(elsewhere).add(guild, await deck('Chemistry'), teacher, tuesday);
        }
        return write(record, value);
      });
      await library.add(guild, await deck('Big', 220), teacher, tuesday);
      expect(interrupted).toBe(true);
    } finally {
      await elsewhere.close();
    }
    expect(await store.getMany(old.map((part) => partRecord('deck-big', part)))).toEqual(old.map(() => undefined));
    const loaded = await new DeckLibrary(store).decks(guild);
    expect(loaded.map((each) => [each.name, each.terms.length])).toEqual([
      ['Big', 220],
      ['Chemistry', 5],
    ]);
  });

  it('loads a deck stored whole in one record, as decks were before parts', async () => {
    const imported = await library.add(guild, await deck('Big', 250), teacher, monday);
    await store.set(
      key(`deck:${guild}:deck-big`, z.unknown()),
      // Every card in the deck's own record, and no list of parts.
      imported.stored,
    );
    expect(await new DeckLibrary(store).decks(guild)).toEqual([imported.stored]);
  });

  it('loads the same decks into a fresh library, and keeps serving them after writes', async () => {
    await library.add(guild, await deck('Biology'), teacher, monday);
    expect(await names()).toEqual(['Biology']); // loaded into memory
    await library.add(guild, await deck('Chemistry'), teacher, tuesday);
    await library.remove(guild, 'Biology');
    expect(await names()).toEqual(['Chemistry']);

    const cold = new DeckLibrary(store);
    const reads = vi.spyOn(store, 'get');
    const [first, second] = await Promise.all([cold.decks(guild), cold.decks(guild)]);
    expect(first).toEqual(await library.decks(guild));
    expect(second).toBe(first);
    expect(await cold.questions(guild)).toEqual(await library.questions(guild));
    expect(reads).toHaveBeenCalledTimes(2); // the index and the one deck, loaded once, then served from memory
    expect((await cold.findTerm(guild, 'chemistry term 1'))?.term.definition).toBe('Meaning number 1 of the list');
    expect(await cold.decks('another-guild')).toEqual([]);
  });
});
