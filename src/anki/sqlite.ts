/**
 * The `collection.anki2` SQLite file, written with sql.js (WebAssembly, no
 * native build). Schema 11 exactly, as the current importer upgrades it with
 * plain CREATEs (anki-format.md §1): no modern tables may be present.
 */
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';

/** Anki 2.1's schema 11, with its `ix_` indexes. */
const SCHEMA_11 = `
create table col (
  id integer primary key, crt integer not null, mod integer not null, scm integer not null,
  ver integer not null, dty integer not null, usn integer not null, ls integer not null,
  conf text not null, models text not null, decks text not null, dconf text not null, tags text not null
);
create table notes (
  id integer primary key, guid text not null, mid integer not null, mod integer not null,
  usn integer not null, tags text not null, flds text not null, sfld integer not null,
  csum integer not null, flags integer not null, data text not null
);
create table cards (
  id integer primary key, nid integer not null, did integer not null, ord integer not null,
  mod integer not null, usn integer not null, type integer not null, queue integer not null,
  due integer not null, ivl integer not null, factor integer not null, reps integer not null,
  lapses integer not null, left integer not null, odue integer not null, odid integer not null,
  flags integer not null, data text not null
);
create table revlog (
  id integer primary key, cid integer not null, usn integer not null, ease integer not null,
  ivl integer not null, lastIvl integer not null, factor integer not null, time integer not null,
  type integer not null
);
create table graves (usn integer not null, oid integer not null, type integer not null);
create index ix_notes_usn on notes (usn);
create index ix_cards_usn on cards (usn);
create index ix_revlog_usn on revlog (usn);
create index ix_cards_nid on cards (nid);
create index ix_cards_sched on cards (did, queue, due);
create index ix_revlog_cid on revlog (cid);
create index ix_notes_csum on notes (csum);
`;

let sqlJs: Promise<SqlJsStatic> | undefined;

/**
 * The sql.js module, loaded once per process. Call it early (build does, before
 * making cards) and its WebAssembly compiles on a background thread meanwhile.
 *
 * Compiled by V8's baseline compiler only (Liftoff): by default V8 also
 * recompiles the 650 kB module with its optimising tier in the background, and
 * a short process spends most of sql.js's start-up on that, much of it after
 * its last statement, waiting for the compile to finish before it may exit. A
 * package is a few thousand small inserts; baseline code writes them as fast
 * or faster (issue 12: a 2,000-row package 0.9 s → 0.5 s whole process, and
 * 35 MB less memory). The flag only concerns WebAssembly compiled from now on,
 * which in newsdeck is sql.js alone; the bytes sql.js writes do not change.
 */
export function loadSqlJs(): Promise<SqlJsStatic> {
  if (sqlJs === undefined) {
    setFlagsFromString('--liftoff-only');
    const wasm = createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm');
    sqlJs = initSqlJs({ locateFile: () => wasm });
    sqlJs.catch(() => {
      sqlJs = undefined; // let a later call retry
    });
  }
  return sqlJs;
}

/** The `col` row. */
export interface CollectionRow {
  crt: number;
  mod: number;
  scm: number;
  conf: string;
  models: string;
  decks: string;
  dconf: string;
}

/** A `notes` row. */
export interface NoteRow {
  id: number;
  guid: string;
  mid: number;
  mod: number;
  tags: string;
  flds: string;
  sfld: string;
  csum: number;
}

/** A `cards` row of a new card. */
export interface CardRow {
  id: number;
  nid: number;
  did: number;
  ord: number;
  mod: number;
  due: number;
}

/**
 * Writes the collection in one transaction with prepared statements.
 * sql.js binds numbers above 2^31 as REAL, so every integer goes through
 * `CAST(? AS INTEGER)`: Anki requires INTEGER storage for ids, mods and usns.
 */
export async function writeCollection(col: CollectionRow, notes: readonly NoteRow[], cards: readonly CardRow[]): Promise<Uint8Array> {
  const SQL = await loadSqlJs();
  const db: Database = new SQL.Database();
  try {
    db.exec(SCHEMA_11);
    db.exec('begin');
    db.run(
      `insert into col values (1, ${ints(3)}, 11, 0, 0, 0, ?, ?, ?, ?, '{}')`,
      [col.crt, col.mod, col.scm, col.conf, col.models, col.decks, col.dconf],
    );
    const insertNote = db.prepare(`insert into notes values (${ints(1)}, ?, ${ints(3)}, ?, ?, ?, ${ints(1)}, 0, '')`);
    try {
      for (const n of notes) insertNote.run([n.id, n.guid, n.mid, n.mod, -1, n.tags, n.flds, n.sfld, n.csum]);
    } finally {
      insertNote.free();
    }
    const insertCard = db.prepare(`insert into cards values (${ints(6)}, 0, 0, ${ints(1)}, 0, 0, 0, 0, 0, 0, 0, 0, '')`);
    try {
      for (const c of cards) insertCard.run([c.id, c.nid, c.did, c.ord, c.mod, -1, c.due]);
    } finally {
      insertCard.free();
    }
    db.exec('commit');
    return db.export();
  } finally {
    db.close();
  }
}

/** `n` integer placeholders. */
function ints(n: number): string {
  return Array.from({ length: n }, () => 'cast(? as integer)').join(', ');
}
