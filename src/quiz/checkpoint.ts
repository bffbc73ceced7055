import { createHash, type Hash } from 'node:crypto';
import { checkedBody, checkedJson } from './checked-json.js';
import { dayStart, nextDayStart, type DayClock } from './days.js';
import { bytesSource, MAX_LINE_BYTES, streamLines, type LogSource } from './log-stream.js';
import {
  LogBodyReader,
  logHeaderError,
  replay,
  undoneAnswers,
  type AnswerRecord,
  type CardProgress,
  type LogError,
  type LogRecord,
  type LogWarning,
  type ParsedLogBody,
  type Replay,
} from './log.js';
import { isoDate, LOG_TIME_RANGE, restoreCardState, saveCardState, type CardState, type Phase, type SavedCardState, type Scheduler } from './scheduler.js';

/**
 * A replay checkpoint: what replaying a prefix of the review log gave, so that
 * a start-up replays only the answers after it. It is a cache, derived from the
 * log and disposable: the log stays the only source of truth, and a checkpoint
 * that does not match the log byte for byte (SHA-256 of the prefix it covers),
 * the scheduler options, or this version of the replay rules is ignored.
 *
 * Everything here is pure: bytes and text in, values out. Reading and writing
 * the files is done by src/cli/progress.ts.
 */

/** Bump whenever replay semantics or the saved fields change: older checkpoints are then ignored. */
export const CHECKPOINT_VERSION = 3;

/** Write a fresh checkpoint when at least this many records were replayed beyond the last one. */
export const CHECKPOINT_AFTER_RECORDS = 1000;

const DAY = 86_400_000;
/** Answers and buries older than this before the newest record can no longer change a replay's `today` or `buriedUntil`. */
const RECENT_MS = 2 * DAY;

/** A checkpoint as data (the file is its JSON). */
export interface Checkpoint {
  newsdeck: 'replay-checkpoint';
  v: number;
  /** `Scheduler.key` of the scheduler that replayed the prefix. */
  scheduler: string;
  /** The prefix of the log covered: its length in bytes (up to and including a newline), its SHA-256 (hex) and its lines. */
  log: { bytes: number; sha256: string; lines: number };
  /** Warnings about lines within the prefix, reported again on every start as a full read would. */
  warnings: LogWarning[];
  /** Answers that count, and answers undone, in the prefix. */
  answers: number;
  undone: number;
  /** The latest `at` of any record in the prefix (ISO), null when it has none. */
  newest: string | null;
  /** Every card answered in the prefix (undone answers included), in order of first answer. */
  seen: string[];
  /** Per card, in order of first counted answer: the replayed progress. */
  cards: [string, SavedProgress][];
  /** Answers of the last 48 h before `newest`: card, time, and phase before the answer (null when undone). */
  recentAnswers: [string, string, Phase | null][];
  /** Bury records of the last 48 h before `newest`: card and time. */
  recentBuries: [string, string][];
}

interface SavedProgress {
  state: SavedCardState;
  answers: number;
  again: number;
  firstAnswered: string;
  lastAnswered: string;
}

interface RecentAnswer {
  card: string;
  at: Date;
  /** The card's phase before this answer; null when the answer was undone. */
  before: Phase | null;
}

interface RecentBury {
  card: string;
  at: Date;
}

/**
 * A replay of a prefix of the log, independent of the time it is looked at:
 * `view` turns it into a `Replay` as of a given time.
 */
export interface ReplayState {
  readonly progress: ReadonlyMap<string, CardProgress>;
  readonly answers: number;
  readonly undone: number;
  /** The latest `at` of any record (ms), -Infinity when none. */
  readonly newest: number;
  readonly seen: ReadonlySet<string>;
  /** Answers and buries that may count as of a time from `validFrom` on: those of the last 48 h before `newest`. */
  readonly recentAnswers: readonly RecentAnswer[];
  readonly recentBuries: readonly RecentBury[];
  /** The earliest time `view` can be asked about (ms): a day before the newest record; earlier, only a full replay is exact. */
  readonly validFrom: number;
}

/** The replay of an empty log. */
const EMPTY_REPLAY_STATE: ReplayState = {
  progress: new Map(),
  answers: 0,
  undone: 0,
  newest: -Infinity,
  seen: new Set(),
  recentAnswers: [],
  recentBuries: [],
  validFrom: -Infinity,
};

