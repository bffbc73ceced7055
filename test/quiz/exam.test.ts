import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, examCsv, mulberry32, selectExam } from '../../src/quiz/exam.js';
import { fixtureCards } from './fixtures.js';

describe('exam selection', () => {
  it('mulberry32 is a fixed sequence for a seed', () => {
    const r = mulberry32(42);
    expect([r(), r(), r()].map((x) => x.toFixed(6))).toEqual(['0.601104', '0.448291', '0.852466']);
  });

  it('mulberry32 refuses a seed it would wrap onto another (2^32 + 7 is not 7)', () => {
    expect(mulberry32(4294967295)()).toBeGreaterThanOrEqual(0);
    for (const seed of [4294967296, 4294967303, -1, 7.5, Number.NaN]) {
      expect(() => mulberry32(seed)).toThrow(new RangeError(`exam seed ${seed} is out of range: use a whole number from 0 to 4294967295`));
    }
  });

  it('the same seed gives the same cards whatever order the decks were loaded in (property)', () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 6 }), fc.shuffledSubarray(fixtureCards, { minLength: fixtureCards.length }), (seed, count, shuffled) => {
        const a = selectExam(fixtureCards, seed, count).map((c) => c.identity);
        expect(selectExam(shuffled, seed, count).map((c) => c.identity)).toEqual(a);
        expect(new Set(a).size).toBe(a.length);
        expect(a.length).toBeLessThanOrEqual(count);
      }),
    );
  });
});

describe('exam CSV', () => {
  it('quotes per RFC 4180 and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    for (const start of ['=', '+', '-', '@']) expect(csvCell(`${start}SUM(A1:A9)`)).toBe(`'${start}SUM(A1:A9)`);
    expect(csvCell('=1+1, "x"')).toBe(`"'=1+1, ""x"""`);
  });

  it('writes a header and one row per question, unanswered ones too, with CRLF line ends', () => {
    const csv = examCsv('Ada', 7, [
      { question: 1, card: 'a/b/c', asked: 'Who?', given: '=HYPERLINK("x")', result: 'wrong', seconds: 3.25 },
      { question: 2, card: 'a/b/d', asked: 'When?', given: '', result: 'unanswered', seconds: null },
    ]);
    expect(csv).toBe('student,seed,question,card,asked,answer,result,seconds\r\nAda,7,1,a/b/c,Who?,"\'=HYPERLINK(""x"")",wrong,3.3\r\nAda,7,2,a/b/d,When?,,unanswered,\r\n');
  });
});
