/**
 * `newsdeck init ARTICLE.txt` as a user runs it: the draft beside the article,
 * `newsdeck check` passing it with one warning per TODO at its line, an
 * existing file never overwritten, no temporary file left behind.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/cli/check.js';
import { main } from '../../src/cli/main.js';
import { fakeIo } from '../helpers/io.js';
import { tempFolder } from '../helpers/tmp.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ARTICLE = `${ROOT}decks/china-trump-russia-pivot.txt`;
const README = readFileSync(`${ROOT}README.md`, 'utf8');

async function run(cwd: string, ...argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const { io, stdout, stderr } = fakeIo({ cwd });
  const status = await main(argv, io);
  return { status, stdout: stdout(), stderr: stderr() };
}

describe('newsdeck init ARTICLE.txt', () => {
  it('writes ARTICLE.yaml beside the article, which check passes with a warning at each TODO line', async () => {
    const dir = tempFolder('newsdeck-init-');
    copyFileSync(ARTICLE, join(dir, 'story.txt'));
    const init = await run(dir, 'init', 'story.txt');
    expect(init.stderr).toBe('');
    expect(init.status).toBe(0);
    expect(init.stdout).toMatch(/^wrote story\.yaml: 18 actors, 7 quotes, \d+ candidate events, \d+ candidate facts; \d+ TODOs to decide$/m);
    const yaml = readFileSync(join(dir, 'story.yaml'), 'utf8');
    expect(yaml).toContain('  text_file: story.txt\n');
    expect(yaml).toContain('  id: story\n');

    const check = await run(dir, 'check', 'story.yaml');
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/^story\.yaml: ok: 18 actors, 7 quotes, 0 claims, \d+ events, 0 terms/m);
    const lines = yaml.split('\n');
    const todoLines = lines.flatMap((line, i) => (/^\s*# TODO: /.test(line) ? [i + 1] : []));
    const warnings = check.stdout.split('\n').filter((line) => line.includes(': warning: TODO: '));
    expect(todoLines.length).toBeGreaterThan(5);
    expect(warnings).toHaveLength(todoLines.length);
    for (const [i, warning] of warnings.entries()) {
      const m = /^ {2}story\.yaml:(\d+):(\d+): warning: TODO: (.+)$/.exec(warning);
      expect(m, warning).not.toBeNull();
      expect(Number(m![1])).toBe(todoLines[i]);
      // The warning says what to decide: the comment's own text.
      expect(lines[Number(m![1]) - 1]).toContain(`# TODO: ${m![3]}`);
    }

    const json = JSON.parse((await run(dir, 'check', '--json', 'story.yaml')).stdout) as { files: CheckReport[] };
    expect(json.files[0]?.ok).toBe(true);
    expect(json.files[0]?.todos.map((t) => t.line)).toEqual(todoLines);
  });

  it('refuses to overwrite an existing file and leaves it as it was, with no temporary file', async () => {
    const dir = tempFolder('newsdeck-init-');
    copyFileSync(ARTICLE, join(dir, 'story.txt'));
    writeFileSync(join(dir, 'story.yaml'), 'my own annotation\n');
    const init = await run(dir, 'init', 'story.txt');
    expect(init.status).toBe(1);
    expect(init.stderr).toContain('newsdeck init: story.yaml already exists; it was left as it is');
    expect(readFileSync(join(dir, 'story.yaml'), 'utf8')).toBe('my own annotation\n');
    expect(readdirSync(dir).sort()).toEqual(['story.txt', 'story.yaml']);

    const other = await run(dir, 'init', '--out', 'draft.yaml', 'story.txt');
    expect(other.status).toBe(0);
    expect(readFileSync(join(dir, 'draft.yaml'), 'utf8')).toContain('  text_file: story.txt\n');
  });

  it('writes --out in a folder above the article with the path down to it, and refuses one beside it in another folder', async () => {
    const dir = tempFolder('newsdeck-init-');
    mkdirSync(join(dir, 'articles'));
    mkdirSync(join(dir, 'annotations'));
    copyFileSync(ARTICLE, join(dir, 'articles', 'story.txt'));
    const above = await run(dir, 'init', '--out', 'story.yaml', 'articles/story.txt');
    expect(above.status).toBe(0);
    expect(readFileSync(join(dir, 'story.yaml'), 'utf8')).toContain('  text_file: articles/story.txt\n');
    expect((await run(dir, 'check', 'story.yaml')).status).toBe(0);

    const sideways = await run(dir, 'init', '--out', 'annotations/story.yaml', 'articles/story.txt');
    expect(sideways.status).toBe(2);
    expect(sideways.stderr).toContain("must be in the article's folder or above it");
    expect(existsSync(join(dir, 'annotations', 'story.yaml'))).toBe(false);
  });

  it('says what is wrong with a missing, empty, non-UTF-8 or oversized article, and writes nothing', async () => {
    const dir = tempFolder('newsdeck-init-');
    expect((await run(dir, 'init', 'none.txt')).stderr).toContain('cannot read none.txt: no such file');
    writeFileSync(join(dir, 'empty.txt'), '\n\n');
    expect((await run(dir, 'init', 'empty.txt')).stderr).toContain('empty.txt is empty');
    writeFileSync(join(dir, 'latin1.txt'), Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x0a]));
    expect((await run(dir, 'init', 'latin1.txt')).stderr).toContain('latin1.txt is not UTF-8');
    writeFileSync(join(dir, 'plain.txt'), 'nothing to see here, only words in lower case.\n');
    expect((await run(dir, 'init', 'plain.txt')).stderr).toContain('plain.txt: nothing to draft: the text names no one and has no quotation, date or number');
    writeFileSync(join(dir, 'huge.txt'), 'word '.repeat(120_000));
    expect((await run(dir, 'init', 'huge.txt')).stderr).toContain('huge.txt is larger than the 512 kB a draft reads');
    expect((await run(dir, 'init')).status).toBe(2);
    expect(readdirSync(dir).filter((f) => f.endsWith('.yaml'))).toEqual([]);
  });

  it("reads an article by the loader's one rule: a byte-order mark dropped, a control character refused at its line and column", async () => {
    const dir = tempFolder('newsdeck-init-');
    const article = readFileSync(ARTICLE, 'utf8');
    writeFileSync(join(dir, 'bom.txt'), `\uFEFF${article}`);
    const bom = await run(dir, 'init', 'bom.txt');
    expect(bom.stderr).toBe('');
    expect(readFileSync(join(dir, 'bom.yaml'), 'utf8')).not.toContain('\uFEFF');
    const [first, ...rest] = article.split('\n');
    writeFileSync(join(dir, 'escape.txt'), `${first as string}\nSeen \u001b[31mred\n${rest.join('\n')}`);
    const escape = await run(dir, 'init', 'escape.txt');
    expect(escape.status).toBe(1);
    expect(escape.stderr).toContain('escape.txt contains the control character U+001B at its line 2, column 6; remove it');
    expect(existsSync(join(dir, 'escape.yaml'))).toBe(false);
    // check says the same of the same text.
    writeFileSync(join(dir, 'escape-check.yaml'), 'article:\n  id: escape\n  title: Escape\n  text_file: escape.txt\ndeck:\n  name: Escape\nactors:\n  - id: a\n    name: A\n    role: b\n');
    expect((await run(dir, 'check', 'escape-check.yaml')).stdout).toContain("'escape.txt' contains the control character U+001B at its line 2, column 6");
  });

  it("prints what the README's \"Draft an annotation\" shows, and the README's excerpt is the draft's own lines", async () => {
    const dir = tempFolder('newsdeck-init-');
    mkdirSync(join(dir, 'articles'));
    copyFileSync(`${ROOT}test/fixtures/articles/articles/south-korea-beef-protests.txt`, join(dir, 'articles', 'south-korea-beef-protests.txt'));
    const init = await run(dir, 'init', 'articles/south-korea-beef-protests.txt');
    expect(README).toContain('$ newsdeck init articles/south-korea-beef-protests.txt\n' + init.stdout);
    const draft = readFileSync(join(dir, 'articles', 'south-korea-beef-protests.yaml'), 'utf8').split('\n');
    const section = README.slice(README.indexOf('## Draft an annotation'), README.indexOf('## Writing annotations'));
    const excerpt = section.slice(section.indexOf('```yaml\n') + 8, section.indexOf('```', section.indexOf('```yaml\n') + 8)).split('\n');
    for (const line of excerpt.filter((l) => l.trim() !== '' && l.trim() !== '…')) expect(draft, line).toContain(line);
    const check = await run(dir, 'check', 'articles/south-korea-beef-protests.yaml');
    const shownCheck = section.split('\n').filter((l) => l.startsWith('articles/south-korea-beef-protests.yaml: ok') || l.includes('warning: TODO'));
    expect(shownCheck.length).toBeGreaterThan(3);
    for (const line of shownCheck) expect(check.stdout.split('\n'), line).toContain(line);
  });
});
