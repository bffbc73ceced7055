import { closeSync, constants, fstatSync, openSync, readdirSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { DEFAULT_LIMITS, formatErrors, loadAnnotation, type AnnotationError, type Annotation, type LoadLimits, type LoadResult } from '../annotation/index.js';
import { generateCards, TEMPLATE_IDS, type Advice, type Card, type DroppedCard } from '../cards/index.js';
import { shown } from '../annotation/report.js';
import { ExitError, EXIT, type CliIo } from './io.js';

/** One annotation file named on the command line (or found in a folder). */
export interface AnnotationFile {
  /** As shown to the user: relative to the working directory. */
  file: string;
  path: string;
}

/** A checked annotation and its cards. */
export interface LoadedDeck {
  file: string;
  path: string;
  annotation: Annotation;
  cards: Card[];
  dropped: DroppedCard[];
  advice: Advice[];
}

const ANNOTATION_EXTENSIONS = /\.ya?ml$/i;

/** Expands files and folders (recursively) to annotation files, in a stable order. */
export function findAnnotationFiles(paths: readonly string[], io: CliIo): AnnotationFile[] {
  if (paths.length === 0) throw new ExitError(EXIT.usage, 'name at least one annotation file or folder, e.g. decks/');
  const found: string[] = [];
  for (const given of paths) {
    const path = resolve(io.cwd, given);
    let stats;
    try {
      stats = statSync(path);
    } catch {
      throw new ExitError(EXIT.failure, `${shown(given)}: no such file or folder`);
    }
    if (stats.isDirectory()) {
      const inside = walk(path);
      if (inside.length === 0) throw new ExitError(EXIT.failure, `${shown(given)}: no annotation files (*.yaml, *.yml) in this folder`);
      found.push(...inside);
    } else {
      found.push(path);
    }
  }
  // The name as shown in every message: control characters in a file name must not reach the terminal.
  return [...new Set(found)].map((path) => ({ path, file: shown(relative(io.cwd, path) || path) }));
}

function walk(folder: string): string[] {
  const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...walk(path));
    else if (entry.isFile() && ANNOTATION_EXTENSIONS.test(entry.name)) files.push(path);
  }
  return files;
}

/**
 * Reads at most `limit + 1` bytes of a regular file: enough for the loader to
 * see that a file is over its limit. Opened without blocking, so that a FIFO
 * or a device named by mistake is refused instead of hanging the command.
 */
function readPrefix(path: string, limit: number): Uint8Array {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) throw new Error('it is a folder');
    if (!stats.isFile()) throw new Error('it is not a regular file');
    const buffer = Buffer.alloc(Math.min(stats.size, limit + 1));
    let read = 0;
    while (read < buffer.length) {
      const n = readSync(fd, buffer, read, buffer.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** Reads and checks one annotation file. Never throws for bad content. */
export function checkAnnotationFile(annotationFile: AnnotationFile, limits: LoadLimits = DEFAULT_LIMITS): LoadResult {
  const { file, path } = annotationFile;
  let bytes: Uint8Array;
  try {
    bytes = readPrefix(path, limits.maxAnnotationBytes);
  } catch (error) {
    return { ok: false, errors: [{ code: 'text-file-missing', file, line: 1, col: 1, message: `cannot read the file: ${(error as Error).message}`, sourceLine: '' }] };
  }
  return loadAnnotation(bytes, {
    file,
    templateIds: TEMPLATE_IDS,
    readText: (relativePath) => readPrefix(insideFolder(dirname(path), relativePath), limits.maxTextBytes),
    limits,
  });
}

/**
 * The path of `relativePath` in `folder`, refusing one that leads out of it
 * through a symbolic link: the loader already refuses `..` and absolute paths,
 * and a shared deck must not copy other files of the machine into cards.
 */
function insideFolder(folder: string, relativePath: string): string {
  const target = resolve(folder, relativePath);
  const real = realpathSync(target); // throws ENOENT for a missing file, reported as such
  const base = realpathSync(folder);
  const rel = relative(base, real);
  if (rel.startsWith('..') || isAbsolute(rel)) {
    throw Object.assign(new Error('it is a link to a file outside the annotation\'s folder'), { code: 'EOUTSIDE' });
  }
  return real;
}

/** One annotation file and what checking it gave. */
export interface CheckedFile extends AnnotationFile {
  result: LoadResult;
}

/**
 * Checks every file, then what no single file can show: two annotations with
 * the same article id (card identities would collide). Never throws for bad content.
 */
export function checkAnnotationFiles(paths: readonly string[], io: CliIo, limits: LoadLimits = DEFAULT_LIMITS): CheckedFile[] {
  const checked = findAnnotationFiles(paths, io).map((annotationFile) => ({ ...annotationFile, result: checkAnnotationFile(annotationFile, limits) }));
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
export function loadDecks(paths: readonly string[], io: CliIo, limits: LoadLimits = DEFAULT_LIMITS): LoadedDeck[] {
  const decks: LoadedDeck[] = [];
  const failures: string[] = [];
  for (const { result, ...annotationFile } of checkAnnotationFiles(paths, io, limits)) {
    if (!result.ok) {
      failures.push(formatErrors(result.errors));
      continue;
    }
    const { cards, dropped, advice } = generateCards(result.annotation);
    decks.push({ ...annotationFile, annotation: result.annotation, cards, dropped, advice });
  }
  if (failures.length > 0) {
    io.stderr.write(failures.join('\n\n') + '\n');
    throw new ExitError(EXIT.failure, 'fix the errors above; nothing was written');
  }
  return decks;
}
