import type { Card } from '../cards/card.js';
import type { QuestionMode } from './log.js';
import { fold } from './match.js';
import { modeFor } from './modes.js';
import { clozeHint, questionText } from './render.js';
import { mulberry32, shuffle } from './shuffle.js';

/**
 * Exam mode for teachers: every student given the same seed and count gets
 * the same questions, options and order, whatever order the decks were
 * loaded in; only questions that grade themselves; nothing is scheduled.
 * Each student's answers go to their own CSV file.
 */

export { MAX_SEED, mulberry32 } from './shuffle.js';

/**
 * How a card is asked in an exam: only ways that grade themselves. A card
 * the quiz would flip becomes typed when its answer is short enough to be
 * checked (three words at most: a name, a date, a term), else it is left out.
 */
export function examMode(card: Card, override?: QuestionMode): 'choice' | 'typed' | undefined {
  const mode = modeFor(card, override);
  if (mode !== 'flip') return mode;
  return card.answer.text.trim().split(/\s+/).length <= 3 ? 'typed' : undefined;
}

/** What a question shows: its text, its hint and its options, folded (see match.ts). */
function shownText(card: Card): string {
  return ` ${fold([questionText(card), clozeHint(card) ?? '', ...(card.choices ?? [])].join(' '))} `;
}

/**
 * Whether `a` on screen shows the answer of `b`: a question about the same
 * item, or `b`'s answer (or one of its accepted forms) in `a`'s text or options.
 */
export function givesAway(a: Card, b: Card): boolean {
  if (a.articleId === b.articleId && a.itemId === b.itemId) return true;
  const shown = shownText(a);
  return [b.answer.text, ...b.answer.accepted].some((form) => fold(form) !== '' && shown.includes(` ${fold(form)} `));
}

/**
 * `count` questions: the cards that grade themselves, sorted by identity
 * (duplicates removed), in a seeded Fisher-Yates order, taken one by one and
 * left out when one already taken gives its answer away or it gives away
 * one's. Fewer than `count` when the decks do not have enough.
 */
export function selectExam(cards: readonly Card[], seed: number, count: number, override?: QuestionMode): Card[] {
  const byId = new Map<string, Card>();
  for (const card of cards) if (!byId.has(card.identity) && examMode(card, override) !== undefined) byId.set(card.identity, card);
  const sorted = [...byId.values()].sort((a, b) => (a.identity < b.identity ? -1 : a.identity > b.identity ? 1 : 0));
  const chosen: Card[] = [];
  for (const card of shuffle(sorted, mulberry32(seed))) {
    if (chosen.length >= count) break;
    if (chosen.some((c) => givesAway(c, card) || givesAway(card, c))) continue;
    chosen.push(card);
  }
  return chosen;
}

/** One question of an exam as the student left it. */
export interface ExamResult {
  /** 1-based, in the exam's order. */
  question: number;
  card: string;
  /** The question as shown. */
  asked: string;
  /** What the student typed or chose ('' when unanswered). */
  given: string;
  result: 'right' | 'wrong' | 'unanswered';
  /** Seconds from showing the question to the answer; null when unanswered. */
  seconds: number | null;
}

/** How a cell that a spreadsheet would run as a formula starts. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell, RFC 4180 quoted when needed. A cell that a spreadsheet would
 * read as a formula (starting with = + - @, or a tab or carriage return) gets
 * a leading apostrophe first, so that opening the file runs nothing.
 */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The text a cell held before {@link csvCell} defused a formula: its leading apostrophe taken off. */
export function undefusedCell(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

/** Rows as CSV text, every cell through {@link csvCell}; CRLF line ends (RFC 4180). */
export function csvText(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** The header row of every exam CSV. */
export const EXAM_CSV_HEADER = ['student', 'seed', 'question', 'card', 'asked', 'answer', 'result', 'seconds'] as const;

/** The CSV of one student's exam: a header row, then one row per question, every one; CRLF line ends (RFC 4180). */
export function examCsv(student: string, seed: number, results: readonly ExamResult[]): string {
  const rows: string[][] = [[...EXAM_CSV_HEADER]];
  for (const r of results) rows.push([student, String(seed), String(r.question), r.card, r.asked, r.given, r.result, r.seconds === null ? '' : r.seconds.toFixed(1)]);
  return csvText(rows);
}
