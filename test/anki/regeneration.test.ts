/**
 * Rebuilds: identical inputs give identical bytes, `now` matters only for what
 * changed, and an edit updates exactly the edited notes (anki-format.md part 1).
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { fakeIo } from '../helpers/io.js';
import { tempFolder } from '../helpers/tmp.js';
import { buildPackage, notePlace, parseManifest, serializeManifest, NOTE_TYPES, type BuildManifest, type ManifestNote } from '../../src/anki/index.js';
import { contentHash } from '../../src/anki/hash.js';
import type { Card } from '../../src/cards/card.js';
import { fixtureCards } from './fixture.js';
import { openPackage } from './read-package.js';

const T1 = 1_740_000_000;
const T2 = T1 + 86_400 * 30;

async function snapshot(apkg: Uint8Array): Promise<{
  notes: Map<string, string>;
  noteRows: Map<string, Record<string, unknown>>;
  cards: string[];
  models: Record<string, { mod: number }>;
  decks: Map<string, number>;
  collection: Uint8Array;
}> {
  const pkg = await openPackage(apkg);
  try {
    const noteRows = new Map(pkg.rows('select * from notes').map((r) => [String(r.guid), r as Record<string, unknown>]));
    return {
      notes: new Map([...noteRows].map(([guid, row]) => [guid, JSON.stringify(row)])),
      noteRows,
      cards: pkg.rows('select c.*, n.guid from cards c join notes n on n.id = c.nid order by c.id').map((r) => JSON.stringify(r)),
      models: pkg.colJson('models') as Record<string, { mod: number }>,
      decks: new Map(Object.values(pkg.colJson('decks')).map((d) => [(d as { name: string }).name, (d as { id: number }).id])),
      collection: pkg.collectionBytes,
    };
  } finally {
    pkg.close();
  }
}

/** The fixture with two cards' text edited: a question and a cloze's context. */
function editedCards(): { cards: Card[]; edited: string[] } {
  const cards = fixtureCards();
  const edited: string[] = [];
  for (const card of cards) {
    if (card.template === 'event-when') {
      card.front = 'When did Soviet and Chinese forces clash on their border?';
      edited.push(notePlace(card).identity);
    }
    if (card.kind === 'cloze' && card.template === 'term-cloze') {
      card.after = '’ courts Moscow to split it from Beijing.';
      edited.push(notePlace(card).identity);
    }
  }
  return { cards, edited };
}

