import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { ROOT, testIo, weekFolder } from './helpers.js';

/** The sample annotation with a teacher's slip: an actor kind misspelt (and its own article id). */
function brokenAnnotation(): string {
  const sample = readFileSync(join(ROOT, 'decks/china-trump-russia-pivot.yaml'), 'utf8');
  const broken = sample.replace(/^ {2}id: china-trump-russia-pivot$/m, '  id: china-draft').replace(/kind: person/, 'kind: persn');
  expect(broken).not.toBe(sample);
  return broken;
}

describe('a broken annotation beside good ones', () => {
  const dir = weekFolder({ 'draft.yaml': brokenAnnotation() });
  const skipped = /^newsdeck: skipped draft\.yaml: line (\d+), column (\d+): [^\n]*persn[^\n]* \(newsdeck check draft\.yaml\)$/m;

  it('leaves quiz usable, with one line naming it and its first error', async () => {
    const io = { ...testIo(['q'], '2025-03-01T12:00:00Z'), cwd: dir };
    expect(await main(['quiz', '.', '--plain', '--progress', join(dir, 'p.jsonl')], io)).toBe(0);
    expect(io.err()).toMatch(skipped);
    expect(io.err().trim().split('\n')).toHaveLength(1);
    expect(io.out()).toContain('Current Affairs::Culture::Aretha Franklin dies aged 76');
    expect(io.out()).toContain("Current Affairs::China and Trump's turn toward Russia");
    expect(io.out()).toMatch(/\n── /); // a first question was asked
  });

  it('stats and preview skip it the same way; stats --json lists it', async () => {
    const stats = { ...testIo([]), cwd: dir };
    expect(await main(['stats', '.', '--json', '--progress', join(dir, 'p.jsonl')], stats)).toBe(0);
    expect(stats.err()).toMatch(skipped);
    const report = JSON.parse(stats.out());
    expect(report.decks).toHaveLength(3);
    expect(report.skipped).toEqual([{ file: 'draft.yaml', line: expect.any(Number), col: expect.any(Number), message: expect.stringContaining('persn') }]);
    const preview = { ...testIo([]), cwd: dir };
    expect(await main(['preview', '.'], preview)).toBe(0);
    expect(preview.err()).toMatch(skipped);
  });

  it('build stays all or nothing', async () => {
    const io = { ...testIo([]), cwd: dir };
    expect(await main(['build', '.', '--out', join(dir, 'out')], io)).toBe(1);
    expect(io.err()).toContain('nothing was written');
  });

  it('fails when no deck at all can be read', async () => {
    const io = { ...testIo(['q']), cwd: dir };
    expect(await main(['quiz', 'draft.yaml', '--plain', '--progress', join(dir, 'p.jsonl')], io)).toBe(1);
    expect(io.err()).toMatch(skipped);
    expect(io.err()).toContain("newsdeck quiz: no deck could be read (see above); 'newsdeck check' shows every error with its place");
  });
});
