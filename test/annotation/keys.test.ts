import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadAnnotation } from '../../src/annotation/index.js';
import { ARTICLE } from './fixture.js';

afterEach(() => vi.restoreAllMocks());

describe('a collection used as a key', () => {
  it('is an unknown key at the key itself, and the loader prints nothing', () => {
    const warn = vi.spyOn(process, 'emitWarning');
    const source = 'format: 1\n? [a]\n: b\narticle: { id: x, title: T, text: t }\nterms: [{ id: t, term: t, definition: d }]\n';
    const result = loadAnnotation(source, { file: 'k.yaml', readText: () => ARTICLE });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.code, e.line, e.col])).toEqual([['unknown-key', 2, 3]]);
    expect(warn).not.toHaveBeenCalled();
  });
});
