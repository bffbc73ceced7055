import { GRADES, isoDate, LOG_TIME_RANGE, type CardState, type Grade, type Scheduler } from './scheduler.js';
import { dayStart, nextDayStart, type DayClock } from './days.js';

/**
 * The review log: the only record of a learner's progress. It is append-only
 * JSON lines: a header line naming the file as ours, then one record per
 * answer, undo or bury. The state of every card is rebuilt by replaying it.
 *
 *   {"newsdeck":"review-log","v":1}
 *   {"v":1,"card":"a/quote-speaker/q1","at":"2025-03-01T12:00:00.000Z","grade":"good","mode":"choice","ms":2300}
 *   {"v":1,"undo":true,"card":"a/quote-speaker/q1","at":"2025-03-01T12:00:05.000Z"}
 *   {"v":1,"bury":true,"card":"a/claim/c2","at":"2025-03-01T12:01:00.000Z"}
 *   {"v":1,"unbury":true,"card":"a/claim/c2","at":"2025-03-01T12:01:04.000Z"}
 */

export const LOG_VERSION = 1;

/** The first line of every review log. */
export const LOG_HEADER_LINE = `{"newsdeck":"review-log","v":${LOG_VERSION}}`;

/** How a question was asked. */
export type QuestionMode = 'flip' | 'choice' | 'typed';
export const QUESTION_MODES: readonly QuestionMode[] = ['flip', 'choice', 'typed'];

/** One answer: the card, when, the grade given and how the question was asked. */
export interface AnswerRecord {
  type: 'answer';
  card: string;
  at: Date;
  grade: Grade;
  mode: QuestionMode;
  /** Milliseconds from showing the question to the answer. */
  ms: number;
}

/** Cancels the latest answer not yet cancelled (the log itself is never rewritten). */
export interface UndoRecord {
  type: 'undo';
  /** The card whose answer is undone, for readers of the file. */
  card: string;
  at: Date;
}

/** Hides a card until the next study day. */
export interface BuryRecord {
  type: 'bury';
  card: string;
  at: Date;
}

/** Cancels the bury of a card (an undo of a bury): it can be asked again today. */
export interface UnburyRecord {
  type: 'unbury';
  card: string;
  at: Date;
}

export type LogRecord = AnswerRecord | UndoRecord | BuryRecord | UnburyRecord;

/** Something odd in a log that is still read: a torn last line, an unreadable line. */
export interface LogWarning {
  code: 'torn-line' | 'bad-line';
  /** 1-based line number. */
  line: number;
  message: string;
}

/** Why a file cannot be used as a review log at all. */
export interface LogError {
  code: 'not-a-review-log' | 'newer-version';
  line: number;
  message: string;
}

export type ParsedLog =
  | {
      ok: true;
      records: LogRecord[];
      warnings: LogWarning[];
      /** False when the last line has no newline: the next append must start a new line. */
      endsWithNewline: boolean;
    }
  | { ok: false; error: LogError };

/** The header line followed by a newline: the content of a new, empty log. */
export function serializeHeader(): string {
  return LOG_HEADER_LINE + '\n';
}

/** One record as a line of JSON with its newline. Field order is fixed. */
export function serializeRecord(record: LogRecord): string {
  const at = record.at.toISOString();
  switch (record.type) {
    case 'answer':
      return (
        JSON.stringify({ v: LOG_VERSION, card: record.card, at, grade: record.grade, mode: record.mode, ms: Math.round(record.ms) }) +
        '\n'
      );
    case 'undo':
      return JSON.stringify({ v: LOG_VERSION, undo: true, card: record.card, at }) + '\n';
    case 'bury':
      return JSON.stringify({ v: LOG_VERSION, bury: true, card: record.card, at }) + '\n';
    case 'unbury':
      return JSON.stringify({ v: LOG_VERSION, unbury: true, card: record.card, at }) + '\n';
  }
}

function isHeader(value: unknown): value is { newsdeck: 'review-log'; v: number } {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { newsdeck?: unknown }).newsdeck === 'review-log' &&
    typeof (value as { v?: unknown }).v === 'number'
  );
}

type LineResult = { record: LogRecord } | { problem: string } | { newer: number };

function parseRecord(value: unknown): LineResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { problem: 'not a JSON object' };
  const o = value as Record<string, unknown>;
  if (typeof o.v !== 'number') return { problem: 'no version field "v"' };
  if (o.v > LOG_VERSION) return { newer: o.v };
  if (typeof o.card !== 'string' || o.card === '') return { problem: 'no card identity "card"' };
  if (typeof o.at !== 'string') return { problem: 'no time "at"' };
  const at = isoDate(o.at, LOG_TIME_RANGE);
  if (at === undefined) {
    return { problem: `"at" must be a UTC time from the years 2000-2200 as newsdeck writes it (e.g. 2025-03-01T12:00:00.000Z), got ${JSON.stringify(o.at)}` };
  }
  if (o.undo === true) return { record: { type: 'undo', card: o.card, at } };
  if (o.bury === true) return { record: { type: 'bury', card: o.card, at } };
  if (o.unbury === true) return { record: { type: 'unbury', card: o.card, at } };
  if (typeof o.grade !== 'string' || !(GRADES as readonly string[]).includes(o.grade)) {
    return { problem: `"grade" must be one of ${GRADES.join(', ')}` };
  }
  const mode = typeof o.mode === 'string' && (QUESTION_MODES as readonly string[]).includes(o.mode) ? (o.mode as QuestionMode) : 'flip';
  const ms = typeof o.ms === 'number' && o.ms >= 0 ? o.ms : 0;
  return { record: { type: 'answer', card: o.card, at, grade: o.grade as Grade, mode, ms } };
}

