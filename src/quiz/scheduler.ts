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
  /** The state of a card never studied, as of `now`. */
  initial(now: Date): CardState;
  /** The state after answering `grade` at `now`. */
  answer(state: CardState, grade: Grade, now: Date): CardState;
  /** What each of the four grades would give at `now`, in grade order. */
  preview(state: CardState, now: Date): GradeOutcome[];
}

/** Lowest and highest desired retention we accept, as Anki does. */
export const RETENTION_RANGE = { min: 0.7, max: 0.99 } as const;

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
  return {
    retention,
    initial: (now) => toState(createEmptyCard(now)),
    answer: (state, grade, now) => toState(engine.next(state.fsrs, now, TO_RATING[grade]).card),
    preview: (state, now) => {
      const all = engine.repeat(state.fsrs, now);
      return GRADES.map((grade) => {
        const next = toState(all[TO_RATING[grade]].card);
        return { grade, state: next, intervalMs: next.due.getTime() - now.getTime() };
      });
    },
  };
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

/** "Again 1m · Hard 6m · Good 10m · Easy 8d". */
export function formatButtons(outcomes: readonly GradeOutcome[]): string {
  return outcomes.map((o) => `${gradeLabel(o.grade)} ${formatInterval(o.intervalMs)}`).join(' · ');
}

/** "again" → "Again". */
export function gradeLabel(grade: Grade): string {
  return grade.charAt(0).toUpperCase() + grade.slice(1);
}

/** Reads a grade as a user types it: 1-4 or the name, in any case. */
export function parseGrade(text: string): Grade | undefined {
  const t = text.trim().toLowerCase();
  const byNumber: Record<string, Grade> = { '1': 'again', '2': 'hard', '3': 'good', '4': 'easy' };
  if (byNumber[t]) return byNumber[t];
  return GRADES.find((g) => g === t);
}
