/**
 * `build --format anki-text`: the file is read here the way Anki's manual
 * describes its text import (Importing › Text Files: `#key:value` header lines
 * at the top, then one record per note, fields in double quotes when they hold
 * the separator, a line break or a quote, `""` for a quote, a record starting
 * with `#` a comment), and compared note by note with the .apkg of the same build.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { ankiDeckName } from '../../src/anki/text.js';
import { ankiTextFiles } from '../../src/outputs/anki-text.js';
import { DECK_MAIN, DECK_TERMS, fixtureCards } from '../anki/fixture.js';
import { openPackage, stripHtmlForTest } from '../anki/read-package.js';
import { fakeIo } from '../helpers/io.js';
import { tempFolder } from '../helpers/tmp.js';
import { parseAnkiText, type AnkiTextFile } from './anki-text-reader.js';

const SAMPLE_DECKS = new URL('../../decks/', import.meta.url).pathname;
const FIXTURE_ARTICLES = new URL('../fixtures/articles/', import.meta.url).pathname;

/** A note as both files tell it: the comparison of this test. */
interface ComparedNote {
  guid: string;
  noteType: string;
  deck: string;
  fields: string[];
  tags: string[];
}

const column = (file: AnkiTextFile, key: string): number => {
  const value = file.headers[key];
  expect(value, `#${key} header`).toMatch(/^\d+$/);
  return Number(value);
};

/** The notes of the text file, the special columns taken out, the rest the fields in order. */
function textNotes(file: AnkiTextFile, fieldCounts: Map<string, number>): ComparedNote[] {
  const guid = column(file, 'guid column');
  const noteType = column(file, 'notetype column');
  const deck = column(file, 'deck column');
  const tags = column(file, 'tags column');
  const special = new Set([guid, noteType, deck, tags]);
  return file.rows.map((row) => {
    const name = row[noteType - 1] ?? '';
    const regular = row.filter((_, i) => !special.has(i + 1));
    const count = fieldCounts.get(name) ?? 0;
    // Columns past the note type's fields are padding; Anki would ignore them, so they must be empty.
    expect(regular.slice(count).every((v) => v === ''), `padding of ${row[guid - 1]}`).toBe(true);
    return {
      guid: row[guid - 1] ?? '',
      noteType: name,
      deck: row[deck - 1] ?? '',
      fields: regular.slice(0, count),
      tags: (row[tags - 1] ?? '').split(/\s+/).filter((t) => t !== ''),
    };
  });
}

/** The notes of a package, read from its SQLite: each with the deck of its first card. */
async function packageNotes(apkg: Uint8Array): Promise<{ notes: ComparedNote[]; fieldCounts: Map<string, number> }> {
  const pkg = await openPackage(apkg);
  const models = pkg.colJson('models') as Record<string, { name: string; flds: unknown[] }>;
  const decks = pkg.colJson('decks') as Record<string, { name: string }>;
  const firstDeck = new Map<number, string>();
  for (const card of pkg.rows('select nid, did from cards order by nid, ord')) {
    if (!firstDeck.has(card.nid as number)) firstDeck.set(card.nid as number, decks[String(card.did)]?.name ?? '?');
  }
  const notes = pkg.rows('select id, guid, mid, flds, tags from notes').map((row) => ({
    guid: String(row.guid),
    noteType: models[String(row.mid)]?.name ?? '?',
    deck: firstDeck.get(row.id as number) ?? '?',
    fields: String(row.flds).split('\x1f'),
    tags: String(row.tags).split(/\s+/).filter((t) => t !== ''),
  }));
  pkg.close();
  return { notes, fieldCounts: new Map(Object.values(models).map((m) => [m.name, m.flds.length])) };
}

async function build(outDir: string, epoch: number, ...args: string[]): Promise<void> {
  const { io, stdout, stderr } = fakeIo({ env: { SOURCE_DATE_EPOCH: String(epoch) } });
  const status = await main(['build', ...args, '--out', outDir], io);
  expect(status, stderr()).toBe(0);
  expect(stdout()).toMatch(/\.anki\.txt/);
}

