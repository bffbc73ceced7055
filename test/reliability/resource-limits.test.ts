/**
 * Issue 13, "what to prove" 4: resource limits. Alias bombs, deep nesting, a
 * 50 MB annotation, a 1 GB article, 100,000-character words and 20,000 tiny
 * items each give a clear, positioned error or a result, and the files over a
 * limit are refused by their size without being read (sparse files: the test
 * allocates nothing near their size). The loader's time on 20,000 items is
 * what the suite bounds here; making cards of them is measured by `npm run bench`.
 */
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, ftruncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAnnotation, type LoadResult } from '../../src/annotation/index.js';
import { main } from '../../src/cli/main.js';
import { errorsOf, loadText, MINIMAL } from '../annotation/fixture.js';
import { fakeIo } from '../helpers/io.js';
import { tempFolder } from '../helpers/tmp.js';

const positions = (result: LoadResult): [string, number, number][] => errorsOf(result).map((e) => [e.code, e.line, e.col]);

/** A file of `bytes` bytes that takes no room on disk: reading it would cost its whole size, refusing it nothing. */
function sparseFile(path: string, bytes: number): void {
  const fd = openSync(path, 'w');
  ftruncateSync(fd, bytes);
  closeSync(fd);
}

/** Runs `newsdeck check` in `dir`, with the growth of memory outside the JS heap (where file contents go) while it ran. */
async function check(dir: string, ...args: string[]): Promise<{ status: number; out: string; grew: number }> {
  const { io, stdout, stderr } = fakeIo({ cwd: dir });
  const before = process.memoryUsage().arrayBuffers;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().arrayBuffers)), 5);
  try {
    const status = await main(['check', ...args], io);
    peak = Math.max(peak, process.memoryUsage().arrayBuffers);
    return { status, out: stdout() + stderr(), grew: peak - before };
  } finally {
    clearInterval(sampler);
  }
}

const MB = 1024 * 1024;

describe('files over the size limits', () => {
  it('refuses a 50 MB annotation by its size: one error at 1:1, a few megabytes read at most', async () => {
    const dir = tempFolder('newsdeck-limits-');
    sparseFile(join(dir, 'huge.yaml'), 50 * MB);
    const { status, out, grew } = await check(dir, 'huge.yaml');
    expect(status).toBe(1);
    expect(out).toContain('huge.yaml:1:1: too-large: the annotation is larger than the safety limit of 1.0 MB (--max-size)');
    expect(grew).toBeLessThan(16 * MB);
  });

  it('refuses a 1 GB article by its size, at its text_file, a few megabytes read at most', async () => {
    const dir = tempFolder('newsdeck-limits-');
    writeFileSync(join(dir, 'a.yaml'), MINIMAL);
    sparseFile(join(dir, 'article.txt'), 1024 * MB);
    const { status, out, grew } = await check(dir, 'a.yaml');
    expect(status).toBe(1);
    expect(out).toContain('a.yaml:5:14: too-large: the article text is larger than the safety limit of 4.0 MB (--max-size)');
    expect(grew).toBeLessThan(32 * MB);
  });
});

describe('an annotation that is no regular file', () => {
  it('refuses a FIFO named as an annotation without reading it, also for its TODO comments', async () => {
    const dir = tempFolder('newsdeck-limits-');
    const fifo = join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    // A writer that opens the FIFO again each time a reader comes: a command that read the FIFO would get this
    // TODO comment and print it (with no writer it would wait forever, which a test could not report).
    const writer = spawn('sh', ['-c', `while :; do printf '# TODO: read from the pipe\\n' > '${fifo}'; done`]);
    try {
      const { status, out } = await check(dir, 'pipe.yaml');
      expect(status).toBe(1);
      expect(out).toContain('pipe.yaml:1:1: text-file-missing: cannot read the file: it is a FIFO (named pipe), not a regular file');
      expect(out).not.toContain('TODO');
    } finally {
      writer.kill();
    }
  });
});

