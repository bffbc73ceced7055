import { readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { DEFAULT_LIMITS, formatErrors, loadAnnotation, type AnnotationError, type Annotation, type LoadLimits, type LoadResult } from '../annotation/index.js';
import { generateCards, TEMPLATE_IDS, type Advice, type Card, type CardTemplate, type DroppedCard, type GeneratedDeck } from '../cards/index.js';
import { formatProblem, TemplateRunError } from '../templates/problem.js';
import { shown } from '../annotation/report.js';
import { ExitError, EXIT, type CliIo } from './io.js';
import { CLASS_FILE, MAX_CLASS_FILE_BYTES, parseClassFile, type ClassSettings } from '../class/config.js';
import { progressReporter } from '../class/progress.js';
import { classFolderOf, findAnnotationFiles, insideFolder, isInside, readPrefix, type AnnotationFile } from './inputs.js';
import { sha256, type CardCache, type ReadText } from './card-cache.js';
import { CardWorkers, PARALLEL_FROM, workerCount } from './cards-in-parallel.js';

export { readPrefix, templatesDir, type AnnotationFile } from './inputs.js';

/** A class folder: the folder of a `newsdeck.yaml`, and its settings. */
export interface ClassFolder {
  folder: string;
  settings: ClassSettings;
}

/**
 * The class folder a command has found already (undefined: none), passed down
 * so that the class file is read once per run. Absent: found from the paths.
 */
export interface InClass {
  inClass?: ClassFolder | undefined;
}

function classOf(paths: readonly string[], io: CliIo, options: InClass): ClassFolder | undefined {
  return 'inClass' in options ? options.inClass : findClass(paths, io);
}

/**
 * The class folder a command works in: the one named on the command line
 * (the folder or its newsdeck.yaml), else the nearest one around the
 * working folder. Undefined outside any class folder. A class file with
 * errors stops the command with each error's position.
 */
export function findClass(paths: readonly string[], io: CliIo): ClassFolder | undefined {
  const folder = classFolderOf(paths, io);
  return folder === undefined ? undefined : readClass(folder, io);
}

function readClass(folder: string, io: CliIo): ClassFolder {
  const path = join(folder, CLASS_FILE);
  const file = shown(relative(io.cwd, path) || path);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(readPrefix(path, MAX_CLASS_FILE_BYTES));
  } catch (error) {
    throw new ExitError(EXIT.failure, `cannot read the class file ${file}: ${(error as Error).message}\nFix or restore it (see 'newsdeck init --class' for every setting); nothing was written`);
  }
  const parsed = parseClassFile(text);
  if (!parsed.ok) {
    const lines = parsed.errors.map((e) => `${file}:${e.line}:${e.col}: ${shown(e.message)}`);
    throw new ExitError(EXIT.failure, `${lines.join('\n')}\nfix the class file (see 'newsdeck init --class' for every setting); nothing was written`);
  }
  return { folder, settings: parsed.settings };
}

/** A checked annotation and its cards. */
export interface LoadedDeck extends AnnotationFile {
  annotation: Annotation;
  cards: Card[];
  dropped: DroppedCard[];
  advice: Advice[];
}

/** Reads and checks one annotation file. Never throws for bad content. */
export function checkAnnotationFile(annotationFile: AnnotationFile, templateIds: readonly string[] = TEMPLATE_IDS, limits: LoadLimits = DEFAULT_LIMITS, onRead?: OnRead): LoadResult {
  return checkFile(annotationFile, templateIds, limits, undefined, onRead).result;
}

/**
 * {@link checkAnnotationFile}, through the card cache when there is one: an
 * entry for the same bytes whose texts still read the same gives the checked
 * annotation (and later its cards) without loading it; else the file is
 * loaded, and once its cards are made they are stored.
 */
function checkFile(annotationFile: AnnotationFile, templateIds: readonly string[], limits: LoadLimits, cache: CardCache | undefined, onRead?: OnRead): CheckedFile {
  const { file, path, root } = annotationFile;
  let bytes: Uint8Array;
  try {
    bytes = readPrefix(path, limits.maxAnnotationBytes);
    onRead?.(path, bytes);
  } catch (error) {
    return { ...annotationFile, result: { ok: false, errors: [{ code: 'text-file-missing', file, line: 1, col: 1, message: `cannot read the file: ${(error as Error).message}`, sourceLine: '' }] } };
  }
  const folderInRoot = root === undefined ? undefined : relative(root, dirname(path)).split(sep).join('/');
  const readText = (relativePath: string): Uint8Array => {
    const textPath = insideFolder(dirname(path), relativePath, root ?? dirname(path));
    const text = readPrefix(textPath, limits.maxTextBytes);
    onRead?.(textPath, text);
    return text;
  };
  const load = (read: typeof readText): LoadResult => loadAnnotation(bytes, { file, templateIds, ...(folderInRoot !== undefined && { folderInRoot }), readText: read, limits });
  // A file over the limit is refused by the loader, with its message, every time.
  if (cache === undefined || bytes.length > limits.maxAnnotationBytes) return { ...annotationFile, result: load(readText) };
  const key = cache.key(file, folderInRoot, bytes);
  const hit = cache.lookUp(key, readText);
  if (hit !== undefined) {
    const { annotation, texts } = hit;
    return { ...annotationFile, result: { ok: true, annotation }, cardCache: { cached: hit.generated, store: (generated) => cache.store(key, { texts, annotation, generated }) } };
  }
  const texts: ReadText[] = [];
  const result = load((relativePath) => {
    const text = readText(relativePath);
    texts.push({ relativePath, sha256: sha256(text) });
    return text;
  });
  if (!result.ok) return { ...annotationFile, result };
  return { ...annotationFile, result, cardCache: { store: (generated) => cache.store(key, { texts, annotation: result.annotation, generated }) } };
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
}

