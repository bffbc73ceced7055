import type { Card } from '../cards/card.js';
import { DAY, dayStart, localTime, type DayClock } from './days.js';
import type { AnswerRecord, CardProgress, Replay } from './log.js';
import type { CardState, Grade, Phase, Scheduler } from './scheduler.js';
import { deckCounts, DEFAULT_LIMITS, startSession, type QueueCounts } from './session.js';

/**
 * What `newsdeck stats` shows, from the review log: pure, the log's records
 * and the cards in, numbers out. Undone answers never count. Days are study
 * days of the learner's clock (local time zone, 4 a.m. rollover), as in the quiz.
 */

/** An answer that counts (not undone), with the card's phase before it. */
export interface CountedAnswer {
  card: string;
  at: Date;
  grade: Grade;
  before: Phase;
}

/** The days a retention figure looks back over, as Anki's "true retention" does for a month. */
export const RETENTION_DAYS = 30;
/** Cards in review with an interval of this many days or more are mature (Anki's 21). */
export const MATURE_DAYS = 21;
/** Days of the due forecast: today (overdue included) and the six after it. */
export const FORECAST_DAYS = 7;

/** Every answer that counts, collected as the replay of the log tells them (its `onAnswer`). */
export function answerCollector(): { answers: CountedAnswer[]; onAnswer: (record: AnswerRecord, before: CardState) => void } {
  const answers: CountedAnswer[] = [];
  return { answers, onAnswer: (record, before) => answers.push({ card: record.card, at: record.at, grade: record.grade, before: before.phase }) };
}

/**
 * Share of reviews remembered: answers to cards in review (not new, not in
 * learning steps) in the last {@link RETENTION_DAYS} study days that were
 * not Again. This is what FSRS's desired retention aims at, so the two can
 * be compared. `rate` is null when there were no reviews.
 */
export interface Retention {
  days: number;
  reviews: number;
  remembered: number;
  rate: number | null;
}

/** Counts for one deck, or for all of them. The first four are the quiz's start screen, word for word. */
export interface DeckStudy extends QueueCounts {
  cards: number;
  /** Never answered (after undo). */
  unseen: number;
  /** In learning or relearning steps (due today or later). */
  inLearning: number;
  /** In review with an interval under {@link MATURE_DAYS} days, and from then on. */
  young: number;
  mature: number;
  /** Answers that count, all time, and those graded Again. */
  answers: number;
  again: number;
  /** Answers that count given today. */
  answeredToday: number;
  retention: Retention;
  /** Cards falling due on each of the next {@link FORECAST_DAYS} study days (today's includes overdue ones). */
  forecast: number[];
  /** The next time a studied card falls due: ISO and local time. */
  nextDue: string | null;
  nextDueLocal: string | null;
}

export interface StudyOptions {
  scheduler: Scheduler;
  clock: DayClock;
  now: Date;
}

/** Consecutive study days with an answer, up to today (or up to yesterday, when nothing was answered yet today). */
export function streak(answers: readonly CountedAnswer[], now: Date, clock: DayClock): number {
  const days = new Set(answers.map((a) => dayStart(a.at, clock).getTime()));
  let day = dayStart(now, clock).getTime();
  if (!days.has(day)) day -= DAY;
  let count = 0;
  while (days.has(day)) {
    count++;
    day -= DAY;
  }
  return count;
}

/** The study figures of `cards` (one deck, or all), from the replay and the counted answers. */
export function deckStudy(cards: readonly Card[], counts: QueueCounts, replayed: Replay, answers: readonly CountedAnswer[], options: StudyOptions): DeckStudy {
  const { clock, now } = options;
  const today = dayStart(now, clock).getTime();
  const ids = new Set(cards.map((c) => c.identity));
  const s: DeckStudy = {
    ...counts,
    cards: ids.size,
    unseen: 0,
    inLearning: 0,
    young: 0,
    mature: 0,
    answers: 0,
    again: 0,
    answeredToday: 0,
    retention: { days: RETENTION_DAYS, reviews: 0, remembered: 0, rate: null },
    forecast: new Array<number>(FORECAST_DAYS).fill(0),
    nextDue: null,
    nextDueLocal: null,
  };
  let next: number | undefined;
  for (const id of ids) {
    const p: CardProgress | undefined = replayed.progress.get(id);
    if (p === undefined || p.state.phase === 'new') {
      s.unseen++;
      continue;
    }
    s.answers += p.answers;
    s.again += p.again;
    if (p.state.phase === 'review') {
      if (p.state.scheduledDays >= MATURE_DAYS) s.mature++;
      else s.young++;
    } else s.inLearning++;
    const due = p.state.due.getTime();
    const day = Math.max(0, Math.floor((due - today) / DAY));
    if (day < FORECAST_DAYS) s.forecast[day] = (s.forecast[day] as number) + 1;
    if (next === undefined || due < next) next = due;
  }
  const since = today - (RETENTION_DAYS - 1) * DAY;
  for (const a of answers) {
    if (!ids.has(a.card)) continue;
    if (a.at.getTime() >= today) s.answeredToday++;
    if (a.before === 'review' && a.at.getTime() >= since) {
      s.retention.reviews++;
      if (a.grade !== 'again') s.retention.remembered++;
    }
  }
  if (s.retention.reviews > 0) s.retention.rate = s.retention.remembered / s.retention.reviews;
  if (next !== undefined) {
    s.nextDue = new Date(next).toISOString();
    s.nextDueLocal = localTime(new Date(next), clock);
  }
  return s;
}

/**
 * New, learning and due per deck (`card.deck`), as the quiz's start screen
 * counts them with the default daily limits: one session over all the decks,
 * so a deck's new cards are its share of the day's.
 */
export function startCounts(cards: readonly Card[], replayed: Replay, options: StudyOptions): Map<string, QueueCounts> {
  const first = startSession(cards, replayed, { scheduler: options.scheduler, clock: options.clock, ...DEFAULT_LIMITS }, options.now);
  return new Map(deckCounts(first.state, options.now).map((d) => [d.deck, { new: d.new, learning: d.learning, due: d.due }]));
}
