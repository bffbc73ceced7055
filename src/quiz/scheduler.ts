import {
  createEmptyCard,
  fsrs,
  generatorParameters,
  Rating,
  State,
  type Card as FsrsCard,
  type FSRS,
  type Grade as FsrsGrade,
} from 'ts-fsrs';
import { makeFastNext } from './fast-next.js';
import { RETENTION_RANGE } from './retention.js';

/**
 * Our own small face over ts-fsrs, so the rest of the program speaks in
 * grades and phases and never in the library's enums, and so that the
 * library could be swapped or upgraded in one place.
 */

/** The four answer buttons, as Anki names them. */
export type Grade = 'again' | 'hard' | 'good' | 'easy';

export const GRADES: readonly Grade[] = ['again', 'hard', 'good', 'easy'];

/** Where a card is in its life: never seen, in (re)learning steps, or in review. */
export type Phase = 'new' | 'learning' | 'review' | 'relearning';

/**
 * The memory state of one card. Plain data (dates and numbers) so that it can
 * be compared in tests; `fsrs` keeps the library's own record for the next step.
 */
export interface CardState {
  phase: Phase;
  /** When the card is next due. */
  due: Date;
  /** How many answers the card has had (after undo). */
  reps: number;
  /** How many times a review card was forgotten (Again on a review). */
  lapses: number;
  lastReview?: Date;
  /** FSRS stability in days (the interval at which recall is 90 %). */
  stability: number;
  difficulty: number;
  /** The interval the last answer gave, in days (0 while learning). */
  scheduledDays: number;
  readonly fsrs: Readonly<FsrsCard>;
}

/** What one grade would do to a card now: the next state and the interval until it is due. */
export interface GradeOutcome {
  grade: Grade;
  state: CardState;
  /** Milliseconds from now until the card is due again. */
  intervalMs: number;
}

export interface SchedulerOptions {
  /** Desired retention, the probability of recall when a card falls due (default 0.9). */
  retention?: number;
  /**
   * Spread review intervals a little so cards learnt together do not stay together.
   * Off by default. When on, ts-fsrs seeds the fuzz from the review time and
   * the card's state, so replaying the same log still gives the same intervals.
   */
  fuzz?: boolean;
  /** Learning steps for new cards (default 1m, 10m). */
  learningSteps?: readonly `${number}${'m' | 'h' | 'd'}`[];
  /** Relearning steps after a lapse (default 10m). */
  relearningSteps?: readonly `${number}${'m' | 'h' | 'd'}`[];
  /** The longest interval, in days (default 36500). */
  maximumIntervalDays?: number;
}

/** The scheduler: pure functions of a card state, a grade and a time. */
export interface Scheduler {
  readonly retention: number;
  /**
   * Text that differs between two schedulers whenever they could give different
   * states for the same answers (retention, fuzz, steps, maximum interval and the
   * library's own weights), so that saved states are reused only by an equal scheduler.
   */
  readonly key: string;
  /** The state of a card never studied, as of `now`. */
  initial(now: Date): CardState;
  /** The state after answering `grade` at `now`. */
  answer(state: CardState, grade: Grade, now: Date): CardState;
  /** What each of the four grades would give at `now`, in grade order. */
  preview(state: CardState, now: Date): GradeOutcome[];
}

export { RETENTION_RANGE };

const TO_RATING: Record<Grade, FsrsGrade> = {
  again: Rating.Again,
  hard: Rating.Hard,
  good: Rating.Good,
  easy: Rating.Easy,
};

const TO_PHASE: Record<State, Phase> = {
  [State.New]: 'new',
  [State.Learning]: 'learning',
  [State.Review]: 'review',
  [State.Relearning]: 'relearning',
};

function toState(card: FsrsCard): CardState {
  const state: CardState = {
    phase: TO_PHASE[card.state],
    due: card.due,
    reps: card.reps,
    lapses: card.lapses,
    stability: card.stability,
    difficulty: card.difficulty,
    scheduledDays: card.scheduled_days,
    fsrs: card,
  };
  if (card.last_review !== undefined) state.lastReview = card.last_review;
  return state;
}

/**
 * A card state as plain JSON data: the ts-fsrs card fields, with dates as ISO
 * strings. `restoreCardState(saveCardState(s))` equals `s`.
 */
export interface SavedCardState {
  due: string;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  reps: number;
  lapses: number;
  learning_steps: number;
  state: number;
  last_review?: string;
}

/** A card state as plain JSON data, to be kept in a file and restored later. */
export function saveCardState(state: CardState): SavedCardState {
  const card = state.fsrs;
  const saved: SavedCardState = {
    due: card.due.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsed_days,
    scheduled_days: card.scheduled_days,
    reps: card.reps,
    lapses: card.lapses,
    learning_steps: card.learning_steps,
    state: card.state,
  };
  if (card.last_review !== undefined) saved.last_review = card.last_review.toISOString();
  return saved;
}

const SAVED_NUMBERS = ['stability', 'difficulty', 'elapsed_days', 'scheduled_days', 'reps', 'lapses', 'learning_steps'] as const;

/** A span of times, in ms since the epoch: from `min` (included) to `max` (excluded). */
export interface TimeRange {
  min: number;
  max: number;
}

/**
 * The times a review log may hold: years 2000 to 2200. A time outside them
 * is a damaged or hand-edited line, and one far enough out would make due
 * dates overflow what a Date can hold.
 */
export const LOG_TIME_RANGE: TimeRange = { min: Date.UTC(2000, 0, 1), max: Date.UTC(2201, 0, 1) };

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

