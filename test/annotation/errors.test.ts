/**
 * One broken fixture per rule of docs/annotation-format.md and per error code:
 * each is the smallest valid annotation with one defect, and must give exactly
 * the expected errors, with the code, line and column of the offending node.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, type AnnotationError, type ErrorCode, type LoadOptions } from '../../src/annotation/index.js';
import { errorsOf, FIXTURES, loadFixture, loadText, MINIMAL } from './fixture.js';

interface Case {
  /** What the case breaks, as the test title. */
  rule: string;
  /** Fixture under test/fixtures/annotation/. */
  fixture: string;
  /** Every expected error, in the order the loader reports them (by line). */
  errors: [code: ErrorCode, line: number, col: number][];
  options?: Partial<LoadOptions>;
  /** Fragments the messages must contain, in order of `errors`. */
  messages?: (string | RegExp)[];
}

const b = (name: string): string => `broken/${name}.yaml`;

const CASES: Case[] = [
  // Not an annotation at all
  { rule: 'not YAML (an unclosed flow sequence)', fixture: b('yaml-syntax'), errors: [['yaml-syntax', 5, 3]], messages: ['Flow sequence'] },
  { rule: 'a YAML list, not a mapping', fixture: b('top-level-list'), errors: [['wrong-type', 1, 1]], messages: ['must be a YAML mapping (key: value lines), but it is a list'] },
  { rule: 'a bare scalar, not a mapping', fixture: b('top-level-scalar'), errors: [['wrong-type', 1, 1]], messages: ["but it is the text 'just a sentence about an article'"] },
  { rule: 'an empty file', fixture: b('empty'), errors: [['wrong-type', 1, 1]], messages: ['the file is empty'] },
  { rule: 'a file of comments only', fixture: b('comments-only'), errors: [['wrong-type', 1, 1]], messages: ['the file is empty'] },
  { rule: 'an annotation that is not UTF-8 (a Latin-1 é)', fixture: b('not-utf8'), errors: [['not-utf8', 4, 13]], messages: ['byte 44 is not valid UTF-8'] },
  { rule: 'an alias bomb (billion laughs)', fixture: b('alias-bomb'), errors: [['too-many-aliases', 3, 8]], messages: ['more than 100 nodes'] },
  { rule: 'lists nested 70 levels deep', fixture: b('too-deep'), errors: [['too-deep', 6, 72]], messages: ['nest more than 64 levels deep here'] },
  { rule: 'an annotation over the size limit', fixture: 'minimal.yaml', options: { limits: { maxAnnotationBytes: 100 } }, errors: [['too-large', 1, 1]], messages: ['larger than the safety limit of 1 kB (--max-size)'] },
  { rule: 'an article text over the size limit', fixture: 'minimal.yaml', options: { limits: { maxTextBytes: 100 } }, errors: [['too-large', 5, 14]], messages: ['the article text is larger than the safety limit'] },
  // Shape
  { rule: 'a list where text is expected', fixture: b('list-for-text'), errors: [['wrong-type', 4, 10]], messages: ["'title' should be text, but it is a list"] },
  { rule: 'a mapping where the item list is expected', fixture: b('mapping-for-list'), errors: [['wrong-type', 7, 3]], messages: ["'actors' should be a list, but it is a mapping"] },
  { rule: 'a mapping where a list of aliases is expected', fixture: b('mapping-for-aliases'), errors: [['wrong-type', 12, 7]], messages: ["'aliases' should be a list, but it is a mapping"] },
  { rule: 'a missing required key of an item', fixture: b('missing-role'), errors: [['missing-key', 7, 5]], messages: ["actors[0] has no 'role'"] },
  { rule: 'a missing required enum key (kind)', fixture: b('missing-kind'), errors: [['missing-key', 7, 5]], messages: ["actors[0] has no 'kind'"] },
  { rule: 'a missing required enum key (stance)', fixture: b('missing-stance'), errors: [['missing-key', 7, 5]], messages: ["claims[0] has no 'stance'"] },
  { rule: 'a missing article', fixture: b('missing-article'), errors: [['missing-key', 1, 1]], messages: ["the file has no 'article'"] },
  { rule: 'a missing format', fixture: b('missing-format'), errors: [['missing-key', 1, 1]], messages: ["the file has no 'format'"] },
  { rule: "a misspelt key ('speakr')", fixture: b('unknown-key-speakr'), errors: [['unknown-key', 13, 5]], messages: ["unknown key 'speakr' in quotes[0]; did you mean 'speaker'?"] },
  { rule: 'an unknown key with no close known key', fixture: b('unknown-key-far'), errors: [['unknown-key', 11, 5]], messages: [/^unknown key 'colour' in actors\[0\]$/] },
  { rule: 'an empty quoted value', fixture: b('empty-value'), errors: [['empty-value', 8, 11]], messages: ["'name' is empty"] },
  { rule: 'a key with no value', fixture: b('null-value'), errors: [['empty-value', 8, 10]], messages: ["'name' is empty"] },
  { rule: 'an invalid kind', fixture: b('invalid-kind'), errors: [['invalid-value', 9, 11]], messages: ["'kind' is 'persn', which is not allowed; did you mean 'person'?"] },
  { rule: 'an invalid stance', fixture: b('invalid-stance'), errors: [['invalid-value', 14, 13]], messages: ["'stance' is 'opinion', which is not allowed"] },
  { rule: 'an invalid card family in deck.cards', fixture: b('invalid-deck-cards'), errors: [['invalid-value', 7, 19]], messages: ["'cards' is 'quotez', which is not allowed; did you mean 'quotes'?"] },
  { rule: 'an id that is not a slug', fixture: b('invalid-id'), errors: [['invalid-id', 7, 9]], messages: ["'Wang_Yi' is not a valid id"] },
  { rule: "the reserved id 'article' for an actor", fixture: b('reserved-id'), errors: [['invalid-id', 7, 9]], messages: ["the id 'article' is reserved"] },
  { rule: 'format: 2', fixture: b('unsupported-format'), errors: [['unsupported-format', 1, 9]], messages: ["format '2' is not supported; this tool reads format 1"] },
  { rule: 'no items at all', fixture: b('no-items'), errors: [['no-items', 1, 1]], messages: ['no actors, quotes, claims, events, terms or facts'] },
  { rule: 'only empty item lists', fixture: b('empty-lists'), errors: [['no-items', 1, 1]] },
  { rule: 'an id shared by an actor and a term', fixture: b('duplicate-id'), errors: [['duplicate-id', 12, 9]], messages: ["id 'wang-yi' is already used by actors[0] (line 7)"] },
  { rule: 'an id shared by an actor and a fact', fixture: b('duplicate-id-fact'), errors: [['duplicate-id', 12, 9]], messages: ["id 'wang-yi' is already used by actors[0] (line 7)"] },
  { rule: 'a fact without an answer', fixture: b('missing-answer'), errors: [['missing-key', 7, 5]], messages: ["facts[0] has no 'answer'"] },
  {
    rule: "a misspelt key of a fact ('anwser'), which leaves it without an answer",
    fixture: b('unknown-key-anwser'),
    errors: [['missing-key', 7, 5], ['unknown-key', 9, 5]],
    messages: ["facts[0] has no 'answer'", "unknown key 'anwser' in facts[0]; did you mean 'answer'?"],
  },
  { rule: 'a key twice in one mapping', fixture: b('duplicate-key'), errors: [['duplicate-key', 5, 3]], messages: ['Map keys must be unique'] },
  // References
  { rule: 'an unknown speaker', fixture: b('unknown-speaker'), errors: [['unknown-actor', 13, 14]], messages: ["no actor has the id 'wang-y'; did you mean 'wang-yi'?"] },
  { rule: 'an unknown claimant', fixture: b('unknown-claimant'), errors: [['unknown-actor', 13, 15]], messages: ["no actor has the id 'nato'"] },
  { rule: 'an unknown actor in disputed_by', fixture: b('unknown-disputed-by'), errors: [['unknown-actor', 16, 28]], messages: ["no actor has the id 'china'"] },
  { rule: 'an unknown actor in events.actors', fixture: b('unknown-event-actor'), errors: [['unknown-actor', 15, 14]], messages: ["no actor has the id 'soviet-union'"] },
  { rule: 'a speaker that names a quote', fixture: b('speaker-is-a-quote'), errors: [['unknown-actor', 16, 14]], messages: ["'wang-peace-talks' is the id of quotes[0], not of an actor"] },
  { rule: 'an unknown template in skip', fixture: b('unknown-template'), errors: [['unknown-template', 11, 27]], messages: ["no template is called 'actor-revers'; did you mean 'actor-reverse'?"] },
  // The article text
  { rule: 'both text and text_file', fixture: b('text-and-text-file'), errors: [['text-source', 6, 3]], messages: ['both `text` and `text_file`'] },
  { rule: 'neither text nor text_file', fixture: b('no-text'), errors: [['text-source', 3, 3]], messages: ['neither `text_file` nor `text`'] },
  { rule: 'a text_file that does not exist', fixture: b('text-file-missing'), errors: [['text-file-missing', 5, 14]], messages: ["cannot read text_file 'no-such-article.txt': no such file"] },
  { rule: 'an absolute text_file', fixture: b('text-file-absolute'), errors: [['text-file-outside', 5, 14]], messages: ["text_file '/etc/hostname' is outside the annotation's folder"] },
  { rule: 'a text_file above the annotation (..)', fixture: b('text-file-parent'), errors: [['text-file-outside', 5, 14]], messages: ["text_file '../article.txt' is outside the annotation's folder"] },
  { rule: 'an article text with a control character', fixture: b('text-file-control'), errors: [['invalid-value', 5, 14]], messages: ["'article-control.txt' contains the control character U+001B at its line 2, column 31"] },
  { rule: 'a control character in a value (a YAML escape)', fixture: b('control-character'), errors: [['invalid-value', 4, 10]], messages: ["'title' contains the control character U+001B (character 8)"] },
  { rule: 'a text_file in Latin-1', fixture: b('text-file-latin1'), errors: [['text-file-not-utf8', 5, 14]], messages: ["'article-latin1.txt' is not UTF-8: invalid byte at its line 1, column 24"] },
  // Verbatim spans
  { rule: 'a quote that is not in the article', fixture: b('quote-not-in-article'), errors: [['not-in-article', 14, 11]], messages: ['the quote is not in the article'] },
  { rule: 'evidence that is not in the article', fixture: b('evidence-not-in-article'), errors: [['not-in-article', 15, 15]], messages: ['the evidence is not in the article'] },
  { rule: 'fact evidence that is not in the article', fixture: b('fact-evidence-not-in-article'), errors: [['not-in-article', 15, 15]], messages: ['the evidence is not in the article'] },
  { rule: 'a quote that cuts a word (peace talk / peace talks)', fixture: b('quote-cuts-word'), errors: [['not-in-article', 14, 11]] },
  { rule: 'a quote in another case', fixture: b('quote-wrong-case'), errors: [['not-in-article', 14, 11]] },
  { rule: 'a cloze word not in the quote', fixture: b('cloze-not-in-quote'), errors: [['cloze-not-in-quote', 15, 20]], messages: ["cloze word 'negotiations' does not occur in the quote's text"] },
  { rule: 'a cloze stop word', fixture: b('cloze-stop-word'), errors: [['invalid-value', 15, 13]], messages: ["cloze word 'to' is a stop word"] },
  { rule: 'a cloze word listed twice, and one with no letter', fixture: b('cloze-repeated'), errors: [['invalid-value', 15, 26], ['invalid-value', 15, 39]], messages: ["cloze word 'Peace talks' repeats 'peace talks'", "cloze word '?!' has no letter or digit"] },
  // Values
  { rule: 'published: 2025-02-30', fixture: b('published-feb-30'), errors: [['invalid-value', 5, 14]], messages: ["'published' is '2025-02-30', which is not a day of the calendar"] },
  { rule: 'published: Feb 20', fixture: b('published-words'), errors: [['invalid-value', 5, 14]], messages: ["'published' is 'Feb 20', which is not a date"] },
  { rule: 'a url without http', fixture: b('url-without-http'), errors: [['invalid-value', 5, 8]], messages: ["'url' is 'www.example.org/story', which is not a web address"] },
  { rule: 'a tag with a space', fixture: b('tag-with-space'), errors: [['invalid-value', 7, 17]], messages: ["tag 'global south' contains white space"] },
  { rule: "a deck name with an empty '::' part", fixture: b('deck-name-empty-part'), errors: [['invalid-value', 7, 9]], messages: ["has an empty part between '::'"] },
  // All errors in one run
  {
    rule: 'five different errors in one file',
    fixture: b('five-errors'),
    errors: [
      ['invalid-id', 3, 7],
      ['invalid-value', 9, 11],
      ['unknown-key', 11, 5],
      ['unknown-actor', 14, 14],
      ['not-in-article', 15, 11],
    ],
  },
];

