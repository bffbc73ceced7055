/**
 * The manifest is written in pieces (one per note) so that a class's manifest
 * never sits in memory as one string: the pieces must make exactly the text
 * of JSON.stringify, whatever the notes hold.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { manifestChunks, serializeManifest, type BuildManifest } from '../../src/anki/manifest.js';

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
