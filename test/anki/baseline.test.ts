/**
 * Why we do not use anki-apkg-export (anki-format.md part 1): its guids and
 * note type id change at every export, so a regenerated deck re-imports as
 * duplicates. Ours are the same build after build. A handful of cards only:
 * its bundled sql.js has a tiny fixed heap.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { buildPackage, notePlace } from '../../src/anki/index.js';
import { fixtureCards } from './fixture.js';
import { openPackage } from './read-package.js';

const CARDS = fixtureCards().slice(0, 5);

// Its bundled sql.js 0.5 is asm.js: validated as such, V8 translates 2.7 MB of it to WebAssembly and
// compiles that (5 s of CPU on the development machine); read as the plain JavaScript it also is, it
// loads in under a second, with the same results (asm.js is a subset of JavaScript). Set before the
// first import, as V8 reads the flag when it compiles the module. It stays set in the worker for the files
// after this one; nothing else they load is asm.js (our sql.js is its WebAssembly build).
setFlagsFromString('--no-validate-asm');
const { default: AnkiExport } = await import('anki-apkg-export');

async function exportWithBaseline(): Promise<Uint8Array> {
  const create = typeof AnkiExport === 'function' ? AnkiExport : AnkiExport.default;
  const exporter = create('Current Affairs::China');
  for (const card of CARDS) exporter.addCard(card.kind === 'qa' ? card.front : card.before, card.back, { tags: card.tags });
  return new Uint8Array(await exporter.save());
}

async function guidsAndModels(apkg: Uint8Array): Promise<{ guids: string[]; mids: number[]; models: string[]; mods: number[] }> {
  const pkg = await openPackage(apkg);
  try {
    return {
      guids: pkg.rows('select guid from notes order by id').map((r) => String(r.guid)),
      mids: pkg.rows('select distinct mid from notes').map((r) => Number(r.mid)),
      models: Object.keys(pkg.colJson('models')),
      mods: pkg.rows('select mod from notes').map((r) => Number(r.mod)),
    };
  } finally {
    pkg.close();
  }
}

describe('baseline: anki-apkg-export 4.0.3', () => {
  it('changes every guid and its note type id between two exports of the same cards; we do not', async () => {
    const baselineA = await guidsAndModels(await exportWithBaseline());
    await sleep(20); // its ids are Date.now()
    const baselineB = await guidsAndModels(await exportWithBaseline());
    expect(baselineA.guids).toHaveLength(CARDS.length);
    for (const guid of baselineB.guids) expect(baselineA.guids).not.toContain(guid);
    expect(baselineB.mids).not.toEqual(baselineA.mids);

    const oursA = await guidsAndModels((await buildPackage({ cards: CARDS, now: 1_740_000_000 })).apkg);
    const oursB = await guidsAndModels((await buildPackage({ cards: CARDS, now: 1_750_000_000 })).apkg);
    expect(oursA.guids).toHaveLength(new Set(CARDS.map((c) => notePlace(c).identity)).size);
    expect(oursB.guids).toEqual(oursA.guids);
    expect(oursB.mids).toEqual(oursA.mids);
    expect(oursB.models).toEqual(oursA.models);
    // Its note mod is in milliseconds; Anki compares seconds.
    for (const mod of baselineA.mods) expect(mod).toBeGreaterThan(1e12);
    for (const mod of oursA.mods) expect(mod).toBe(1_740_000_000);
  });
});