const byGuid = (notes: ComparedNote[]): ComparedNote[] => [...notes].sort((a, b) => (a.guid < b.guid ? -1 : a.guid > b.guid ? 1 : 0));

/** Builds both formats and checks that the text file carries exactly the package's notes. */
async function expectSameNotes(name: string, ...args: string[]): Promise<{ file: AnkiTextFile; text: string }> {
  const out = join(tempFolder('newsdeck-anki-text-'), 'out');
  await build(out, 1_750_000_000, '--format', 'apkg,anki-text', ...args);
  const text = readFileSync(join(out, `${name}.anki.txt`), 'utf8');
  const file = parseAnkiText(text);
  const { notes, fieldCounts } = await packageNotes(readFileSync(join(out, `${name}.apkg`)));
  expect(notes.length).toBeGreaterThan(0);
  expect(file.rows.length).toBe(notes.length);
  expect(byGuid(textNotes(file, fieldCounts))).toEqual(byGuid(notes));
  return { file, text };
}

describe('build --format anki-text', () => {
  it('writes the headers of Anki’s manual and one record of the same width per note', async () => {
    const out = join(tempFolder('newsdeck-anki-text-'), 'out');
    await build(out, 1_750_000_000, '--format', 'anki-text', SAMPLE_DECKS);
    const text = readFileSync(join(out, 'china-trump-russia-pivot.anki.txt'), 'utf8');
    const file = parseAnkiText(text);
    expect(file.headers).toEqual({
      separator: 'tab',
      html: 'true',
      'guid column': '1',
      'notetype column': '2',
      'deck column': '3',
      'tags column': '12',
    });
    // Anki counts the columns on the first record: every record must have them all
    // (3 special, the 8 fields of the widest note type, the tags).
    expect(file.rows.length).toBeGreaterThan(20);
    for (const row of file.rows) expect(row.length, row[0]).toBe(12);
    // One record per line in the file too: no field holds a line break.
    expect(text.trimEnd().split('\n').length).toBe(Object.keys(file.headers).length + file.rows.length);
  });

  it('carries the GUIDs, note types, fields, decks and tags of the sample’s package', async () => {
    await expectSameNotes('china-trump-russia-pivot', SAMPLE_DECKS);
  });

  it('carries the notes of the package of every fixture article, in one deck with subdecks', async () => {
    const { file } = await expectSameNotes('fixture-articles', '--one-deck', 'Fixture Articles', FIXTURE_ARTICLES);
    expect(file.rows.some((row) => row.some((v) => v.includes('"')))).toBe(true); // the source links: quoting was needed
    expect(new Set(file.rows.map((row) => row[2])).size).toBeGreaterThan(1);
    expect(file.rows.every((row) => row[2]?.startsWith('Fixture Articles::'))).toBe(true);
  });

  it('keeps a hostile annotation’s markup, quotes, tabs and line breaks inside their fields, escaped', async () => {
    const dir = tempFolder('newsdeck-anki-text-hostile-');
    const script = '<script>alert(1)</script>';
    writeFileSync(
      join(dir, 'hostile.txt'),
      [
        'Officials trade "double quotes" over the {{c1::x}} plan',
        '',
        'BERLIN, 1 March 2025',
        '',
        `Mallory ${script} Smith, the chief of the "double quotes" &amp; {{c1::x}}`,
        '\tbureau, spoke on Monday.',
        '',
        `"We will never\tstop the ${script}`,
        'plan of {{c1::x}} &amp; "double quotes" now," said Trent Jones, a spokesman for the "double quotes" &amp; {{c1::x}} party.',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'hostile.yaml'),
      [
        'format: 1',
        'article:',
        '  id: hostile',
        '  title: "Officials trade \\"double quotes\\" over the {{c1::x}} plan"',
        '  published: 2025-03-01',
        '  text_file: hostile.txt',
        'actors:',
        // An id whose note GUID starts with '#': unquoted, Anki would skip its record as a comment.
        '  - id: mallory-1847',
        `    name: "Mallory ${script} Smith"`,
        '    kind: person',
        '    role: "the chief of the \\"double quotes\\" &amp; {{c1::x}}\\n\\tbureau"',
        '    tags: ["x\\"y", "<b>&amp;"]',
        '  - id: trent',
        '    name: Trent Jones',
        '    kind: person',
        '    role: "a spokesman for the \\"double quotes\\" &amp; {{c1::x}} party"',
        '    skip: [actor-reverse]',
        'quotes:',
        '  - id: never-stop',
        '    speaker: trent',
        `    text: "We will never\\tstop the ${script}\\nplan of {{c1::x}} &amp; \\"double quotes\\" now"`,
        `    context: "Trent\\tsaid it on\\nMonday: ${script} \\"double quotes\\" &amp; {{c1::x}}"`,
        '',
      ].join('\n'),
    );
    const { file, text } = await expectSameNotes('hostile', dir);
    expect(text.toLowerCase()).not.toContain('<script');

    // Mallory's actor note, Trent's actor note and the quote's note: three records of twelve columns.
    expect(file.rows.length).toBe(3);
    expect(file.rows.filter((row) => row[0]?.startsWith('#')).length).toBe(1);
    for (const row of file.rows) expect(row.length).toBe(12);
    const cells = file.rows.flat();
    expect(cells.some((v) => v.includes('\t'))).toBe(true); // a tab stayed inside its field
    expect(cells.join('')).not.toContain('\n'); // a line break became <br>
    // Each value is escaped HTML that reads back as the annotation's literal text.
    const shown = cells.map(stripHtmlForTest);
    expect(shown).toContain(`Mallory ${script} Smith`);
    expect(shown.some((v) => v.includes('chief of the "double quotes" &amp; {{c1::x}}\tbureau'))).toBe(true);
    expect(shown.some((v) => v.includes(`We will never\tstop the ${script}`))).toBe(true);
    expect(cells.some((v) => v.includes('&lt;script&gt;alert(1)&lt;/script&gt;'))).toBe(true);
    expect(cells.some((v) => v.includes('&amp;amp;'))).toBe(true);
    expect(cells.some((v) => v.includes('&#123;&#123;c1::x&#125;&#125;'))).toBe(true);
    expect(cells.some((v) => /\{\{c\d+::/.test(v))).toBe(false); // no cloze Anki would make a card of
  });

  it('puts a note whose cards are in two decks in the deck of its first card', () => {
    // The reverse card comes first in the input and sits in another deck: ord 0 still decides.
    const cards = fixtureCards();
    const reverse = cards.findIndex((card) => card.identity.endsWith('/actor-reverse/trump'));
    const moved = { ...cards[reverse]!, deck: DECK_TERMS };
    const reordered = [moved, ...cards.filter((_, i) => i !== reverse)];
    const [file] = ankiTextFiles({ name: 'fixture', title: DECK_MAIN, cards: reordered, articles: [] });
    const parsed = parseAnkiText(String(file?.data));
    const trump = parsed.rows.filter((row) => row.some((v) => v.includes('Who is Donald Trump')));
    expect(trump.length).toBe(1);
    // As the package names it: Anki's deck name, markup made inert.
    expect(trump[0]?.[column(parsed, 'deck column') - 1]).toBe(ankiDeckName(DECK_MAIN));
    expect(ankiDeckName(DECK_MAIN)).not.toBe(ankiDeckName(DECK_TERMS));
  });

  it('writes the same bytes on every build, whatever the clock', async () => {
    const first = join(tempFolder('newsdeck-anki-text-'), 'out');
    const second = join(tempFolder('newsdeck-anki-text-'), 'out');
    await build(first, 1_750_000_000, '--format', 'apkg,anki-text', SAMPLE_DECKS);
    await build(second, 1_760_000_000, '--format', 'apkg,anki-text', SAMPLE_DECKS);
    const bytes = readFileSync(join(first, 'china-trump-russia-pivot.anki.txt'));
    expect(bytes.length).toBeGreaterThan(0);
    expect(readFileSync(join(second, 'china-trump-russia-pivot.anki.txt')).equals(bytes)).toBe(true);
  });
});