/**
 * Reads a review log. A torn last line (an answer cut short by a crash) is
 * skipped with a warning, as is any other unreadable line after the header;
 * a text whose first line is not our header is refused, so that a file that
 * is not ours is never appended to.
 */
export function parseLog(text: string): ParsedLog {
  const parsed = parseLogLines(text);
  if (!parsed.ok) return parsed;
  return { ok: true, records: parsed.records, warnings: parsed.warnings, endsWithNewline: parsed.endsWithNewline };
}

/** `parseLog`, also telling which records and lines are complete (end with a newline), for checkpoints. */
export function parseLogLines(text: string): ParsedLogBody {
  const firstEnd = text.indexOf('\n');
  const headerError = logHeaderError(firstEnd === -1 ? text : text.slice(0, firstEnd));
  if (headerError !== undefined) return { ok: false, error: headerError };
  if (firstEnd === -1) return { ok: true, records: [], warnings: [], endsWithNewline: false, completeRecords: 0, completeLines: 0 };
  const body = parseLogBody(text.slice(firstEnd + 1), 2);
  return body.ok ? { ...body, completeLines: body.completeLines + 1 } : body;
}

/** Why a first line is not the header of a log this version reads; undefined when it is. (A BOM some editors add is allowed.) */
export function logHeaderError(first: string): LogError | undefined {
  let header: unknown;
  try {
    header = JSON.parse(first.charCodeAt(0) === 0xfeff ? first.slice(1) : first);
  } catch {
    header = undefined;
  }
  if (!isHeader(header)) {
    return {
      code: 'not-a-review-log',
      line: 1,
      message: `this is not a newsdeck review log: its first line should be ${LOG_HEADER_LINE}. Choose another file with --progress, or move this one away`,
    };
  }
  if (header.v > LOG_VERSION) return newer(1, header.v);
  return undefined;
}

/** The lines of a log after its header, or after a checkpoint (see checkpoint.ts). */
export type ParsedLogBody =
  | {
      ok: true;
      records: LogRecord[];
      warnings: LogWarning[];
      /** False when the last line has no newline. */
      endsWithNewline: boolean;
      /** How many of `records` come from lines that end with a newline (all but a last unterminated one). */
      completeRecords: number;
      /** How many newline-terminated lines the text has. */
      completeLines: number;
    }
  | { ok: false; error: LogError };

/**
 * Reads the record lines of a log: `text` starts at the beginning of a line,
 * which is line `firstLine` (1-based) of the whole log, so warnings and errors
 * name lines of the whole file. A last line without a newline that is not JSON
 * is a torn line; any other unreadable line is a bad line.
 */
export function parseLogBody(text: string, firstLine: number): ParsedLogBody {
  const reader = new LogBodyReader(firstLine);
  // One pass over the text with indexOf, without an array of all the lines.
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    if (!reader.line(text.slice(start, end), newline !== -1)) break;
    start = end + 1;
  }
  return reader.result(text === '' || text.endsWith('\n'));
}

/**
 * `parseLogBody` one line at a time, so that a log is read as a stream and
 * never held as one string (V8 refuses strings over about 512 MB).
 */
export class LogBodyReader {
  private readonly records: LogRecord[] = [];
  private readonly warnings: LogWarning[] = [];
  private completeRecords = 0;
  private completeLines = 0;
  private lineNo: number;
  private error: LogError | undefined;

  constructor(firstLine: number) {
    this.lineNo = firstLine - 1;
  }

