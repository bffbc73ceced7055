import type { Card } from '../cards/card.js';
import { dayStart, localTime, nextDayStart, type DayClock } from './days.js';
import type { CardProgress, LogRecord, QuestionMode, Replay } from './log.js';
import { checkTyped, gradeChoice, isAnswerOption, type TypedCheck } from './match.js';
import { modeFor } from './modes.js';
import { optionOrder } from './shuffle.js';
import type { CardState, Grade, GradeOutcome, Scheduler } from './scheduler.js';

/**
 * A study session as a pure state machine: `startSession` builds the first
 * state and screen, `step(state, event)` returns the next state, the screen to
 * show, and the log records to append. The terminal layer turns keys or lines
 * into events and screens into text; it never decides anything itself.
 */

export interface SessionOptions {
  scheduler: Scheduler;
  clock: DayClock;
  /** New cards introduced per study day, over all decks (default 20). */
  newPerDay: number;
  /** New cards introduced per study day from any one deck (default: `newPerDay`), as Anki's deck limit. */
  newPerDeck?: number;
  /** Which deck's new cards come first (default `newest`, see {@link NewOrder}). */
  newOrder?: NewOrder;
  /** Answers to review cards per study day (default 200). */
  reviewsPerDay: number;
  /** When nothing else is left, learning cards due this soon are shown early (default 20 minutes, as Anki). */
  learnAheadMs: number;
  /** `--mode`: ask every card this way when it can be. */
  mode?: QuestionMode;
}

export const DEFAULT_LIMITS = { newPerDay: 20, reviewsPerDay: 200, learnAheadMs: 20 * 60_000 } as const;

/**
 * How the day's new cards are shared among decks:
 *   - `newest`: the deck of the most recently published article first, up to
 *     its deck limit, then the next newest, and so on (this week's articles
 *     before last month's);
 *   - `round-robin`: one new card from each deck in turn (newest deck first
 *     in every round), so that every deck gets some new cards every day.
 */
export type NewOrder = 'newest' | 'round-robin';
export const NEW_ORDERS: readonly NewOrder[] = ['newest', 'round-robin'];

/**
 * What the learner is looking at: the question; the back, to grade (flip);
 * a typed answer checked, with the back, to grade; a multiple-choice pick,
 * graded at once, with the back, until a key.
 */
export type Stage = 'question' | 'revealed' | 'checked' | 'answered';

export interface Current {
  card: Card;
  mode: QuestionMode;
  stage: Stage;
  shownAt: Date;
  /** Time to answer, fixed when the back is revealed or the answer is typed. */
  ms?: number;
  typed?: string;
  check?: TypedCheck;
  /** Stage `answered`: what the pick did. */
  feedback?: Feedback;
  /** Mode `choice`: the options in the order shown (see {@link optionOrder}). */
  choices?: readonly string[];
}

/** What the last answer did, shown above the next question. */
export interface Feedback {
  card: Card;
  mode: QuestionMode;
  grade: Grade;
  /** Not graded Again. */
  correct: boolean;
  /** For multiple choice graded by the pick (not by the learner after an undo): the option picked. */
  chosen?: string;
  /** For a pick: why it got its grade ("right within 3 s"). */
  reason?: string;
  /** Time to answer. */
  ms: number;
  /** When the card is due again. */
  due: Date;
  intervalMs: number;
}

/** The three queues Anki shows: new, in learning, and reviews due today. */
export interface QueueCounts {
  new: number;
  learning: number;
  due: number;
}

export interface DeckCounts extends QueueCounts {
  deck: string;
  cards: number;
}

export interface SessionStats {
  answered: number;
  correct: number;
  byGrade: Record<Grade, number>;
  /** Sum of answer times. */
  answerMs: number;
}

export type EndReason = 'finished' | 'quit' | 'interrupt' | 'eof';

export interface Summary {
  reason: EndReason;
  stats: SessionStats;
  /** When the session ended. */
  endedAt: Date;
  /** Wall time of the session. */
  elapsedMs: number;
  /** The next time a card of these decks falls due, if any. */
  nextDue?: Date;
  /** The same, as local time on the session's clock ("2025-03-01 13:10"). */
  nextDueLocal?: string;
  /** What is left for today (after limits). */
  remaining: QueueCounts;
}

