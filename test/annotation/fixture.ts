/** Loading the annotation fixtures of test/fixtures/annotation the way the CLI does: bytes in, text files relative to the YAML. */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAnnotation, type AnnotationError, type LoadOptions, type LoadResult } from '../../src/annotation/index.js';

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
