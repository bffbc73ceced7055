import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { ExitError, EXIT } from './io.js';

/**
 * Writes a file so that readers see either the old content or the new one,
 * never a torn file: write a temporary file beside it, flush it, rename it over.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  writeFilesAtomic([{ path, data }]);
}

/**
 * Writes several files all or nothing, as far as a file system allows: every
 * file is written and flushed to a temporary name first, and only when all of
 * them are on disk are they renamed into place. A failure leaves the old files.
 */
export function writeFilesAtomic(files: readonly { path: string; data: string | Uint8Array }[]): void {
  const staged: { temporary: string; path: string }[] = [];
  let writing = '';
  try {
    for (const { path, data } of files) {
      writing = path;
      ensureFolder(dirname(path));
      const temporary = `${path}.${process.pid}.tmp`;
      staged.push({ temporary, path });
      const fd = openSync(temporary, 'w');
      try {
        const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
        let written = 0;
        while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
  } catch (error) {
    removeAll(staged);
    throw new ExitError(EXIT.failure, `cannot write ${writing}: ${(error as Error).message}; nothing was changed`);
  }
  // A folder where a file should go would fail the rename half-way: refuse before renaming anything.
  const blocked = staged.find(({ path }) => existsSync(path) && statSync(path).isDirectory());
  if (blocked !== undefined) {
    removeAll(staged);
    throw new ExitError(EXIT.failure, `cannot write ${blocked.path}: a folder of that name is in the way; nothing was changed`);
  }
  const replaced: string[] = [];
  for (const { temporary, path } of staged) {
    try {
      renameSync(temporary, path);
      replaced.push(path);
    } catch (error) {
      removeAll(staged);
      const done = replaced.length === 0 ? 'nothing was changed' : `already written: ${replaced.join(', ')}`;
      throw new ExitError(EXIT.failure, `cannot write ${path}: ${(error as Error).message}; ${done}`);
    }
  }
}

/** Removes the temporary files of a failed write; a path that cannot be cleaned was never created. */
function removeAll(staged: readonly { temporary: string }[]): void {
  for (const { temporary } of staged) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // The path is unusable (under a file, say): the error being reported says so.
    }
  }
}

/**
 * Creates a folder and its missing parents one level at a time. (Node's
 * recursive mkdirSync spins forever on some paths, such as one under /proc.)
 */
export function ensureFolder(folder: string): void {
  const missing: string[] = [];
  let current = folder;
  while (!existsSync(current)) {
    missing.unshift(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const path of missing) mkdirSync(path);
}

/**
 * Resolves `name` inside `folder` and refuses any result outside it, so that
 * nothing an annotation says (an article id, a deck name) can make us write
 * elsewhere than the chosen output folder.
 */
export function pathInside(folder: string, name: string): string {
  const base = resolve(folder);
  const target = resolve(base, name);
  const rel = relative(base, target);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    throw new ExitError(EXIT.failure, `refusing to write '${name}': it is outside the output folder ${base}`);
  }
  return target;
}
