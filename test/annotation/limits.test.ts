/**
 * Hostile and mistaken input: files too large, alias bombs, bytes that are not
 * UTF-8. Each gives one positioned error, quickly, and never an exception.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/annotation/index.js';
import { annotationOf, errorsOf, fixtureBytes, loadFixture, loadText, MINIMAL } from './fixture.js';

const positions = (result: ReturnType<typeof loadText>) => errorsOf(result).map((e) => [e.code, e.line, e.col]);

describe('the size limit', () => {
  // How fast is for `npm run bench`; here, that the size is what refuses it (one error at 1:1, nothing parsed).
  it('refuses a 50 MB string by its size', () => {
    const huge = 'format: 1\n' + 'x'.repeat(50 * 1024 * 1024);
    const errors = errorsOf(loadText(huge));
    expect(errors.map((e) => [e.code, e.line, e.col])).toEqual([['too-large', 1, 1]]);
    expect(errors[0]?.message).toBe('the annotation is larger than the safety limit of 1.0 MB (--max-size)');
  });

  it('refuses 50 MB of bytes by their size, before decoding them', () => {
    const huge = new Uint8Array(50 * 1024 * 1024).fill(0xff);
    expect(positions(loadText(huge))).toEqual([['too-large', 1, 1]]);
  });

  it('counts bytes, not characters, and accepts a file of exactly the limit', () => {
    const size = Buffer.byteLength(MINIMAL, 'utf8');
    expect(loadText(MINIMAL, { limits: { maxAnnotationBytes: size } }).ok).toBe(true);
    expect(positions(loadText(MINIMAL, { limits: { maxAnnotationBytes: size - 1 } }))).toEqual([['too-large', 1, 1]]);
    const accented = MINIMAL.replace('Wang Yi', 'Wáng Yì');
    expect(positions(loadText(accented, { limits: { maxAnnotationBytes: size + 1 } }))).toEqual([['too-large', 1, 1]]);
  });

  it('applies to the article text too, at the text_file line', () => {
    const text = 'Wang Yi spoke. '.repeat(10);
    const result = loadText(MINIMAL, { readText: () => text, limits: { maxTextBytes: text.length - 1 } });
    expect(positions(result)).toEqual([['too-large', 5, 14]]);
    expect(loadText(MINIMAL, { readText: () => text, limits: { maxTextBytes: text.length } }).ok).toBe(true);
  });

  it('keeps the other defaults when one limit is given', () => {
    expect(DEFAULT_LIMITS.maxAliasCount).toBeGreaterThan(0);
    expect(errorsOf(loadFixture('broken/alias-bomb.yaml', { limits: { maxAnnotationBytes: 10_000 } }))[0]?.code).toBe('too-many-aliases');
  });
});

describe('aliases', () => {
  it('stops a billion laughs at its alias count, before expanding it', () => {
    const errors = errorsOf(loadFixture('broken/alias-bomb.yaml'));
    expect(errors.map((e) => e.code)).toEqual(['too-many-aliases']);
  });

  it('allows a few aliases, as YAML users write them', () => {
    const source = MINIMAL.replace("role: China's top diplomat", "role: &role China's top diplomat\n    note: *role");
    expect(annotationOf(loadText(source)).actors[0]?.note).toBe("China's top diplomat");
  });

  it('reports the limit of the options', () => {
    const source = MINIMAL.replace("role: China's top diplomat", "role: &role China's top diplomat\n    note: *role");
    const errors = errorsOf(loadText(source, { limits: { maxAliasCount: 0 } }));
    expect(errors.map((e) => [e.code, e.line, e.col])).toEqual([['too-many-aliases', 11, 11]]);
    expect(errors[0]?.message).toBe('aliases expand to more than 0 nodes');
  });
});

describe('bytes that are not UTF-8', () => {
  const bytes = (...parts: (string | number[])[]): Uint8Array =>
    Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

  it.each([
    ['a Latin-1 é before a space', bytes('title: caf', [0xe9], ' noir\n'), 1, 11, 10],
    ['a lone continuation byte on line 2', bytes('format: 1\nid: ', [0x80], 'x\n'), 2, 5, 14],
    ['0xFF after a valid é', bytes('name: é', [0xff], '\n'), 1, 8, 8],
    ['a 4-byte sequence cut short', bytes('a: ', [0xf0, 0x9f, 0x98], 'b\n'), 1, 4, 3],
    ['a sequence cut off by the end of the file', bytes('a: caf', [0xc3]), 1, 7, 6],
  ])('points at the first bad byte: %s', (_name, source, line, col, offset) => {
    const errors = errorsOf(loadText(source));
    expect(errors.map((e) => [e.code, e.line, e.col])).toEqual([['not-utf8', line, col]]);
    expect(errors[0]?.message).toBe(`byte ${offset} is not valid UTF-8`);
  });

  it('accepts UTF-8 with a byte order mark', () => {
    expect(loadText(bytes([0xef, 0xbb, 0xbf], MINIMAL)).ok).toBe(true);
  });

  it('reports an article text in Latin-1 at its text_file, with the position inside the text', () => {
    const latin1 = Buffer.from('Wang Yi\nvisited the caf\xe9 in 1969.\n', 'latin1');
    const errors = errorsOf(loadText(MINIMAL, { readText: () => latin1 }));
    expect(errors.map((e) => [e.code, e.line, e.col])).toEqual([['text-file-not-utf8', 5, 14]]);
    expect(errors[0]?.message).toBe("'article.txt' is not UTF-8: invalid byte at its line 2, column 16");
  });

  it('reads the Latin-1 fixture file as not UTF-8', () => {
    expect(fixtureBytes('article-latin1.txt').includes(0xe9)).toBe(true);
    expect(errorsOf(loadFixture('broken/text-file-latin1.yaml')).map((e) => e.code)).toEqual(['text-file-not-utf8']);
  });
});

describe('reading the article text', () => {
  it('accepts a string from readText', () => {
    expect(loadText(MINIMAL, { readText: () => 'Wang Yi spoke.' }).ok).toBe(true);
  });

  it('passes the text_file path to readText as written', () => {
    const asked: string[] = [];
    loadText(MINIMAL.replace('article.txt', 'texts/a b.txt'), { readText: (p) => (asked.push(p), 'x') });
    expect(asked).toEqual(['texts/a b.txt']);
  });

  it('turns any error of readText into text-file-missing with its reason', () => {
    const errors = errorsOf(
      loadText(MINIMAL, {
        readText: () => {
          throw new Error('permission denied');
        },
      }),
    );
    expect(errors.map((e) => [e.code, e.line, e.col, e.message])).toEqual([['text-file-missing', 5, 14, "cannot read text_file 'article.txt': permission denied"]]);
  });

  it('does not read a text file the annotation does not name', () => {
    const source = MINIMAL.replace('text_file: article.txt', 'text: Wang Yi spoke.');
    expect(
      loadText(source, {
        readText: () => {
          throw new Error('must not be called');
        },
      }).ok,
    ).toBe(true);
  });
});
