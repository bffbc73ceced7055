/**
 * The decks of `check` and `build`, through the card cache (issue 12): each
 * annotation file is read and looked up in the cache, and the annotation and
 * card code (load.ts: YAML, the schema, compromise and the templates) is
 * loaded only for a file the cache does not have. A check or build of an
 * unchanged deck loads none of it.
 */
import { readFileSync } from 'node:fs';
import { dirname, relative, sep } from 'node:path';
import type { Annotation, AnnotationError, LoadLimits, LoadResult } from '../annotation/index.js';
import { formatErrors } from '../annotation/errors.js';
import { DEFAULT_LIMITS } from '../annotation/limits.js';
import type { TodoComment } from '../annotation/report.js';
import type { Advice, Card, CardTemplate, DroppedCard, GeneratedDeck } from '../cards/index.js';
import type { ClassSettings } from '../class/config.js';
import { progressReporter } from '../class/progress.js';
import type { CardCache } from './card-cache.js';
import { CardWorkers, PARALLEL_FROM, workerCount } from './cards-in-parallel.js';
import { findClassFolder, type ClassFolder, type InClass } from './class-folder.js';
import { findAnnotationFiles, insideFolder, isInside, readPrefix, type AnnotationFile } from './inputs.js';
import { ExitError, EXIT, type CliIo } from './io.js';

/**
 * The user templates of `dir` (none when undefined) and their identity, which
 * the card cache keys on; the template code is loaded only for a folder.
 */
export async function identifiedTemplates(dir: string | undefined, io: CliIo): Promise<{ templates: readonly CardTemplate[]; identity: string } | undefined> {
  return dir === undefined ? undefined : (await import('./user-templates.js')).identifiedTemplates(dir, io);
}

/** A checked annotation and its cards. */
export interface LoadedDeck extends AnnotationFile {
  annotation: Annotation;
  cards: Card[];
  dropped: DroppedCard[];
  advice: Advice[];
}

/** One annotation file and what checking it gave. */
export interface CheckedFile extends AnnotationFile {
  result: LoadResult;
  /**
   * With the card cache: its cards from the cache when the entry was a hit
   * (undefined if the entry went or was damaged since), and where to store them
   * when they had to be made.
   */
  cardCache?: { cached?: () => GeneratedDeck | undefined; store: (generated: GeneratedDeck) => void };
  /** The file's `# TODO` comments, when its cache entry had them or they were read for it. */
  todos?: TodoComment[];
}

/** How annotation files are checked. */
export interface CheckOptions {
  templates?: readonly CardTemplate[] | undefined;
  limits?: LoadLimits;
  /** Told of every file read and the bytes read (the quiz's deck cache fingerprints them). */
  onRead?: OnRead | undefined;
  /** The card cache (check and build): unchanged articles are neither loaded nor given cards again. */
  cache?: CardCache | undefined;
}

export type OnRead = (path: string, bytes: Uint8Array) => void;

/** Annotation files checked, their cards not made yet (see {@link generateDecksInParallel}). */
export interface CheckedDecks {
  checked: CheckedFile[];
  inClass: ClassFolder | undefined;
}

/** An annotation file read: checked already (it could not be read, or the cache had it), or its bytes for the loader. */
export type ReadFile = { kind: 'checked'; checked: CheckedFile } | UnloadedFile;

/** What the loader needs of a file the cache did not have; `key` is its cache entry's name (undefined: not cached). */
export interface UnloadedFile {
  kind: 'read';
  annotationFile: AnnotationFile;
  bytes: Uint8Array;
  folderInRoot: string | undefined;
  readText: (relativePath: string) => Uint8Array;
  key: string | undefined;
}

/**
 * Reads one annotation file and looks it up in the card cache, when there is
 * one: an entry for the same bytes whose texts still read the same gives the
 * checked annotation (and later its cards) without loading it.
 */
