/** Loading the annotation fixtures of test/fixtures/annotation the way the CLI does: bytes in, text files relative to the YAML. */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { ERROR_CODES, formatError, loadAnnotation, type AnnotationError, type LoadOptions, type LoadResult } from '../../src/annotation/index.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/annotation/', import.meta.url));
export const DECKS = fileURLToPath(new URL('../../decks/', import.meta.url));

/** Template ids that `skip` may name in the fixtures. */
export const TEMPLATE_IDS = ['actor-reverse', 'quote-cloze'] as const;

/** The article of the fixtures, typeset with curly quotes, an en dash and a run of spaces. */
export const ARTICLE = readFileSync(resolve(FIXTURES, 'article.txt'), 'utf8');

/** The raw bytes of a fixture, relative to test/fixtures/annotation. */
export function fixtureBytes(name: string): Buffer {
  return readFileSync(resolve(FIXTURES, name));
}

/** Loads a fixture file (as bytes), reading `text_file` relative to it. */
export function loadFixture(name: string, options: Partial<LoadOptions> = {}): LoadResult {
  const path = resolve(FIXTURES, name);
  return loadAnnotation(readFileSync(path), {
    file: name,
    readText: (relativePath) => readFileSync(resolve(dirname(path), relativePath)),
    templateIds: TEMPLATE_IDS,
    ...options,
  });
}

/** Loads YAML text given inline, with the fixture article as its `text_file`. */
export function loadText(source: string | Uint8Array, options: Partial<LoadOptions> = {}): LoadResult {
  return loadAnnotation(source, { file: 'inline.yaml', readText: () => ARTICLE, templateIds: TEMPLATE_IDS, ...options });
}

/** The errors of a load that must fail (a readable failure when it does not). */
export function errorsOf(result: LoadResult): AnnotationError[] {
  if (result.ok) throw new Error('expected errors, but the annotation loaded');
  return result.errors;
}

/** The annotation of a load that must succeed (the errors in the failure message when it does not). */
export function annotationOf(result: LoadResult): Extract<LoadResult, { ok: true }>['annotation'] {
  if (!result.ok) throw new Error(`expected a valid annotation, got:\n${JSON.stringify(result.errors, null, 2)}`);
  return result.annotation;
}

/** The smallest valid annotation, with the article inline or as `article.txt`; tests splice one defect into it. */
export const MINIMAL = readFileSync(resolve(FIXTURES, 'minimal.yaml'), 'utf8');

/** The invariants of every result: positions inside the input, known codes, renderable errors. */
export function checkResult(source: string, result: LoadResult, file = 'p.yaml'): void {
  if (result.ok) return;
  expect(result.errors.length).toBeGreaterThan(0);
  const lines = source.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  let previous = { line: 0, col: 0 };
  for (const error of result.errors) {
    const where = `${error.code} at ${error.line}:${error.col} (${error.message})`;
    expect(Object.keys(ERROR_CODES), where).toContain(error.code);
    expect(Number.isInteger(error.line) && error.line >= 1, where).toBe(true);
    expect(Number.isInteger(error.col) && error.col >= 1, where).toBe(true);
    expect(error.line, where).toBeLessThanOrEqual(lines.length + 1);
    expect(error.message, where).not.toBe('');
    expect(error.file).toBe(file);
    // Sorted by position.
    expect(error.line > previous.line || (error.line === previous.line && error.col >= previous.col), where).toBe(true);
    previous = error;
    expect(() => formatError(error)).not.toThrow();
    // What reaches the terminal never carries a control character (but tabs and the newlines between its lines).
    // eslint-disable-next-line no-control-regex
    expect(formatError(error), where).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    // The excerpt is the line the position names, and the column lies on it (or just after its end);
    // a file refused before it is decoded has no excerpt.
    if (error.code === 'not-utf8' || (error.code === 'too-large' && error.sourceLine === '')) continue;
    const line = lines[error.line - 1] ?? '';
    expect(error.sourceLine, where).toBe(line);
    expect(error.col, where).toBeLessThanOrEqual(line.length + 1);
  }
}