export type Screen =
  | { kind: 'question'; current: Current; counts: QueueCounts; choices?: readonly string[]; feedback?: Feedback; notice?: string }
  | { kind: 'revealed'; current: Current; counts: QueueCounts; buttons: GradeOutcome[]; notice?: string }
  | { kind: 'checked'; current: Current; counts: QueueCounts; buttons: GradeOutcome[]; check: TypedCheck; notice?: string }
  | { kind: 'answered'; current: Current; counts: QueueCounts; feedback: Feedback; notice?: string }
  | { kind: 'end'; summary: Summary; feedback?: Feedback; notice?: string };

export type SessionEvent =
  /** Shows the back of a flip card; `text`, when the learner typed an attempt, is checked as a typed answer is. */
  | { type: 'reveal'; at: Date; text?: string }
  /** Leaves the back of an answered card for the next card. */
  | { type: 'continue'; at: Date }
  | { type: 'grade'; grade: Grade; at: Date }
  | { type: 'choose'; index: number; at: Date }
  | { type: 'type'; text: string; at: Date }
  | { type: 'skip'; at: Date }
  | { type: 'bury'; at: Date }
  | { type: 'undo'; at: Date }
  | { type: 'quit'; reason: Exclude<EndReason, 'finished'>; at: Date };

/** What `u` can take back, latest last: an answer, a bury or a skip. */
type HistoryEntry = AnswerEntry | PassEntry;

/** A bury or a skip: undoing it asks the card again (and, for a bury, lets it be asked today). */
interface PassEntry {
  kind: 'bury' | 'skip';
  card: Card;
  mode: QuestionMode;
  buriedBefore: Date | undefined;
  skipped: readonly string[];
}

interface AnswerEntry {
  kind: 'answer';
  identity: string;
  mode: QuestionMode;
  /** Time to answer, kept for a multiple-choice answer graded again after an undo. */
  ms: number;
  before: CardProgress | undefined;
  today: Today;
  stats: SessionStats;
}

interface Today {
  /** Start of the study day the counters belong to (ms). */
  day: number;
  newCards: number;
  reviews: number;
}

export interface SessionState {
  /** The cards, each deck's in the order its new ones are introduced (see {@link interleaveFamilies}). */
  readonly cards: readonly Card[];
  /** The decks (`card.deck`), newest article first (see {@link deckOrder}). */
  readonly decks: readonly string[];
  readonly options: SessionOptions;
  readonly startedAt: Date;
  readonly progress: ReadonlyMap<string, CardProgress>;
  readonly buriedUntil: ReadonlyMap<string, Date>;
  readonly today: Today;
  /** Cards skipped in this session, shown again only when nothing else is left. */
  readonly skipped: readonly string[];
  readonly current: Current | null;
  readonly history: readonly HistoryEntry[];
  readonly stats: SessionStats;
  readonly end?: EndReason;
}

export interface Step {
  state: SessionState;
  screen: Screen;
  /** Records to append to the review log, in order, before showing the screen. */
  records: LogRecord[];
}

const NO_STATS: SessionStats = { answered: 0, correct: 0, byGrade: { again: 0, hard: 0, good: 0, easy: 0 }, answerMs: 0 };

/** Starts a session over `cards` (in study order) with the progress replayed from the log. */
export function startSession(cards: readonly Card[], replayed: Replay, options: SessionOptions, now: Date): Step {
  const seen = new Set<string>();
  const unique = cards.filter((c) => (seen.has(c.identity) ? false : (seen.add(c.identity), true)));
  const decks = deckOrder(unique);
  const byDeck = groupByDeck(unique);
  const state: SessionState = {
    cards: decks.flatMap((deck) => interleaveFamilies(byDeck.get(deck) ?? [])),
    decks,
    options,
    startedAt: now,
    progress: replayed.progress,
    buriedUntil: replayed.buriedUntil,
    today: { day: dayStart(now, options.clock).getTime(), ...replayed.today },
    skipped: [],
    current: null,
    history: [],
    stats: NO_STATS,
  };
  return advance(state, now, []);
}