export function readAnnotationFile(annotationFile: AnnotationFile, limits: LoadLimits, cache: CardCache | undefined, onRead: OnRead | undefined): ReadFile {
  const { file, path, root } = annotationFile;
  let bytes: Uint8Array;
  try {
    bytes = readPrefix(path, limits.maxAnnotationBytes);
    onRead?.(path, bytes);
  } catch (error) {
    const result: LoadResult = { ok: false, errors: [{ code: 'text-file-missing', file, line: 1, col: 1, message: `cannot read the file: ${(error as Error).message}`, sourceLine: '' }] };
    return { kind: 'checked', checked: { ...annotationFile, result } };
  }
  const folderInRoot = root === undefined ? undefined : relative(root, dirname(path)).split(sep).join('/');
  const readText = (relativePath: string): Uint8Array => {
    const textPath = insideFolder(dirname(path), relativePath, root ?? dirname(path));
    const text = readPrefix(textPath, limits.maxTextBytes);
    onRead?.(textPath, text);
    return text;
  };
  const unloaded = (key: string | undefined): UnloadedFile => ({ kind: 'read', annotationFile, bytes, folderInRoot, readText, key });
  // A file over the limit is refused by the loader, with its message, every time.
  if (cache === undefined || bytes.length > limits.maxAnnotationBytes) return unloaded(undefined);
  const key = cache.key(file, folderInRoot, bytes);
  const hit = cache.lookUp(key, readText);
  if (hit === undefined) return unloaded(key);
  const { annotation, texts, todos } = hit;
  const cardCache = { cached: hit.generated, store: (generated: GeneratedDeck) => cache.store(key, { texts, annotation, todos, generated }) };
  return { kind: 'checked', checked: { ...annotationFile, result: { ok: true, annotation }, cardCache, todos } };
}

/**
 * Every annotation file of `paths` found and checked, through the card cache
 * when there is one; then what no single file can show: two annotations with
 * the same article id (card identities would collide). Never throws for bad content.
 */
export async function checkDecks(paths: readonly string[], io: CliIo, options: CheckOptions & InClass = {}): Promise<CheckedDecks> {
  const inClass = 'inClass' in options ? options.inClass : await findClassFolder(paths, io);
  const limits = options.limits ?? DEFAULT_LIMITS;
  const checked: CheckedFile[] = [];
  let loader: typeof import('./load.js') | undefined;
  for (const annotationFile of findAnnotationFiles(paths, io, inClass)) {
    const read = readAnnotationFile(annotationFile, limits, options.cache, options.onRead);
    if (read.kind === 'checked') {
      checked.push(read.checked);
      continue;
    }
    loader ??= await import('./load.js');
    checked.push(loader.loadAnnotationFile(read, loader.templateIdsOf(options.templates), limits, options.cache));
  }
  return { checked: withDuplicateIds(checked), inClass };
}

/** `checked`, each annotation whose article id an earlier one has replaced by a `duplicate-id` error. */
export function withDuplicateIds(checked: CheckedFile[]): CheckedFile[] {
  const owners = new Map<string, string>();
  for (const entry of checked) {
    if (!entry.result.ok) continue;
    const { article } = entry.result.annotation;
    const owner = owners.get(article.id);
    if (owner === undefined) {
      owners.set(article.id, entry.file);
      continue;
    }
    let line = '';
    try {
      line = readFileSync(entry.path, 'utf8').split(/\r\n|\r|\n/)[article.pos.line - 1] ?? '';
    } catch {
      // Gone since it was checked: the error is still right, only without its excerpt.
    }
    const error: AnnotationError = {
      code: 'duplicate-id',
      file: entry.file,
      ...article.pos,
      message: `article id '${article.id}' is also the article id of ${owner}; their card identities would collide`,
      hint: 'give each article its own id: it is part of every card identity, so choose it once and keep it',
      sourceLine: line,
    };
    entry.result = { ok: false, errors: [error] };
  }
  return checked;
}

/**
 * The second half of loading decks: each checked annotation's cards, one deck
 * at a time (a build writes each and lets it go), from the card cache when it
 * has them. Made by worker threads (one per core, or NEWSDECK_WORKERS) when
 * there are many articles to make cards for and no user templates (they are
 * loaded in the main thread only): the same decks in the same order, since a
 * worker makes from a copy of the checked annotation exactly the cards the
 * main thread would; a few articles ahead are made while the caller writes
 * the one before. All or nothing still: any file with errors ends the command
 * once every file was looked at, so nothing may be committed before the last
 * deck is taken.
 */
