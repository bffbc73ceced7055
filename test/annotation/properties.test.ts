/**
 * Properties of the loader on input nobody would write on purpose: arbitrary
 * text, arbitrary YAML documents, and random edits of the sample annotation.
 * It never throws, every error points inside the input with a known code, and
 * an edit that leaves the data unchanged leaves the annotation valid.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument, stringify } from 'yaml';
import { loadAnnotation, type LoadResult } from '../../src/annotation/index.js';
import { annotationOf, ARTICLE, checkResult, DECKS } from './fixture.js';
import { apply, editOf, shift, yamlish } from './edits.js';
import { fuzzRuns } from '../helpers/fuzz.js';

const SAMPLE = readFileSync(resolve(DECKS, 'china-trump-russia-pivot.yaml'), 'utf8');
const SAMPLE_TEXT = readFileSync(resolve(DECKS, 'china-trump-russia-pivot.txt'), 'utf8');
const TEMPLATES = ['actor-reverse', 'quote-cloze'];

function load(source: string, article: string = ARTICLE): LoadResult {
  return loadAnnotation(source, { file: 'p.yaml', readText: () => article, templateIds: TEMPLATES });
}

// ---------------------------------------------------------------------------
// Arbitrary input

const KEYS = ['format', 'article', 'deck', 'actors', 'quotes', 'claims', 'events', 'terms', 'facts', 'question', 'answer', 'accept', 'id', 'title', 'text', 'text_file', 'name', 'kind', 'role', 'speaker', 'claimant', 'stance', 'cloze', 'tags', 'skip', 'evidence', 'when', 'actors', 'disputed_by', 'published', 'url', 'cards'];
/** Values shaped like annotation values: slugs, words, lists of them, nested mappings. */
const leaf = fc.oneof(
  fc.constantFrom('1', '2', 'wang-yi', 'article', 'person', 'accusation', 'peace talks', 'Peace', '', 'x.txt', '2025-02-30', 'https://a.b', 'a b'),
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);
const annotationLike = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, tie('list'), tie('map')),
  list: fc.array(tie('value'), { maxLength: 4 }),
  map: fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 6 }),
})).map;

/** A YAML document of `value`, then indented, recoloned or requoted at random. */
const yamlDocument = fc
  .tuple(
    fc.oneof(fc.jsonValue({ maxDepth: 4 }), annotationLike),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom(' ', '  ', '\t', ':', '"', "'", '- ', '#', '&x ', '*x', '\n', '[', '{')), { maxLength: 3 }),
  )
  .map(([value, edits]) => {
    let text = stringify(value);
    for (const [at, insert] of edits) {
      const offset = at % (text.length + 1);
      text = text.slice(0, offset) + insert + text.slice(offset);
    }
    return text;
  });

describe('any input', () => {
  it('puts an error on a Windows line break just after the line, not one column further (found by fast-check)', () => {
    for (const source of ['[{]\r\n', 'a: [\r\nb: {\r\n']) checkResult(source, load(source));
  });

  it('gives a result with positioned errors, never an exception (arbitrary strings)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 40 }), yamlish), (source) => {
        checkResult(source, load(source));
      }),
      { numRuns: fuzzRuns(500) },
    );
  });

  it('gives a result with positioned errors, never an exception (YAML documents)', () => {
    fc.assert(
      fc.property(yamlDocument, (source) => {
        checkResult(source, load(source));
      }),
      { numRuns: fuzzRuns(500) },
    );
  });

  it('gives a result with positioned errors for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 60 }), (bytes) => {
        const result = loadAnnotation(bytes, { file: 'p.yaml', readText: () => ARTICLE });
        checkResult(new TextDecoder().decode(bytes), result);
      }),
      { numRuns: fuzzRuns(300) },
    );
  });
});

// ---------------------------------------------------------------------------
// Edits of the sample annotation

const SAMPLE_LINES = SAMPLE.split('\n');
const lineIndex = fc.nat({ max: SAMPLE_LINES.length - 1 });
const edit = editOf(SAMPLE);

/** The sample with a facts block, as annotation-format.md writes one, at the end. */
const SAMPLE_WITH_FACTS =
  SAMPLE +
  [
    'facts:',
    '  - id: china-trade-war-leverage',
    "    question: What could a role in Trump's peace push have given Beijing, according to observers?",
    '    answer: Leverage to avert a trade war with the US',
    '    accept: [leverage in trade talks]',
    '    evidence: "important leverage for Beijing as it aims to avert a trade war"',
    '    tags: [trade]',
    '',
  ].join('\n');