/**
 * A time written as we write them (`Date.toISOString`: `2025-03-01T12:00:00.000Z`,
 * also without the milliseconds), within `range` when one is given; else
 * undefined. Stricter than `Date.parse`, which also takes local times
 * ("March 1, 2025 12:00"), offsets and six-digit years, and rolls
 * 2025-02-30 over to March.
 */
export function isoDate(value: unknown, range?: TimeRange): Date | undefined {
  if (typeof value !== 'string' || !ISO_UTC.test(value)) return undefined;
  // Read the fields by hand: a replay reads 100,000 of these, and Date's own parser is the slow part.
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  const hour = digits(value, 11, 2);
  const minute = digits(value, 14, 2);
  const second = digits(value, 17, 2);
  const millisecond = value.length === 24 ? digits(value, 20, 3) : 0;
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  const time = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  if (range !== undefined && !(time >= range.min && time < range.max)) return undefined;
  return new Date(time);
}

/** The number written by `count` ASCII digits of `text` from `from` (the caller checked they are digits). */
function digits(text: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) n = n * 10 + text.charCodeAt(i) - 48;
  return n;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * The card state that `saveCardState` saved, or undefined when `saved` is not
 * such data (a damaged or foreign file): the caller then replays instead.
 */
export function restoreCardState(saved: unknown): CardState | undefined {
  if (typeof saved !== 'object' || saved === null) return undefined;
  const o = saved as Record<string, unknown>;
  const due = isoDate(o.due);
  const lastReview = o.last_review === undefined ? undefined : isoDate(o.last_review);
  if (due === undefined || (o.last_review !== undefined && lastReview === undefined)) return undefined;
  if (!SAVED_NUMBERS.every((k) => typeof o[k] === 'number' && Number.isFinite(o[k]))) return undefined;
  if (typeof o.state !== 'number' || TO_PHASE[o.state as State] === undefined) return undefined;
  const n = (k: (typeof SAVED_NUMBERS)[number]): number => o[k] as number;
  // The fields of a ts-fsrs card.
  const card: FsrsCard = {
    due,
    stability: n('stability'),
    difficulty: n('difficulty'),
    elapsed_days: n('elapsed_days'),
    scheduled_days: n('scheduled_days'),
    reps: n('reps'),
    lapses: n('lapses'),
    learning_steps: n('learning_steps'),
    state: o.state as State,
    last_review: lastReview,
  };
  return toState(card);
}

/** Builds a scheduler; throws a RangeError for a retention outside {@link RETENTION_RANGE}. */
export function createScheduler(options: SchedulerOptions = {}): Scheduler {
  const retention = options.retention ?? 0.9;
  if (!(retention >= RETENTION_RANGE.min && retention <= RETENTION_RANGE.max)) {
    throw new RangeError(
      `desired retention ${retention} is out of range: use a number from ${RETENTION_RANGE.min} to ${RETENTION_RANGE.max}, e.g. 0.9`,
    );
  }
  const engine: FSRS = fsrs(
    generatorParameters({
      request_retention: retention,
      enable_fuzz: options.fuzz ?? false,
      enable_short_term: true,
      ...(options.learningSteps ? { learning_steps: options.learningSteps } : {}),
      ...(options.relearningSteps ? { relearning_steps: options.relearningSteps } : {}),
      ...(options.maximumIntervalDays ? { maximum_interval: options.maximumIntervalDays } : {}),
    }),
  );
  // Replaying a long log calls `answer` once per line: see fast-next.ts for why it does not call engine.next.
  const next = makeFastNext(engine);
  return {
    retention,
    key: JSON.stringify(engine.parameters),
    initial: (now) => toState(createEmptyCard(now)),
    answer: (state, grade, now) => toState(next(state.fsrs, notBefore(state, now), TO_RATING[grade])),
    preview: (state, now) => {
      const all = engine.repeat(state.fsrs, notBefore(state, now));
      return GRADES.map((grade) => {
        const next = toState(all[TO_RATING[grade]].card);
        return { grade, state: next, intervalMs: next.due.getTime() - now.getTime() };
      });
    },
  };
}

/**
 * The review time, or the card's last review when that is later: a clock set
 * back (or logs merged from two machines) must not make a log unreadable, and
 * ts-fsrs rejects a review dated before the previous one.
 */
function notBefore(state: CardState, now: Date): Date {
  return state.lastReview !== undefined && now.getTime() < state.lastReview.getTime() ? state.lastReview : now;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** An interval as Anki shows it on a button: 1m, 6m, 3h, 4d, 1.5mo, 2.1y. */
export function formatInterval(ms: number): string {
  if (ms < HOUR) return `${Math.max(1, Math.round(ms / MINUTE))}m`;
  if (ms < DAY) return `${Math.round(ms / HOUR)}h`;
  const days = ms / DAY;
  if (days < 30) return `${Math.round(days)}d`;
  if (days < 365) return `${trim(days / 30)}mo`;
  return `${trim(days / 365)}y`;
}

function trim(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}

/** "again" → "Again". */
export function gradeLabel(grade: Grade): string {
  return grade.charAt(0).toUpperCase() + grade.slice(1);
}

/** Reads a grade as a user types it: 1-4 or the name, in any case. */
export function parseGrade(text: string): Grade | undefined {
  const t = text.trim().toLowerCase();
  // 1-4 are the grades in order; a name must be one of them ('constructor' is no grade).
  if (/^[1-4]$/.test(t)) return GRADES[Number(t) - 1];
  return GRADES.find((g) => g === t);
}
