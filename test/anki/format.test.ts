/**
 * The produced package against anki-format.md part 2, point by point, read
 * back with fflate and SQLite only: for the hand-made fixture (hostile text,
 * every note type, nested decks) and for the sample deck in decks/.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackage, notePlace, NOTE_TYPES } from '../../src/anki/index.js';
import type { Card } from '../../src/cards/index.js';
import { loadDecks } from '../../src/cli/load.js';
import { fakeIo } from '../helpers/io.js';
import { fixtureCards, SCRIPT } from './fixture.js';
import { clozeNumbers, openPackage, stripHtmlForTest, type OpenedPackage } from './read-package.js';

const NOW = 1_740_000_000;

type Json = Record<string, unknown>;
const asObject = (value: unknown): Json => {
  expect(typeof value === 'object' && value !== null && !Array.isArray(value)).toBe(true);
  return value as Json;
};
const isInt = (value: unknown): boolean => Number.isInteger(value);

/** A deck name without `<` and `>`, which Anki 2.1.16's deck list would read as HTML (issue 13). */
const withoutMarkup = (name: string): string => name.replace(/</g, '‹').replace(/>/g, '›');

/** Every deck name of the cards with its parents ("A::B" → "A"), and Anki's Default. */
function deckNamesWithParents(cards: readonly Card[]): string[] {
  const names = new Set(['Default']);
  for (const card of cards) {
    const parts = withoutMarkup(card.deck).split('::');
    for (let i = 1; i <= parts.length; i++) names.add(parts.slice(0, i).join('::'));
  }
  return [...names].sort();
}

const SOURCES: { name: string; fixture: boolean; cards: () => Card[] }[] = [
  { name: 'the fixture cards', fixture: true, cards: fixtureCards },
  { name: 'the sample deck in decks/', fixture: false, cards: () => loadDecks(['decks'], fakeIo().io).flatMap((d) => d.cards) },
];

