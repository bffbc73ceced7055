/**
 * The card cache of `newsdeck build` (issue 12): a rebuild from the cache
 * gives the bytes a cold build gives; an entry is used only when it is whole,
 * for the same key, and its texts read the same; a damaged or foreign entry is
 * passed over and replaced; killed builds' temporaries are removed; the cache
 * stays under its size bound, the entries used longest ago going first. Every
 * build here points XDG_CACHE_HOME at a temporary folder: the user's cache is
 * never touched.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeClass } from '../../bench/synthetic.mjs';
import { DEFAULT_LIMITS } from '../../src/annotation/index.js';
import { TEMPLATE_IDS } from '../../src/cards/index.js';
import { CardCache, encodeEntry, readEntry } from '../../src/cli/card-cache.js';
import { main } from '../../src/cli/main.js';
import { fakeIo } from '../helpers/io.js';
import { tempFolder } from '../helpers/tmp.js';

const FORGED = 'forged-in-the-cache';

/** A fresh synthetic class (four articles, about 40 cards each: every card family, four builds a test) and a cache folder of its own. */
function setUp(): { dir: string; xdg: string; cards: string } {
  const root = tempFolder('newsdeck-card-cache-');
  const xdg = join(root, 'xdg');
  const dir = join(root, 'class');
  writeClass(dir, 4, 8);
  return { dir, xdg, cards: join(xdg, 'newsdeck', 'cards') };
}

/** Builds `dir` (the Anki packages and the Anki text files) into a new folder; every file's bytes, by name. */
async function build(dir: string, env: Record<string, string>, ...options: string[]): Promise<Map<string, Buffer>> {
  const out = join(tempFolder('newsdeck-card-cache-out-'), 'out');
  const { io, stderr } = fakeIo({ env: { SOURCE_DATE_EPOCH: '1750000000', ...env } });
  const status = await main(['build', dir, '--out', out, '--format', 'apkg,anki-text', ...options], io);
  expect(status, stderr()).toBe(0);
  return new Map(readdirSync(out).sort().map((name) => [name, readFileSync(join(out, name))]));
}

let cold: Promise<Map<string, Buffer>> | undefined;

/**
 * A build with no cache of the synthetic class that setUp writes, made once for the two tests that
 * compare with it (a build's bytes do not depend on the folder it reads): what every build through the
 * cache must give again.
 */
function coldBuild(): Promise<Map<string, Buffer>> {
  cold ??= build(setUp().dir, {}, '--no-cache');
  return cold;
}

const entriesIn = (cards: string): string[] => (existsSync(cards) ? readdirSync(cards).filter((n) => /^[0-9a-f]{64}$/.test(n)).sort() : []);

/**
 * Rewrites each entry, a valid one for its key, with a tag added to its first card and a TODO comment of its own:
 * what a build or a check shows of it came from the cache.
 */
function forgeEntries(cards: string, which: (name: string) => boolean = () => true): void {
  for (const key of entriesIn(cards).filter(which)) {
    const path = join(cards, key);
    const { texts, annotation, todos, generated } = readEntry(readFileSync(path), key);
    const [first] = generated.cards;
    if (first === undefined) throw new Error('an entry without cards');
    first.tags = [...first.tags, FORGED];
    writeFileSync(path, encodeEntry(key, { texts, annotation, todos: [...todos, { line: 1, col: 1, text: FORGED }] }, generated));
  }
}

/** What `newsdeck check` prints of `dir` (its exit status must be `status`). */
async function check(dir: string, env: Record<string, string>, ...options: string[]): Promise<string> {
  const { io, stdout, stderr } = fakeIo({ env });
  const status = await main(['check', dir, ...options], io);
  expect(status, stderr()).toBe(0);
  return stdout();
}

/** The annotation files whose check output shows a forged entry. */
const forgedIn = (output: string): string[] =>
  output
    .split('\n')
    .filter((line) => line.includes(`warning: TODO: ${FORGED}`))
    .map((line) => /(synthetic-\d+)\.yaml/.exec(line)?.[1] ?? line);

/** Whether a text file of the build shows `text` (packages are compressed: their notes are the text files' too). */
const shows = (files: Map<string, Buffer>, text: string): boolean => [...files].some(([name, bytes]) => name.endsWith('.anki.txt') && bytes.includes(text));

