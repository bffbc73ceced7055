import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CardAnswer } from '../../src/cards/card.js';
import { CHOICE_THRESHOLDS, checkTyped, dateCandidates, editDistance, fold, gradeChoice, wordDiff } from '../../src/quiz/match.js';

const text = (t: string, accepted: string[] = []): CardAnswer => ({ text: t, kind: 'text', accepted });
const actor = (t: string, accepted: string[] = []): CardAnswer => ({ text: t, kind: 'actor', accepted });
const date = (t: string): CardAnswer => ({ text: t, kind: 'date', accepted: [] });

describe('typed answers (card-quality rule 10)', () => {
  const cases: [CardAnswer, string, 'right' | 'almost' | 'wrong', string][] = [
    // forgiving: case, accents, punctuation, articles, small typos
    [text('strategic realignment'), 'Strategic Realignment', 'right', 'case'],
    [text('the Belt and Road Initiative'), 'belt and road initiative!', 'right', 'leading article and punctuation'],
    [text('an energy deal'), 'energy deal', 'right', 'article an'],
    [text('détente'), 'detente', 'right', 'accents'],
    [text('strategic realignment'), 'stratgeic realignmnet', 'right', 'a swap and a typo in long words'],
    [text('strategic realignment'), 'strtgc realignment', 'wrong', 'three edits in one word'],
    [text('tariffs'), 'tarifs', 'right', 'one edit in a short word'],
    [text('tariffs'), 'trfs', 'wrong', 'too many edits'],
    [text('oil'), 'oul', 'right', 'three letters: one edit'],
    [text('US'), 'UK', 'wrong', 'two letters: exact'],
    [text('energy'), 'energy deal', 'wrong', 'an extra word'],
    // strict: names
    [actor('Wang Yi', ['Wang']), 'wang yi', 'right', 'name modulo case'],
    [actor('Sergey Lavrov'), 'Sergéy Lavrov', 'right', 'name modulo accents'],
    [actor('Wang Yi', ['Wang']), 'Wang', 'right', 'an alias'],
    [actor('Sergey Lavrov'), 'Sergey Lavrow', 'almost', 'one letter off in a long name'],
    [actor('Wang Yi'), 'Wang Ye', 'wrong', 'one letter off in a short name'],
    [actor('Sergey Lavrov'), 'Sergei Lavrow', 'wrong', 'two letters off in a name'],
    // strict: numbers and dates
    [date('18 February 2025'), 'February 18, 2025', 'right', 'date words in another order'],
    [date('18 February 2025'), '18 Febuary 2025', 'right', 'typo in the month'],
    [date('18 February 2025'), '17 February 2025', 'wrong', 'wrong day'],
    [date('18 February 2025'), '18 February 2024', 'wrong', 'wrong year'],
    [date('2025-02-18'), '18 February 2025', 'right', 'ISO answer, date typed in words'],
    [date('2025-02-18'), 'Feb 18th, 2025', 'right', 'abbreviated month, ordinal day'],
    [date('2025-02-18'), '18/02/2025', 'right', 'day/month/year'],
    [date('2025-02-18'), '2025-2-18', 'right', 'ISO without padding'],
    [date('2025-02-18'), '18 Febuary 2025', 'right', 'typo in a month name'],
    [date('2025-02-18'), '17 February 2025', 'wrong', 'wrong day of an ISO answer'],
    [date('2025-02-18'), 'February 2025', 'wrong', 'month only'],
    [date('2025-02-18'), '02/03/2025', 'wrong', 'neither reading is the date'],
    [text('3 percent'), '3 per cent', 'wrong', 'a word split is not a typo'],
    [text('3 percent'), '3 percnt', 'right', 'typo next to a number'],
    [text('3 percent'), '4 percent', 'wrong', 'a number is never a typo'],
    [text('3 percent'), '', 'wrong', 'nothing typed'],
  ];
  it.each(cases)('%o vs %s → %s (%s)', (answer, typed, verdict) => {
    expect(checkTyped(answer, typed).verdict).toBe(verdict);
  });

  it('suggests Good for right, Hard for almost, Again for wrong', () => {
    expect(checkTyped(text('tariffs'), 'tariffs').suggested).toBe('good');
    expect(checkTyped(actor('Sergey Lavrov'), 'Sergey Lavrow').suggested).toBe('hard');
    expect(checkTyped(text('tariffs'), 'sanctions').suggested).toBe('again');
  });

  it('explains a wrong number', () => {
    expect(checkTyped(date('18 February 2025'), '19 February 2025').note).toBe('numbers and dates must match exactly');
  });

  it('reads dates in the forms people type', () => {
    expect(dateCandidates('18 February 2025')).toEqual(['2025-02-18']);
    expect(dateCandidates('March 2025')).toEqual(['2025-03']);
    expect(dateCandidates('03/04/2025')).toEqual(['2025-04-03', '2025-03-04']);
    expect(dateCandidates('the summit')).toEqual([]);
  });

  it('shows a word diff of what was typed against the answer', () => {
    expect(wordDiff('a strategic shift in policy', 'strategic realignment in policy')).toEqual([
      { op: 'removed', text: 'a' },
      { op: 'same', text: 'strategic' },
      { op: 'removed', text: 'shift' },
      { op: 'added', text: 'realignment' },
      { op: 'same', text: 'in policy' },
    ]);
    expect(checkTyped(text('strategic realignment'), 'strategic shift').diff).toEqual([
      { op: 'same', text: 'strategic' },
      { op: 'removed', text: 'shift' },
      { op: 'added', text: 'realignment' },
    ]);
  });

  it('always accepts the answer itself and every accepted form (property)', () => {
    const word = fc.stringMatching(/^[A-Za-zÀ-ÿ]{1,10}$/);
    const phrase = fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(phrase, fc.constantFrom<'text' | 'actor' | 'date'>('text', 'actor', 'date'), fc.array(phrase, { maxLength: 3 }), (t, kind, accepted) => {
        fc.pre(fold(t).replace(/\b(a|an|the)\b/g, '').trim() !== '');
        const answer: CardAnswer = { text: t, kind, accepted };
        expect(checkTyped(answer, t).verdict).toBe('right');
        expect(checkTyped(answer, t.toUpperCase()).verdict).toBe('right');
        for (const form of accepted) expect(checkTyped(answer, form).verdict).toBe('right');
      }),
    );
  });

  it('computes Damerau-Levenshtein distance (a swap is one edit)', () => {
    expect(editDistance('abcd', 'acbd')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
    fc.assert(fc.property(fc.string(), fc.string(), (a, b) => editDistance(a, b) === editDistance(b, a)));
  });
});