/**
 * The decks of `cards`, the one of the most recently published article first
 * (`source.published`, ISO dates compare as text); decks without a date last;
 * equal dates in the order the decks were given.
 */
export function deckOrder(cards: readonly Card[]): string[] {
  const newest = new Map<string, string>();
  for (const card of cards) {
    const published = card.source.published ?? '';
    const known = newest.get(card.deck);
    if (known === undefined || published > known) newest.set(card.deck, published);
  }
  // Array.prototype.sort is stable: equal dates keep the given order.
  const date = (deck: string): string => newest.get(deck) ?? '';
  return [...newest.keys()].sort((a, b) => (date(a) > date(b) ? -1 : date(a) < date(b) ? 1 : 0));
}

/**
 * The order new cards are introduced in within one deck: the families in turn (an actor, a
 * quote, a claim, an event, a term, an actor, …), each in deck order, so that
 * a day's new cards are a mix rather than twenty cards of one kind.
 */
export function interleaveFamilies(cards: readonly Card[]): Card[] {
  const byFamily = new Map<string, Card[]>();
  for (const card of cards) {
    const list = byFamily.get(card.family);
    if (list === undefined) byFamily.set(card.family, [card]);
    else list.push(card);
  }
  return roundRobin([...byFamily.values()]);
}

/** Applies one event. Events that do not fit the current stage leave the state as it is, with a notice. */
export function step(state: SessionState, event: SessionEvent): Step {
  const at = event.at;
  const s = rollDay(state, at);
  if (s.end !== undefined) return { state: s, screen: endScreen(s, at), records: [] };
  if (event.type === 'quit') {
    const ended = { ...s, end: event.reason };
    return { state: ended, screen: endScreen(ended, at), records: [] };
  }
  if (event.type === 'undo') return undo(s, at);
  const current = s.current;
  if (current === null) return { state: s, screen: screenFor(s, at), records: [] };
  if (current.stage === 'answered') {
    if (event.type === 'skip' || event.type === 'bury') return stay(s, at, 'This card is answered: any key for the next one, u to undo.');
    return advance({ ...s, current: null }, at, []);
  }
  switch (event.type) {
    case 'continue':
      return stay(s, at, 'Answer this card first.');
    case 'skip': {
      const pass = passEntry('skip', s, current);
      const next = { ...s, skipped: [...s.skipped.filter((id) => id !== current.card.identity), current.card.identity], current: null, history: [...s.history, pass] };
      return advance(next, at, [], undefined, 'Skipped: it comes back at the end (u to undo).');
    }
    case 'bury': {
      const pass = passEntry('bury', s, current);
      const buried = new Map(s.buriedUntil);
      buried.set(current.card.identity, nextDayStart(at, s.options.clock));
      const next = { ...s, buriedUntil: buried, current: null, history: [...s.history, pass] };
      return advance(next, at, [{ type: 'bury', card: current.card.identity, at }], undefined, 'Buried until tomorrow (u to undo).');
    }
    case 'reveal':
      if (current.mode !== 'flip' || current.stage !== 'question') return stay(s, at, 'Nothing to reveal here.');
      if (event.text !== undefined && event.text.trim() !== '') {
        // An attempt typed on a flip card is checked like a typed answer, and graded the same way.
        const check = checkTyped(current.card.answer, event.text);
        return show({ ...s, current: { ...current, stage: 'checked', ms: elapsed(current, at), typed: event.text, check } }, at);
      }
      return show({ ...s, current: { ...current, stage: 'revealed', ms: elapsed(current, at) } }, at);
    case 'type': {
      if (current.mode !== 'typed' || current.stage !== 'question') return stay(s, at, 'Type an answer only when asked to.');
      const check = checkTyped(current.card.answer, event.text);
      return show({ ...s, current: { ...current, stage: 'checked', ms: elapsed(current, at), typed: event.text, check } }, at);
    }
    case 'choose': {
      const choices = current.choices;
      if (current.mode !== 'choice' || current.stage !== 'question' || choices === undefined) return stay(s, at, 'There are no options to choose from.');
      const chosen = choices[event.index];
      if (chosen === undefined) return stay(s, at, `Choose an option from 1 to ${choices.length}.`);
      const correct = isAnswerOption(current.card.answer, chosen);
      const ms = elapsed(current, at);
      const graded = gradeChoice(correct, ms, { options: choices.length, firstAnswer: !s.progress.has(current.card.identity) });
      return answer(s, current, graded.grade, ms, at, { chosen, reason: graded.reason });
    }
    case 'grade':
      if (current.stage === 'question' && current.mode !== 'flip') return stay(s, at, 'Answer first, then grade.');
      return answer(s, current, event.grade, current.ms ?? elapsed(current, at), at);
  }
}