/**
 * Replays `records`, which follow the prefix that `base` replayed. Returns
 * undefined when an undo among them would cancel an answer of that prefix:
 * only a full replay can then tell the result.
 */
function advance(base: ReplayState, records: readonly LogRecord[], scheduler: Scheduler, onAnswer?: OnAnswer): ReplayState | undefined {
  // First pass, as in `replay`: which answers the undo records cancel.
  const undo = undoneAnswers(records);
  if (undo.unmatched > 0 && base.answers > 0) return undefined; // an undo cancels an answer of the prefix
  const { cancelled } = undo;
  const undone = base.undone + undo.undone;
  let newest = base.newest;
  for (const record of records) newest = Math.max(newest, record.at.getTime());
  const progress = new Map(base.progress);
  const seen = new Set(base.seen);
  // Only answers and buries of the last 48 h can count for any `now` from a day before the
  // newest record on (see makeCheckpoint): keeping those alone spares a long replay 100,000 objects.
  const keepFrom = newest - RECENT_MS;
  const recent = (at: Date): boolean => at.getTime() >= keepFrom;
  const recentAnswers = base.recentAnswers.filter((a) => recent(a.at));
  const recentBuries = base.recentBuries.filter((b) => recent(b.at));
  let answers = base.answers;
  for (let i = 0; i < records.length; i++) {
    const record = records[i] as LogRecord;
    if (record.type === 'bury') {
      if (recent(record.at)) recentBuries.push({ card: record.card, at: record.at });
      continue;
    }
    if (record.type === 'unbury') {
      // As in `replay`: the card's buries so far no longer count.
      for (let j = recentBuries.length - 1; j >= 0; j--) if ((recentBuries[j] as RecentBury).card === record.card) recentBuries.splice(j, 1);
      continue;
    }
    if (record.type !== 'answer') continue;
    seen.add(record.card);
    if (cancelled[i] === 1) {
      if (recent(record.at)) recentAnswers.push({ card: record.card, at: record.at, before: null });
      continue;
    }
    answers++;
    const known = progress.get(record.card);
    const before = known?.state ?? scheduler.initial(record.at);
    onAnswer?.(record, before);
    if (recent(record.at)) recentAnswers.push({ card: record.card, at: record.at, before: before.phase });
    progress.set(record.card, {
      state: scheduler.answer(before, record.grade, record.at),
      answers: (known?.answers ?? 0) + 1,
      again: (known?.again ?? 0) + (record.grade === 'again' ? 1 : 0),
      firstAnswered: known?.firstAnswered ?? record.at,
      lastAnswered: record.at,
    });
  }
  // What was left out makes `view` exact only from a day before the newest record on.
  const validFrom = Number.isFinite(newest) ? Math.max(base.validFrom, newest - DAY) : base.validFrom;
  return { progress, answers, undone, newest, seen, recentAnswers, recentBuries, validFrom };
}

/**
 * The replay as of `now`: what `replay` gives for the same records. Undefined
 * when `now` is before `state.validFrom` (more than a day before the newest
 * record of the checkpoint it was restored from), as the answers and buries
 * kept are then too few to tell what counts today.
 */
export function view(state: ReplayState, now: Date, clock: DayClock): Replay | undefined {
  if (now.getTime() < state.validFrom) return undefined;
  const todayStart = dayStart(now, clock).getTime();
  const buriedUntil = new Map<string, Date>();
  for (const record of state.recentBuries) {
    const until = nextDayStart(record.at, clock);
    const known = buriedUntil.get(record.card);
    if (until.getTime() > now.getTime() && (known === undefined || known < until)) buriedUntil.set(record.card, until);
  }
  const today = { newCards: 0, reviews: 0 };
  for (const answer of state.recentAnswers) {
    if (answer.before === null || answer.at.getTime() < todayStart) continue;
    if (answer.before === 'new') today.newCards++;
    else if (answer.before === 'review') today.reviews++;
  }
  return { progress: new Map(state.progress), buriedUntil, today, answers: state.answers, undone: state.undone };
}

/**
 * Answers given since the start of the study day of `now`, per card, undone
 * ones left out (what `newsdeck stats` shows as "answered today").
 * Exact whenever `view` is.
 */
export function answeredSince(state: ReplayState, now: Date, clock: DayClock): Map<string, number> {
  const todayStart = dayStart(now, clock).getTime();
  const counts = new Map<string, number>();
  for (const a of state.recentAnswers) if (a.before !== null && a.at.getTime() >= todayStart) counts.set(a.card, (counts.get(a.card) ?? 0) + 1);
  return counts;
}