  /**
   * One line without its newline; `terminated` is false for a last line
   * without one. False once the log is refused: stop reading.
   */
  line(line: string, terminated: boolean): boolean {
    if (this.error !== undefined) return false;
    const lineNo = this.start(terminated);
    // A second header: two sessions created the log at the same instant (see src/cli/progress.ts).
    // (A blank line is rare: test the first character before trimming a copy of every line.)
    if (line === '' || (line.charCodeAt(0) <= 32 && line.trim() === '') || line === LOG_HEADER_LINE) return true;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      this.unreadable(lineNo, terminated, 'is not valid JSON');
      return true;
    }
    const result = parseRecord(value);
    if ('newer' in result) {
      this.error = newer(lineNo, result.newer);
      return false;
    }
    if ('problem' in result) {
      this.warnings.push({ code: 'bad-line', line: lineNo, message: `line ${lineNo} is skipped: ${result.problem}` });
      return true;
    }
    this.records.push(result.record);
    if (terminated) this.completeRecords++;
    return true;
  }

  /** A line too long to be a record newsdeck wrote, passed over without reading it. */
  longLine(bytes: number, terminated: boolean): void {
    if (this.error !== undefined) return;
    this.unreadable(this.start(terminated), terminated, `is ${bytes} bytes long, far longer than any record`);
  }

  /** What the lines said; `endsWithNewline` is whether the text read ends with a newline (or is empty). */
  result(endsWithNewline: boolean): ParsedLogBody {
    if (this.error !== undefined) return { ok: false, error: this.error };
    return { ok: true, records: this.records, warnings: this.warnings, endsWithNewline, completeRecords: this.completeRecords, completeLines: this.completeLines };
  }

  private start(terminated: boolean): number {
    this.lineNo++;
    if (terminated) this.completeLines++;
    return this.lineNo;
  }

  private unreadable(lineNo: number, terminated: boolean, why: string): void {
    this.warnings.push(
      terminated
        ? { code: 'bad-line', line: lineNo, message: `line ${lineNo} ${why} and is skipped` }
        : { code: 'torn-line', line: lineNo, message: `line ${lineNo} is incomplete (an answer interrupted while being saved) and is skipped` },
    );
  }
}

function newer(line: number, version: number): LogError {
  return {
    code: 'newer-version',
    line,
    message: `line ${line} was written by a newer newsdeck (log format v${version}; this one reads v${LOG_VERSION}). Upgrade newsdeck to use this log`,
  };
}

/** What the log says about one card. */
export interface CardProgress {
  state: CardState;
  /** Answers that count (undone ones left out). */
  answers: number;
  /** Answers graded Again. */
  again: number;
  firstAnswered: Date;
  lastAnswered: Date;
}

/** The learner's progress rebuilt from a log, as of a given time. */
export interface Replay {
  /** Every card the log has answers for, including cards no longer in any deck. */
  progress: Map<string, CardProgress>;
  /** Cards buried until a time after `now`. */
  buriedUntil: Map<string, Date>;
  /** New cards first answered today, and answers to review cards today (the daily limits). */
  today: { newCards: number; reviews: number };
  /** Answers that count, after undo. */
  answers: number;
  /** Answers cancelled by an undo record. */
  undone: number;
}

/**
 * Which answers of `records` the undo records among them cancel: each undo
 * cancels the latest answer not already cancelled. `unmatched` counts undos
 * that found no answer in `records` (they reach further back, or nowhere).
 */
export function undoneAnswers(records: readonly LogRecord[]): { cancelled: Uint8Array; undone: number; unmatched: number } {
  const cancelled = new Uint8Array(records.length);
  const stack: number[] = [];
  let undone = 0;
  let unmatched = 0;
  for (let i = 0; i < records.length; i++) {
    const type = (records[i] as LogRecord).type;
    if (type === 'answer') stack.push(i);
    else if (type === 'undo') {
      const last = stack.pop();
      if (last === undefined) unmatched++;
      else {
        cancelled[last] = 1;
        undone++;
      }
    }
  }
  return { cancelled, undone, unmatched };
}

/**
 * Replays the log through the scheduler. An undo record cancels the latest
 * answer not already cancelled, whichever card it was for: the same rule the
 * session follows, so that a restart sees what the session saw.
 */
export function replay(
  records: readonly LogRecord[],
  scheduler: Scheduler,
  now: Date,
  clock: DayClock,
  /** Called for every answer that counts, with the card's state before it (for statistics). */
  onAnswer?: (record: AnswerRecord, before: CardState) => void,
): Replay {
  const { cancelled, undone } = undoneAnswers(records);
  const todayStart = dayStart(now, clock).getTime();
  const progress = new Map<string, CardProgress>();
  const buriedUntil = new Map<string, Date>();
  const today = { newCards: 0, reviews: 0 };
  let answers = 0;
  records.forEach((record, index) => {
    if (record.type === 'unbury') {
      buriedUntil.delete(record.card);
      return;
    }
    if (record.type === 'bury') {
      const until = nextDayStart(record.at, clock);
      const known = buriedUntil.get(record.card);
      if (until.getTime() > now.getTime() && (known === undefined || known < until)) buriedUntil.set(record.card, until);
      return;
    }
    if (record.type !== 'answer' || cancelled[index] === 1) return;
    answers++;
    const known = progress.get(record.card);
    const before = known?.state ?? scheduler.initial(record.at);
    onAnswer?.(record, before);
    if (record.at.getTime() >= todayStart) {
      if (before.phase === 'new') today.newCards++;
      else if (before.phase === 'review') today.reviews++;
    }
    const state = scheduler.answer(before, record.grade, record.at);
    progress.set(record.card, {
      state,
      answers: (known?.answers ?? 0) + 1,
      again: (known?.again ?? 0) + (record.grade === 'again' ? 1 : 0),
      firstAnswered: known?.firstAnswered ?? record.at,
      lastAnswered: record.at,
    });
  });
  return { progress, buriedUntil, today, answers, undone };
}
