import { dirname } from 'node:path';
import type { Card } from '../cards/card.js';
import { fingerprint, readDeckCache, sameFingerprint, serializeDeckCache, type CachedSource, type DeckCacheKey, type FileFingerprint } from '../quiz/deck-cache.js';
import { codeStamp } from './code-stamp.js';
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
