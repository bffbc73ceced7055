import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
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
    for (const { temporary } of staged) {
      try {
        rmSync(temporary, { force: true });
      } catch {
        // Nothing was created there: the path is unusable, which the message below says.
      }
    }
    throw new ExitError(EXIT.failure, `cannot write ${writing}: ${(error as Error).message}; nothing was changed`);
  }
  for (const { temporary, path } of staged) renameSync(temporary, path);
}

/**
 * Creates a folder and its missing parents one level at a time. (Node's
 * recursive mkdirSync spins forever on some paths, such as one under /proc.)
 */
function ensureFolder(folder: string): void {
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