/**
 * The checkpoint of `state`, which replayed the prefix of a log described by
 * `log` and `warnings`. Of the answers and buries it keeps those of the last
 * 48 h before the newest record: for any `now` from a day before that record
 * on, the study day starts less than 48 h before it, and a bury lasts less
 * than a day, so older ones cannot count.
 */
function makeCheckpoint(state: ReplayState, scheduler: Scheduler, log: Checkpoint['log'], warnings: readonly LogWarning[]): Checkpoint {
  const keepFrom = state.newest - RECENT_MS;
  return {
    newsdeck: 'replay-checkpoint',
    v: CHECKPOINT_VERSION,
    scheduler: scheduler.key,
    log,
    warnings: [...warnings],
    answers: state.answers,
    undone: state.undone,
    newest: Number.isFinite(state.newest) ? new Date(state.newest).toISOString() : null,
    seen: [...state.seen],
    cards: [...state.progress].map(([card, p]) => [
      card,
      {
        state: saveCardState(p.state),
        answers: p.answers,
        again: p.again,
        firstAnswered: p.firstAnswered.toISOString(),
        lastAnswered: p.lastAnswered.toISOString(),
      },
    ]),
    recentAnswers: state.recentAnswers.filter((a) => a.at.getTime() >= keepFrom).map((a) => [a.card, a.at.toISOString(), a.before]),
    recentBuries: state.recentBuries.filter((b) => b.at.getTime() >= keepFrom).map((b) => [b.card, b.at.toISOString()]),
  };
}

/**
 * The checkpoint as the text of its file (see `checkedJson`): a checkpoint
 * damaged in any way then fails the check and is ignored, so that it can
 * never change what the log says.
 */
function serializeCheckpoint(checkpoint: Checkpoint): string {
  return checkedJson(checkpoint);
}

const PHASES: readonly (Phase | null)[] = ['new', 'learning', 'review', 'relearning', null];
const WARNING_CODES: readonly string[] = ['torn-line', 'bad-line'];

/** A time of a record, as the log holds them. */
const recordTime = (value: unknown): Date | undefined => isoDate(value, LOG_TIME_RANGE);

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** A checkpoint read back from its file together with its restored replay state. */
export interface LoadedCheckpoint {
  checkpoint: Checkpoint;
  state: ReplayState;
}

/**
 * Reads a checkpoint file made with `scheduler` (an equal `Scheduler.key`) by
 * this version, and restores its replay state. Anything else (a check that
 * fails, not JSON, another version or scheduler, a field missing or malformed) gives undefined: a
 * checkpoint is a cache, and the caller then replays the whole log.
 */