/** The fixture's own lines, to check each error's excerpt against. */
function linesOf(fixture: string): string[] {
  return readFileSync(resolve(FIXTURES, fixture), 'latin1').split(/\r?\n/);
}

describe('a broken annotation', () => {
  it.each(CASES.map((c) => [c.rule, c] as const))('%s', (_rule, c) => {
    const errors = errorsOf(loadFixture(c.fixture, c.options));
    expect(errors.map((e) => [e.code, e.line, e.col])).toEqual(c.errors);
    const lines = linesOf(c.fixture);
    errors.forEach((error: AnnotationError, i) => {
      expect(error.file).toBe(c.fixture);
      expect(error.message).not.toBe('');
      // The excerpt is the line the error points at; a file refused before it is decoded has none.
      const undecoded = error.code === 'not-utf8' || (error.code === 'too-large' && error.line === 1);
      expect(error.sourceLine).toBe(undecoded ? '' : (lines[error.line - 1] ?? ''));
      const fragment = c.messages?.[i];
      if (typeof fragment === 'string') expect(error.message).toContain(fragment);
      else if (fragment !== undefined) expect(error.message).toMatch(fragment);
    });
  });

  it('every error code has a case', () => {
    const covered = new Set(CASES.flatMap((c) => c.errors.map(([code]) => code)));
    expect([...covered].sort()).toEqual(Object.keys(ERROR_CODES).sort());
  });

  it('shows the closest passage of the article for a quote that is not found', () => {
    const [error] = errorsOf(loadFixture(b('quote-not-in-article')));
    expect(error?.closest).toEqual({ text: 'China “supports all efforts conducive to peace talks', line: 1 });
  });

  it('shows the whole word for a quote that cuts one', () => {
    const [error] = errorsOf(loadFixture(b('quote-cuts-word')));
    expect(error?.closest).toEqual({ text: 'conducive to peace talks', line: 1 });
  });

  it('shows the typeset passage, curly quotes and all, for evidence that is not found', () => {
    const [error] = errorsOf(loadFixture(b('evidence-not-in-article')));
    expect(error?.closest).toEqual({ text: 'a ‘reverse Nixon’ moment', line: 3 });
  });

  it('shows the closest passage of the article for fact evidence that is not found', () => {
    const [error] = errorsOf(loadFixture(b('fact-evidence-not-in-article')));
    expect(error?.closest).toEqual({ text: 'The two neighbors clashed over their border in 1969', line: 4 });
    expect(error?.hint).toBe('copy the words exactly from the article; quotes, dashes and spacing may differ, nothing else');
  });

  it('gives a hint with every error of the format', () => {
    for (const c of CASES) {
      for (const error of errorsOf(loadFixture(c.fixture, c.options))) expect(error.hint, `${c.fixture} ${error.code}`).toBeTruthy();
    }
  });

  it('checks skip only when the template ids are given', () => {
    expect(loadFixture(b('unknown-template'), { templateIds: undefined }).ok).toBe(true);
  });

  it('reports the same positions with Windows line endings', () => {
    for (const c of CASES) {
      const source = readFileSync(resolve(FIXTURES, c.fixture), 'latin1');
      if (!source.includes('\n') || c.fixture.includes('not-utf8') || c.fixture.includes('latin1')) continue;
      const crlf = Buffer.from(source.replace(/\n/g, '\r\n'), 'latin1');
      const result = loadText(crlf, { file: c.fixture, readText: (p) => readFileSync(resolve(FIXTURES, c.fixture, '..', p)), ...c.options });
      expect(errorsOf(result).map((e) => [e.code, e.line, e.col]), c.fixture).toEqual(c.errors);
    }
  });

  it('reports the same positions after a byte order mark', () => {
    const source = '\uFEFF' + MINIMAL.replace('kind: person', 'kind: persn');
    expect(errorsOf(loadText(source)).map((e) => [e.code, e.line, e.col])).toEqual([['invalid-value', 9, 11]]);
  });
});

