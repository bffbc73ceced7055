// The floor (issue 12): the least any writer on this stack can do for a package.
// Reads the note and card rows of a package (ROWS.json, dumped by bench/run.mjs
// from newsdeck's own package), inserts them into sql.js's schema-11 collection
// in one transaction with prepared statements, exports, zips with fflate at the
// level newsdeck uses and writes the file. No cards made, no checks, no HTML.
// One package per package of newsdeck's (one per article), into OUT-DIR.
// Usage: node bench/floor.mjs ROWS.json OUT-DIR
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import initSqlJs from 'sql.js';
import { strToU8, zipSync } from 'fflate';

const [rowsFile, out] = process.argv.slice(2);
const { schema, packages } = JSON.parse(readFileSync(rowsFile, 'utf8'));
const SQL = await initSqlJs({ locateFile: () => createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm') });
mkdirSync(out, { recursive: true });
const member = { level: 6, mtime: new Date(2000, 0, 1) };
packages.forEach(({ col, notes, cards }, i) => {
  const db = new SQL.Database();
  db.exec(schema);
  db.exec('begin');
  db.run('insert into col values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', col);
  const n = db.prepare('insert into notes values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  for (const row of notes) n.run(row);
  n.free();
  const c = db.prepare('insert into cards values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  for (const row of cards) c.run(row);
  c.free();
  db.exec('commit');
  const collection = db.export();
  db.close();
  writeFileSync(join(out, `${i}.apkg`), zipSync({ 'collection.anki2': [collection, member], media: [strToU8('{}'), member] }));
});