export function readCheckpoint(text: string, scheduler: Scheduler): LoadedCheckpoint | undefined {
  const body = checkedBody(text);
  if (body === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  const state = restoreCheckpoint(value, scheduler);
  return state && { checkpoint: value as Checkpoint, state };
}

/** The replay state a checkpoint holds, if it is a well-formed checkpoint of this version made with `scheduler`. */
export function restoreCheckpoint(value: unknown, scheduler: Scheduler): ReplayState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const c = value as Partial<Record<keyof Checkpoint, unknown>>;
  if (c.newsdeck !== 'replay-checkpoint' || c.v !== CHECKPOINT_VERSION || c.scheduler !== scheduler.key) return undefined;
  const log = c.log as Partial<Record<keyof Checkpoint['log'], unknown>> | null | undefined;
  if (typeof log !== 'object' || log === null || !isCount(log.bytes) || log.bytes === 0 || !isCount(log.lines) || log.lines === 0) return undefined;
  if (typeof log.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(log.sha256)) return undefined;
  if (!isCount(c.answers) || !isCount(c.undone)) return undefined;
  const newest = c.newest === null ? -Infinity : recordTime(c.newest)?.getTime();
  if (newest === undefined) return undefined;
  if (!Array.isArray(c.warnings) || !Array.isArray(c.seen) || !Array.isArray(c.cards) || !Array.isArray(c.recentAnswers) || !Array.isArray(c.recentBuries)) {
    return undefined;
  }
  for (const w of c.warnings as unknown[]) {
    const o = w as Partial<Record<keyof LogWarning, unknown>> | null;
    if (typeof o !== 'object' || o === null || !WARNING_CODES.includes(o.code as string) || !isCount(o.line) || typeof o.message !== 'string') return undefined;
  }
  if (!c.seen.every((s) => typeof s === 'string')) return undefined;
  const progress = new Map<string, CardProgress>();
  for (const entry of c.cards as unknown[]) {
    if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string' || progress.has(entry[0])) return undefined;
    const p = entry[1] as Partial<Record<keyof SavedProgress, unknown>> | null;
    if (typeof p !== 'object' || p === null || !isCount(p.answers) || !isCount(p.again)) return undefined;
    const state = restoreCardState(p.state);
    const firstAnswered = recordTime(p.firstAnswered);
    const lastAnswered = recordTime(p.lastAnswered);
    if (state === undefined || firstAnswered === undefined || lastAnswered === undefined) return undefined;
    progress.set(entry[0], { state, answers: p.answers, again: p.again, firstAnswered, lastAnswered });
  }
  const recentAnswers: RecentAnswer[] = [];
  for (const entry of c.recentAnswers as unknown[]) {
    if (!Array.isArray(entry) || entry.length !== 3 || typeof entry[0] !== 'string' || !PHASES.includes(entry[2] as Phase | null)) return undefined;
    const at = recordTime(entry[1]);
    if (at === undefined) return undefined;
    recentAnswers.push({ card: entry[0], at, before: entry[2] as Phase | null });
  }
  const recentBuries: RecentBury[] = [];
  for (const entry of c.recentBuries as unknown[]) {
    if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string') return undefined;
    const at = recordTime(entry[1]);
    if (at === undefined) return undefined;
    recentBuries.push({ card: entry[0], at });
  }
  return { progress, answers: c.answers, undone: c.undone, newest, seen: new Set(c.seen as string[]), recentAnswers, recentBuries, validFrom: newest - DAY };
}


/** What the whole log says, as of a time, read with or without a checkpoint. */
export interface LogReplay {
  replayed: Replay;
  /** Warnings about lines of the whole log, as `parseLog` gives them. */
  warnings: LogWarning[];
  /** False when the last line has no newline: the next append must start a new line. */
  endsWithNewline: boolean;
  /** Every card the log has answers for (undone ones included), in order of first answer. */
  seen: string[];
  /** Answers since the start of the study day, per card, undone ones left out. */
  answeredToday: Map<string, number>;
  /** How the replay was made: from a checkpoint, or from the whole log. */
  from: 'checkpoint' | 'log';
  /**
   * Makes the text of a fresh checkpoint to save, when this replay went far
   * enough past the last one. A function, so that hashing the log can wait
   * until the first question is on the screen.
   */
  checkpoint?: () => string;
}

export interface ReplayLogOptions {
  scheduler: Scheduler;
  now: Date;
  clock: DayClock;
  /** Write a fresh checkpoint after this many records beyond the last (default CHECKPOINT_AFTER_RECORDS). */
  checkpointAfter?: number;
  /**
   * Called for every answer that counts, in log order, with the card's state
   * before it (for statistics). A checkpoint keeps no past answers, so with
   * this the whole log is replayed (once), and a fresh checkpoint still made.
   */
  onAnswer?: OnAnswer;
}

/** What a replay tells of each answer that counts: the answer and the card's state before it. */
export type OnAnswer = (record: AnswerRecord, before: CardState) => void;

/** The lines of a stream read into `reader`: how the stream ends, and how many bytes its complete lines hold. */
function readBody(chunks: Iterable<Uint8Array>, reader: LogBodyReader, hash: Hash): { endsWithNewline: boolean; completeBytes: number; hashed: boolean } {
  let endsWithNewline = true;
  let completeBytes = 0;
  let hashed = true;
  for (const line of streamLines(chunks, (bytes) => hash.update(bytes))) {
    endsWithNewline = line.terminated;
    if (line.terminated) completeBytes += line.bytes + 1;
    else if (line.hashed === true) hashed = false; // the hash went past the last newline: no checkpoint from it
    const more = line.text === undefined ? (reader.longLine(line.bytes, line.terminated), true) : reader.line(line.text, line.terminated);
    if (!more) break;
  }
  return { endsWithNewline, completeBytes, hashed };
}

/**
 * The chunks of `source` after its first `bytes` bytes, when those are the
 * prefix a checkpoint describes (they end with a newline and hash to
 * `sha256`, which `hash` has then taken in); undefined when they are not.
 */