describe('the card cache', () => {
  it('a rebuild from the cache gives byte-identical files to a cold build', { timeout: 240_000 }, async () => {
    const { dir, xdg, cards } = setUp();
    const cold = await coldBuild();
    expect(entriesIn(cards)).toEqual([]);
    const storing = await build(dir, { XDG_CACHE_HOME: xdg });
    expect(entriesIn(cards)).toHaveLength(4);
    const fromCache = await build(dir, { XDG_CACHE_HOME: xdg });
    expect(storing).toEqual(cold);
    expect(fromCache).toEqual(cold);
    // The rebuild read the entries: one changed through the cache's own format shows in its files.
    forgeEntries(cards);
    expect(shows(await build(dir, { XDG_CACHE_HOME: xdg }), FORGED)).toBe(true);
  });

  it('is off with --no-cache or NEWSDECK_NO_CACHE, and without HOME or XDG_CACHE_HOME', { timeout: 240_000 }, async () => {
    const { dir, xdg, cards } = setUp();
    await build(dir, { XDG_CACHE_HOME: xdg });
    forgeEntries(cards);
    expect(shows(await build(dir, { XDG_CACHE_HOME: xdg }), FORGED)).toBe(true);
    expect(shows(await build(dir, { XDG_CACHE_HOME: xdg }, '--no-cache'), FORGED)).toBe(false);
    expect(shows(await build(dir, { XDG_CACHE_HOME: xdg, NEWSDECK_NO_CACHE: '1' }), FORGED)).toBe(false);
    // A relative XDG_CACHE_HOME is ignored (the XDG spec), and without HOME there is no cache to fall back on.
    expect(shows(await build(dir, { XDG_CACHE_HOME: 'relative' }), FORGED)).toBe(false);
    // HOME's .cache, when XDG_CACHE_HOME is not set.
    const home = tempFolder('newsdeck-card-cache-home-');
    await build(dir, { HOME: home });
    expect(entriesIn(join(home, '.cache', 'newsdeck', 'cards'))).toHaveLength(4);
  });

  it('a damaged, cut short or foreign entry is passed over, and replaced', { timeout: 240_000 }, async () => {
    const { dir, xdg, cards } = setUp();
    const cold = await coldBuild();
    await build(dir, { XDG_CACHE_HOME: xdg });
    forgeEntries(cards);
    const [a, b, c, d] = entriesIn(cards) as [string, string, string, string];
    const bytes = (key: string): Buffer => readFileSync(join(cards, key));
    // A byte of the cards flipped, the entry cut short, another article's (valid) entry under this name, not an entry at all.
    const flipped = bytes(a);
    flipped[flipped.length - 10] = (flipped[flipped.length - 10] as number) ^ 0x01;
    writeFileSync(join(cards, a), flipped);
    writeFileSync(join(cards, b), bytes(b).subarray(0, bytes(b).length - 100));
    writeFileSync(join(cards, c), bytes(d));
    writeFileSync(join(cards, d), '{"cards": []}\n');
    const rebuilt = await build(dir, { XDG_CACHE_HOME: xdg });
    expect(rebuilt).toEqual(cold);
    // Each was made again and stored whole.
    for (const key of [a, b, c, d]) expect(readEntry(bytes(key), key).generated.cards.some((card) => card.tags.includes(FORGED))).toBe(false);
  });

  it('a changed text is a miss for its article only', async () => {
    const { dir, xdg, cards } = setUp();
    await build(dir, { XDG_CACHE_HOME: xdg });
    forgeEntries(cards);
    // A paragraph added at the end: the annotation is the same, its passages too.
    appendFileSync(join(dir, 'synthetic-1.txt'), '\nA closing paragraph that no item quotes.\n');
    const rebuilt = await build(dir, { XDG_CACHE_HOME: xdg });
    const forged = [...rebuilt].filter(([name, data]) => name.endsWith('.anki.txt') && data.includes(FORGED)).map(([name]) => name);
    expect(forged).toEqual(['synthetic-0.anki.txt', 'synthetic-2.anki.txt', 'synthetic-3.anki.txt']);
  });

  it('check prints what it prints without the cache, from entries it stored or a build stored; an edit is checked again', { timeout: 240_000 }, async () => {
    const { dir, xdg, cards } = setUp();
    // A TODO comment: check prints it from the entry as from the file.
    appendFileSync(join(dir, 'synthetic-0.yaml'), '# TODO: date the last event\n');
    const cold = await check(dir, {}, '--no-cache');
    expect(cold).toContain('synthetic-0.yaml:');
    expect(cold).toContain('warning: TODO: date the last event');
    expect(cold.match(/: ok: /g)).toHaveLength(4);
    const coldJson = await check(dir, {}, '--json', '--no-cache');
    expect(await check(dir, { XDG_CACHE_HOME: xdg })).toBe(cold);
    expect(entriesIn(cards)).toHaveLength(4);
    expect(await check(dir, { XDG_CACHE_HOME: xdg })).toBe(cold);
    expect(await check(dir, { XDG_CACHE_HOME: xdg }, '--json')).toBe(coldJson);
    // The warm check read the entries; off with --no-cache and NEWSDECK_NO_CACHE.
    forgeEntries(cards);
    expect(forgedIn(await check(dir, { XDG_CACHE_HOME: xdg }))).toEqual(['synthetic-0', 'synthetic-1', 'synthetic-2', 'synthetic-3']);
    expect(await check(dir, { XDG_CACHE_HOME: xdg }, '--no-cache')).toBe(cold);
    expect(await check(dir, { XDG_CACHE_HOME: xdg, NEWSDECK_NO_CACHE: '1' })).toBe(cold);
    // A build uses the entries check stored (the forged tag is in its Anki text file).
    expect(shows(await build(dir, { XDG_CACHE_HOME: xdg }), FORGED)).toBe(true);

    // An edited annotation and an edited text are checked again (and their new cards counted); the others still come from the cache.
    const annotation = join(dir, 'synthetic-1.yaml');
    writeFileSync(annotation, readFileSync(annotation, 'utf8').replace(/^ {2}title: "/m, '  title: "Revised: '));
    appendFileSync(join(dir, 'synthetic-2.txt'), '\nA closing paragraph that no item quotes.\n');
    const edited = await check(dir, { XDG_CACHE_HOME: xdg });
    expect(forgedIn(edited)).toEqual(['synthetic-0', 'synthetic-3']);
    const withoutForged = (output: string): string => output.split('\n').filter((line) => !line.includes(FORGED)).join('\n');
    const editedCold = await check(dir, {}, '--no-cache');
    expect(withoutForged(edited)).toBe(editedCold);
    expect(edited).not.toBe(cold);

    // Damaged entries, cut short or not entries at all, are passed over: the output is the one without the cache.
    for (const [index, key] of entriesIn(cards).entries()) {
      const path = join(cards, key);
      const bytes = readFileSync(path);
      // A byte of the annotation's part (the cards' part is read only when the cards are asked for).
      const inAnnotation = bytes.indexOf(0x0a) + 20;
      if (index % 3 === 0) bytes[inAnnotation] = (bytes[inAnnotation] as number) ^ 0x01;
      writeFileSync(path, index % 3 === 0 ? bytes : index % 3 === 1 ? bytes.subarray(0, bytes.length - 100) : '{"cards": []}\n');
    }
    expect(await check(dir, { XDG_CACHE_HOME: xdg })).toBe(editedCold);
  });

  it('removes the temporaries of killed builds and keeps to its size bound, least recently used first', () => {
    const cards = join(tempFolder('newsdeck-card-cache-tidy-'), 'cards');
    const cache = new CardCache(cards, 3000, { limits: DEFAULT_LIMITS, templateIds: TEMPLATE_IDS, templates: undefined });
    const { pid: gone } = spawnSync(process.execPath, ['-e', '']);
    const key = (n: number): string => String(n).repeat(64);
    mkdirSync(cards, { recursive: true });
    // Four entries of 1,000 bytes, used at times 4, 1, 3, 2; a killed build's temporary and one of this running process.
    for (const [n, used] of [[1, 4], [2, 1], [3, 3], [4, 2]] as const) {
      const path = join(cards, key(n));
      writeFileSync(path, Buffer.alloc(1000));
      utimesSync(path, used * 1000, used * 1000);
    }
    writeFileSync(join(cards, `${key(5)}.${gone}.tmp`), 'half an entry');
    writeFileSync(join(cards, `${key(6)}.${process.pid}.tmp`), 'an entry being written');
    writeFileSync(join(cards, 'not-ours'), Buffer.alloc(5000));
    cache.tidy();
    // 4,000 bytes over a bound of 3,000: the entry used longest ago (2) goes; files not named as entries are not counted or touched.
    expect(readdirSync(cards).sort()).toEqual([key(1), key(3), key(4), `${key(6)}.${process.pid}.tmp`, 'not-ours'].sort());
    expect(statSync(join(cards, key(1))).size).toBe(1000);
  });
});