/**
 * Checks every file, then what no single file can show: two annotations with
 * the same article id (card identities would collide). Never throws for bad content.
 */
export function checkAnnotationFiles(paths: readonly string[], io: CliIo, options: CheckOptions & InClass = {}): CheckedFile[] {
  return checkFiles(findAnnotationFiles(paths, io, classOf(paths, io, options)), options);
}

/** How {@link checkAnnotationFiles} checks. */
export interface CheckOptions {
  templates?: readonly CardTemplate[] | undefined;
  limits?: LoadLimits;
  /** Told of every file read and the bytes read (the quiz's deck cache fingerprints them). */
  onRead?: OnRead | undefined;
  /** The card cache (build only): unchanged articles are neither loaded nor given cards again. */
  cache?: CardCache | undefined;
}

export type OnRead = (path: string, bytes: Uint8Array) => void;

function checkFiles(files: readonly AnnotationFile[], options: CheckOptions): CheckedFile[] {
  // `skip:` may name a user template too, when one is in use.
  const ids = options.templates === undefined ? TEMPLATE_IDS : options.templates.map((t) => t.id);
  const checked = files.map((annotationFile) => checkFile(annotationFile, ids, options.limits ?? DEFAULT_LIMITS, options.cache, options.onRead));
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
 * Loads every annotation and makes its cards; on any error, prints all errors
 * of all files and fails, so that a build never writes a partial result.
 */
export function loadDecks(
  paths: readonly string[],
  io: CliIo,
  options: CheckOptions & InClass & { progress?: boolean } = {},
): LoadedDeck[] {
  return [...generateDecks(checkDecks(paths, io, options), io, options)];
}

/** Annotation files checked, their cards not made yet (see {@link generateDecks}). */
export interface CheckedDecks {
  checked: CheckedFile[];
  inClass: ClassFolder | undefined;
}

/** The first half of {@link loadDecks}: every annotation file found and checked. */
export function checkDecks(paths: readonly string[], io: CliIo, options: CheckOptions & InClass = {}): CheckedDecks {
  const inClass = classOf(paths, io, options);
  return { checked: checkFiles(findAnnotationFiles(paths, io, inClass), options), inClass };
}

/**
 * The second half of {@link loadDecks}: each checked annotation's cards, one
 * deck at a time (a build writes each and lets it go). All or nothing still:
 * any file with errors ends the command once every file was looked at, so
 * nothing may be committed before the last deck is taken.
 */
export function* generateDecks(decks: CheckedDecks, io: CliIo, options: CheckOptions & { progress?: boolean }): Generator<LoadedDeck> {
  const failures: string[] = [];
  const progress = progressReporter(io.stderr, decks.checked.length, 'articles', options.progress === true);
  for (const { result, cardCache, ...annotationFile } of decks.checked) {
    progress.tick(annotationFile.file);
    if (!result.ok) {
      failures.push(formatErrors(result.errors));
      continue;
    }
    yield deckOf(annotationFile, result.annotation, decks.inClass, cachedOrMade(cardCache, () => deckCards(result.annotation, io, options.templates)));
  }
  progress.done();
  finishDecks(failures, io, options);
}

/**
 * {@link generateDecks}, with the cards made by worker threads (one per core,
 * or NEWSDECK_WORKERS) when there are many articles to make cards for and no
 * user templates (they are loaded in the main thread only). The same decks in
 * the same order: a worker makes from a copy of the checked annotation exactly
 * the cards the main thread would. A few articles ahead are made while the
 * caller writes the one before.
 */
export async function* generateDecksInParallel(decks: CheckedDecks, io: CliIo, options: CheckOptions & { progress?: boolean }): AsyncGenerator<LoadedDeck> {
  const { checked } = decks;
  const toMake = (c: CheckedFile): boolean => c.result.ok && c.cardCache?.cached === undefined;
  const count = options.templates === undefined ? workerCount(io) : 1;
  if (count < 2 || checked.filter(toMake).length < PARALLEL_FROM) {
    yield* generateDecks(decks, io, options);
    return;
  }
  const workers = new CardWorkers(count);
  try {
    const made = new Map<number, Promise<GeneratedDeck>>();
    let scheduled = 0;
    const failures: string[] = [];
    const progress = progressReporter(io.stderr, checked.length, 'articles', options.progress === true);
    for (const [index, { result, cardCache, ...annotationFile }] of checked.entries()) {
      // Each worker busy with the next articles, without holding many cards.
      for (; scheduled < Math.min(checked.length, index + 3 * count); scheduled += 1) {
        const ahead = checked[scheduled] as CheckedFile;
        if (!toMake(ahead) || !ahead.result.ok) continue;
        const cards = workers.cards(ahead.result.annotation);
        cards.catch(() => undefined); // awaited in turn below; a failure ahead must not go unhandled meanwhile
        made.set(scheduled, cards);
      }
      progress.tick(annotationFile.file);
      if (!result.ok) {
        failures.push(formatErrors(result.errors));
        continue;
      }
      const inWorker = made.get(index);
      made.delete(index);
      const generated = inWorker === undefined ? cachedOrMade(cardCache, () => deckCards(result.annotation, io, options.templates)) : await inWorker;
      if (inWorker !== undefined) cardCache?.store(generated);
      yield deckOf(annotationFile, result.annotation, decks.inClass, generated);
    }
    progress.done();
    finishDecks(failures, io, options);
  } finally {
    await workers.close();
  }
}

/** An article's cards from the card cache, else made (and stored in the cache). */
function cachedOrMade(cardCache: CheckedFile['cardCache'], make: () => GeneratedDeck): GeneratedDeck {
  let generated = cardCache?.cached?.();
  if (generated === undefined) {
    generated = make();
    cardCache?.store(generated);
  }
  return generated;
}

/** After the last deck: the cache tidied, and any file's errors reported, failing the command. */
function finishDecks(failures: readonly string[], io: CliIo, options: CheckOptions): void {
  options.cache?.tidy();
  if (failures.length > 0) {
    io.stderr.write(failures.join('\n\n') + '\n');
    throw new ExitError(EXIT.failure, 'fix the errors above; nothing was written');
  }
}

/**
 * The cards of a checked annotation. A user template that throws or returns a
 * bad draft ends the command here, before anything is written, with the
 * template's file, line and column.
 */
export function deckCards(annotation: Annotation, io: CliIo, templates: readonly CardTemplate[] | undefined): GeneratedDeck {
  try {
    return generateCards(annotation, templates === undefined ? {} : { templates });
  } catch (error) {
    if (!(error instanceof TemplateRunError)) throw error;
    io.stderr.write(formatProblem(error.problem) + '\n');
    throw new ExitError(EXIT.failure, 'a template failed on this item (above); nothing was written');
  }
}

/** An annotation that `loadUsableDecks` left out, with its first error. */
export interface SkippedDeck {
  file: string;
  error: AnnotationError;
  /** How many errors the file has in all. */
  errors: number;
}

/**
 * For the commands that read decks to study them (quiz, stats, preview): the
 * decks that load, and one line on stderr per deck that does not (its file
 * and first error), so that one broken annotation in a folder does not stop
 * the others. `build` keeps `loadDecks`: all or nothing. Fails only when no
 * deck loads at all.
 */
export function loadUsableDecks(
  paths: readonly string[],
  io: CliIo,
  options: InClass & Pick<CheckOptions, 'templates' | 'onRead'> = {},
): { decks: LoadedDeck[]; skipped: SkippedDeck[] } {
  const decks: LoadedDeck[] = [];
  const skipped: SkippedDeck[] = [];
  const { templates, onRead } = options;
  const inClass = classOf(paths, io, options);
  for (const { result, ...annotationFile } of checkFiles(findAnnotationFiles(paths, io, inClass), { templates, onRead })) {
    if (result.ok) {
      decks.push(deckOf(annotationFile, result.annotation, inClass, deckCards(result.annotation, io, templates)));
    } else if (result.errors[0] !== undefined) skipped.push({ file: annotationFile.file, error: result.errors[0], errors: result.errors.length });
  }
  for (const s of skipped) io.stderr.write(skippedLine(s) + '\n');
  if (decks.length === 0) throw new ExitError(EXIT.failure, "no deck could be read (see above); 'newsdeck check' shows every error with its place");
  return { decks, skipped };
}

/** "newsdeck: skipped decks/x.yaml: line 3, column 5: … (2 more errors: newsdeck check decks/x.yaml)". */
export function skippedLine(skipped: SkippedDeck): string {
  const { file, error, errors } = skipped;
  const message = (error.message.split('\n')[0] ?? '').trim();
  const more = errors > 1 ? `${errors - 1} more error${errors > 2 ? 's' : ''}: ` : '';
  return shown(`newsdeck: skipped ${file}: line ${error.line}, column ${error.col}: ${message} (${more}newsdeck check ${file})`);
}

/** One article's deck as every command sees it: its cards, under their kept identities and the class's settings. */
function deckOf(annotationFile: AnnotationFile, annotation: Annotation, inClass: ClassFolder | undefined, generated: GeneratedDeck): LoadedDeck {
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
