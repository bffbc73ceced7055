/**
 * Any text a card may carry yields an importable note: the right field count,
 * no control characters, one cloze whose answer reads back as given, and
 * nothing raw but our own markup.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnkiInputError, buildPackage, NOTE_TYPES } from '../../src/anki/index.js';
import type { Card } from '../../src/cards/card.js';
import { cloze, qa } from './fixture.js';
import { clozeNumbers, openPackage, stripHtmlForTest } from './read-package.js';
import { fuzzRuns } from '../helpers/fuzz.js';

// Text biased towards what breaks things: markup, cloze syntax, separators, controls.
const nasty = fc.oneof(
  fc.string({ unit: fc.constantFrom('<', '>', '&', '"', "'", '{', '}', ':', '\x1f', '\x00', '\r', '\n', '\t', ' ', 'a', 'é', '😀', '\u3000') , maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
);
const nonBlank = nasty.filter((s) => /[a-zé😀]/.test(s));

/** What Anki's cleaning does to plain text, for comparison. */
const expected = (text: string): string =>
  // eslint-disable-next-line no-control-regex
  text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '').normalize('NFC');

describe('any card text', () => {
  it('makes notes Anki can import', async () => {
    await fc.assert(
      fc.asyncProperty(nonBlank, nasty, nasty, nonBlank, nasty, async (front, back, before, answer, tag) => {
        const cards: Card[] = [
          qa({ template: 't', item: 'q', family: 'claims', front, back, tags: [tag, 'x'] }),
          cloze({ template: 'c', item: 'q', family: 'quotes', before, answer, after: back, speaker: front }),
        ];
        const pkg = await openPackage((await buildPackage({ cards, now: 1_740_000_000 })).apkg);
        try {
          const rows = pkg.rows('select mid, flds, tags from notes');
          expect(rows).toHaveLength(2);
          for (const row of rows) {
            const type = Object.values(NOTE_TYPES).find((t) => t.id === row.mid);
            const fields = String(row.flds).split('\x1f');
            expect(fields).toHaveLength(type?.fields.length ?? -1);
            // eslint-disable-next-line no-control-regex
            for (const field of fields) expect(field).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
            for (const tag of String(row.tags).match(/<\/?[a-z]+/g) ?? []) expect(['<br', '<b', '</b', '<a', '</a']).toContain(tag);
            expect(String(row.tags)).toMatch(/^ [^\s\u3000]+( [^\s\u3000]+)* $/);
            if (row.mid === NOTE_TYPES.cloze.id) {
              expect(clozeNumbers(String(row.flds))).toEqual([1]);
              const inside = /\{\{c1::(.*?)\}\}/s.exec(fields[0] ?? '')?.[1] ?? '';
              expect(inside).not.toContain('::');
              expect(stripHtmlForTest(inside.replace(/<br>/g, '\n'))).toBe(expected(answer));
            } else {
              expect(stripHtmlForTest((fields[0] ?? '').replace(/<br>/g, '\n'))).toBe(expected(front).trim());
            }
          }
        } finally {
          pkg.close();
        }
      }),
      { numRuns: fuzzRuns(60) },
    );
  });
});

describe('cards that break a note type invariant', () => {
  // The Anki stage places cards by template: the two actor templates share one note, ords 0 and 1.
  const base = { template: 'actor-role', item: 'a', family: 'actors' as const };
  const cases: [string, Card[], string][] = [
    ['duplicate-card', [
      qa({ ...base, front: 'Who is A?', back: 'x' }),
      qa({ ...base, front: 'Who is A again?', back: 'y' }),
    ], 'both ord 0'],
    ['mixed-note-type', [
      qa({ ...base, front: 'Who is A?', back: 'x' }),
      qa({ ...base, template: 'actor', front: 'Q?', back: 'y' }),
    ], "earlier card put it in 'actor'"],
    ['wrong-card-kind', [
      cloze({ ...base, before: 'a ', answer: 'b', after: '', speaker: '' }),
    ], 'expected a qa card'],
    ['empty-front', [qa({ ...base, template: 'quote-speaker', front: ' \x00 ', back: 'A' })], 'empty front'],
  ];
  for (const [code, cards, text] of cases) {
    it(`throws ${code} naming the card`, async () => {
      const error = await buildPackage({ cards, now: 1 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AnkiInputError);
      expect((error as AnkiInputError).code).toBe(code);
      expect((error as AnkiInputError).message).toContain(text);
      expect((error as AnkiInputError).message).toContain('china-trump-russia-pivot/');
    });
  }
});