function elapsed(current: Current, at: Date): number {
  return Math.max(0, at.getTime() - current.shownAt.getTime());
}

/** A new study day resets the daily counters. */
function rollDay(state: SessionState, at: Date): SessionState {
  const day = dayStart(at, state.options.clock).getTime();
  return day === state.today.day ? state : { ...state, today: { day, newCards: 0, reviews: 0 } };
}

function answer(state: SessionState, current: Current, grade: Grade, ms: number, at: Date, pick?: { chosen: string; reason: string }): Step {
  const identity = current.card.identity;
  const known = state.progress.get(identity);
  const before: CardState = known?.state ?? state.options.scheduler.initial(at);
  const cardState = state.options.scheduler.answer(before, grade, at);
  const progress = new Map(state.progress);
  progress.set(identity, {
    state: cardState,
    answers: (known?.answers ?? 0) + 1,
    again: (known?.again ?? 0) + (grade === 'again' ? 1 : 0),
    firstAnswered: known?.firstAnswered ?? at,
    lastAnswered: at,
  });
  const today: Today = {
    day: state.today.day,
    newCards: state.today.newCards + (before.phase === 'new' ? 1 : 0),
    reviews: state.today.reviews + (before.phase === 'review' ? 1 : 0),
  };
  const correct = grade !== 'again';
  const stats: SessionStats = {
    answered: state.stats.answered + 1,
    correct: state.stats.correct + (correct ? 1 : 0),
    byGrade: { ...state.stats.byGrade, [grade]: state.stats.byGrade[grade] + 1 },
    answerMs: state.stats.answerMs + ms,
  };
  const history: HistoryEntry[] = [...state.history, { kind: 'answer', identity, mode: current.mode, ms, before: known, today: state.today, stats: state.stats }];
  const feedback: Feedback = {
    card: current.card,
    mode: current.mode,
    grade,
    correct,
    due: cardState.due,
    intervalMs: cardState.due.getTime() - at.getTime(),
    ms,
  };
  const records: LogRecord[] = [{ type: 'answer', card: identity, at, grade, mode: current.mode, ms }];
  if (pick !== undefined) {
    // A pick is graded at once: its back (answer, note, source) stays on screen until a key.
    feedback.chosen = pick.chosen;
    feedback.reason = pick.reason;
    const shownBack: SessionState = { ...state, progress, today, stats, history, current: { ...current, stage: 'answered', ms, feedback } };
    return { state: shownBack, screen: screenFor(shownBack, at), records };
  }
  const next: SessionState = { ...state, progress, today, stats, history, current: null };
  return advance(next, at, records, feedback);
}

function passEntry(kind: PassEntry['kind'], state: SessionState, current: Current): PassEntry {
  return { kind, card: current.card, mode: current.mode, buriedBefore: state.buriedUntil.get(current.card.identity), skipped: state.skipped };
}

