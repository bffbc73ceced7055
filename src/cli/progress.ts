import { closeSync, fstatSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { replayLog, type LogReplay, type ReplayLogOptions } from '../quiz/checkpoint.js';
import { parseLog, replay, serializeHeader, serializeRecord, type LogRecord } from '../quiz/log.js';
import { shown } from '../annotation/shown.js';
import { lineReader } from '../quiz/terminal.js';
import { parseCommandArgs } from './args.js';
import { ensureFolder, fileChunks, openRegularFile, openRegularFileToAppend, readRegularFile, writeFileAtomic } from './files.js';
import { ExitError, EXIT, println, type CliIo } from './io.js';
import type { Command } from './main.js';

/**
 * The edge of the quiz that touches the disk: reading the review log (and its
 * replay checkpoint) and appending to it. Everything it reads goes through the
 * pure core in src/quiz (`replayLog`, `parseLog`).
 */

/** `--progress`, else `$XDG_DATA_HOME/newsdeck/progress.jsonl`, else `~/.local/share/newsdeck/progress.jsonl`. */
export function defaultProgressPath(env: Record<string, string | undefined>, cwd: string): string {
  const xdg = env.XDG_DATA_HOME;
  if (xdg !== undefined && xdg !== '' && xdg.startsWith('/')) return join(xdg, 'newsdeck', 'progress.jsonl');
  const home = env.HOME;
  if (home !== undefined && home !== '') return join(home, '.local', 'share', 'newsdeck', 'progress.jsonl');
  return resolve(cwd, '.newsdeck-progress.jsonl');
}

/** Where the replay checkpoint of the log at `path` is kept: beside it. */
export function checkpointPath(path: string): string {
  return `${path}.checkpoint.json`;
}

/** The log at a path, replayed as of a time. */
export interface ProgressReplay extends LogReplay {
  path: string;
  /**
   * Saves the fresh checkpoint the replay made, if any (beside the log), once
   * however often it is called. Never fails: the checkpoint is a cache. Call
   * it once the learner has something to look at; it hashes the whole log.
   */
  saveCheckpoint(): void;
  /** False when the file does not exist yet or is empty: the first append writes the header. */
  exists: boolean;
}

/**
 * Reads the log at `path` and replays it, from its checkpoint
 * (`<path>.checkpoint.json`) when that matches the log; `saveCheckpoint`
 * then saves a fresh one when the replay went far past the last. The
 * checkpoint is a cache: one that is missing, unreadable or stale is ignored
 * and replaced, and failing to save one is no error. The log itself is only read. A missing or
 * empty log is an empty log; a file that is not a newsdeck review log throws
 * ExitError (status 1) and is left alone, and no checkpoint is written for it.
 */
export function readAndReplayProgress(path: string, options: ReplayLogOptions): ProgressReplay {
  let fd: number;
  try {
    fd = openRegularFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw cannotRead(path, error);
    return emptyLog(path, options);
  }
  let result: ReturnType<typeof replayLog>;
  try {
    if (fstatSync(fd).size === 0) return emptyLog(path, options);
    let checkpointText: string | undefined;
    try {
      checkpointText = readRegularFile(checkpointPath(path));
    } catch {
      checkpointText = undefined; // missing or unreadable: replay the whole log
    }
    // Line by line: a log of years is too long for one string.
    result = replayLog(fileChunks(fd), checkpointText, options);
  } catch (error) {
    if (error instanceof ExitError) throw error;
    throw cannotRead(path, error);
  } finally {
    closeSync(fd);
  }
  if (!result.ok) throw new ExitError(EXIT.failure, `${path}:${result.error.line}: ${result.error.message}. The file was not changed.`);
  let make = result.value.checkpoint;
  const saveCheckpoint = (): void => {
    if (make === undefined) return;
    const text = make;
    make = undefined; // once is enough
    try {
      writeFileAtomic(checkpointPath(path), text());
    } catch {
      // A checkpoint only saves time; without one the next start replays more.
    }
  };
  return { path, exists: true, ...result.value, saveCheckpoint };
}

function cannotRead(path: string, error: unknown): ExitError {
  const why = (error as Error).message;
  return new ExitError(EXIT.failure, `cannot read the progress file ${path}: ${why}. Name a review log with --progress FILE (a regular file)`);
}

function emptyLog(path: string, options: ReplayLogOptions): ProgressReplay {
  const replayed = replay([], options.scheduler, options.now, options.clock);
  return { path, exists: false, endsWithNewline: true, warnings: [], replayed, seen: [], answeredToday: new Map(), from: 'log', saveCheckpoint: () => undefined };
}

/**
 * Appends records to a log that `readAndReplayProgress` accepted: one write
 * per call, then fsync, so an answer is on disk before the next question is
 * shown. A new log is created with an exclusive create, so that two sessions
 * starting without a log never replace each other's file: the second one
 * appends to the log the first one made.
 */
export class ProgressWriter {
  private exists: boolean;
  private needsNewline: boolean;

  constructor(
    readonly path: string,
    read: Pick<ProgressReplay, 'exists' | 'endsWithNewline'>,
  ) {
    this.exists = read.exists;
    this.needsNewline = !read.endsWithNewline;
  }

  /**
   * Appends `records`; throws ExitError (status 1) when they cannot be saved,
   * saying that they were not and that everything before them is in the log.
   */
  append(records: readonly LogRecord[]): void {
    const first = records[0];
    if (first === undefined) return;
    try {
      const body = records.map(serializeRecord).join('');
      if (!this.exists && this.create(serializeHeader() + body)) return;
      this.write(body);
    } catch (error) {
      const what = records.some((r) => r.type === 'answer') ? 'answer' : first.type;
      const why = error instanceof Error ? error.message : String(error);
      throw new ExitError(
        EXIT.failure,
        `cannot save to the review log ${this.path}: ${why}.\nThis ${what} was NOT saved; everything answered before it is in the log.`,
      );
    }
  }

  /**
   * Creates the log with `text` (header and first records) if no file is
   * there; false when another session created it meanwhile (after checking
   * that it is a review log), so the caller appends instead.
   */
  private create(text: string): boolean {
    ensureFolder(dirname(this.path));
    let fd: number;
    try {
      // 'ax': exclusive create, and append mode, so that a session that finds
      // this file the moment it is created never has its lines overwritten.
      fd = openSync(this.path, 'ax');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      this.adopt();
      return false;
    }
    try {
      writeAll(fd, text);
    } finally {
      closeSync(fd);
    }
    this.exists = true;
    this.needsNewline = false;
    return true;
  }

  /** Takes on a log that another session created after this one started: only if it is ours. */
  private adopt(): void {
    const text = readRegularFile(this.path);
    if (text === '') {
      // Created this instant and not yet written: our header goes first, theirs is then ignored (see parseLogBody).
      this.needsNewline = false;
      this.write(serializeHeader());
      this.exists = true;
      return;
    }
    const parsed = parseLog(text);
    if (!parsed.ok) throw new Error(`it was created by something else during this session (${parsed.error.message})`);
    this.exists = true;
    this.needsNewline = !parsed.endsWithNewline;
  }

  private write(body: string): void {
    // Append to the file that is there, never create one: a log deleted or
    // moved during the session must not come back without its header.
    const fd = openRegularFileToAppend(this.path);
    try {
      writeAll(fd, (this.needsNewline ? '\n' : '') + body);
      this.needsNewline = false;
    } finally {
      closeSync(fd);
    }
  }
}

function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let written = 0;
  while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
  fsyncSync(fd);
}


