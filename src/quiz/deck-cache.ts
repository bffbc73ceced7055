import type { Card } from '../cards/card.js';
import { checkedBody, checkedJson, sha256 } from './checked-json.js';

/**
 * The deck cache: the cards the quiz made from a set of annotations, kept
 * beside the review log, so that a start-up whose annotations have not
 * changed asks its first question without parsing YAML, loading the NLP
 * library and generating cards. Like the replay checkpoint it is derived and
 * disposable: the annotations stay the only source of truth, and a cache
 * that does not match them byte for byte (size and SHA-256 of every file the
 * cards were made from), this build of newsdeck (`code`), or the class
 * settings, is ignored and replaced.
 *
 * Pure: text and values in, values out. Hashing the files and reading and
 * writing the cache is done by src/cli/deck-cache.ts.
 */

/** Bump whenever the saved fields change: older caches are then ignored. */
export const DECK_CACHE_VERSION = 1;

/** A file the cards were made from, as read: its size and SHA-256 (hex). */
export interface FileFingerprint {
  bytes: number;
  sha256: string;
}

/** One annotation the cards were made from, and the article text file it named (none when the text is inline). */
export interface CachedSource {
  /** As found on the command line (see cli/inputs.ts): shown name, path and project root. */
  file: string;
  path: string;
  root?: string;
  annotation: FileFingerprint;
  text?: FileFingerprint & { name: string };
}

/** What the cards depend on besides the files: this build's code, the class folder and its settings (null outside one). */
export interface DeckCacheKey {
  code: string;
  inClass: unknown;
  sources: CachedSource[];
}

interface DeckCacheFile {
  newsdeck: 'deck-cache';
  v: number;
  key: DeckCacheKey;
  cards: Card[];
}

export function fingerprint(bytes: Uint8Array): FileFingerprint {
  return { bytes: bytes.length, sha256: sha256(bytes) };
}

export function sameFingerprint(a: FileFingerprint, b: FileFingerprint): boolean {
  return a.bytes === b.bytes && a.sha256 === b.sha256;
}

/** The cache as the text of its file (checked: see checked-json.ts). */
export function serializeDeckCache(key: DeckCacheKey, cards: readonly Card[]): string {
  const file: DeckCacheFile = { newsdeck: 'deck-cache', v: DECK_CACHE_VERSION, key, cards: [...cards] };
  return checkedJson(file);
}

const isFingerprint = (value: unknown): value is FileFingerprint => {
  const f = value as Partial<FileFingerprint> | null;
  return typeof f === 'object' && f !== null && Number.isSafeInteger(f.bytes) && (f.bytes as number) >= 0 && typeof f.sha256 === 'string' && /^[0-9a-f]{64}$/.test(f.sha256);
};

const isSource = (value: unknown): value is CachedSource => {
  const s = value as Partial<CachedSource> | null;
  if (typeof s !== 'object' || s === null || typeof s.file !== 'string' || typeof s.path !== 'string') return false;
  if (s.root !== undefined && typeof s.root !== 'string') return false;
  return isFingerprint(s.annotation) && (s.text === undefined || (isFingerprint(s.text) && typeof s.text.name === 'string'));
};

/**
 * The key and cards of a cache file whose check holds and that this version
 * wrote; undefined for anything else (damaged, cut short, another version or
 * shape). Whether the key still matches the files is for the caller to tell.
 */
export function readDeckCache(text: string): { key: DeckCacheKey; cards: Card[] } | undefined {
  const body = checkedBody(text);
  if (body === undefined) return undefined;
  let value: Partial<DeckCacheFile>;
  try {
    value = JSON.parse(body) as Partial<DeckCacheFile>;
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || value.newsdeck !== 'deck-cache' || value.v !== DECK_CACHE_VERSION) return undefined;
  const { key, cards } = value;
  if (typeof key !== 'object' || key === null || typeof key.code !== 'string' || !Array.isArray(key.sources) || !key.sources.every(isSource)) return undefined;
  if (!Array.isArray(cards) || cards.length === 0 || !cards.every((c) => typeof c === 'object' && c !== null && typeof (c as Card).identity === 'string')) return undefined;
  return { key, cards };
}
