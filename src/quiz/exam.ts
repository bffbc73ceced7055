import type { Card } from '../cards/card.js';

/**
 * Exam mode for teachers: every student given the same seed and count gets
 * the same cards in the same order, whatever order the decks were loaded in,
 * and nothing is scheduled. The results go to a CSV file.
 */

/** The largest exam seed: the generator's state is 32 bits. */
export const MAX_SEED = 0xffff_ffff;

/**
 * mulberry32: a tiny seeded PRNG (32-bit state), returning numbers in [0, 1).
 * Throws a RangeError for a seed that is not a whole number from 0 to
 * {@link MAX_SEED}, rather than wrapping it onto another seed's sequence.
 */
export function mulberry32(seed: number): () => number {
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new RangeError(`exam seed ${seed} is out of range: use a whole number from 0 to ${MAX_SEED}`);
  }
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` cards drawn without replacement by a seeded Fisher-Yates shuffle
 * of the cards sorted by identity (duplicates removed).
 */
export function selectExam(cards: readonly Card[], seed: number, count: number): Card[] {
  const byId = new Map<string, Card>();
  for (const card of cards) if (!byId.has(card.identity)) byId.set(card.identity, card);
  const sorted = [...byId.values()].sort((a, b) => (a.identity < b.identity ? -1 : a.identity > b.identity ? 1 : 0));
  const random = mulberry32(seed);
  for (let i = sorted.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = sorted[i] as Card;
    sorted[i] = sorted[j] as Card;
    sorted[j] = tmp;
  }
  return sorted.slice(0, Math.max(0, count));
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