function afterPrefix(source: LogSource, prefix: Checkpoint['log'], hash: Hash): Iterable<Uint8Array> | undefined {
  const chunks = source.chunks(0)[Symbol.iterator]();
  let read = 0;
  let last = -1;
  let rest: Uint8Array | undefined;
  while (read < prefix.bytes) {
    const next = chunks.next();
    if (next.done === true) return undefined; // the log is shorter than the checkpoint's prefix
    const wanted = Math.min(next.value.length, prefix.bytes - read);
    hash.update(next.value.subarray(0, wanted));
    read += wanted;
    if (wanted > 0) last = next.value[wanted - 1] as number;
    if (wanted < next.value.length) rest = next.value.subarray(wanted);
  }
  if (last !== 0x0a || hash.copy().digest('hex') !== prefix.sha256) return undefined;
  return {
    *[Symbol.iterator]() {
      if (rest !== undefined) yield rest;
      for (let next = chunks.next(); next.done !== true; next = chunks.next()) yield next.value;
    },
  };
}

/**
 * Replays the review log (a non-empty file, its bytes or a source that reads
 * them as a stream), starting from the checkpoint `checkpointText` when it is
 * ours and matches, else from the start. The result is the same either way;
 * only the time differs. Refuses a file that is not a review log, as
 * `parseLog` does. The log is read line by line, never as one string.
 */
export function replayLog(
  log: Uint8Array | LogSource,
  checkpointText: string | undefined,
  options: ReplayLogOptions,
): { ok: true; value: LogReplay } | { ok: false; error: LogError } {
  const { scheduler, now, clock } = options;
  const after = options.checkpointAfter ?? CHECKPOINT_AFTER_RECORDS;
  const source = log instanceof Uint8Array ? bytesSource(log) : log;
  // Checkpoints cover complete lines only (up to the last newline), and only the warnings about those lines.
  const prefixOf = (state: ReplayState, prefix: Checkpoint['log'], warnings: readonly LogWarning[]): string =>
    serializeCheckpoint(makeCheckpoint(state, scheduler, prefix, warnings.filter((w) => w.line <= prefix.lines)));

  // A checkpoint keeps no past answers: a replay that tells them reads the whole log.
  const loaded = checkpointText === undefined || options.onAnswer !== undefined ? undefined : readCheckpoint(checkpointText, scheduler);
  const hash = createHash('sha256');
  const rest = loaded === undefined ? undefined : afterPrefix(source, loaded.checkpoint.log, hash);
  if (loaded !== undefined && rest !== undefined) {
    const { log } = loaded.checkpoint;
    const reader = new LogBodyReader(log.lines + 1);
    const read = readBody(rest, reader, hash);
    const body = reader.result(read.endsWithNewline);
    if (!body.ok) return body;
    const complete = advance(loaded.state, body.records.slice(0, body.completeRecords), scheduler);
    const whole = complete && advance(complete, body.records.slice(body.completeRecords), scheduler);
    const replayed = whole && view(whole, now, clock);
    if (complete !== undefined && whole !== undefined && replayed !== undefined) {
      const warnings = [...loaded.checkpoint.warnings, ...body.warnings];
      const value: LogReplay = {
        replayed,
        warnings,
        endsWithNewline: body.endsWithNewline,
        seen: [...whole.seen],
        answeredToday: answeredSince(whole, now, clock),
        from: 'checkpoint',
      };
      if (body.completeRecords > after && usable(complete, now) && read.hashed) {
        const prefix = { bytes: log.bytes + read.completeBytes, sha256: hash.digest('hex'), lines: log.lines + body.completeLines };
        value.checkpoint = () => prefixOf(complete, prefix, warnings);
      }
      return { ok: true, value };
    }
  }

  // No usable checkpoint: the whole log.
  const parsed = parseLogStream(source);
  if (!parsed.ok) return parsed;
  const base = { warnings: parsed.warnings, endsWithNewline: parsed.endsWithNewline };
  if (parsed.completeRecords <= after) return { ok: true, value: { ...base, ...fullReplay(parsed.records, scheduler, now, clock, options.onAnswer) } };
  // Replay the complete lines once, keep that as the checkpoint, then add an unterminated last line.
  // The answers are told only of the replay that is kept: not of one given up for the whole log's.
  const heard: Parameters<OnAnswer>[] = [];
  const hear: OnAnswer | undefined = options.onAnswer === undefined ? undefined : (record, before) => heard.push([record, before]);
  const complete = advance(EMPTY_REPLAY_STATE, parsed.records.slice(0, parsed.completeRecords), scheduler, hear) as ReplayState;
  const whole = advance(complete, parsed.records.slice(parsed.completeRecords), scheduler, hear);
  const replayed = whole && view(whole, now, clock);
  let value: LogReplay;
  if (whole !== undefined && replayed !== undefined) {
    value = { ...base, replayed, seen: [...whole.seen], answeredToday: answeredSince(whole, now, clock), from: 'log' };
    for (const [record, before] of heard) options.onAnswer?.(record, before);
  } else {
    value = { ...base, ...fullReplay(parsed.records, scheduler, now, clock, options.onAnswer) };
  }
  if (usable(complete, now) && parsed.prefix !== undefined) {
    const prefix = { ...parsed.prefix, lines: parsed.completeLines };
    value.checkpoint = () => prefixOf(complete, prefix, parsed.warnings);
  }
  return { ok: true, value };
}

