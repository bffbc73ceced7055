/**
 * The manifest of a build that makes one package at a time: written in pieces
 * (one per note) so that a class's manifest never sits in memory as one
 * string, the pieces making exactly the text of JSON.stringify; and the notes
 * each package retires found through maps, exactly as searching the packages
 * for each note found them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { manifestChunks, retirementHomes, serializeManifest, type BuildManifest } from '../../src/anki/manifest.js';

const text = fc.string({ unit: fc.constantFrom('a', 'Z', 'ë', '“', '"', '\\', '\n', '\t', '\u2028', '😀', '<', ' ', '/') , maxLength: 12 });
const note = fc.record(
  {
    guid: text,
    hash: text,
    mod: fc.nat(),
    package: text,
    type: fc.constantFrom('qa', 'actor', 'cloze'),
    fields: fc.array(text, { maxLength: 3 }),
    tags: text,
    decks: fc.dictionary(fc.constantFrom('0', '1'), text),
    retired: fc.constant(true as const),
  },
  { requiredKeys: ['guid', 'hash', 'mod', 'package', 'type', 'fields', 'tags', 'decks'] },
);
const manifest = fc.record({
  packages: fc.dictionary(text, fc.record({ sha256: text, deck: text }), { maxKeys: 3 }),
  noteTypes: fc.dictionary(fc.constantFrom('qa', 'actor', 'cloze'), fc.record({ id: fc.integer({ min: 1 }), hash: text, mod: fc.nat() })),
  notes: fc.dictionary(text, note, { maxKeys: 6 }),
});

describe('the manifest written in pieces', () => {
  it('makes exactly the text of JSON.stringify with two-space indents and a final line break', () => {
    fc.assert(
      fc.property(manifest, (parts) => {
        const m = { format: 'newsdeck-anki-manifest', version: 2, ...parts } as unknown as BuildManifest;
        const expected = `${JSON.stringify(m, null, 2)}\n`;
        expect([...manifestChunks(m)].join('')).toBe(expected);
        expect(serializeManifest(m)).toBe(expected);
        // One piece per note at least: the notes are never one string.
        expect([...manifestChunks(m)].length).toBeGreaterThanOrEqual(Object.keys(m.notes).length);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the notes a build retires', () => {
  it('found through maps are exactly those of searching the packages for each note', () => {
    const name = fc.constantFrom('p1', 'p2', 'p3', 'old');
    const article = fc.constantFrom('a', 'b', 'c', 'd');
    const packages = fc.array(fc.record({ name, articles: fc.uniqueArray(article, { maxLength: 2 }) }), { maxLength: 4 });
    const notes = fc.dictionary(
      fc.tuple(article, fc.constantFrom('actor-role', 'quote-cloze'), fc.constantFrom('x', 'y')).map((parts) => parts.join('/')),
      fc.record({ package: name, retired: fc.boolean() }),
      { maxKeys: 10 },
    );
    fc.assert(
      fc.property(packages, notes, fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }), (list, records, makes) => {
        const planned = list.map((p) => ({ name: p.name, articles: new Set<string>(p.articles) }));
        const previous = { notes: Object.fromEntries(Object.entries(records).map(([id, r]) => [id, { package: r.package, ...(r.retired && { retired: true as const }) }])) } as unknown as BuildManifest;
        // Each package makes some notes of its own articles.
        const made = new Set(Object.keys(records).filter((id, i) => makes[i] === true && planned.some((p) => p.articles.has(id.split('/')[0] as string))));
        // The loop it replaced: for each note, search the packages.
        const expected = new Map<string, string[]>(planned.map((p) => [p.name, []]));
        for (const [identity, note] of Object.entries(previous.notes)) {
          if (note.retired === true || made.has(identity)) continue;
          const a = identity.split('/')[0] as string;
          const home = planned.find((p) => p.name === note.package && p.articles.has(a)) ?? planned.find((p) => p.articles.has(a)) ?? planned.find((p) => p.name === note.package);
          if (home !== undefined) expected.get(home.name)?.push(identity);
        }
        const homes = retirementHomes(previous, planned);
        const found = new Map([...homes].map(([n, ids]) => [n, ids.filter((id) => !made.has(id))]));
        expect(found).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
