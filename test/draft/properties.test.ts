/**
 * Whatever the article, a draft with any item is a valid annotation of it:
 * quotes and evidence verbatim, ids unique slugs, every speaker and event
 * actor declared, every scalar read back as written (quotes, colons, # and
 * apostrophes in the text included), with any line breaks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadAnnotation } from '../../src/annotation/index.js';
import { draftAnnotation } from '../../src/draft/index.js';
import { fuzzRuns } from '../helpers/fuzz.js';

const PIECES = [
  'President Anna Lindqvist',
  'said',
  '“We will not give in,”',
  '"It\'s over: done."',
  '‘reverse Nixon’',
  "Franklin's",
  'the Maldives\'',
  'on Monday',
  'in 1969',
  'March 9, 2007,',
  '$1.5 billion',
  '80,000 people',
  'U.S. Senate',
  'Mr. Smith told Reuters',
  'she said.',
  'he',
  'NATO',
  'China',
  'the group AntiMadCow',
  '# not a comment',
  'key: value',
  '— a dash —',
  '"unclosed quotation',
  '(R Minnesota)',
  'Jang Dae-hyun, a spokesman for the protesters,',
  'yes',
  'Über Straße',
  '.',
  ',',
];

const article = fc
  .array(fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 14 }), { minLength: 1, maxLength: 6 })
  .chain((paragraphs) =>
    fc.constantFrom('\n\n', '\r\n\r\n', '\n \n').map((blank) => paragraphs.map((words) => words.join(' ')).join(blank)),
  );

describe('draft properties', () => {
  it('every draft with an item passes the loader, and the same text gives the same bytes', () => {
    fc.assert(
      fc.property(fc.option(fc.constantFrom('A headline\n\n', 'Saturday, October 4, 2008\n\n', 'A headline\n\nMonday, June 30, 2008\n\n'), { nil: '' }), article, (top, body) => {
        const text = top + body;
        const draft = draftAnnotation({ text, textFile: 'article.txt' });
        expect(draftAnnotation({ text, textFile: 'article.txt' }).yaml).toBe(draft.yaml);
        const { actors, quotes, events, facts } = draft.counts;
        if (actors + quotes + events + facts === 0) return;
        const result = loadAnnotation(draft.yaml, { file: 'draft.yaml', readText: () => text });
        expect(result.ok ? [] : result.errors.map((e) => `${e.line}:${e.col} ${e.message}`), draft.yaml).toEqual([]);
      }),
      { numRuns: fuzzRuns(60), seed: 20261202 },
    );
  });
});
