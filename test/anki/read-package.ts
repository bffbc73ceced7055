/**
 * Opens a produced .apkg the way Anki's importer does: unzip, read the
 * `media` map, open `collection.anki2` with SQLite. Knows nothing of the writer.
 */
import { createRequire } from 'node:module';
import { strFromU8, unzipSync } from 'fflate';
import initSqlJs, { type Database, type SqlValue } from 'sql.js';

const wasm = createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm');
const sqlJs = initSqlJs({ locateFile: () => wasm });

export interface OpenedPackage {
  members: string[];
  media: unknown;
  collectionBytes: Uint8Array;
  db: Database;
  /** Rows of a query as objects. */
  rows(sql: string): Record<string, SqlValue>[];
  /** One column of the `col` row, parsed as JSON. */
  colJson(column: 'conf' | 'models' | 'decks' | 'dconf' | 'tags'): Record<string, unknown>;
  close(): void;
}

export async function openPackage(apkg: Uint8Array): Promise<OpenedPackage> {
  const files = unzipSync(apkg);
  const collection = files['collection.anki2'];
  const media = files['media'];
  if (collection === undefined || media === undefined) throw new Error(`members: ${Object.keys(files).join(', ')}`);
  const SQL = await sqlJs;
  const db = new SQL.Database(collection);
  const rows = (sql: string): Record<string, SqlValue>[] => {
    const result = db.exec(sql)[0];
    if (result === undefined) return [];
    return result.values.map((values) => Object.fromEntries(result.columns.map((c, i) => [c, values[i] ?? null])));
  };
  return {
    members: Object.keys(files),
    media: JSON.parse(strFromU8(media)),
    collectionBytes: collection,
    db,
    rows,
    colJson: (column) => JSON.parse(String(rows(`select ${column} from col`)[0]?.[column])) as Record<string, unknown>,
    close: () => db.close(),
  };
}

/** Anki's own HTML stripping, rewritten for the tests: tags out, the common entities decoded. */
export function stripHtmlForTest(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&');
}

/** Distinct cloze numbers in a note's fields, as Anki's card generation counts them. */
export function clozeNumbers(flds: string): number[] {
  const numbers = new Set<number>();
  for (const m of flds.matchAll(/\{\{c(\d+)::/g)) numbers.add(Number(m[1]));
  return [...numbers].sort((a, b) => a - b);
}