/** The file beside a log that `newsdeck progress repair` moves its unreadable lines to. */
export function tornPath(path: string): string {
  return `${path}.torn`;
}

const REPAIR_USAGE = [
  'Usage: newsdeck progress repair [--progress FILE] [--yes]',
  '',
  'Moves the lines of the review log that cannot be read (an answer cut short by a',
  'crash, a damaged line) to FILE.torn, after asking, so that the quiz stops warning',
  'about them. The quiz itself only ever appends to the log; this is the one command',
  'that rewrites it (through a temporary file), and every byte it takes out is kept',
  'in FILE.torn.',
  '',
  'Options:',
  '  --progress FILE  the review log (default as for newsdeck quiz)',
  '  --yes            do not ask',
].join('\n');

/**
 * `newsdeck progress repair`: the one way to clear a torn line. Reads the
 * log, lists its unreadable lines, asks, appends them to `<log>.torn`
 * (fsync), then replaces the log by its readable lines (temporary file and
 * rename). Refuses when the log changed meanwhile (a quiz appending).
 */
export const command: Command = {
  usage: REPAIR_USAGE,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs('progress', args, { progress: { type: 'string' }, yes: { type: 'boolean' } });
    if (positionals.length !== 1 || positionals[0] !== 'repair') {
      throw new ExitError(EXIT.usage, "the progress command is 'repair': newsdeck progress repair [--progress FILE] [--yes]");
    }
    const path = values.progress === undefined ? defaultProgressPath(io.env, io.cwd) : resolve(io.cwd, values.progress);
    let text: string;
    try {
      text = readRegularFile(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        println(io.stdout, shown(`${path}: no review log here yet; nothing to repair.`));
        return EXIT.ok;
      }
      throw new ExitError(EXIT.failure, `cannot read the progress file ${path}: ${(error as Error).message}`);
    }
    const parsed = parseLog(text);
    if (!parsed.ok) throw new ExitError(EXIT.failure, `${path}:${parsed.error.line}: ${parsed.error.message}. The file was not changed.`);
    if (parsed.warnings.length === 0) {
      println(io.stdout, shown(`${path}: every line is readable; nothing to repair.`));
      return EXIT.ok;
    }
    const lines = text.split('\n');
    const bad = new Set(parsed.warnings.map((w) => w.line));
    for (const w of parsed.warnings) println(io.stdout, shown(`${path}: ${w.message}:\n  ${lines[w.line - 1] ?? ''}`));
    const noun = bad.size === 1 ? 'this line' : `these ${bad.size} lines`;
    if (values.yes !== true) {
      const reader = lineReader(io.stdin);
      io.stdout.write(shown(`Move ${noun} to ${tornPath(path)} and take ${bad.size === 1 ? 'it' : 'them'} out of the log? [y/N] `));
      const reply = await reader.next();
      reader.close();
      if (reply === null || !/^y(es)?$/i.test(reply.trim())) {
        println(io.stdout, '\nNothing was changed.');
        return EXIT.ok;
      }
    }
    const removed = lines.filter((_, i) => bad.has(i + 1));
    const kept = lines.filter((line, i) => !bad.has(i + 1) && !(i === lines.length - 1 && line === ''));
    // The torn lines first, on disk, so that a crash between the two steps loses nothing.
    const fd = openSync(tornPath(path), 'a');
    try {
      writeAll(fd, removed.join('\n') + '\n');
    } finally {
      closeSync(fd);
    }
    if (readRegularFile(path) !== text) {
      throw new ExitError(EXIT.failure, `${path} changed while it was being repaired (is a quiz running?); it was left as it is. Run the repair again when no quiz is open`);
    }
    writeFileAtomic(path, kept.join('\n') + '\n');
    println(io.stdout, shown(`Moved ${removed.length} line${removed.length === 1 ? '' : 's'} to ${tornPath(path)}; the log keeps its ${parsed.records.length} readable record${parsed.records.length === 1 ? '' : 's'}.`));
    return EXIT.ok;
  },
};