function undo(state: SessionState, at: Date): Step {
  const last = state.history[state.history.length - 1];
  if (last === undefined) return stay(state, at, 'Nothing to undo in this session.');
  if (last.kind !== 'answer') return undoPass(state, last, at);
  const card = state.cards.find((c) => c.identity === last.identity);
  const progress = new Map(state.progress);
  if (last.before === undefined) progress.delete(last.identity);
  else progress.set(last.identity, last.before);
  const restored: SessionState = {
    ...state,
    progress,
    today: last.today.day === state.today.day ? last.today : state.today,
    stats: last.stats,
    history: state.history.slice(0, -1),
    current: card === undefined ? null : undoneCard(card, last, { ...state, progress }, at),
  };
  const records: LogRecord[] = [{ type: 'undo', card: last.identity, at }];
  if (restored.current === null) return advance(restored, at, records, undefined, 'Undone.');
  const notice = restored.current.stage === 'revealed' ? 'Undone: grade this card yourself, 1-4.' : 'Undone: this card is asked again.';
  return { state: restored, screen: { ...screenFor(restored, at), notice } as Screen, records };
}

/** Takes back a bury or a skip: the card is asked again now. */
function undoPass(state: SessionState, last: PassEntry, at: Date): Step {
  const identity = last.card.identity;
  const buriedUntil = new Map(state.buriedUntil);
  if (last.buriedBefore === undefined) buriedUntil.delete(identity);
  else buriedUntil.set(identity, last.buriedBefore);
  const restored: SessionState = {
    ...state,
    buriedUntil,
    skipped: last.skipped,
    history: state.history.slice(0, -1),
    current: asked(state, last.card, last.mode, at),
  };
  const records: LogRecord[] = last.kind === 'bury' ? [{ type: 'unbury', card: identity, at }] : [];
  const notice = last.kind === 'bury' ? 'Undone: no longer buried; here it is again.' : 'Undone: the skipped card is asked now.';
  return { state: restored, screen: { ...screenFor(restored, at), notice } as Screen, records };
}

/**
 * The card of an undone answer. A multiple-choice answer is graded by the
 * pick; asking it again would only grade the same pick again, so its undo
 * shows the answer and lets the learner grade it (the way to override the
 * grade a pick gave). Other cards are asked again.
 */
function undoneCard(card: Card, last: AnswerEntry, state: SessionState, at: Date): Current {
  if (last.mode === 'choice') return { card, mode: 'choice', stage: 'revealed', shownAt: at, ms: last.ms };
  return asked(state, card, last.mode, at);
}

/** A card as it is first shown: the question, with its options in this review's order. */
function asked(state: SessionState, card: Card, mode: QuestionMode, at: Date): Current {
  const current: Current = { card, mode, stage: 'question', shownAt: at };
  if (mode === 'choice' && card.choices !== undefined) current.choices = optionOrder(card.identity, card.choices, state.progress.get(card.identity)?.answers ?? 0);
  return current;
}

function stay(state: SessionState, at: Date, notice: string): Step {
  return { state, screen: { ...screenFor(state, at), notice } as Screen, records: [] };
}

function show(state: SessionState, at: Date): Step {
  return { state, screen: screenFor(state, at), records: [] };
}

/** Picks the next card (or ends the session) and builds its screen. */
function advance(state: SessionState, at: Date, records: LogRecord[], feedback?: Feedback, notice?: string): Step {
  const card = pickNext(state, at);
  if (card === undefined) {
    const ended: SessionState = { ...state, current: null, end: 'finished' };
    const screen: Screen = { kind: 'end', summary: summarize(ended, at) };
    if (feedback !== undefined) screen.feedback = feedback;
    if (notice !== undefined) screen.notice = notice;
    return { state: ended, screen, records };
  }
  const mode = modeFor(card, state.options.mode);
  const next: SessionState = {
    ...state,
    skipped: state.skipped.filter((id) => id !== card.identity),
    current: asked(state, card, mode, at),
  };
  const screen = screenFor(next, at);
  if (screen.kind === 'question') {
    if (feedback !== undefined) screen.feedback = feedback;
    if (notice !== undefined) screen.notice = notice;
  }
  return { state: next, screen, records };
}

function screenFor(state: SessionState, at: Date): Screen {
  const current = state.current;
  if (state.end !== undefined || current === null) return endScreen(state, at);
  const counts = queueCounts(state, at);
  if (current.stage === 'question') {
    const screen: Screen = { kind: 'question', current, counts };
    if (current.mode === 'choice' && current.choices !== undefined) screen.choices = current.choices;
    return screen;
  }
  if (current.stage === 'answered' && current.feedback !== undefined) return { kind: 'answered', current, counts, feedback: current.feedback };
  const before = state.progress.get(current.card.identity)?.state ?? state.options.scheduler.initial(at);
  const buttons = state.options.scheduler.preview(before, at);
  if (current.stage === 'checked' && current.check !== undefined) return { kind: 'checked', current, counts, buttons, check: current.check };
  return { kind: 'revealed', current, counts, buttons };
}

