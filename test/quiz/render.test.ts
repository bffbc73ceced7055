import { describe, expect, it } from 'vitest';
import { renderFeedback, renderSummary, wrapText } from '../../src/quiz/render.js';
import type { Grade } from '../../src/quiz/scheduler.js';
import { whoSaid } from './fixtures.js';

describe('wrapText', () => {
  it('breaks long lines between words, never inside one, and ignores escape codes when measuring', () => {
    const text = 'Who said “China supports all efforts conducive to peace talks” at a meeting of the United Nations Security Council?';
    const wrapped = wrapText(text, 40).split('\n');
    expect(wrapped.every((line) => line.length <= 40)).toBe(true);
    expect(wrapped.join(' ')).toBe(text);
    expect(wrapText('\u001b[1mshort\u001b[22m line', 20)).toBe('\u001b[1mshort\u001b[22m line');
  });
});

describe('renderSummary', () => {
  it('says when the next card is due, counted from the end of the session', () => {
    const lines = renderSummary(
      {
        reason: 'quit',
        stats: { answered: 2, correct: 1, byGrade: { again: 1, hard: 0, good: 1, easy: 0 } },
        endedAt: new Date('2026-01-01T10:00:00Z'),
        elapsedMs: 65_000,
        nextDue: new Date('2026-01-01T10:10:00Z'),
        remaining: { new: 3, learning: 1, due: 0 },
      } as Parameters<typeof renderSummary>[0],
      { color: false },
    );
    expect(lines).toContain('Answered 2 · correct 50% · time 1m 5s (again 1, hard 0, good 1, easy 0)');
    expect(lines).toContain('Next due: in 10m (2026-01-01 10:10 UTC)');
  });
});

describe('renderFeedback', () => {
  it('says which grade a right multiple-choice pick gave and why (its time), and how to grade it instead', () => {
    const line = (grade: Grade, ms: number): string =>
      renderFeedback({ card: whoSaid, mode: 'choice', grade, correct: true, chosen: 'Wang Yi', ms, due: new Date(0), intervalMs: 10 * 60_000 }, { color: false });
    expect(line('easy', 2100)).toBe('right in 2.1 s: Wang Yi · Easy (right within 3 s; u to grade it yourself) · next in 10m');
    expect(line('good', 7400)).toBe('right in 7.4 s: Wang Yi · Good (right within 12 s; u to grade it yourself) · next in 10m');
    expect(line('hard', 15_000)).toBe('right in 15.0 s: Wang Yi · Hard (right after 12 s; u to grade it yourself) · next in 10m');
  });
});