/** The data of a YAML text as the loader reads it, or undefined when it has errors. */
function dataOf(source: string): string | undefined {
  const doc = parseDocument(source, { schema: 'failsafe', uniqueKeys: true });
  if (doc.errors.length > 0) return undefined;
  try {
    return JSON.stringify(doc.toJS({ maxAliasCount: 100 }));
  } catch {
    return undefined;
  }
}

const SAMPLE_DATA = dataOf(SAMPLE);

/**
 * Runs per property on edits of the sample. Each run loads the whole sample (about 20 ms, most of it
 * YAML parsing), so at 400, 200 and 300 runs these three were a tenth of the suite's CPU time
 * (issue 12). 200 runs of one to three edits are some 400 random edits of every kind at random
 * places of its 490 lines on every `npm test`, with a new seed each time; the arbitrary-input
 * properties above are cheap and keep their counts.
 */
const SAMPLE_EDIT_RUNS = 200;

describe('edits of the sample annotation', () => {
  it('the sample itself is valid', () => {
    expect(load(SAMPLE, SAMPLE_TEXT).ok).toBe(true);
  });

  it('never throw, give positioned errors, and stay valid when the data is unchanged', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        const source = edits.reduce(apply, SAMPLE);
        const result = load(source, SAMPLE_TEXT);
        checkResult(source, result);
        // (A valid result passes whatever the data; only a refused one is worth the second parse.)
        if (!result.ok && dataOf(source) === SAMPLE_DATA) expect(result.ok, JSON.stringify(result.errors.slice(0, 3))).toBe(true);
      }),
      { numRuns: fuzzRuns(SAMPLE_EDIT_RUNS) },
    );
  });

  it('with a facts block: the sample stays valid, and edits never throw and stay valid when the data is unchanged', () => {
    const facts = annotationOf(load(SAMPLE_WITH_FACTS, SAMPLE_TEXT)).facts;
    expect(facts.map((f) => [f.id, f.accept, f.evidence?.span])).toEqual([
      ['china-trade-war-leverage', ['leverage in trade talks'], 'important leverage for Beijing as it aims to avert a trade war'],
    ]);
    const data = dataOf(SAMPLE_WITH_FACTS);
    // Edits that reach the facts block (the last lines and characters) as often as the rest.
    const factsStart = SAMPLE_WITH_FACTS.indexOf('\nfacts:') + 1;
    const factsLine = SAMPLE_WITH_FACTS.slice(0, factsStart).split('\n').length - 1;
    const factsEdit = fc.oneof(editOf(SAMPLE_WITH_FACTS), editOf(SAMPLE_WITH_FACTS.slice(factsStart)).map((e) => shift(e, factsStart, factsLine)));
    fc.assert(
      fc.property(fc.array(factsEdit, { minLength: 1, maxLength: 3 }), (edits) => {
        const source = edits.reduce(apply, SAMPLE_WITH_FACTS);
        const result = load(source, SAMPLE_TEXT);
        checkResult(source, result);
        if (!result.ok && dataOf(source) === data) expect(result.ok, JSON.stringify(result.errors.slice(0, 3))).toBe(true);
      }),
      { numRuns: fuzzRuns(SAMPLE_EDIT_RUNS / 2) },
    );
  });

  it('stay valid under edits of comments and blank lines', () => {
    const neutral = fc.oneof(
      // A comment line anywhere outside a block scalar (the sample has none).
      fc.tuple(lineIndex, fc.string({ maxLength: 20 }).map((s) => `# ${s.replace(/[\r\n\u0085\u2028\u2029]/g, ' ')}`), fc.nat({ max: 8 })).map(
        ([line, comment, indent]) => (lines: string[]) => lines.splice(line, 0, ' '.repeat(indent) + comment),
      ),
      // A blank line, or trailing spaces on any line.
      lineIndex.map((line) => (lines: string[]) => lines.splice(line, 0, '')),
      fc.tuple(lineIndex, fc.nat({ max: 4 })).map(([line, n]) => (lines: string[]) => {
        lines[line] = (lines[line] ?? '') + ' '.repeat(n);
      }),
      // Delete a line that is blank or only a comment.
      lineIndex.map((line) => (lines: string[]) => {
        if (/^\s*(#.*)?$/.test(lines[line] ?? 'x')) lines.splice(line, 1);
      }),
    );
    fc.assert(
      fc.property(fc.array(neutral, { minLength: 1, maxLength: 4 }), (edits) => {
        const lines = SAMPLE.split('\n');
        for (const e of edits) e(lines);
        const source = lines.join('\n');
        const result = load(source, SAMPLE_TEXT);
        expect(result.ok, JSON.stringify(result.ok ? [] : result.errors.slice(0, 3))).toBe(true);
      }),
      { numRuns: fuzzRuns(SAMPLE_EDIT_RUNS) },
    );
  });
});