function endScreen(state: SessionState, at: Date): Screen {
  return { kind: 'end', summary: summarize(state, at) };
}

function summarize(state: SessionState, at: Date): Summary {
  let nextDue: Date | undefined;
  for (const card of state.cards) {
    const due = state.progress.get(card.identity)?.state.due;
    if (due !== undefined && (nextDue === undefined || due < nextDue)) nextDue = due;
  }
  const summary: Summary = {
    reason: state.end ?? 'finished',
    stats: state.stats,
    endedAt: at,
    elapsedMs: at.getTime() - state.startedAt.getTime(),
    remaining: queueCounts({ ...state, current: null, skipped: [] }, at),
  };
  if (nextDue !== undefined) {
    summary.nextDue = nextDue;
    summary.nextDueLocal = localTime(nextDue, state.options.clock);
  }
  return summary;
}

type Category = 'learning' | 'due' | 'new' | 'ahead' | 'later';

function categorize(state: SessionState, card: Card, at: Date, endOfDay: number): Category {
  const until = state.buriedUntil.get(card.identity);
  if (until !== undefined && until.getTime() > at.getTime()) return 'later';
  const cardState = state.progress.get(card.identity)?.state;
  if (cardState === undefined || cardState.phase === 'new') return 'new';
  const due = cardState.due.getTime();
  if (cardState.phase === 'learning' || cardState.phase === 'relearning') {
    if (due <= at.getTime()) return 'learning';
    if (due <= at.getTime() + state.options.learnAheadMs) return 'ahead';
    return due < endOfDay ? 'ahead' : 'later';
  }
  return due < endOfDay ? 'due' : 'later';
}

/** Cards of each queue, in the order they are asked, within today's limits. */
function queues(state: SessionState, at: Date): Record<Exclude<Category, 'later'>, Card[]> {
  const endOfDay = nextDayStart(at, state.options.clock).getTime();
  const q: Record<Exclude<Category, 'later'>, Card[]> = { learning: [], due: [], new: [], ahead: [] };
  for (const card of state.cards) {
    const category = categorize(state, card, at, endOfDay);
    if (category !== 'later') q[category].push(card);
  }
  const dueOf = (c: Card): number => state.progress.get(c.identity)?.state.due.getTime() ?? 0;
  const byDue = (a: Card, b: Card): number => dueOf(a) - dueOf(b);
  q.learning.sort(byDue);
  q.due.sort(byDue);
  q.ahead.sort(byDue);
  q.due = q.due.slice(0, Math.max(0, state.options.reviewsPerDay - state.today.reviews));
  q.new = newToday(state, q.new);
  // Learning cards due later today are shown early only within the learn-ahead window.
  q.ahead = q.ahead.filter((c) => dueOf(c) <= at.getTime() + state.options.learnAheadMs);
  return q;
}

/**
 * The new cards allowed today, in the order they are asked: each deck's own
 * (siblings of cards answered in this session last) within its deck limit,
 * shared among decks by `newOrder`, within the overall limit. A deck's count
 * for today is its cards first answered today, so an undo gives the place back.
 */