describe('multiple-choice grades', () => {
  it('wrong is Again; right is Easy when fast, Good, then Hard when slow', () => {
    const four = { options: 4, firstAnswer: false };
    const grade = (correct: boolean, ms: number, context = four): string => gradeChoice(correct, ms, context).grade;
    expect(grade(false, 500)).toBe('again');
    expect(grade(true, CHOICE_THRESHOLDS.easyMs)).toBe('easy');
    expect(grade(true, CHOICE_THRESHOLDS.easyMs + 1)).toBe('good');
    expect(grade(true, CHOICE_THRESHOLDS.goodMs)).toBe('good');
    expect(grade(true, CHOICE_THRESHOLDS.goodMs + 1)).toBe('hard');
  });

  it('times a pick only among four options or more, and never gives Easy to a first answer', () => {
    expect(gradeChoice(true, 500, { options: 2, firstAnswer: false })).toEqual({ grade: 'good', reason: 'right of 2 options, so not timed' });
    expect(gradeChoice(true, 60_000, { options: 3, firstAnswer: false }).grade).toBe('good');
    expect(gradeChoice(false, 500, { options: 2, firstAnswer: false }).grade).toBe('again');
    expect(gradeChoice(true, 500, { options: 4, firstAnswer: true })).toEqual({ grade: 'good', reason: 'right within 3 s, but a first answer is never Easy' });
    expect(gradeChoice(true, 20_000, { options: 4, firstAnswer: true }).grade).toBe('hard');
  });
});
