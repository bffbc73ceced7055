/**
 * The card cache of `newsdeck build` and `newsdeck check` (issue 12): what an
 * unchanged annotation and its text gave last time (the checked annotation, its
 * TODO comments and its generated cards), so that a rebuild after editing one
 * article of a class does the work of one article, and a check or build of an
 * unchanged deck loads neither the annotation code nor the card code. Card
 * generation is most of a build's CPU; packages are still written every time,
 * since they depend on the output folder's manifest.
 *
 * An entry is named by a SHA-256 of everything the result depends on besides
 * the text: the annotation's bytes, its file name as shown, the loader's
 * limits and template ids, the user templates' sources, and a stamp of this
 * newsdeck's code and dependencies. The entry lists the text files the loader
 * read with their SHA-256, and is a hit only if each still reads the same.
 * An entry that is cut short, damaged, of another format or for another key
 * is passed over (and replaced): the cache is never trusted, only checked.
 *
 * Entries are written to `<key>.<pid>.tmp` and renamed into place, so that a
 * reader sees a whole entry or none; the temporaries of a killed build are
 * removed by the next one. The cache is kept under a size bound by removing
 * the entries used longest ago (a hit refreshes an entry's time). A cache that
 * cannot be read or written only makes the build slower, never fail.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Annotation, LoadLimits } from '../annotation/index.js';
import type { TodoComment } from '../annotation/report.js';
import type { GeneratedDeck } from '../cards/index.js';
import { removeStaleTemporariesIn } from './files.js';
import { codeStamp } from './code-stamp.js';
import type { CliIo } from './io.js';

/** Bumped when the layout of an entry changes. */
const CACHE_FORMAT = 'newsdeck-cards-2';

/** The size bound when NEWSDECK_CACHE_MB does not set one. */
export const DEFAULT_CACHE_MB = 1024;

/** A text file the loader read for an annotation, by the path the annotation gives. */
export interface ReadText {
  relativePath: string;
  sha256: string;
}

/** What an entry holds besides the cards: the texts read, the checked annotation and the file's `# TODO` comments (for check). */
export interface CheckedArticle {
  texts: ReadText[];
  annotation: Annotation;
  todos: TodoComment[];
}

/** An entry whose annotation and texts were checked; its cards are read on demand. */
export interface CachedArticle extends CheckedArticle {
  generated: () => GeneratedDeck | undefined;
}

/** What is the same for every article of a build, and changes the result. */
export interface CacheContext {
  limits: LoadLimits;
  /** The ids of the templates in use; undefined for the built-in ones, which the code stamp covers. */
  templateIds: readonly string[] | undefined;
  /** A hash of the user templates' sources; undefined without user templates. */
  templates: string | undefined;
}

const KEY = /^[0-9a-f]{64}$/;

export class CardCache {
  private readonly stamp: string;

  constructor(
    readonly folder: string,
    private readonly maxBytes: number,
    context: CacheContext,
  ) {
    this.stamp = sha256(CACHE_FORMAT, codeStamp(), process.versions.v8, JSON.stringify(context.limits), context.templateIds?.join('\n') ?? '\0built-in', context.templates ?? '');
  }

  /** The entry name of one annotation file's result. */
  key(file: string, folderInRoot: string | undefined, annotation: Uint8Array): string {
    return sha256(this.stamp, file, folderInRoot ?? '\0', annotation);
  }

  /**
   * The entry for `key` if it is whole, is for this key, and every text it was
   * made from still reads the same through `readText`; else undefined. Its
   * cards are read when asked for (a class's cards are not all held at once),
   * undefined if the entry has gone or changed since.
   */
  lookUp(key: string, readText: (relativePath: string) => Uint8Array): CachedArticle | undefined {
    const path = join(this.folder, key);
    let checked: CheckedArticle;
    try {
      checked = checkedPart(readFileSync(path), key, 'annotation');
      for (const text of checked.texts) if (sha256(readText(text.relativePath)) !== text.sha256) return undefined;
    } catch {
      return undefined;
    }
    try {
      const now = new Date();
      utimesSync(path, now, now); // the time eviction goes by
    } catch {
      // A read-only cache still serves its entries; they only age.
    }
    const generated = (): GeneratedDeck | undefined => {
      try {
        return checkedPart(readFileSync(path), key, 'generated');
      } catch {
        return undefined;
      }
    };
    return { ...checked, generated };
  }

  /** Stores an article's result; a cache that cannot be written is left as it is. */
  store(key: string, article: CheckedArticle & { generated: GeneratedDeck }): void {
    const path = join(this.folder, key);
    const temporary = `${path}.${process.pid}.tmp`;
    try {
      mkdirSync(this.folder, { recursive: true });
      writeFileSync(temporary, encodeEntry(key, { texts: article.texts, annotation: article.annotation, todos: article.todos }, article.generated));
      renameSync(temporary, path);
    } catch {
      rmSync(temporary, { force: true });
    }
  }