for (const source of SOURCES) {
  describe(`package of ${source.name}`, () => {
    let pkg: OpenedPackage;
    const cards = source.cards();

    beforeAll(async () => {
      const { apkg } = await buildPackage({ cards, now: NOW });
      pkg = await openPackage(apkg);
    });
    afterAll(() => pkg.close());

    describe('package and SQLite (§1)', () => {
      it('has collection.anki2 and an empty media map, nothing else', () => {
        expect(pkg.members.sort()).toEqual(['collection.anki2', 'media']);
        expect(pkg.media).toEqual({});
      });

      it('has one col row with ver 11', () => {
        expect(pkg.rows('select ver, typeof(ver) t from col')).toEqual([{ ver: 11, t: 'integer' }]);
      });

      it('has the schema 11 tables and none of the modern ones', () => {
        const tables = pkg.rows("select name from sqlite_master where type = 'table'").map((r) => r.name);
        expect(tables.sort()).toEqual(['cards', 'col', 'graves', 'notes', 'revlog']);
        expect(pkg.rows('select * from pragma_table_info(\'graves\')').map((r) => r.name)).toEqual(['usn', 'oid', 'type']);
        const indexes = pkg.rows("select name from sqlite_master where type = 'index'").map((r) => String(r.name));
        expect(indexes).not.toContain('idx_notes_mid');
        expect(indexes).not.toContain('idx_cards_odid');
        for (const name of indexes) expect(name.startsWith('ix_') || name.startsWith('sqlite_autoindex')).toBe(true);
      });

      it('stores every id, mod, usn, ord, type and queue as INTEGER', () => {
        const notes = pkg.rows(
          'select count(*) n from notes where typeof(id) != \'integer\' or typeof(mid) != \'integer\' or typeof(mod) != \'integer\' or typeof(usn) != \'integer\' or typeof(csum) != \'integer\'',
        );
        expect(notes).toEqual([{ n: 0 }]);
        const cards = pkg.rows(
          "select count(*) n from cards where typeof(id) != 'integer' or typeof(nid) != 'integer' or typeof(did) != 'integer' or typeof(ord) != 'integer' or typeof(mod) != 'integer' or typeof(usn) != 'integer' or typeof(type) != 'integer' or typeof(queue) != 'integer' or typeof(due) != 'integer'",
        );
        expect(cards).toEqual([{ n: 0 }]);
        const col = pkg.rows("select typeof(crt) a, typeof(mod) b, typeof(scm) c, typeof(usn) d from col");
        expect(col).toEqual([{ a: 'integer', b: 'integer', c: 'integer', d: 'integer' }]);
      });

      it('stores guid, tags and flds as TEXT', () => {
        expect(pkg.rows("select count(*) n from notes where typeof(guid) != 'text' or typeof(tags) != 'text' or typeof(flds) != 'text'")).toEqual([{ n: 0 }]);
      });

      it('ships every card as new, with counters in range and due in article order', () => {
        const rows = pkg.rows('select * from cards order by due');
        expect(rows).toHaveLength(cards.length);
        for (const card of rows) {
          expect([card.type, card.queue]).toEqual([0, 0]);
          for (const column of ['ivl', 'factor', 'reps', 'lapses', 'left', 'flags']) expect(card[column]).toBe(0);
        }
        expect(rows.map((c) => c.due)).toEqual(Array.from({ length: cards.length }, (_, i) => i + 1));
      });
    });

    describe('JSON in the col row (§2)', () => {
      it('keys models by their inner id, with the required keys and JSON types', () => {
        const models = pkg.colJson('models');
        expect(Object.keys(models).sort()).toEqual(Object.values(NOTE_TYPES).map((t) => String(t.id)).sort());
        for (const [key, value] of Object.entries(models)) {
          const model = asObject(value);
          expect(String(model.id)).toBe(key);
          expect(isInt(model.id)).toBe(true);
          expect(typeof model.name).toBe('string');
          expect(model.name).not.toBe('');
          expect([0, 1]).toContain(model.type);
          expect(isInt(model.mod)).toBe(true);
          expect(isInt(model.usn)).toBe(true);
          expect(isInt(model.sortf)).toBe(true);
          expect(model).toHaveProperty('did');
          expect(typeof model.css).toBe('string');
          expect(typeof model.latexPre).toBe('string');
          expect(typeof model.latexPost).toBe('string');
          const fields = model.flds as Json[];
          const templates = model.tmpls as Json[];
          expect(fields.length).toBeGreaterThan(0);
          expect(templates.length).toBeGreaterThan(0);
          for (const field of fields) {
            expect(typeof field.name).toBe('string');
            expect(field.name).not.toBe('');
            expect(String(field.name)).not.toMatch(/[:{}"]|^[#/^ ]/);
            expect(typeof field.sticky).toBe('boolean');
            expect(typeof field.rtl).toBe('boolean');
            expect(typeof field.font).toBe('string');
            expect(isInt(field.size)).toBe(true);
          }
          for (const template of templates) {
            for (const k of ['name', 'qfmt', 'afmt', 'bqfmt', 'bafmt']) expect(typeof template[k]).toBe('string');
          }
        }
      });

      it('uses cloze: on both sides of the cloze note type, type 1, one template', () => {
        const model = asObject(pkg.colJson('models')[String(NOTE_TYPES.cloze.id)]);
        expect(model.type).toBe(1);
        const [template, ...rest] = model.tmpls as Json[];
        expect(rest).toEqual([]);
        expect(template?.qfmt).toContain('{{cloze:Text}}');
        expect(template?.afmt).toContain('{{cloze:Text}}');
      });

      it('has the fixed field and template names', () => {
        const names = (id: number, list: 'flds' | 'tmpls'): unknown[] =>
          (asObject(pkg.colJson('models')[String(id)])[list] as Json[]).map((x) => x.name);
        expect(names(NOTE_TYPES.qa.id, 'flds')).toEqual(['Question', 'Answer', 'Extra', 'Story', 'Sentence', 'Source']);
        expect(names(NOTE_TYPES.actor.id, 'flds')).toEqual(['Name Question', 'Role', 'Role Question', 'Name', 'Extra', 'Story', 'Sentence', 'Source']);
        expect(names(NOTE_TYPES.cloze.id, 'flds')).toEqual(['Text', 'Extra', 'Story', 'Sentence', 'Source']);
        expect(names(NOTE_TYPES.qa.id, 'tmpls')).toEqual(['Question']);
        expect(names(NOTE_TYPES.actor.id, 'tmpls')).toEqual(['Name to Role', 'Role to Name']);
        expect(names(NOTE_TYPES.cloze.id, 'tmpls')).toEqual(['Cloze']);
      });

      it('has decks with the required keys, parents included, ids never 0', () => {
        const decks = Object.values(pkg.colJson('decks')).map(asObject);
        const byName = new Map(decks.map((d) => [d.name, d]));
        expect([...byName.keys()].sort()).toEqual(deckNamesWithParents(cards));
        if (source.fixture) expect([...byName.keys()].sort()).toEqual(['Current Affairs', 'Current Affairs::China & the Ukraine ‹peace› push', 'Current Affairs::China & the Ukraine ‹peace› push::Terms', 'Default'].sort());
        for (const deck of decks) {
          expect(isInt(deck.id)).toBe(true);
          expect(deck.id).not.toBe(0);
          expect(Number(deck.id)).toBeLessThan(2 ** 53);
          expect(isInt(deck.usn)).toBe(true);
          expect(typeof deck.collapsed).toBe('boolean');
          expect([0, 1, true, false]).toContain(deck.dyn);
          for (const k of ['lrnToday', 'revToday', 'newToday', 'timeToday']) expect(Array.isArray(deck[k])).toBe(true);
          expect(typeof deck.desc).toBe('string');
          expect(deck.conf).toBe(1);
        }
        expect(byName.get('Default')?.id).toBe(1);
      });

      it('has deck options 1 with the required keys and JSON types', () => {
        const dconf = pkg.colJson('dconf');
        const options = asObject(dconf['1']);
        expect(options.id).toBe(1);
        expect(isInt(options.mod)).toBe(true);
        expect(typeof options.name).toBe('string');
        expect(isInt(options.usn)).toBe(true);
        expect(isInt(options.maxTaken)).toBe(true);
        expect(typeof options.autoplay).toBe('boolean');
        expect(options).toHaveProperty('timer');
        for (const k of ['new', 'rev', 'lapse']) asObject(options[k]);
      });

      it('has conf and tags as JSON objects', () => {
        asObject(pkg.colJson('conf'));
        asObject(pkg.colJson('tags'));
      });
    });

    describe('notes, cards and ids (§3)', () => {
      it('gives every note as many fields as its note type', () => {
        const models = pkg.colJson('models');
        for (const note of pkg.rows('select mid, flds from notes')) {
          const model = asObject(models[String(note.mid)]);
          expect(String(note.flds).split('\x1f')).toHaveLength((model.flds as unknown[]).length);
        }
      });

      it('points every note at a model and every card at a deck and a note', () => {
        const models = pkg.colJson('models');
        const decks = pkg.colJson('decks');
        const deckIds = new Set(Object.values(decks).map((d) => asObject(d).id));
        for (const { mid } of pkg.rows('select distinct mid from notes')) expect(models).toHaveProperty(String(mid));
        for (const { did } of pkg.rows('select distinct did from cards')) {
          expect(deckIds.has(did)).toBe(true);
          expect(did).not.toBe(0);
          expect(did).not.toBe(1);
        }
        expect(pkg.rows('select count(*) n from cards where nid not in (select id from notes)')).toEqual([{ n: 0 }]);
        expect(pkg.rows('select count(*) n from notes where id not in (select nid from cards)')).toEqual([{ n: 0 }]);
      });

      it('puts the cards of each deck name in the deck of that name', () => {
        const decks = pkg.colJson('decks');
        const nameOf = new Map(Object.values(decks).map((d) => [asObject(d).id, asObject(d).name]));
        const rows = pkg.rows('select did from cards order by due');
        expect(rows.map((r) => nameOf.get(r.did))).toEqual(cards.map((c) => withoutMarkup(c.deck)));
      });

      it('has unique guids and one card per (note, ord)', () => {
        expect(pkg.rows('select count(distinct guid) - count(*) d from notes')).toEqual([{ d: 0 }]);
        expect(pkg.rows('select count(*) n from (select nid, ord from cards group by nid, ord having count(*) > 1)')).toEqual([{ n: 0 }]);
      });

      it('makes ord 1 of an actor note exactly when its Role Question is non-empty', () => {
        const notes = pkg.rows(`select id, flds from notes where mid = ${NOTE_TYPES.actor.id}`);
        expect(notes).toHaveLength(new Set(cards.filter((c) => notePlace(c).type === 'actor').map((c) => notePlace(c).identity)).size);
        let withReverse = 0;
        for (const note of notes) {
          const fields = String(note.flds).split('\x1f');
          const ords = pkg.rows(`select ord from cards where nid = ${note.id} order by ord`).map((r) => r.ord);
          const expected = [fields[0] ? 0 : undefined, fields[2] ? 1 : undefined].filter((o) => o !== undefined);
          expect(ords).toEqual(expected);
          if (ords.includes(1)) withReverse += 1;
        }
        expect(withReverse).toBe(cards.filter((c) => notePlace(c).type === 'actor' && notePlace(c).ord === 1).length);
      });

      it('gives standard notes only ords their templates have', () => {
        const models = pkg.colJson('models');
        for (const row of pkg.rows('select n.mid, c.ord from cards c join notes n on n.id = c.nid')) {
          const model = asObject(models[String(row.mid)]);
          if (model.type === 0) expect(Number(row.ord)).toBeLessThan((model.tmpls as unknown[]).length);
        }
      });

      it('gives cloze notes card ords {N-1} over their distinct cloze numbers', () => {
        const notes = pkg.rows(`select id, flds from notes where mid = ${NOTE_TYPES.cloze.id}`);
        expect(notes).toHaveLength(cards.filter((c) => c.kind === 'cloze').length);
        for (const note of notes) {
          const ords = pkg.rows(`select ord from cards where nid = ${note.id} order by ord`).map((r) => r.ord);
          expect(ords).toEqual(clozeNumbers(String(note.flds)).map((n) => n - 1));
          expect(ords).toEqual([0]);
        }
      });

      if (source.fixture) it('keeps a cloze answer with }} and :: whole, and text that looks like a cloze inert', () => {
        const text = pkg.rows(`select flds from notes where mid = ${NOTE_TYPES.cloze.id}`)
          .map((r) => String(r.flds).split('\x1f')[0] ?? '')
          .find((t) => t.includes('soon'));
        expect(text).toBeDefined();
        const match = /\{\{c1::(.*?)\}\}/.exec(text ?? '');
        expect(match?.[1]).not.toContain('::');
        expect(stripHtmlForTest(match?.[1] ?? '')).toBe('x}} y::z</b>');
        expect(stripHtmlForTest(text ?? '')).toContain('We will make a {{c2::deal}} ');
      });

      it('has csum and sfld as Anki computes them from the first field', () => {
        for (const note of pkg.rows('select flds, sfld, csum from notes')) {
          const first = stripHtmlForTest(String(note.flds).split('\x1f')[0] ?? '');
          const csum = Number.parseInt(createHash('sha1').update(first, 'utf8').digest('hex').slice(0, 8), 16);
          expect(note.csum).toBe(csum);
          expect(String(note.sfld)).toBe(first);
        }
      });

      it('keeps note and card ids unique, positive and before now + 1 day', () => {
        const limit = Date.now() + 86_400_000;
        for (const table of ['notes', 'cards']) {
          const [row] = pkg.rows(`select min(id) lo, max(id) hi, count(*) n, count(distinct id) d from ${table}`);
          expect(Number(row?.lo)).toBeGreaterThan(0);
          expect(Number(row?.hi)).toBeLessThan(limit);
          expect(row?.n).toBe(row?.d);
        }
      });
    });

    describe('HTML and tags (§5)', () => {
      it('escapes card text: an injected script never appears raw', () => {
        const all = pkg.rows('select flds, sfld from notes').flatMap((r) => [String(r.flds), String(r.sfld)]);
        for (const text of all.filter((_, i) => i % 2 === 0)) {
          expect(text).not.toContain('<script');
          expect(text).not.toContain(SCRIPT);
        }
        if (!source.fixture) return;
        const quote = all.find((t) => t.includes('&lt;script&gt;'));
        expect(quote).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
      });

      it('has no control characters but \\n and \\t in fields, and \\x1f only between them', () => {
        const models = pkg.colJson('models');
        for (const note of pkg.rows('select mid, flds from notes')) {
          const fields = String(note.flds).split('\x1f');
          expect(fields).toHaveLength((asObject(models[String(note.mid)]).flds as unknown[]).length);
          // eslint-disable-next-line no-control-regex
          for (const field of fields) expect(field).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
        }
      });

      it('escapes every field: only our own markup is raw HTML', () => {
        for (const note of pkg.rows('select flds from notes')) {
          const tags = String(note.flds).match(/<\/?([a-z]+)/g) ?? [];
          for (const tag of tags) expect(['<br', '<b', '</b', '<a', '</a']).toContain(tag);
        }
      });

      it('writes tags without spaces inside, deduplicated, in Anki form', () => {
        for (const { tags } of pkg.rows('select tags from notes')) {
          const text = String(tags);
          expect(text === '' || /^ \S+( \S+)* $/.test(text)).toBe(true);
          const list = text.trim().split(' ');
          expect(new Set(list.map((t) => t.toLowerCase())).size).toBe(list.length);
        }
        const all = pkg.rows('select tags from notes').map((r) => String(r.tags));
        if (source.fixture) expect(all.some((t) => t.includes(' tag_with_space '))).toBe(true);
        else for (const card of cards) expect(all.some((t) => card.tags.every((tag) => t.includes(` ${tag} `)))).toBe(true);
      });

      if (source.fixture) it('shows the source sentence, outlet and date with a safe link', () => {
        const [quote] = pkg.rows(`select flds from notes where mid = ${NOTE_TYPES.qa.id} and flds like '%peace talks%'`);
        const fields = String(quote?.flds).split('\x1f');
        // The answer (Wang Yi) is highlighted in the sentence on the back.
        expect(fields[4]).toBe('China supports all efforts conducive to peace talks, <b>Wang Yi</b> said.');
        expect(fields[5]).toBe('CNN, 20 February 2025 · <a href="https://example.org/story?a=1&amp;b=2">China watches Trump&#39;s pivot to Russia</a>');
      });
    });
  });
}