describe('a broken fact', () => {
  /** MINIMAL plus one fact whose lines are `fields` (indented under `- id: f`). */
  const factOf = (...fields: string[]): string => `${MINIMAL}facts:\n  - id: f\n${fields.map((f) => `    ${f}\n`).join('')}`;
  const positions = (source: string) => errorsOf(loadText(source)).map((e) => [e.code, e.line, e.col, e.message]);

  it('needs a question', () => {
    expect(positions(factOf('answer: "1969"'))).toEqual([['missing-key', 12, 5, "facts[0] has no 'question'"]]);
  });

  it('refuses an empty question or answer', () => {
    expect(positions(factOf('question: ""', 'answer:'))).toEqual([
      ['empty-value', 13, 15, "'question' is empty"],
      ['empty-value', 14, 12, "'answer' is empty"],
    ]);
  });

  it('refuses accept written as text, with the hint to write a list', () => {
    const errors = errorsOf(loadText(factOf('question: When?', 'answer: "1969"', 'accept: in 1969')));
    expect(errors.map((e) => [e.code, e.line, e.col, e.message])).toEqual([['wrong-type', 15, 13, "'accept' should be a list, but it is the text 'in 1969'"]]);
    expect(errors[0]?.hint).toBe('write a list of other right answers, e.g. `accept: [leverage in trade talks]`');
  });

  it('refuses an empty or unprintable entry of accept', () => {
    expect(positions(factOf('question: When?', 'answer: "1969"', 'accept: ["", "in\\e1969"]'))).toEqual([
      ['empty-value', 15, 14, "'accept' is empty"],
      ['invalid-value', 15, 18, "'accept' contains the control character U+001B (character 3)"],
    ]);
  });

  it('refuses an id that is not a slug, and an id used by another item', () => {
    const source = `${MINIMAL}terms:\n  - { id: t, term: t, definition: d }\nfacts:\n  - { id: T, question: q, answer: a }\n  - { id: t, question: q, answer: a }\n`;
    expect(errorsOf(loadText(source)).map((e) => [e.code, e.line, e.col])).toEqual([
      ['invalid-id', 14, 11],
      ['duplicate-id', 15, 11],
    ]);
  });
});
