import { describe, expect, it } from 'vitest';
import { fitScreen, renderFeedback, renderStart, renderSummary, wrapText } from '../../src/quiz/render.js';
import { gradeChoice } from '../../src/quiz/match.js';
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
    const line = (ms: number, firstAnswer = false): string => {
      const { grade, reason } = gradeChoice(true, ms, { options: 4, firstAnswer });
      return renderFeedback({ card: whoSaid, mode: 'choice', grade, reason, correct: true, chosen: 'Wang Yi', ms, due: new Date(0), intervalMs: 10 * 60_000 }, { color: false });
    };
    expect(line(2100)).toBe('right in 2.1 s: Wang Yi · Easy (right within 3 s; u to grade it yourself) · next in 10m');
    expect(line(2100, true)).toBe('right in 2.1 s: Wang Yi · Good (right within 3 s, but a first answer is never Easy; u to grade it yourself) · next in 10m');
    expect(line(7400)).toBe('right in 7.4 s: Wang Yi · Good (right within 12 s; u to grade it yourself) · next in 10m');
    expect(line(15_000)).toBe('right in 15.0 s: Wang Yi · Hard (right after 12 s; u to grade it yourself) · next in 10m');
  });
});

describe('layout for a small terminal', () => {
  it('the start table fits 60 columns: long deck names by their own part, numbers under their headings', () => {
    const decks = [
      { deck: 'Current Affairs::Culture::Aretha Franklin dies aged 76', cards: 51, new: 7, learning: 0, due: 0 },
      { deck: "Current Affairs::China and Trump's turn toward Russia", cards: 55, new: 6, learning: 1, due: 12 },
    ];
    const lines = renderStart(decks, { color: false, width: 59 }).split('\n');
    expect(lines.every((l) => l.length <= 59)).toBe(true);
    expect(lines.slice(1)).toEqual([
      'Deck                          cards    new  learning    due',
      'Aretha Franklin dies aged 76     51      7         0      0',
      "China and Trump's turn towa…     55      6         1     12",
    ]);
    const headings = lines[1]!;
    for (const row of lines.slice(2)) expect(row.length).toBe(headings.length);
  });

  it('fitScreen keeps a screen within its rows by shortening the longest paragraph first', () => {
    const long = 'word '.repeat(60).trim();
    const text = ['── header', 'Who said it?', 'Answer: Wang Yi', long, '1 Again 1m · 2 Hard 6m · 3 Good 10m · 4 Easy 8d'].join('\n');
    const fitted = fitScreen(text, 40, 8).split('\n');
    expect(fitted).toHaveLength(7); // and the prompt line under it
    expect(fitted.slice(0, 3)).toEqual(['── header', 'Who said it?', 'Answer: Wang Yi']);
    expect(fitted.slice(3)).toEqual(['word word word word word word word word', 'word word word word word word word word…', '1 Again 1m · 2 Hard 6m · 3 Good 10m · 4', 'Easy 8d']);
    expect(fitted.every((l) => l.length <= 40)).toBe(true);
  });
});
