/**
 * The manifest is read without zod (readManifest: zod's 200 modules take longer
 * to load than a rebuild of an unchanged deck); zod's schema only says what is
 * wrong. The reader must accept exactly what the schema accepts and give the
 * same manifest, key order included (the next manifest is written from it).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkedByZod, MAX_MOD, MANIFEST_VERSION, parseManifest, readManifest } from '../../src/anki/manifest.js';

const sha = fc.stringMatching(/^[0-9a-f]{64}$/);
const seconds = fc.integer({ min: 0, max: MAX_MOD });
const note = fc.record(
  {
    guid: fc.string({ minLength: 1, maxLength: 12 }),
    hash: fc.string({ maxLength: 8 }),
    mod: seconds,
    package: fc.string({ maxLength: 8 }),
    type: fc.constantFrom('qa', 'actor', 'cloze'),
    fields: fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }),
    tags: fc.string({ maxLength: 8 }),
    decks: fc.dictionary(fc.stringMatching(/^\d{1,2}$/), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
    retired: fc.constant(true),
  },
  { requiredKeys: ['guid', 'hash', 'mod', 'package', 'type', 'fields', 'tags', 'decks'] },
);
const manifest = fc.record({
  format: fc.constant('newsdeck-anki-manifest'),
  version: fc.constant(MANIFEST_VERSION),
  packages: fc.dictionary(fc.string({ maxLength: 8 }), fc.record({ sha256: sha, deck: fc.string({ maxLength: 8 }) }), { maxKeys: 3 }),
  noteTypes: fc.dictionary(fc.constantFrom('qa', 'actor', 'cloze', '7'), fc.record({ id: fc.integer({ min: 1 }), hash: fc.string({ maxLength: 8 }), mod: seconds }), { maxKeys: 3 }),
  notes: fc.dictionary(fc.string({ maxLength: 10 }), note, { maxKeys: 4 }),
});

/** Values that a damaged or hand-edited manifest may hold where another was expected: each near a line the schema draws. */
const odd = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(null, true, false, 0, -0, -1, 1, 1.5, 2 ** 53, 2 ** 53 - 1, MAX_MOD, MAX_MOD + 1, 1e400, '', 'x', '1.5', 'qa', [], {}, ['a'], ['a', 1]) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: sha },
);

/** Every path to a value in `value` (a JSON value), keys and indexes. */
function paths(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  return [prefix, ...Object.keys(value).flatMap((key) => paths((value as Record<string, unknown>)[key], [...prefix, key]))];
}

const isMapping = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
/** Stands for `__proto__` until the text is parsed again: JSON.parse makes it an own key, as in a manifest file. */
const PROTO = 'proto-marker-b2f4';

/** A change to a valid manifest: one value replaced, one key removed, one key added (`__proto__` too), keys reordered. */
const damaged = manifest.chain((valid) =>
  fc
    .tuple(fc.constantFrom(...paths(valid)), fc.constantFrom('replace', 'remove', 'add', 'reverse'), odd, fc.constantFrom(PROTO, 'extra', '1.5', '7', ''))
    .map(([path, change, replacement, key]) => {
      const copy = JSON.parse(JSON.stringify(valid)) as Record<string, unknown>;
      let parent: Record<string, unknown> = copy;
      for (const step of path.slice(0, -1)) parent = parent[step] as Record<string, unknown>;
      const last = path.at(-1);
      const target = last === undefined ? copy : (parent[last] as unknown);
      if (change === 'replace' && last !== undefined) parent[last] = replacement;
      if (change === 'remove' && last !== undefined) delete parent[last];
      if (change === 'add' && isMapping(target)) target[key] = replacement;
      if (change === 'reverse' && isMapping(target)) {
        const entries = Object.entries(target).reverse();
        for (const [k] of entries) delete target[k];
        for (const [k, v] of entries) target[k] = v;
      }
      return JSON.parse(JSON.stringify(copy).replaceAll(`"${PROTO}"`, '"__proto__"')) as unknown;
    }),
);

/** What zod gives, or undefined: the reader must give exactly this. */
function zodReading(value: unknown): string | undefined {
  const checked = checkedByZod(value);
  return checked.ok ? JSON.stringify(checked.manifest) : undefined;
}

describe('the manifest reader', () => {
  it('gives what the zod schema gives of every valid manifest, in the same key order', () => {
    fc.assert(
      fc.property(manifest, (value) => {
        const read = readManifest(value);
        expect(read).toBeDefined();
        expect(JSON.stringify(read)).toBe(zodReading(value));
      }),
      { numRuns: 300 },
    );
  });

  it('accepts a damaged manifest exactly when the zod schema does, and then reads it the same', () => {
    let rejected = 0;
    fc.assert(
      fc.property(damaged, (value) => {
        const read = readManifest(value);
        const zod = zodReading(value);
        if (zod === undefined) rejected += 1;
        expect(read === undefined ? undefined : JSON.stringify(read)).toBe(zod);
      }),
      { numRuns: 3000 },
    );
    // The changes reach both sides of the line: many are rejected, many still valid.
    expect(rejected).toBeGreaterThan(300);
    expect(rejected).toBeLessThan(2700);
  });

  it('a manifest the reader refuses is explained by the zod schema, in one line', () => {
    const result = parseManifest(JSON.stringify({ format: 'newsdeck-anki-manifest', version: MANIFEST_VERSION, packages: {}, noteTypes: {}, notes: { a: { guid: '' } } }));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toMatch(/^it is not a newsdeck build manifest version 2: .+ at notes\.a\.guid \(and \d+ more problems\)$/);
      expect(result.message).not.toContain('\n');
    }
  });
});