describe('YAML that expands or nests without bound', () => {
  it('refuses 5,000 distinct aliases at the first one past the limit of 100', () => {
    const anchors = Array.from({ length: 5000 }, (_, i) => `  - &a${i} v${i}`).join('\n');
    const uses = Array.from({ length: 5000 }, (_, i) => `  - *a${i}`).join('\n');
    const source = `format: 1\nanchors:\n${anchors}\nuses:\n${uses}\n`;
    const errors = errorsOf(loadText(source));
    // Line 1 format, 2 anchors:, 5,000 anchors, uses: on 5,003; the 101st alias on line 5,104.
    expect(errors.map((e) => [e.code, e.line, e.col])).toEqual([['too-many-aliases', 5104, 5]]);
    expect(errors[0]?.message).toBe('more than 100 aliases in one file');
  });

  it.each([
    ['flow brackets 10,000 deep', `format: 1\nx: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`, 2, 67],
    ['flow mappings 10,000 deep', `format: 1\nx: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`, 2, 4 * 63 + 4],
    ['10,000 dashes on one line', `format: 1\nx:\n  ${'- '.repeat(10_000)}y\n`, 3, 2 * 64 + 1],
    ['1,000 indented mappings', `format: 1\n${Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')} v\n`, 66, 65],
  ])('refuses %s as too deep, at the level past 64, never with a stack overflow', (_what, source, line, col) => {
    const errors = errorsOf(loadText(source));
    expect(errors.map((e) => [e.code, e.line, e.col])).toEqual([['too-deep', line, col]]);
    expect(errors[0]?.message).toBe('lists and mappings nest more than 64 levels deep here');
  });

  it('accepts nesting up to the limit', () => {
    const source = MINIMAL.replace("role: China's top diplomat", `role: China's top diplomat\n    tags: ${'['.repeat(60)}${']'.repeat(60)}`);
    // Not too deep: the shape is wrong (a list of lists), reported as such.
    expect(positions(loadText(source)).map(([code]) => code)).not.toContain('too-deep');
  });
});

describe('long words and many items', () => {
  const LONG = 'w'.repeat(100_000);

  it('refuses a 100,000-character actor name at its place (card making would build a pattern JavaScript refuses)', () => {
    const errors = errorsOf(loadText(MINIMAL.replace('name: Wang Yi', `name: ${LONG}`)));
    expect(errors.map((e) => [e.code, e.line, e.col, e.message])).toEqual([['invalid-value', 8, 11, "'name' is 100000 characters long; at most 200 are allowed"]]);
    const alias = errorsOf(loadText(MINIMAL.replace('name: Wang Yi', `name: Wang Yi\n    aliases: [Wang, ${LONG}]`)));
    expect(alias.map((e) => [e.code, e.line, e.col])).toEqual([['invalid-value', 9, 21]]);
  });

  it('builds a package when a role, a note and the article carry a 100,000-character word', async () => {
    const dir = tempFolder('newsdeck-limits-');
    mkdirSync(join(dir, 'decks'));
    writeFileSync(join(dir, 'decks', 'article.txt'), `Wang Yi spoke of ${LONG} on Monday.\n`);
    writeFileSync(join(dir, 'decks', 'a.yaml'), MINIMAL.replace("role: China's top diplomat", `role: China's top diplomat ${LONG}\n    note: ${LONG}`));
    const { io, stderr } = fakeIo({ cwd: dir, env: { SOURCE_DATE_EPOCH: '1750000000' } });
    expect(await main(['build', 'decks', '--out', 'out', '--format', 'apkg,quizlet,review'], io), stderr()).toBe(0);
  });

  /** An annotation of `n` tiny actors, each named once in one long paragraph. */
  function tinyActors(n: number): { source: string; text: string } {
    const text = Array.from({ length: n }, (_, i) => `N${i} spoke.`).join(' ');
    const actors = Array.from({ length: n }, (_, i) => `  - {id: a${i}, name: N${i}, kind: person, role: r}`).join('\n');
    return { source: `format: 1\narticle:\n  id: many\n  title: Many\n  text_file: a.txt\nactors:\n${actors}\n`, text };
  }

  it('refuses 20,000 tiny actors by the size limit, and loads them under --max-size 2', () => {
    const { source, text } = tinyActors(20_000);
    const options = { file: 'many.yaml', readText: () => text };
    expect(positions(loadAnnotation(source, options))).toEqual([['too-large', 1, 1]]);
    const loaded = loadAnnotation(source, { ...options, limits: { maxAnnotationBytes: 2 * MB } });
    expect(loaded.ok ? loaded.annotation.actors.length : loaded.errors.slice(0, 2)).toBe(20_000);
  });
});
