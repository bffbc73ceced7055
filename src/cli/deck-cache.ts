import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Card } from '../cards/card.js';
import { fingerprint, readDeckCache, sameFingerprint, serializeDeckCache, type CachedSource, type DeckCacheKey, type FileFingerprint } from '../quiz/deck-cache.js';
import { readRegularFile, writeFileAtomic } from './files.js';
import { insideFolder, readPrefix, type AnnotationFile } from './inputs.js';
import type { ClassFolder, LoadedDeck, OnRead } from './load.js';

/**
 * The edge of the deck cache (see quiz/deck-cache.ts) that touches the disk:
 * fingerprinting the annotations and this build's code, reading the cache
 * beside the review log and saving it.
 */

/** Where the deck cache of the log at `progress` is kept: beside it. */
export function deckCachePath(progress: string): string {
  return `${progress}.decks.json`;
}

let stamp: string | undefined;

/**
 * This build of newsdeck: every module of its own (dist/src, or src when run
 * from the sources) and the installed version of every dependency. Another
 * build may make other cards from the same annotations, so its cache is not used.
 */
export function codeStamp(): string {
  if (stamp !== undefined) return stamp;
  const hash = createHash('sha256');
  const own = fileURLToPath(new URL('..', import.meta.url));
  const walk = (folder: string): void => {
    const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(js|ts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) hash.update(`${relative(own, path)}\0`).update(readFileSync(path)).update('\0');
    }
  };
  walk(own);
  const require = createRequire(import.meta.url);
  // The package root: above dist/src when built, above src when run from the sources.
  let root = dirname(own);
  while (!existsSync(join(root, 'package.json')) && dirname(root) !== root) root = dirname(root);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; dependencies?: Record<string, string> };
  hash.update(`newsdeck@${pkg.version}\0`);
  for (const name of Object.keys(pkg.dependencies ?? {}).sort()) hash.update(`${name}@${installedVersion(require, name)}\0`);
  stamp = hash.digest('hex');
  return stamp;
}

/** The version of the dependency `name` that Node would load from here ('?' when none is found). */
function installedVersion(require: NodeJS.Require, name: string): string {
  for (const folder of require.resolve.paths(name) ?? []) {
    try {
      return (JSON.parse(readFileSync(join(folder, name, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      // not in this node_modules: the next one up
    }
  }
  return '?';
}

const classKey = (inClass: ClassFolder | undefined): unknown => (inClass === undefined ? null : JSON.parse(JSON.stringify(inClass)));

/** The article text file an annotation names, resolved as the loader resolves it (throws as it does). */
function textPath(source: AnnotationFile, name: string): string {
  return insideFolder(dirname(source.path), name, source.root ?? dirname(source.path));
}

/** Whether the file at `path` still holds exactly the bytes fingerprinted (read one byte past them, to see one that grew). */
function unchanged(path: string, known: FileFingerprint): boolean {
  try {
    return sameFingerprint(fingerprint(readPrefix(path, known.bytes)), known);
  } catch {
    return false;
  }
}

/**
 * The cards of the cache at `path` when it was made by this build from
 * exactly `files` (same order, same bytes, the same text files) in the same
 * class; undefined otherwise, and for a cache that is missing or damaged.
 */
export function cachedCards(path: string, files: readonly AnnotationFile[], inClass: ClassFolder | undefined): Card[] | undefined {
  let text: string;
  try {
    text = readRegularFile(path);
  } catch {
    return undefined;
  }
  const cached = readDeckCache(text);
  if (cached === undefined) return undefined;
  const { key } = cached;
  if (key.sources.length !== files.length || JSON.stringify(key.inClass) !== JSON.stringify(classKey(inClass))) return undefined;
  const same = key.sources.every((source, i) => {
    const file = files[i] as AnnotationFile;
    if (source.file !== file.file || source.path !== file.path || source.root !== file.root || !unchanged(file.path, source.annotation)) return false;
    if (source.text === undefined) return true;
    try {
      return unchanged(textPath(file, source.text.name), source.text);
    } catch {
      return false;
    }
  });
  // The code last: it hashes every module, and a cache whose files changed is not used anyway.
  return same && key.code === codeStamp() ? cached.cards : undefined;
}

/**
 * Collects what the loader reads (pass `onRead` to it), then makes the cache
 * of the decks it loaded: `save` writes it beside the log, once, and never
 * fails (the cache only saves time). Nothing is saved when the bytes of a
 * file the cards were made from were not all seen (a deck was skipped, a
 * file changed while it was read twice).
 */
export function deckCacheRecorder(path: string): { onRead: OnRead; save: (decks: readonly LoadedDeck[], inClass: ClassFolder | undefined) => void } {
  const read = new Map<string, FileFingerprint[]>();
  const onRead: OnRead = (file, bytes) => read.set(file, [...(read.get(file) ?? []), fingerprint(bytes)]);
  /** The one fingerprint of `file`: undefined when it was not read, or read twice with different bytes. */
  const seen = (file: string): FileFingerprint | undefined => {
    const all = read.get(file);
    const first = all?.[0];
    return first !== undefined && all?.every((f) => sameFingerprint(f, first)) === true ? first : undefined;
  };
  let saved = false;
  const save = (decks: readonly LoadedDeck[], inClass: ClassFolder | undefined): void => {
    if (saved) return;
    saved = true;
    try {
      const sources: CachedSource[] = [];
      for (const deck of decks) {
        const annotation = seen(deck.path);
        if (annotation === undefined) return;
        const source: CachedSource = { file: deck.file, path: deck.path, ...(deck.root !== undefined && { root: deck.root }), annotation };
        const name = deck.annotation.article.textFile;
        if (name !== undefined) {
          const text = seen(textPath(deck, name));
          if (text === undefined) return;
          source.text = { name, ...text };
        }
        sources.push(source);
      }
      const key: DeckCacheKey = { code: codeStamp(), inClass: classKey(inClass), sources };
      writeFileAtomic(path, serializeDeckCache(key, decks.flatMap((d) => d.cards)));
    } catch {
      // Without a cache the next start makes the cards again.
    }
  };
  return { onRead, save };
}