  /** Once per build: the temporaries of killed builds removed, and the least recently used entries beyond the size bound. */
  tidy(): void {
    removeStaleTemporariesIn(this.folder, (name) => KEY.test(name));
    let names: string[];
    try {
      names = readdirSync(this.folder).filter((name) => KEY.test(name));
    } catch {
      return;
    }
    const entries = names.flatMap((name) => {
      try {
        const stats = statSync(join(this.folder, name));
        return [{ name, bytes: stats.size, used: stats.mtimeMs }];
      } catch {
        return []; // removed by another build meanwhile
      }
    });
    let total = entries.reduce((sum, e) => sum + e.bytes, 0);
    if (total <= this.maxBytes) return;
    entries.sort((a, b) => a.used - b.used || (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      if (total <= this.maxBytes) break;
      rmSync(join(this.folder, entry.name), { force: true });
      total -= entry.bytes;
    }
  }
}

/**
 * The card cache a build uses, or undefined when it is turned off (`--no-cache`,
 * NEWSDECK_NO_CACHE) or has no home: `$XDG_CACHE_HOME/newsdeck/cards` (an
 * absolute XDG_CACHE_HOME, as the XDG spec asks), else `$HOME/.cache/newsdeck/cards`.
 * Without either variable there is no cache rather than a guessed home.
 */
export function openCardCache(io: CliIo, noCache: boolean, context: CacheContext): CardCache | undefined {
  const off = io.env.NEWSDECK_NO_CACHE;
  if (noCache || (off !== undefined && off !== '' && off !== '0')) return undefined;
  const xdg = io.env.XDG_CACHE_HOME;
  const home = io.env.HOME;
  const base = xdg !== undefined && isAbsolute(xdg) ? xdg : home !== undefined && isAbsolute(home) ? join(home, '.cache') : undefined;
  if (base === undefined) return undefined;
  return new CardCache(join(base, 'newsdeck', 'cards'), cacheBytes(io.env.NEWSDECK_CACHE_MB), context);
}

/** NEWSDECK_CACHE_MB: the size bound in megabytes; a value that is not a whole number keeps the default. */
function cacheBytes(value: string | undefined): number {
  const mb = value !== undefined && /^\d{1,7}$/.test(value.trim()) ? Number(value) : DEFAULT_CACHE_MB;
  return mb * 1024 * 1024;
}

/*
 * An entry: a header line (format, key, then the length and SHA-256 of each
 * part), then two parts, each the structured-clone serialization of a value
 * (v8.serialize: exact strings, key order, shared objects and undefined values
 * come back as they went in): the texts, the annotation and its TODO comments, then the cards.
 */
export function encodeEntry(key: string, checked: CheckedArticle, generated: GeneratedDeck): Buffer {
  const annotation = serialize(checked);
  const cards = serialize(generated);
  const header = [CACHE_FORMAT, key, annotation.length, sha256(annotation), cards.length, sha256(cards)].join(' ');
  return Buffer.concat([Buffer.from(`${header}\n`, 'latin1'), annotation, cards]);
}

/** A whole entry, checked as a look-up checks it (it throws for an entry that is not one for `key`). */
export function readEntry(bytes: Buffer, key: string): CheckedArticle & { generated: GeneratedDeck } {
  return { ...checkedPart(bytes, key, 'annotation'), generated: checkedPart(bytes, key, 'generated') };
}

function checkedPart(bytes: Buffer, key: string, part: 'annotation'): CheckedArticle;
function checkedPart(bytes: Buffer, key: string, part: 'generated'): GeneratedDeck;
function checkedPart(bytes: Buffer, key: string, part: 'annotation' | 'generated'): unknown {
  const end = bytes.indexOf(0x0a);
  const [format, entryKey, annotationLength, annotationHash, cardsLength, cardsHash] = bytes.subarray(0, Math.max(0, end)).toString('latin1').split(' ');
  const from = end + 1 + (part === 'annotation' ? 0 : Number(annotationLength));
  const length = Number(part === 'annotation' ? annotationLength : cardsLength);
  if (end < 0 || format !== CACHE_FORMAT || entryKey !== key || !Number.isSafeInteger(from) || !Number.isSafeInteger(length)) throw new Error('not an entry for this key');
  if (end + 1 + Number(annotationLength) + Number(cardsLength) !== bytes.length) throw new Error('an entry cut short or too long');
  const body = bytes.subarray(from, from + length);
  if (sha256(body) !== (part === 'annotation' ? annotationHash : cardsHash)) throw new Error('a damaged entry');
  const value = deserialize(body) as Record<string, unknown> | null;
  const ok =
    part === 'annotation'
      ? Array.isArray(value?.texts) &&
        value.texts.every((t: Partial<ReadText> | null) => typeof t?.relativePath === 'string' && typeof t.sha256 === 'string') &&
        typeof (value.annotation as Partial<Annotation> | undefined)?.article?.id === 'string' &&
        Array.isArray(value.todos) &&
        value.todos.every((t: Partial<TodoComment> | null) => typeof t?.line === 'number' && typeof t.col === 'number' && typeof t.text === 'string')
      : Array.isArray(value?.cards) && Array.isArray(value.dropped) && Array.isArray(value.advice);
  if (!ok) throw new Error('not an entry of this shape');
  return value;
}

/** A hash of the parts, each length-prefixed so that no two lists of parts hash alike. */
export function sha256(...parts: (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    const bytes = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
    hash.update(`${bytes.length}:`);
    hash.update(bytes);
  }
  return hash.digest('hex');
}