export async function* generateDecksInParallel(decks: CheckedDecks, io: CliIo, options: CheckOptions & { progress?: boolean }): AsyncGenerator<LoadedDeck> {
  const { checked } = decks;
  const toMake = (c: CheckedFile): boolean => c.result.ok && c.cardCache?.cached === undefined;
  const count = options.templates === undefined ? workerCount(io) : 1;
  const workers = count < 2 || checked.filter(toMake).length < PARALLEL_FROM ? undefined : new CardWorkers(count);
  try {
    const made = new Map<number, Promise<GeneratedDeck>>();
    let scheduled = 0;
    const failures: string[] = [];
    const progress = progressReporter(io.stderr, checked.length, 'articles', options.progress === true);
    for (const [index, checkedFile] of checked.entries()) {
      // Each worker busy with the next articles, without holding many cards.
      for (; workers !== undefined && scheduled < Math.min(checked.length, index + 3 * count); scheduled += 1) {
        const ahead = checked[scheduled] as CheckedFile;
        if (!toMake(ahead) || !ahead.result.ok) continue;
        const cards = workers.cards(ahead.result.annotation);
        cards.catch(() => undefined); // awaited in turn below; a failure ahead must not go unhandled meanwhile
        made.set(scheduled, cards);
      }
      const { result, cardCache, todos: _todos, ...annotationFile } = checkedFile;
      progress.tick(annotationFile.file);
      if (!result.ok) {
        failures.push(formatErrors(result.errors));
        continue;
      }
      const inWorker = made.get(index);
      made.delete(index);
      let generated: GeneratedDeck;
      if (inWorker === undefined) generated = await cardsOf(checkedFile, result.annotation, io, options.templates);
      else {
        generated = await inWorker;
        cardCache?.store(generated);
      }
      yield deckOf(annotationFile, result.annotation, decks.inClass, generated);
    }
    progress.done();
    finishDecks(failures, io, options);
  } finally {
    await workers?.close();
  }
}

/**
 * The cards of a checked annotation, from the card cache when its entry has
 * them, else made (loading the card code) and stored in the cache.
 */
export async function cardsOf(checked: CheckedFile, annotation: Annotation, io: CliIo, templates: readonly CardTemplate[] | undefined): Promise<GeneratedDeck> {
  let generated = checked.cardCache?.cached?.();
  if (generated === undefined) {
    generated = (await import('./load.js')).deckCards(annotation, io, templates);
    checked.cardCache?.store(generated);
  }
  return generated;
}

/** After the last deck: the cache tidied, and any file's errors reported, failing the command. */
export function finishDecks(failures: readonly string[], io: CliIo, options: Pick<CheckOptions, 'cache'>): void {
  options.cache?.tidy();
  if (failures.length > 0) {
    io.stderr.write(failures.join('\n\n') + '\n');
    throw new ExitError(EXIT.failure, 'fix the errors above; nothing was written');
  }
}

/** One article's deck as every command sees it: its cards, under their kept identities and the class's settings. */
export function deckOf(annotationFile: AnnotationFile, annotation: Annotation, inClass: ClassFolder | undefined, generated: GeneratedDeck): LoadedDeck {
  const cards = inClassDeck(keepRenamedIdentities(annotation, generated.cards), inClass?.settings, annotationFile.path, inClass?.folder);
  return { ...annotationFile, annotation, cards, dropped: generated.dropped, advice: generated.advice };
}

/**
 * Cards of an item renamed with `was: old-id` keep the identity the old id
 * gave them: note guids, card ids and review history derive from it, so a
 * rename is an edit to students, not a deleted note and a new one.
 */
export function keepRenamedIdentities(annotation: Annotation, cards: Card[]): Card[] {
  const renamed = new Map<string, string>();
  for (const item of [...annotation.actors, ...annotation.quotes, ...annotation.claims, ...annotation.events, ...annotation.terms, ...annotation.facts]) {
    if (item.was !== undefined) renamed.set(item.id, item.was);
  }
  if (renamed.size === 0) return cards;
  return cards.map((card) => {
    const was = renamed.get(card.itemId);
    const prefix = `${card.articleId}/${card.template}/${card.itemId}`;
    if (was === undefined || !(card.identity === prefix || card.identity.startsWith(`${prefix}/`))) return card;
    return { ...card, itemId: was, identity: `${card.articleId}/${card.template}/${was}${card.identity.slice(prefix.length)}` };
  });
}

/**
 * A class's settings applied to one article's cards: only the class's card
 * families, its tags added, each deck under the class's deck prefix. Cards of
 * an annotation outside the class folder are left as they are.
 */
function inClassDeck(cards: Card[], settings: ClassSettings | undefined, path: string, folder: string | undefined): Card[] {
  if (settings === undefined || folder === undefined || !isInside(folder, path)) return cards;
  const families = new Set<string>(settings.cards);
  return cards
    .filter((card) => families.has(card.family))
    .map((card) => ({ ...card, deck: `${settings.deckPrefix}::${card.deck}`, tags: [...card.tags, ...settings.tags] }));
}