describe('determinism', () => {
  it('gives byte-identical packages for identical inputs', async () => {
    const a = await buildPackage({ cards: fixtureCards(), now: T1 });
    const b = await buildPackage({ cards: fixtureCards(), now: T1 });
    expect(Buffer.from(b.apkg).equals(Buffer.from(a.apkg))).toBe(true);
    expect((await snapshot(b.apkg)).collection).toEqual((await snapshot(a.apkg)).collection);
    expect(b.manifest).toEqual(a.manifest);
  });

  it('changes nothing with a later `now` when the previous manifest says nothing changed', async () => {
    const first = await buildPackage({ cards: fixtureCards(), now: T1 });
    const again = await buildPackage({ cards: fixtureCards(), now: T2, previous: first.manifest });
    expect(Buffer.from(again.apkg).equals(Buffer.from(first.apkg))).toBe(true);
    expect(again.manifest).toEqual(first.manifest);
    expect(again.changes.unchanged).toHaveLength(new Set(fixtureCards().map((c) => notePlace(c).identity)).size);
    expect([again.changes.added, again.changes.changed, again.changes.retired]).toEqual([[], [], []]);
  });

  it('gives zip members a fixed time, whatever the time zone', async () => {
    const zone = process.env.TZ;
    const builds: Uint8Array[] = [];
    try {
      for (const tz of ['UTC', 'Pacific/Kiritimati', 'America/Los_Angeles']) {
        process.env.TZ = tz;
        builds.push((await buildPackage({ cards: fixtureCards(), now: T1 })).apkg);
      }
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
    const [first, ...rest] = builds.map((b) => Buffer.from(b));
    for (const other of rest) expect(other.equals(first ?? Buffer.alloc(0))).toBe(true);
    // Every local file header: DOS time 00:00:00, date 2000-01-01.
    const bytes = first ?? Buffer.alloc(0);
    let headers = 0;
    for (let at = bytes.indexOf(Buffer.from('PK\x03\x04', 'latin1')); at >= 0; at = bytes.indexOf(Buffer.from('PK\x03\x04', 'latin1'), at + 4)) {
      expect([bytes.readUInt16LE(at + 10), bytes.readUInt16LE(at + 12)]).toEqual([0, ((2000 - 1980) << 9) | (1 << 5) | 1]);
      headers += 1;
    }
    expect(headers).toBeGreaterThanOrEqual(2);
  });

  it('survives a manifest round trip through JSON text', async () => {
    const first = await buildPackage({ cards: fixtureCards(), now: T1 });
    const parsed = parseManifest(serializeManifest(first.manifest));
    expect(parsed).toEqual({ ok: true, manifest: first.manifest });
    const again = await buildPackage({ cards: fixtureCards(), now: T2, previous: parsed.ok ? parsed.manifest : undefined });
    expect(Buffer.from(again.apkg).equals(Buffer.from(first.apkg))).toBe(true);
  });

  it('keeps guids, note and card ids independent of the order of other notes', async () => {
    const cards = fixtureCards();
    const a = await snapshot((await buildPackage({ cards, now: T1 })).apkg);
    const b = await snapshot((await buildPackage({ cards: [...cards].reverse(), now: T1 })).apkg);
    expect([...b.notes.keys()].sort()).toEqual([...a.notes.keys()].sort());
    for (const [guid, row] of a.noteRows) expect(b.noteRows.get(guid)?.id).toBe(row.id);
  });
});

describe('regeneration after an edit', () => {
  it('updates exactly the edited notes and keeps every identity', async () => {
    const first = await buildPackage({ cards: fixtureCards(), now: T1 });
    const { cards, edited } = editedCards();
    expect(edited).toHaveLength(2);
    const second = await buildPackage({ cards, now: T2, previous: first.manifest });
    const before = await snapshot(first.apkg);
    const after = await snapshot(second.apkg);

    expect([...after.notes.keys()].sort()).toEqual([...before.notes.keys()].sort());
    expect(Object.keys(after.models).sort()).toEqual(Object.keys(before.models).sort());
    expect(after.decks).toEqual(before.decks);
    for (const [id, model] of Object.entries(after.models)) expect(model.mod).toBe(before.models[id]?.mod);

    const editedGuids = new Set(edited.map((identity) => first.manifest.notes[identity]?.guid));
    let newer = 0;
    for (const [guid, row] of after.noteRows) {
      const old = before.noteRows.get(guid);
      if (editedGuids.has(guid)) {
        expect(row.mod).toBe(T2);
        expect(Number(row.mod)).toBeGreaterThan(Number(old?.mod));
        expect({ ...row, mod: 0, flds: '', sfld: '', csum: 0 }).toEqual({ ...old, mod: 0, flds: '', sfld: '', csum: 0 });
        expect(row.flds).not.toBe(old?.flds);
        newer += 1;
      } else {
        expect(after.notes.get(guid)).toBe(before.notes.get(guid)); // byte-for-byte the same row
      }
    }
    expect(newer).toBe(2);
    expect(second.changes.changed.sort()).toEqual([...edited].sort());
    expect(second.changes.added).toEqual([]);
    expect(second.changes.retired).toEqual([]);
    // Cards are never overwritten by an import, but their ids, notes, decks and ords stay put.
    const strip = (json: string): string => JSON.stringify({ ...JSON.parse(json), mod: 0 });
    expect(after.cards.map(strip)).toEqual(before.cards.map(strip));
  });

  it('gives a changed note a mod newer than the previous one even if the clock went back', async () => {
    const first = await buildPackage({ cards: fixtureCards(), now: T2 });
    const { cards, edited } = editedCards();
    const second = await buildPackage({ cards, now: T1, previous: first.manifest });
    for (const identity of edited) expect(second.manifest.notes[identity]?.mod).toBe(T2 + 1);
  });

  it('reports added and removed notes', async () => {
    const all = fixtureCards();
    const first = await buildPackage({ cards: all.slice(0, 6), now: T1 });
    const second = await buildPackage({ cards: all.slice(3), now: T2, previous: first.manifest });
    const ids = (cards: Card[]): string[] => [...new Set(cards.map((c) => notePlace(c).identity))];
    const kept = ids(all.slice(3, 6));
    expect(second.changes.unchanged).toEqual(kept);
    expect(second.changes.added).toEqual(ids(all.slice(6)).filter((i) => !kept.includes(i)));
    expect(second.changes.retired.sort()).toEqual(ids(all.slice(0, 3)).filter((i) => !kept.includes(i)).sort());
    for (const identity of second.changes.added) expect(second.manifest.notes[identity]?.mod).toBe(T2);
  });

  it('bumps a note type mod when its templates or CSS changed, and only that one', async () => {
    const first = await buildPackage({ cards: fixtureCards(), now: T1 });
    const stale: BuildManifest = structuredClone(first.manifest);
    const qa = stale.noteTypes.qa;
    if (qa === undefined) throw new Error('manifest has no qa note type');
    qa.hash = 'an older template';
    const second = await buildPackage({ cards: fixtureCards(), now: T2, previous: stale });
    const models = (await snapshot(second.apkg)).models;
    expect(models[String(NOTE_TYPES.qa.id)]?.mod).toBe(T2);
    expect(models[String(NOTE_TYPES.actor.id)]?.mod).toBe(T1);
    expect(models[String(NOTE_TYPES.cloze.id)]?.mod).toBe(T1);
    expect(second.manifest.noteTypes.qa?.mod).toBe(T2);
    expect(second.changes.changed).toEqual([]);
  });
});

describe('the manifest', () => {
  it('is small (the fields as shipped and a few hundred bytes a note), versioned and sorted by note identity', async () => {
    const { manifest } = await buildPackage({ cards: fixtureCards(), now: T1 });
    expect(manifest.format).toBe('newsdeck-anki-manifest');
    expect(manifest.version).toBe(2);
    const keys = Object.keys(manifest.notes);
    expect(keys).toEqual([...keys].sort());
    const fields = Object.values(manifest.notes).reduce((n, note) => n + JSON.stringify(note.fields).length, 0);
    expect(serializeManifest(manifest).length).toBeLessThan(fields * 1.2 + 400 * keys.length + 1000);
  });

  it('rejects text that is not a manifest, in one line that says why (the CLI adds what to do)', () => {
    const notJson = parseManifest('{');
    expect(notJson.ok).toBe(false);
    const wrong = parseManifest(JSON.stringify({ format: 'newsdeck-anki-manifest', version: 2, noteTypes: {}, notes: {} }));
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) {
      expect(wrong.message).toContain('version');
      expect(wrong.message).not.toContain('\n');
    }
  });
});

