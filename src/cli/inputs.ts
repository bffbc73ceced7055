import { closeSync, existsSync, fstatSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { shown } from '../annotation/shown.js';
import { CLASS_FILE } from '../class/file-name.js';
import { ExitError, EXIT, type CliIo } from './io.js';
import { openRegularFile } from './files.js';
import type { ClassFolder } from './class-folder.js';

/**
 * Which files a command reads: the class folder, the annotation files, the
 * bytes of each. Apart from load.ts (which parses and checks them), so that
 * the quiz can tell whether its deck cache still matches these files without
 * loading the annotation and card modules.
 */

/** One annotation file named on the command line (or found in a folder). */
export interface AnnotationFile {
  /** As shown to the user: relative to the working directory. */
  file: string;
  path: string;
  /**
   * The project root `text_file` may not leave: the class folder, the folder
   * named on the command line, or the working folder. When absent, the
   * annotation's own folder.
   */
  root?: string;
}

/**
 * The templates folder a command uses: `--templates DIR`, else the class
 * file's `templates:` (relative to the class folder), else none. Templates are
 * code: they load only when the user names them in one of these two places.
 */
export function templatesDir(option: string | undefined, inClass: ClassFolder | undefined): string | undefined {
  if (option !== undefined) return option;
  return inClass?.settings.templates === undefined ? undefined : join(inClass.folder, inClass.settings.templates);
}

/**
 * The folder of the class file a command works in: the one named on the
 * command line (the folder or its newsdeck.yaml), else the nearest one around
 * the working folder; undefined outside any class folder. The file is not read.
 */
export function classFolderOf(paths: readonly string[], io: CliIo): string | undefined {
  for (const given of paths) {
    const path = resolve(io.cwd, given);
    if (basename(path) === CLASS_FILE && existsSync(path)) return dirname(path);
    if (existsSync(join(path, CLASS_FILE)) && statSync(path).isDirectory()) return path;
  }
  for (let folder = io.cwd; ; folder = dirname(folder)) {
    if (existsSync(join(folder, CLASS_FILE))) return folder;
    if (dirname(folder) === folder) return undefined;
  }
}

const ANNOTATION_EXTENSIONS = /\.ya?ml$/i;

/** Expands files and folders (recursively) to annotation files, in a stable order; in a class folder, the class's annotations. */
export function findAnnotationFiles(paths: readonly string[], io: CliIo, inClass: ClassFolder | undefined): AnnotationFile[] {
  const isClassPath = (given: string): boolean => {
    const path = resolve(io.cwd, given);
    return inClass !== undefined && (path === inClass.folder || path === join(inClass.folder, CLASS_FILE));
  };
  // The class folder (or no path inside one) stands for the class's annotations.
  const named = inClass !== undefined && (paths.length === 0 || paths.some(isClassPath))
    ? [...paths.filter((p) => !isClassPath(p)), ...inClass.settings.annotations.map((a) => join(inClass.folder, a))]
    : paths;
  if (named.length === 0) throw new ExitError(EXIT.usage, 'name at least one annotation file or folder, e.g. decks/');
  const found: { path: string; root: string }[] = [];
  const rootOf = (path: string, namedFolder: string | undefined): string => {
    if (inClass !== undefined && isInside(inClass.folder, path)) return inClass.folder;
    if (namedFolder !== undefined) return namedFolder;
    return isInside(io.cwd, path) ? io.cwd : dirname(path);
  };
  for (const given of named) {
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
      found.push(...inside.map((p) => ({ path: p, root: rootOf(p, path) })));
    } else {
      found.push({ path, root: rootOf(path, undefined) });
    }
  }
  // The name as shown in every message: control characters in a file name must not reach the terminal.
  const seen = new Set<string>();
  return found
    .filter(({ path }) => !seen.has(path) && seen.add(path) !== undefined)
    .map(({ path, root }) => ({ path, root, file: shown(relative(io.cwd, path) || path) }));
}

export function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
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
export function readPrefix(path: string, limit: number): Uint8Array {
  const fd = openRegularFile(path);
  try {
    const stats = fstatSync(fd);
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

/**
 * The path of `relativePath` in `folder`, refusing one that leads out of it
 * through a symbolic link: the loader already refuses `..` and absolute paths,
 * and a shared deck must not copy other files of the machine into cards.
 */
export function insideFolder(folder: string, relativePath: string, root: string): string {
  const target = resolve(folder, relativePath);
  const real = realpathSync(target); // throws ENOENT for a missing file, reported as such
  const base = realpathSync(root);
  const rel = relative(base, real);
  if (rel.startsWith('..') || isAbsolute(rel)) {
    const where = root === folder ? "the annotation's folder" : 'the project root';
    throw Object.assign(new Error(`it is a link to a file outside ${where}`), { code: 'EOUTSIDE' });
  }
  return real;
}
