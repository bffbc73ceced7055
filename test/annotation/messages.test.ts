/**
 * Errors as `newsdeck check` prints them: `file:line:col: code: message`, the
 * source line with a caret under the column, the closest passage for a span
 * that is not found, and the hint. Expected texts are written out in full.
 */
import { describe, expect, it } from 'vitest';
import { formatError, formatErrors } from '../../src/annotation/index.js';
import { errorsOf, loadFixture, loadText } from './fixture.js';

const rendered = (result: ReturnType<typeof loadText>): string[] => errorsOf(result).map(formatError);

describe('formatError', () => {
  it('renders a misspelt key with "did you mean" and the allowed keys', () => {
    expect(rendered(loadFixture('broken/unknown-key-speakr.yaml'))).toEqual([
      [
        "broken/unknown-key-speakr.yaml:13:5: unknown-key: unknown key 'speakr' in quotes[0]; did you mean 'speaker'?",
        '13 |     speakr: wang-yi',
        '   |     ^',
        '  hint: the keys allowed here are: id, speaker, text, context, cloze, tags, skip, was',
      ].join('\n'),
    ]);
  });

  it('renders a misspelt key of a fact with "did you mean" and the keys of a fact', () => {
    expect(rendered(loadFixture('broken/unknown-key-anwser.yaml'))[1]).toBe(
      [
        "broken/unknown-key-anwser.yaml:9:5: unknown-key: unknown key 'anwser' in facts[0]; did you mean 'answer'?",
        '9 |     anwser: "1969"',
        '  |     ^',
        '  hint: the keys allowed here are: id, question, answer, accept, evidence, tags, skip, was',
      ].join('\n'),
    );
  });

  it('renders a quote that is not found with the closest passage of the article', () => {
    expect(rendered(loadFixture('broken/quote-not-in-article.yaml'))).toEqual([
      [
        'broken/quote-not-in-article.yaml:14:11: not-in-article: the quote is not in the article',
        '14 |     text: China supports all efforts conducive to peace negotiations',
        '   |           ^',
        '  closest passage in the article (line 1): “China “supports all efforts conducive to peace talks”',
        '  hint: copy the words exactly from the article; quotes, dashes and spacing may differ, nothing else',
      ].join('\n'),
    ]);
  });

  it('renders fact evidence that is not found with the closest passage of the article', () => {
    expect(rendered(loadFixture('broken/fact-evidence-not-in-article.yaml'))).toEqual([
      [
        'broken/fact-evidence-not-in-article.yaml:15:15: not-in-article: the evidence is not in the article',
        '15 |     evidence: the two neighbors fought over their border in 1969',
        '   |               ^',
        '  closest passage in the article (line 4): “The two neighbors clashed over their border in 1969”',
        '  hint: copy the words exactly from the article; quotes, dashes and spacing may differ, nothing else',
      ].join('\n'),
    ]);
  });

  it('renders an unknown actor with the caret under the list entry', () => {
    expect(rendered(loadFixture('broken/unknown-disputed-by.yaml'))).toEqual([
      [
        "broken/unknown-disputed-by.yaml:16:28: unknown-actor: no actor has the id 'china'",
        '16 |     disputed_by: [wang-yi, china]',
        '   |                            ^',
        '  hint: declare the actor under `actors:` first',
      ].join('\n'),
    ]);
  });

  it('renders an empty file without an excerpt', () => {
    expect(rendered(loadFixture('broken/empty.yaml'))).toEqual([
      [
        'broken/empty.yaml:1:1: wrong-type: the file is empty; an annotation is a mapping with format, article and items',
        '  hint: start from the example in the README (format: 1, article: …, actors: …)',
      ].join('\n'),
    ]);
  });

  it('renders a file that is not UTF-8 without an excerpt', () => {
    expect(rendered(loadFixture('broken/not-utf8.yaml'))).toEqual([
      ['broken/not-utf8.yaml:4:13: not-utf8: byte 44 is not valid UTF-8', '  hint: save the file as UTF-8 in your editor'].join('\n'),
    ]);
  });

  it('shows a tab as one space so that the caret stays under its column', () => {
    expect(rendered(loadText('format: 1\narticle:\n\tid: s\n'))).toEqual([
      [
        'inline.yaml:3:1: yaml-syntax: Tabs are not allowed as indentation',
        '3 |  id: s',
        '  | ^',
        '  hint: check indentation and quoting; values containing ": " or " #" need quotes',
      ].join('\n'),
    ]);
  });

  it('renders an article text that is not UTF-8 at its text_file', () => {
    expect(rendered(loadFixture('broken/text-file-latin1.yaml'))).toEqual([
      [
        "broken/text-file-latin1.yaml:5:14: text-file-not-utf8: 'article-latin1.txt' is not UTF-8: invalid byte at its line 1, column 24",
        '5 |   text_file: article-latin1.txt',
        '  |              ^',
        '  hint: convert the text to UTF-8 (e.g. `iconv -f latin1 -t utf-8`)',
      ].join('\n'),
    ]);
  });

  it('clips a very long source line and keeps the caret within it', () => {
    const long = 'x'.repeat(200);
    const text = formatError({ code: 'invalid-value', file: 'f.yaml', line: 2, col: 190, message: 'm', sourceLine: long });
    expect(text.split('\n')).toEqual(['f.yaml:2:190: invalid-value: m', `2 | ${'x'.repeat(160)}…`, `  | ${' '.repeat(160)}^`]);
  });
});

describe('formatErrors', () => {
  it('separates the errors of a file by a blank line, in the order of their lines', () => {
    const errors = errorsOf(loadFixture('broken/five-errors.yaml'));
    const text = formatErrors(errors);
    expect(text.split('\n\n')).toHaveLength(5);
    expect(text.split('\n').filter((line) => line.startsWith('broken/'))).toEqual([
      "broken/five-errors.yaml:3:7: invalid-id: 'Sample' is not a valid id: ids are lowercase letters, digits and hyphens",
      "broken/five-errors.yaml:9:11: invalid-value: 'kind' is 'persn', which is not allowed; did you mean 'person'?",
      "broken/five-errors.yaml:11:5: unknown-key: unknown key 'speakr' in actors[0]",
      "broken/five-errors.yaml:14:14: unknown-actor: no actor has the id 'wang-y'; did you mean 'wang-yi'?",
      'broken/five-errors.yaml:15:11: not-in-article: the quote is not in the article',
    ]);
  });
});
