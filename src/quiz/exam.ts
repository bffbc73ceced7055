import type { Card } from '../cards/card.js';
import { mulberry32, shuffle } from './shuffle.js';

/**
 * Exam mode for teachers: every student given the same seed and count gets
 * the same cards in the same order, whatever order the decks were loaded in,
 * and nothing is scheduled. The results go to a CSV file.
 */

export { MAX_SEED, mulberry32 } from './shuffle.js';

/**
 * `count` cards drawn without replacement by a seeded Fisher-Yates shuffle
 * of the cards sorted by identity (duplicates removed).
 */
export function selectExam(cards: readonly Card[], seed: number, count: number): Card[] {
  const byId = new Map<string, Card>();
  for (const card of cards) if (!byId.has(card.identity)) byId.set(card.identity, card);
  const sorted = [...byId.values()].sort((a, b) => (a.identity < b.identity ? -1 : a.identity > b.identity ? 1 : 0));
  return shuffle(sorted, mulberry32(seed)).slice(0, Math.max(0, count));
}

/** One exam answer. */
export interface ExamResult {
  card: string;
  /** What the student typed or chose; for flip cards, their own verdict. */
  given: string;
  correct: boolean;
  seconds: number;
}

/**
 * One CSV cell, RFC 4180 quoted when needed. A cell that a spreadsheet would
 * read as a formula (starting with = + - @, or a tab or carriage return) gets
 * a leading apostrophe first, so that opening the file runs nothing.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The CSV of an exam: a header row, then one row per question; CRLF line ends (RFC 4180). */
export function examCsv(results: readonly ExamResult[]): string {
  const rows = [['card', 'answer', 'correct', 'seconds']];
  for (const r of results) rows.push([r.card, r.given, r.correct ? 'yes' : 'no', r.seconds.toFixed(1)]);
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