function newToday(state: SessionState, fresh: readonly Card[]): Card[] {
  const { newPerDay, newPerDeck = newPerDay, newOrder = 'newest' } = state.options;
  // Siblings (cards about the same item) of a card answered in this session wait until
  // the other new cards are done, so that one card does not give away the next.
  const studied = new Set(state.history.flatMap((h) => (h.kind === 'answer' ? [siblingKey(state.cards.find((c) => c.identity === h.identity))] : [])));
  const introduced = new Map<string, number>();
  for (const card of state.cards) {
    const first = state.progress.get(card.identity)?.firstAnswered;
    if (first !== undefined && first.getTime() >= state.today.day) introduced.set(card.deck, (introduced.get(card.deck) ?? 0) + 1);
  }
  const byDeck = groupByDeck(fresh);
  const lists = state.decks.map((deck) => {
    const cards = byDeck.get(deck) ?? [];
    const ordered = studied.size === 0 ? cards : [...cards.filter((c) => !studied.has(siblingKey(c))), ...cards.filter((c) => studied.has(siblingKey(c)))];
    return ordered.slice(0, Math.max(0, newPerDeck - (introduced.get(deck) ?? 0)));
  });
  // Round-robin goes on from where today's answers left it: a deck's next card is its (introduced + 1)-th of the day.
  const merged = newOrder === 'newest' ? lists.flat() : roundRobin(lists, state.decks.map((deck) => introduced.get(deck) ?? 0));
  return merged.slice(0, Math.max(0, newPerDay - state.today.newCards));
}

/**
 * The first of each list, then the second of each, and so on; a list with a
 * head start of `done[i]` turns already taken joins that many rounds late.
 */
function roundRobin<T>(lists: readonly (readonly T[])[], done: readonly number[] = []): T[] {
  const out: T[] = [];
  const start = lists.map((_, i) => done[i] ?? 0);
  const rounds = Math.max(0, ...lists.map((l, i) => l.length + (start[i] as number)));
  for (let round = 0; round < rounds; round++) {
    lists.forEach((list, i) => {
      const card = list[round - (start[i] as number)];
      if (card !== undefined) out.push(card);
    });
  }
  return out;
}

function groupByDeck(cards: readonly Card[]): Map<string, Card[]> {
  const byDeck = new Map<string, Card[]>();
  for (const card of cards) {
    const list = byDeck.get(card.deck);
    if (list === undefined) byDeck.set(card.deck, [card]);
    else list.push(card);
  }
  return byDeck;
}

function siblingKey(card: Card | undefined): string {
  return card === undefined ? '' : `${card.articleId}/${card.itemId}`;
}

function pickNext(state: SessionState, at: Date): Card | undefined {
  const q = queues(state, at);
  const ordered = [...q.learning, ...q.due, ...q.new, ...q.ahead];
  const skipped = new Set(state.skipped);
  const fresh = ordered.find((c) => !skipped.has(c.identity));
  if (fresh !== undefined) return fresh;
  // Only skipped cards are left: ask them again in the order they were skipped.
  for (const id of state.skipped) {
    const card = ordered.find((c) => c.identity === id);
    if (card !== undefined) return card;
  }
  return undefined;
}

/** New, learning and due counts for what is left today (the current card included). */
export function queueCounts(state: SessionState, at: Date): QueueCounts {
  const endOfDay = nextDayStart(at, state.options.clock).getTime();
  const q = queues(state, at);
  let learning = 0;
  for (const card of state.cards) {
    const category = categorize(state, card, at, endOfDay);
    if (category === 'learning' || category === 'ahead') learning++;
  }
  return { new: q.new.length, learning, due: q.due.length };
}

/**
 * Counts per deck (`card.deck`) for the start screen and `newsdeck stats`:
 * new cards that today's limit still allows, cards in learning due today,
 * reviews due today.
 */
export function deckCounts(state: SessionState, at: Date): DeckCounts[] {
  const endOfDay = nextDayStart(at, state.options.clock).getTime();
  const q = queues(state, at);
  const newIds = new Set(q.new.map((c) => c.identity));
  const dueIds = new Set(q.due.map((c) => c.identity));
  const byDeck = new Map<string, DeckCounts>();
  for (const card of state.cards) {
    let counts = byDeck.get(card.deck);
    if (counts === undefined) {
      counts = { deck: card.deck, cards: 0, new: 0, learning: 0, due: 0 };
      byDeck.set(card.deck, counts);
    }
    counts.cards++;
    if (newIds.has(card.identity)) counts.new++;
    if (dueIds.has(card.identity)) counts.due++;
    const category = categorize(state, card, at, endOfDay);
    if (category === 'learning' || category === 'ahead') counts.learning++;
  }
  return [...byDeck.values()];
}
