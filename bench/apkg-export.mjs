// anki-apkg-export 4.0.3, the npm package most JavaScript tools use, writing
// the same notes (front and back of each note's first card) into one package.
// Its bundled sql.js has a small fixed heap: it fails above some size, and the
// bench reports that. One package per package of newsdeck's.
// Usage: node bench/apkg-export.mjs ROWS.json OUT-DIR
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AnkiExport from 'anki-apkg-export';

const [rowsFile, out] = process.argv.slice(2);
const { packages } = JSON.parse(readFileSync(rowsFile, 'utf8'));
const create = typeof AnkiExport === 'function' ? AnkiExport : AnkiExport.default;
mkdirSync(out, { recursive: true });
for (const [i, { notes }] of packages.entries()) {
  const exporter = create('Bench');
  for (const row of notes) {
    const [front, back] = String(row[6]).split('\x1f');
    exporter.addCard(front, back ?? '', { tags: String(row[5]).trim().split(' ').filter(Boolean) });
  }
  writeFileSync(join(out, `${i}.apkg`), await exporter.save());
}
