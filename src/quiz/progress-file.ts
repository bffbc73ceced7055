import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ExitError, EXIT } from '../cli/io.js';
import { writeFileAtomic } from '../cli/files.js';
import { replayLog, type LogReplay, type ReplayLogOptions } from './checkpoint.js';
import { parseLog, replay, serializeHeader, serializeRecord, type LogRecord, type LogWarning } from './log.js';

/**
 * The edge of the quiz that touches the disk: reading the review log and
 * appending to it. Everything it reads goes through the pure `parseLog`.
 */

/** `--progress`, else `$XDG_DATA_HOME/newsdeck/progress.jsonl`, else `~/.local/share/newsdeck/progress.jsonl`. */
export function defaultProgressPath(env: Record<string, string | undefined>, cwd: string): string {
  const xdg = env.XDG_DATA_HOME;
  if (xdg !== undefined && xdg !== '' && xdg.startsWith('/')) return join(xdg, 'newsdeck', 'progress.jsonl');
  const home = env.HOME;
  if (home !== undefined && home !== '') return join(home, '.local', 'share', 'newsdeck', 'progress.jsonl');
  return resolve(cwd, '.newsdeck-progress.jsonl');
}

export interface ProgressRead {
  path: string;
  records: LogRecord[];
  warnings: LogWarning[];
  /** False when the file does not exist yet or is empty: the first append writes the header. */
  exists: boolean;
  endsWithNewline: boolean;
}

/**
 * Reads the log at `path`. A missing or empty file is an empty log. A file
 * that is not a newsdeck review log throws ExitError (status 1) and is left alone.
 */
export function readProgress(path: string): ProgressRead {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { path, records: [], warnings: [], exists: false, endsWithNewline: true };
    throw new ExitError(EXIT.failure, `cannot read the progress file ${path}: ${(error as Error).message}`);
  }
  if (text === '') return { path, records: [], warnings: [], exists: false, endsWithNewline: true };
  const parsed = parseLog(text);
  if (!parsed.ok) throw new ExitError(EXIT.failure, `${path}:${parsed.error.line}: ${parsed.error.message}. The file was not changed.`);
  return { path, records: parsed.records, warnings: parsed.warnings, exists: true, endsWithNewline: parsed.endsWithNewline };
}

/** Where the replay checkpoint of the log at `path` is kept: beside it. */
export function checkpointPath(path: string): string {
  return `${path}.checkpoint.json`;
}

/** The log at a path, replayed as of a time. */
export interface ProgressReplay extends LogReplay {
  path: string;
  /** False when the file does not exist yet or is empty: the first append writes the header. */
  exists: boolean;
}

/**
 * Reads the log at `path` and replays it, from its checkpoint
 * (`<path>.checkpoint.json`) when that matches the log, and saves a fresh
 * checkpoint when the replay went far past the last one. The checkpoint is a
 * cache: one that is missing, unreadable or stale is ignored and replaced, and
 * failing to save one is no error. The log itself is only read. A missing or
 * empty log is an empty log; a file that is not a newsdeck review log throws
 * ExitError (status 1) and is left alone, and no checkpoint is written for it.
 */
export function readAndReplayProgress(path: string, options: ReplayLogOptions): ProgressReplay {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new ExitError(EXIT.failure, `cannot read the progress file ${path}: ${(error as Error).message}`);
    bytes = Buffer.alloc(0);
  }
  if (bytes.length === 0) {
    const replayed = replay([], options.scheduler, options.now, options.clock);
    return { path, exists: false, endsWithNewline: true, warnings: [], replayed, seen: [], answeredToday: new Map(), from: 'log' };
  }
  let checkpointText: string | undefined;
  try {
    checkpointText = readFileSync(checkpointPath(path), 'utf8');
  } catch {
    checkpointText = undefined; // missing or unreadable: replay the whole log
  }
  const result = replayLog(bytes, checkpointText, options);
  if (!result.ok) throw new ExitError(EXIT.failure, `${path}:${result.error.line}: ${result.error.message}. The file was not changed.`);
  if (result.value.checkpoint !== undefined) {
    try {
      writeFileAtomic(checkpointPath(path), result.value.checkpoint);
    } catch {
      // A checkpoint only saves time; without one the next start replays more.
    }
  }
  return { path, exists: true, ...result.value };
}

/**
 * Appends records to a log that `readProgress` accepted: one write per call,
 * then fsync, so an answer is on disk before the next question is shown.
 */
export class ProgressWriter {
  private exists: boolean;
  private needsNewline: boolean;

  constructor(
    readonly path: string,
    read: Pick<ProgressRead, 'exists' | 'endsWithNewline'>,
  ) {
    this.exists = read.exists;
    this.needsNewline = !read.endsWithNewline;
  }

  append(records: readonly LogRecord[]): void {
    if (records.length === 0) return;
    const body = records.map(serializeRecord).join('');
    if (!this.exists) {
      // A new log is written whole (header and first records) and renamed into place.
      writeFileAtomic(this.path, serializeHeader() + body);
      this.exists = true;
      return;
    }
    mkdirSync(dirname(this.path), { recursive: true });
    const fd = openSync(this.path, 'a');
    try {
      const bytes = Buffer.from((this.needsNewline ? '\n' : '') + body, 'utf8');
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
      fsyncSync(fd);
      this.needsNewline = false;
    } finally {
      closeSync(fd);
    }
  }
}