/** `parseLogLines` of a whole log read as a stream, with the size and hash of its complete lines (undefined when they cannot be told). */
export function parseLogStream(log: Uint8Array | LogSource): (ParsedLogBody & { ok: false }) | (ParsedLogBody & { ok: true; prefix: Omit<Checkpoint['log'], 'lines'> | undefined }) {
  const source = log instanceof Uint8Array ? bytesSource(log) : log;
  const hash = createHash('sha256');
  const chunks = source.chunks(0)[Symbol.iterator]();
  // The first line alone first: a file that is not a log is refused without reading further.
  let header: { bytes: number; terminated: boolean } | undefined;
  let rest: Uint8Array | undefined;
  const firstLine = streamLines({
    *[Symbol.iterator]() {
      let read = 0;
      for (let next = chunks.next(); next.done !== true; next = chunks.next()) {
        const newline = next.value.indexOf(0x0a);
        if (newline === -1) {
          yield next.value;
          read += next.value.length;
          if (read > MAX_LINE_BYTES) return; // no header is that long: not a log
          continue;
        }
        yield next.value.subarray(0, newline + 1);
        rest = next.value.subarray(newline + 1);
        return;
      }
    },
  }, (bytes) => hash.update(bytes));
  for (const line of firstLine) {
    const error = line.text === undefined ? logHeaderError('') : logHeaderError(line.text);
    if (error !== undefined) return { ok: false, error };
    header = { bytes: line.bytes, terminated: line.terminated }; // (no break: the stream then hashes the line)
  }
  if (header === undefined || !header.terminated) {
    return { ok: true, records: [], warnings: [], endsWithNewline: false, completeRecords: 0, completeLines: 0, prefix: undefined };
  }
  const reader = new LogBodyReader(2);
  const read = readBody(
    {
      *[Symbol.iterator]() {
        if (rest !== undefined && rest.length > 0) yield rest;
        for (let next = chunks.next(); next.done !== true; next = chunks.next()) yield next.value;
      },
    },
    reader,
    hash,
  );
  const body = reader.result(read.endsWithNewline);
  if (!body.ok) return body;
  return { ...body, completeLines: body.completeLines + 1, prefix: read.hashed ? { bytes: header.bytes + 1 + read.completeBytes, sha256: hash.digest('hex') } : undefined };
}

/**
 * Whether a checkpoint of `state` could serve a start at `now` or later: not when
 * its newest record is more than a day ahead (a clock that was wrong once),
 * which would make every later start replay the whole log anyway.
 */
function usable(state: ReplayState, now: Date): boolean {
  return !(state.newest > now.getTime() + DAY);
}

function fullReplay(records: readonly LogRecord[], scheduler: Scheduler, now: Date, clock: DayClock, onAnswer?: OnAnswer): Pick<LogReplay, 'replayed' | 'seen' | 'answeredToday' | 'from'> {
  const todayStart = dayStart(now, clock).getTime();
  const seen = new Set<string>();
  const answeredToday = new Map<string, number>();
  const { cancelled } = undoneAnswers(records);
  for (const [i, r] of records.entries()) {
    if (r.type !== 'answer') continue;
    seen.add(r.card);
    if (cancelled[i] !== 1 && r.at.getTime() >= todayStart) answeredToday.set(r.card, (answeredToday.get(r.card) ?? 0) + 1);
  }
  return { replayed: replay(records, scheduler, now, clock, onAnswer), seen: [...seen], answeredToday, from: 'log' };
}
