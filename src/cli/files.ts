import { closeSync, constants, existsSync, fstatSync, fsyncSync, linkSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { shown } from '../annotation/shown.js';
import { ExitError, EXIT, type CliIo } from './io.js';

/**
 * Writes a file so that readers see either the old content or the new one,
 * never a torn file: write a temporary file beside it, flush it, rename it over.
 */
export function writeFileAtomic(path: string, data: FileData): void {
  writeFilesAtomic([{ path, data }]);
}

/** What a file is written from: text, bytes, or text in pieces (written one at a time, never joined). */
export type FileData = string | Uint8Array | Iterable<string>;

/**
 * Writes several files all or nothing, as far as a file system allows: every
 * file is written and flushed to a temporary name first, and only when all of
 * them are on disk are they renamed into place. A failure leaves the old files.
 */

export function writeFilesAtomic(files: readonly { path: string; data: FileData }[]): void {
  refuseSameFile(files.map(({ path }) => path));
  const staged = new StagedFiles();
  for (const { path, data } of files) staged.add(path, data);
  staged.commit();
}

/**
 * A write of several files all or nothing, staged one file at a time: each
 * file is written and flushed to a temporary name as soon as it is made (so
 * that a large build need not hold every package in memory), and only
 * {@link StagedFiles.commit} renames them all into place. A failure, or
 * {@link StagedFiles.abandon}, removes the temporary files and leaves the old ones.
 */
export class StagedFiles {
  private readonly staged: { temporary: string; path: string }[] = [];
  private readonly seen = new Map<string, string>();

  /** The paths staged so far, in order. */
  get paths(): string[] {
    return this.staged.map(({ path }) => path);
  }

  /** Writes `data` to the temporary file of `path`. */
  add(path: string, data: FileData): void {
    try {
      refuseSameFile([path], this.seen);
    } catch (error) {
      this.abandon();
      throw error;
    }
    try {
      ensureFolder(dirname(path));
      const temporary = `${path}.${process.pid}.tmp`;
      this.staged.push({ temporary, path });
      writeFlushed(temporary, data);
    } catch (error) {
      this.abandon();
      throw new ExitError(EXIT.failure, `cannot write ${path}: ${(error as Error).message}; nothing was changed`);
    }
  }

  /** Removes the temporary files staged so far (and stale ones of the same paths). */
  abandon(): void {
    removeAll(this.staged);
    removeStaleTemporaries(this.paths);
  }

  /** Renames every staged file into place. */
  commit(): void {
    const staged = this.staged;
    removeStaleTemporaries(this.paths);
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
}

/** Writes `data` to `path` (created or truncated) and flushes it to the disk. */
function writeFlushed(path: string, data: FileData): void {
  const fd = openSync(path, 'w');
  try {
    const write = (bytes: Uint8Array): void => {
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    };
    if (typeof data === 'string') write(Buffer.from(data, 'utf8'));
    else if (data instanceof Uint8Array) write(data);
    else {
      // Pieces gathered into writes of about a megabyte: one system call per piece would be slow.
      let pending = '';
      for (const piece of data) {
        pending += piece;
        if (pending.length >= 1 << 20) {
          write(Buffer.from(pending, 'utf8'));
          pending = '';
        }
      }
      write(Buffer.from(pending, 'utf8'));
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** What {@link writeNewFile} says, in the words of the command that writes the file. */
export interface NewFileWords {
  /**
   * The error when the name is taken: what the file is to the user and what to
   * do. Given where the data was kept instead, when `keepAs` is set.
   */
  exists: (keptIn: string | undefined) => string;
  /**
   * Where to keep the data when the name is taken, instead of discarding it
   * (a student's exam answers). Not a `<name>.<pid>.tmp` name: a later write
   * of the file would remove that as stale.
   */
  keepAs?: string;
}

/**
 * Creates a file that must not exist yet, whole or not at all: the data goes
 * to a temporary file first, flushed, which is then hard-linked to its name
 * (the link fails if the name exists, so an existing file is never replaced,
 * not even one created meanwhile) and removed. Leaves no temporary file, but
 * for data to keep that `keepAs` could not hold.
 */
export function writeNewFile(io: Pick<CliIo, 'cwd'>, path: string, data: string | Uint8Array, words: NewFileWords): void {
  removeStaleTemporaries([path]);
  const temporary = `${path}.${process.pid}.tmp`;
  let keptIn: string | undefined;
  try {
    writeFlushed(temporary, data);
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new ExitError(EXIT.failure, `cannot write ${shownPath(io, path)}: ${(error as Error).message}; nothing was written`);
    }
    if (words.keepAs !== undefined) keptIn = linked(temporary, words.keepAs) ? words.keepAs : temporary;
    throw new ExitError(EXIT.failure, words.exists(keptIn === undefined ? undefined : shownPath(io, keptIn)));
  } finally {
    if (keptIn !== temporary) rmSync(temporary, { force: true });
  }
}

/** Links `temporary` to `name` too (exclusively: `name` must not exist either); false when that fails. */
function linked(temporary: string, name: string): boolean {
  try {
    linkSync(temporary, name);
    return true;
  } catch {
    return false;
  }
}

/**
 * Two paths of one write that are one file where case does not count (macOS,
 * Windows, a USB stick) would leave only the second: refuse before writing anything.
 */
function refuseSameFile(paths: readonly string[], seen = new Map<string, string>()): void {
  for (const path of paths) {
    const key = path.normalize('NFC').toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      const which = first === path ? `${path} twice` : `both ${first} and ${path}: where case does not count they are one file`;
      throw new ExitError(EXIT.failure, `refusing to write ${which}, and one output would overwrite the other; nothing was changed`);
    }
    seen.set(key, path);
  }
}

/** `<name>.<pid>.tmp`: what {@link writeFilesAtomic} stages a file as. */
const TEMPORARY = /^(.+)\.([1-9]\d{0,9})\.tmp$/;

/**
 * Removes the temporary files that writes of these paths left when they were
 * killed: `<name>.<pid>.tmp` beside each path, of a process that no longer
 * runs. Nothing else: a file of another pattern is not ours, and one of a
 * running process is a write in progress (a pid reused since is kept too: the
 * file then waits for a later run). Our own pid's file is overwritten anyway.
 */
export function removeStaleTemporaries(paths: readonly string[]): void {
  const byFolder = new Map<string, Set<string>>();
  for (const path of paths) {
    const folder = dirname(path);
    byFolder.set(folder, (byFolder.get(folder) ?? new Set()).add(basename(path)));
  }
  for (const [folder, names] of byFolder) removeStaleTemporariesIn(folder, (name) => names.has(name));
}

/**
 * Removes from `folder` every `<name>.<pid>.tmp` whose `name` is `ours` and
 * whose process no longer runs, by the rule of {@link removeStaleTemporaries}.
 * With `folders`, a temporary may be a folder (a cache entry staged whole),
 * removed with what it holds.
 */
export function removeStaleTemporariesIn(folder: string, ours: (name: string) => boolean, options: { folders?: boolean } = {}): void {
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch {
    return; // No folder yet (or none readable): nothing to clean, and the write reports its own error.
  }
  for (const entry of entries) {
    const match = TEMPORARY.exec(entry);
    if (match === null || !ours(match[1] as string)) continue;
    const pid = Number(match[2]);
    if (pid === process.pid || isRunning(pid)) continue;
    try {
      rmSync(join(folder, entry), { force: true, recursive: options.folders === true });
    } catch {
      // Left for a later run: a stale file in the way of nothing.
    }
  }
}

/** Signal 0 checks that a process exists without touching it: ESRCH means none; EPERM, another user's. */
function isRunning(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid > 2 ** 31 - 1) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
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

/** A path as a message shows it: relative to the working folder when inside it, control characters made visible. */
export function shownPath(io: Pick<CliIo, 'cwd'>, path: string): string {
  return shown(path.startsWith(io.cwd + '/') ? path.slice(io.cwd.length + 1) : path);
}

/** What a file that is not a regular one is, for a message ('a FIFO', 'a device'). */
function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Opens a file to read, refusing anything but a regular file: it is opened
 * without blocking and checked before a byte is read, so that a FIFO named by
 * mistake cannot hang the command and a device such as /dev/zero cannot be
 * read without end. Throws an Error saying what the file is (ENOENT as Node gives it).
 */
export function openRegularFile(path: string): number {
  return openRegular(path, constants.O_RDONLY);
}

/** Opens a file to append to, refusing anything but a regular file (as {@link openRegularFile}); never creates one. */
export function openRegularFileToAppend(path: string): number {
  return openRegular(path, constants.O_WRONLY | constants.O_APPEND);
}

function openRegular(path: string, flags: number): number {
  const fd = openSync(path, flags | constants.O_NONBLOCK);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new Error(`it is ${kindOf(stats)}, not a regular file`);
    return fd;
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/** The bytes of an open file from a position on, read in chunks into one reused buffer (see src/quiz/log-stream.ts). */
export function fileChunks(fd: number, chunkSize = 1 << 20): { chunks(from: number): Iterable<Uint8Array> } {
  return {
    *chunks(from: number) {
      const buffer = Buffer.allocUnsafe(chunkSize);
      for (let position = from; ; ) {
        const n = readSync(fd, buffer, 0, chunkSize, position);
        if (n === 0) return;
        position += n;
        yield buffer.subarray(0, n);
      }
    },
  };
}

/** The whole of a regular file (see {@link openRegularFile}) as text; for small files only (a checkpoint, a manifest). */
export function readRegularFile(path: string): string {
  const fd = openRegularFile(path);
  try {
    const parts: Uint8Array[] = [];
    for (const chunk of fileChunks(fd, 1 << 16).chunks(0)) parts.push(Buffer.from(chunk));
    return Buffer.concat(parts).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
