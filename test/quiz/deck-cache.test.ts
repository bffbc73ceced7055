import { appendFileSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Card } from '../../src/cards/card.js';
import { cachedCards, deckCachePath } from '../../src/cli/deck-cache.js';
import { findAnnotationFiles } from '../../src/cli/inputs.js';
import { main } from '../../src/cli/main.js';
import { checkedJson } from '../../src/quiz/checked-json.js';
import { readDeckCache, serializeDeckCache } from '../../src/quiz/deck-cache.js';
import { ROOT, sampleCards, tempDir, testIo } from './helpers.js';

const ARTICLE = 'china-trump-russia-pivot';

/** A class-less copy of the sample deck in a fresh folder, and a log path beside it (no log yet). */
function sampleCopy(): { dir: string; progress: string; cache: string } {
  const dir = tempDir();
  mkdirSync(join(dir, 'decks'));
  for (const ext of ['yaml', 'txt']) copyFileSync(join(ROOT, 'decks', `${ARTICLE}.${ext}`), join(dir, 'decks', `${ARTICLE}.${ext}`));
  const progress = join(dir, 'progress.jsonl');
  return { dir, progress, cache: deckCachePath(progress) };
}

/** Starts the quiz in `dir` and quits at the first question: what it printed. */
async function firstScreen(dir: string, progress: string, args: string[] = ['decks']): Promise<string> {
  const io = { ...testIo(['q']), cwd: dir };
  expect(await main(['quiz', ...args, '--plain', '--progress', progress], io)).toBe(0);
  return io.out();
}

/** Rewrites the cache at `path` with every card's cue replaced, under its own key: a cache the quiz can be seen to use. */
function markCache(path: string, change: (key: NonNullable<ReturnType<typeof readDeckCache>>['key']) => void = () => undefined): void {
  const cached = readDeckCache(readFileSync(path, 'utf8'));
  if (cached === undefined) throw new Error('no readable cache');
  change(cached.key);
  writeFileSync(path, serializeDeckCache(cached.key, cached.cards.map((card: Card) => ({ ...card, cue: 'FROM THE CACHE' }))));
}

describe('the deck cache beside the review log', () => {
  it('is written at the first question and gives the same questions on the next start', async () => {
    const { dir, progress, cache } = sampleCopy();
    const first = await firstScreen(dir, progress);
    expect(existsSync(cache)).toBe(true);
    expect(first).toContain('── ');
    const files = findAnnotationFiles(['decks'], { ...testIo([]), cwd: dir }, undefined);
    const cards = cachedCards(cache, files, undefined);
    expect(JSON.parse(JSON.stringify(cards))).toEqual(JSON.parse(JSON.stringify(sampleCards())));
    expect(await firstScreen(dir, progress)).toBe(first);
  });

  it('is used when it matches the annotations', async () => {
    const { dir, progress, cache } = sampleCopy();
    await firstScreen(dir, progress);
    markCache(cache);
    expect(await firstScreen(dir, progress)).toContain('── FROM THE CACHE');
  });

  const ignored: [string, (copy: ReturnType<typeof sampleCopy>) => void][] = [
    ['the annotation changed', ({ dir }) => appendFileSync(join(dir, 'decks', `${ARTICLE}.yaml`), '\n# edited\n')],
    ['the article text changed', ({ dir }) => appendFileSync(join(dir, 'decks', `${ARTICLE}.txt`), '\n')],
    ['another build of newsdeck made it', ({ cache }) => markCache(cache, (key) => (key.code = '0'.repeat(64)))],
    ['it is damaged', ({ cache }) => writeFileSync(cache, readFileSync(cache, 'utf8').replace('FROM THE CACHE', 'FROM THE CACHF'))],
    ['it is cut short', ({ cache }) => writeFileSync(cache, readFileSync(cache, 'utf8').slice(0, 5000))],
    ['it is not JSON', ({ cache }) => writeFileSync(cache, 'not a cache\n')],
    ['another annotation joined the folder', ({ dir }) => {
      const other = readFileSync(join(dir, 'decks', `${ARTICLE}.yaml`), 'utf8').replace(/^(\s*)id: china-trump-russia-pivot$/m, '$1id: another-article');
      writeFileSync(join(dir, 'decks', 'another.yaml'), other);
      copyFileSync(join(dir, 'decks', `${ARTICLE}.txt`), join(dir, 'decks', 'another.txt'));
    }],
  ];
  for (const [why, change] of ignored) {
    it(`is ignored, and replaced, when ${why}`, async () => {
      const copy = sampleCopy();
      const expected = await firstScreen(copy.dir, copy.progress);
      markCache(copy.cache);
      change(copy);
      const screen = await firstScreen(copy.dir, copy.progress);
      expect(screen).not.toContain('FROM THE CACHE');
      if (why !== 'another annotation joined the folder') expect(screen).toBe(expected);
      // The fresh cache matches again: the start after it uses it.
      markCache(copy.cache);
      expect(await firstScreen(copy.dir, copy.progress)).toContain('FROM THE CACHE');
    });
  }

  it('is ignored when the same annotation is named otherwise (another project root for its text file)', async () => {
    const { dir, progress, cache } = sampleCopy();
    await firstScreen(dir, progress, ['decks']);
    markCache(cache);
    const screen = await firstScreen(dir, progress, [`decks/${ARTICLE}.yaml`]);
    expect(screen).not.toContain('FROM THE CACHE');
    expect(screen).toContain('── ');
  });

  it('is not written when a deck was skipped (its error is shown on every start)', async () => {
    const { dir, progress, cache } = sampleCopy();
    writeFileSync(join(dir, 'decks', 'broken.yaml'), 'article: [\n');
    const io = { ...testIo(['q']), cwd: dir };
    expect(await main(['quiz', 'decks', '--plain', '--progress', progress], io)).toBe(0);
    expect(io.err()).toContain('newsdeck: skipped decks/broken.yaml');
    expect(existsSync(cache)).toBe(false);
  });

  it('is not read or written in exam mode', async () => {
    const { dir, progress, cache } = sampleCopy();
    const io = { ...testIo([]), cwd: dir };
    expect(await main(['quiz', 'decks', '--plain', '--progress', progress, '--exam', '--seed', '1', '--count', '1', '--student', 'Ada'], io)).toBe(0);
    expect(existsSync(cache)).toBe(false);
  });
});

describe('readDeckCache', () => {
  const key = { code: 'a'.repeat(64), inClass: null, sources: [{ file: 'x.yaml', path: '/x.yaml', annotation: { bytes: 3, sha256: 'b'.repeat(64) } }] };
  const cards = sampleCards();

  it('reads back what was saved', () => {
    expect(readDeckCache(serializeDeckCache(key, cards))).toEqual(JSON.parse(JSON.stringify({ key, cards })));
  });

  it('refuses a file whose check fails, of another version, or without cards', () => {
    const text = serializeDeckCache(key, cards);
    expect(readDeckCache(text.replace('"x.yaml"', '"y.yaml"'))).toBeUndefined();
    expect(readDeckCache(text.slice(0, -10))).toBeUndefined();
    expect(readDeckCache(serializeDeckCache(key, []))).toBeUndefined();
    const { check: _, ...file } = JSON.parse(text) as Record<string, unknown>;
    expect(readDeckCache(checkedJson(file))).toBeDefined();
    expect(readDeckCache(checkedJson({ ...file, v: 0 }))).toBeUndefined();
    expect(readDeckCache(checkedJson({ ...file, key: { ...key, sources: [{ file: 'x.yaml' }] } }))).toBeUndefined();
  });
});