/** The fixture built once, and its cards without the event-when card: a rebuild retires that card's note. */
async function oneNoteRemoved(): Promise<{ first: Awaited<ReturnType<typeof buildPackage>>; identity: string; rest: Card[] }> {
  const all = fixtureCards();
  const first = await buildPackage({ cards: all, now: T1 });
  const gone = all.find((c) => c.template === 'event-when');
  if (gone === undefined) throw new Error('fixture has no event-when card');
  return { first, identity: notePlace(gone).identity, rest: all.filter((c) => c !== gone) };
}

describe('what a rebuild does for notes students already have', () => {
  it('ships a removed note once more, retired, and not again', async () => {
    const { first, identity, rest } = await oneNoteRemoved();
    const second = await buildPackage({ cards: rest, now: T2, previous: first.manifest });
    expect(second.changes.retired).toEqual([identity]);
    expect(second.manifest.notes[identity]?.retired).toBe(true);
    const row = (await snapshot(second.apkg)).noteRows.get(first.manifest.notes[identity]?.guid ?? '');
    expect(row?.tags).toContain(' newsdeck::retired ');
    expect(String(row?.flds)).toMatch(/^<div class="nd-retired"><b>Retired:<\/b>/);
    expect(row?.mod).toBe(T2);
    // Its card keeps its id and deck: the student's card, found and updated.
    const cardsBefore = (await snapshot(first.apkg)).cards.filter((c) => c.includes(first.manifest.notes[identity]?.guid ?? '?'));
    const cardsAfter = (await snapshot(second.apkg)).cards.filter((c) => c.includes(first.manifest.notes[identity]?.guid ?? '?'));
    const place = (json: string): unknown => (({ id, did, ord }: { id: number; did: number; ord: number }) => ({ id, did, ord }))(JSON.parse(json) as { id: number; did: number; ord: number });
    expect(cardsAfter.map(place)).toEqual(cardsBefore.map(place));
    const third = await buildPackage({ cards: rest, now: T2 + 1, previous: second.manifest });
    expect(third.changes.retired).toEqual([]);
    expect((await snapshot(third.apkg)).noteRows.has(first.manifest.notes[identity]?.guid ?? '')).toBe(false);
  });

  it("hashes a retired note as it ships it, by the live notes' rule, whatever number of fields the manifest kept", async () => {
    const { first, identity, rest } = await oneNoteRemoved();
    const shippedHash = (note: ManifestNote): string => contentHash([NOTE_TYPES[note.type].id, note.fields, note.tags]);
    // Every note, live or retired, is kept with the hash of the fields and tags it shipped with.
    const second = await buildPackage({ cards: rest, now: T2, previous: first.manifest });
    for (const note of Object.values({ ...first.manifest.notes, ...second.manifest.notes })) expect(note.hash).toBe(shippedHash(note));
    // A manifest note with a field more than its note type has (or one less): the note ships as many as the type has, and is hashed so.
    for (const fields of [[...first.manifest.notes[identity]!.fields, 'a field of another version'], first.manifest.notes[identity]!.fields.slice(0, -1)]) {
      const previous: BuildManifest = { ...first.manifest, notes: { ...first.manifest.notes, [identity]: { ...first.manifest.notes[identity]!, fields } } };
      const retired = (await buildPackage({ cards: rest, now: T2, previous })).manifest.notes[identity]!;
      expect(retired.retired).toBe(true);
      expect(retired.fields).toHaveLength(NOTE_TYPES[retired.type].fields.length);
      expect(retired.hash).toBe(shippedHash(retired));
    }
  });

  it('keeps an actor note’s studied reverse card from going blank when it is no longer made', async () => {
    const all = fixtureCards();
    const first = await buildPackage({ cards: all, now: T1 });
    const cards = all.filter((c) => !(c.template === 'actor-reverse' && c.itemId === 'wang-yi'));
    const second = await buildPackage({ cards, now: T2, previous: first.manifest });
    const identity = `${all[0]?.articleId}/actor/wang-yi`;
    expect(second.changes.kept).toEqual([{ identity, ord: 1 }]);
    expect(second.changes.changed).toContain(identity);
    const fields = String((await snapshot(second.apkg)).noteRows.get(first.manifest.notes[identity]?.guid ?? '')?.flds).split('\x1f');
    expect(fields[2]).toContain('No longer asked this way round');
    expect(fields[2]).toContain(fields[0]);
    expect(fields[3]).toBe(fields[1]);
    // A note that never had the reverse card does not get one.
    expect(Object.keys(second.manifest.notes[`${all[0]?.articleId}/actor/nato`]?.decks ?? {})).toEqual(['0']);
  });

  it('reports a card in another deck than before as moved, without a newer mod', async () => {
    const first = await buildPackage({ cards: fixtureCards(), now: T1 });
    const moved = fixtureCards().map((c) => ({ ...c, deck: `Week 2::${c.deck}` }));
    const second = await buildPackage({ cards: moved, now: T2, previous: first.manifest });
    expect(second.changes.changed).toEqual([]);
    expect(second.changes.moved.length).toBe(fixtureCards().length);
    expect(second.changes.moved[0]?.to.startsWith('Week 2::')).toBe(true);
  });
});

/**
 * Issue 13, "what to prove" 8, on our side: the facts the real importer
 * (../shared/tools/anki-check, run by hand: README "What each teacher change
 * does in Anki") showed for every kind of teacher change, asserted on the
 * packages themselves. Each change is built from the same first build's
 * output folder; "studied" means every note and card of the first package.
 */
describe('every kind of teacher change, as a student re-imports it', () => {
  const ROOT = new URL('../../', import.meta.url).pathname;
  const SAMPLE = 'china-trump-russia-pivot';
  const ARETHA = 'aretha-franklin-dies';

  interface Package {
    notes: Map<string, { id: number; mod: number; flds: string; tags: string }>;
    cards: Set<string>;
    decks: Set<string>;
  }

  async function packageAt(path: string): Promise<Package> {
    const pkg = await openPackage(readFileSync(path));
    try {
      const notes = new Map(pkg.rows('select id, guid, mod, flds, tags from notes').map((r) => [String(r.guid), { id: Number(r.id), mod: Number(r.mod), flds: String(r.flds), tags: String(r.tags) }]));
      const cards = new Set(pkg.rows('select c.ord, n.guid from cards c join notes n on n.id = c.nid').map((r) => `${r.guid}#${r.ord}`));
      const decks = new Set(Object.values(pkg.colJson('decks')).map((d) => (d as { name: string }).name));
      return { notes, cards, decks };
    } finally {
      pkg.close();
    }
  }

  async function cli(cwd: string, args: string[], epoch: string): Promise<string> {
    const { io, stdout, stderr } = fakeIo({ cwd, env: { SOURCE_DATE_EPOCH: epoch } });
    expect(await main(args, io), stderr()).toBe(0);
    return stdout();
  }

  /** The first build (what students studied), made once per deck for the file's tests (a folder of the file, not of one test). */
  const first = new Map<string, Promise<{ dir: string; before: Package }>>();
  const bases = new Map<string, string>();
  beforeAll(() => {
    for (const deck of ['sample', 'aretha']) bases.set(deck, tempFolder('newsdeck-teacher-'));
  });
  function firstBuild(deck: 'sample' | 'aretha'): Promise<{ dir: string; before: Package }> {
    if (!first.has(deck)) {
      first.set(
        deck,
        (async () => {
          const dir = bases.get(deck) as string;
          if (deck === 'sample') cpSync(join(ROOT, 'decks'), join(dir, 'decks'), { recursive: true });
          else {
            mkdirSync(join(dir, 'decks', 'articles'), { recursive: true });
            cpSync(join(ROOT, 'test/fixtures/articles', `${ARETHA}.yaml`), join(dir, 'decks', `${ARETHA}.yaml`));
            cpSync(join(ROOT, 'test/fixtures/articles/articles', `${ARETHA}.txt`), join(dir, 'decks', 'articles', `${ARETHA}.txt`));
          }
          await cli(dir, ['build', 'decks', '--out', 'out'], String(T1));
          return { dir, before: await packageAt(join(dir, 'out', `${deck === 'sample' ? SAMPLE : ARETHA}.apkg`)) };
        })(),
      );
    }
    return first.get(deck) as Promise<{ dir: string; before: Package }>;
  }

  const edit = (dir: string, file: string, from: string, to: string): void => {
    const path = join(dir, 'decks', file);
    const text = readFileSync(path, 'utf8');
    expect(text).toContain(from);
    writeFileSync(path, text.replace(from, to));
  };
  const sampleYaml = `${SAMPLE}.yaml`;

  const CHANGES: { change: string; deck: 'sample' | 'aretha'; apply: (dir: string) => void; args?: string[]; output: string; added: number; retired: number; changed: number }[] = [
    { change: 'edit a card text', deck: 'sample', apply: (d) => edit(d, sampleYaml, `role: "the Trump administration's Russia-Ukraine envoy"`, `role: "the Trump administration's special envoy for Russia and Ukraine"`), output: SAMPLE, added: 0, retired: 0, changed: 1 },
    { change: 'delete an item', deck: 'sample', apply: (d) => edit(d, sampleYaml, '  - id: xi-old-friend\n    speaker: xi-jinping\n    text: old friend\n    context: describing Vladimir Putin, with whom he has cultivated a personal bond for years\n', ''), output: SAMPLE, added: 0, retired: 1, changed: 0 },
    { change: 'rename an item with was:', deck: 'sample', apply: (d) => edit(d, sampleYaml, '  - id: wang-peace-talks\n', '  - id: wang-backs-peace-talks\n    was: wang-peace-talks\n'), output: SAMPLE, added: 0, retired: 0, changed: 0 },
    { change: 'rename an item without was:', deck: 'sample', apply: (d) => edit(d, sampleYaml, '  - id: wang-peace-talks\n', '  - id: wang-backs-peace-talks\n'), output: SAMPLE, added: 1, retired: 1, changed: 0 },
    { change: 'regroup into one deck (--one-deck)', deck: 'sample', apply: () => undefined, args: ['--one-deck', 'Class 10B'], output: 'class-10b', added: 0, retired: 0, changed: 0 },
    { change: 'rename the deck', deck: 'sample', apply: (d) => edit(d, sampleYaml, 'name: "Current Affairs::China', 'name: "World News::China'), output: SAMPLE, added: 0, retired: 0, changed: 0 },
    { change: 'remove a cloze (its cloze note goes)', deck: 'aretha', apply: (d) => edit(d, `${ARETHA}.yaml`, '    cloze: [time capsule]\n', ''), output: ARETHA, added: 0, retired: 1, changed: 0 },
  ];

  for (const c of CHANGES) {
    it(`${c.change}: no studied note or card lost, none duplicated, a retired one marked, the new text shipped`, async () => {
      const { dir: base, before } = await firstBuild(c.deck);
      const dir = tempFolder('newsdeck-teacher-change-');
      cpSync(base, dir, { recursive: true });
      c.apply(dir);
      const report = await cli(dir, ['build', 'decks', '--out', 'out', ...(c.args ?? [])], String(T2));
      expect(report).toContain(`notes: ${c.added} added, ${c.changed} changed`);
      expect(report).toMatch(new RegExp(`, ${c.retired} retired\\n`));
      const after = await packageAt(join(dir, 'out', `${c.output}.apkg`));
      // No lost review: every studied note comes again under its GUID and note id, with every studied card.
      for (const [guid, note] of before.notes) expect(after.notes.get(guid)?.id, `note ${guid} of the first build`).toBe(note.id);
      for (const card of before.cards) expect(after.cards, card).toContain(card);
      // No duplicate: notes that are not retired have distinct first fields; only the added notes are new.
      const live = [...after.notes.values()].filter((n) => !n.tags.includes('newsdeck::retired'));
      const firstFields = live.map((n) => n.flds.split('\x1f')[0]);
      expect(new Set(firstFields).size).toBe(firstFields.length);
      expect(after.notes.size - before.notes.size).toBe(c.added);
      // A retired note says so on its card, and is tagged for the student to find.
      const retired = [...after.notes.values()].filter((n) => n.tags.includes('newsdeck::retired'));
      expect(retired).toHaveLength(c.retired);
      for (const n of retired) expect(n.flds).toContain('<b>Retired:</b>');
      // No stale text: a note whose fields changed gets a newer mod (Anki updates only then); the others keep theirs.
      let newer = 0;
      for (const [guid, note] of after.notes) {
        const old = before.notes.get(guid);
        if (old === undefined) continue;
        if (old.flds !== note.flds) {
          expect(note.mod, guid).toBeGreaterThan(old.mod);
          newer++;
        } else expect(note.mod, guid).toBe(old.mod);
      }
      expect(newer).toBe(c.changed + c.retired);
    });
  }
});
