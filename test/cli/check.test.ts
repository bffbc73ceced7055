/**
 * `newsdeck check`, run as a function with a fake terminal: exit statuses,
 * the summary of a valid deck, every error of a broken one as
 * file:line:col: code: message, and the --json report.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/annotation/index.js';
import type { CheckReport } from '../../src/cli/check.js';
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { fakeIo } from '../helpers/io.js';
import { tempFolder } from '../helpers/tmp.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BROKEN = 'test/fixtures/annotation/broken';

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.text += chunk.toString();
    done();
  }
}

async function run(...argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const stdout = new Capture();
  const stderr = new Capture();
  const io: CliIo = { stdout, stderr, stdin: Readable.from([]), env: {}, cwd: ROOT, now: () => new Date('2025-03-01T09:00:00Z') };
  const status = await main(argv, io);
  return { status, stdout: stdout.text, stderr: stderr.text };
}

describe('newsdeck check', () => {
  it('accepts the sample deck and prints its summary', async () => {
    const { status, stdout, stderr } = await run('check', 'decks');
    expect(status).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^decks\/china-trump-russia-pivot\.yaml: ok: \d+ actors, \d+ quotes, \d+ claims, \d+ events, \d+ terms → \d+ cards$/m);
  });

  it('prints every error of a broken file as file:line:col: code: message, with the count', async () => {
    const { status, stdout } = await run('check', `${BROKEN}/five-errors.yaml`);
    expect(status).toBe(1);
    const file = `${BROKEN}/five-errors.yaml`;
    expect(stdout.split('\n').filter((line) => line.startsWith(file))).toEqual([
      `${file}:3:7: invalid-id: 'Sample' is not a valid id: ids are lowercase letters, digits and hyphens`,
      `${file}:9:11: invalid-value: 'kind' is 'persn', which is not allowed; did you mean 'person'?`,
      `${file}:11:5: unknown-key: unknown key 'speakr' in actors[0]`,
      `${file}:14:14: unknown-actor: no actor has the id 'wang-y'; did you mean 'wang-yi'?`,
      `${file}:15:11: not-in-article: the quote is not in the article`,
      `${file}: 5 errors`,
    ]);
    expect(stdout).toContain('closest passage in the article (line 1): “conducive to peace talks”');
  });

  it('prints one error with its excerpt and caret', async () => {
    const { status, stdout } = await run('check', `${BROKEN}/unknown-key-speakr.yaml`);
    expect(status).toBe(1);
    expect(stdout).toBe(
      [
        `${BROKEN}/unknown-key-speakr.yaml:13:5: unknown-key: unknown key 'speakr' in quotes[0]; did you mean 'speaker'?`,
        '13 |     speakr: wang-yi',
        '   |     ^',
        '  hint: the keys allowed here are: id, speaker, text, context, cloze, tags, skip, was',
        '',
        `${BROKEN}/unknown-key-speakr.yaml: 1 error`,
        '',
      ].join('\n'),
    );
  });

  it('fails when any file of a folder fails, and still reports the valid ones', async () => {
    const { status, stdout } = await run('check', 'test/fixtures/annotation');
    expect(status).toBe(1);
    expect(stdout).toMatch(/^test\/fixtures\/annotation\/valid\.yaml: ok: 2 actors, 1 quote, 1 claim, 1 event, 1 term → \d+ cards?$/m);
    expect(stdout).toMatch(/^test\/fixtures\/annotation\/minimal\.yaml: ok: 1 actor, 0 quotes/m);
    expect(stdout).toContain(`${BROKEN}/alias-bomb.yaml:3:8: too-many-aliases:`);
    expect(stdout).toContain(`${BROKEN}/not-utf8.yaml:4:13: not-utf8:`);
    expect(stdout).toContain(`${BROKEN}/text-file-latin1.yaml:5:14: text-file-not-utf8:`);
  });

  it('--json prints the errors with their positions and meanings', async () => {
    const { status, stdout } = await run('check', '--json', `${BROKEN}/five-errors.yaml`, 'decks');
    expect(status).toBe(1);
    const { files } = JSON.parse(stdout) as { files: CheckReport[] };
    expect(files.map((f) => [f.file, f.ok])).toEqual([
      [`${BROKEN}/five-errors.yaml`, false],
      ['decks/china-trump-russia-pivot.yaml', true],
    ]);
    const [broken, sample] = files;
    expect(broken?.errors.map((e) => [e.code, e.line, e.col])).toEqual([
      ['invalid-id', 3, 7],
      ['invalid-value', 9, 11],
      ['unknown-key', 11, 5],
      ['unknown-actor', 14, 14],
      ['not-in-article', 15, 11],
    ]);
    for (const error of broken?.errors ?? []) {
      expect(error.file).toBe(`${BROKEN}/five-errors.yaml`);
      expect(error.meaning).toBe(ERROR_CODES[error.code]);
      expect(error).not.toHaveProperty('sourceLine');
    }
    expect(broken?.errors[4]?.closest).toEqual({ text: 'conducive to peace talks', line: 1 });
    expect(sample?.errors).toEqual([]);
    expect(sample?.counts?.cards).toBeGreaterThan(0);
  });

  it('--json of a valid deck exits 0 and prints nothing but the JSON', async () => {
    const { status, stdout } = await run('check', 'decks', '--json');
    expect(status).toBe(0);
    const { files } = JSON.parse(stdout) as { files: CheckReport[] };
    expect(files).toHaveLength(1);
    expect(files[0]?.ok).toBe(true);
  });

  it('exits 2 on an unknown option', async () => {
    const { status, stdout, stderr } = await run('check', '--jsn', 'decks');
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain("Unknown option '--jsn'");
    expect(stderr).toContain("Run 'newsdeck check --help' for usage.");
  });

  it('exits 2 without a file or folder', async () => {
    const { status, stderr } = await run('check');
    expect(status).toBe(2);
    expect(stderr).toBe('newsdeck check: name at least one annotation file or folder, e.g. decks/\n');
  });

  it('exits 1 on a path that does not exist', async () => {
    const { status, stderr } = await run('check', 'no/such/deck.yaml');
    expect(status).toBe(1);
    expect(stderr).toBe('newsdeck check: no/such/deck.yaml: no such file or folder\n');
  });

  it('--help prints the usage and exits 0', async () => {
    const { status, stdout } = await run('check', '--help');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Usage: newsdeck check \[--json\] \[--templates DIR\] \[--max-size MB\] \[--no-cache\] FILE\|DIR\.\.\./);
    expect(stdout).toContain('Exit status: 0 when every file is valid, 1 when any has errors, 2 on bad usage.');
  });
});

describe('newsdeck check across files', () => {
  it('reports two annotations with the same article id at the second one’s id, exit 1', async () => {
    const dir = tempFolder('newsdeck-check-');
    const decks = new URL('../../decks/', import.meta.url).pathname;
    cpSync(decks, join(dir, 'a'), { recursive: true });
    cpSync(decks, join(dir, 'b'), { recursive: true });
    const { io, stdout } = fakeIo({ cwd: dir });
    expect(await main(['check', 'a', 'b'], io)).toBe(1);
    expect(stdout()).toContain(
      "b/china-trump-russia-pivot.yaml:5:7: duplicate-id: article id 'china-trump-russia-pivot' is also the article id of a/china-trump-russia-pivot.yaml; their card identities would collide",
    );
    expect(stdout()).toContain('a/china-trump-russia-pivot.yaml: ok');
  });
});

describe('newsdeck check with hostile files', () => {
  const annotation = (textFile: string): string =>
    `format: 1\narticle: { id: x, title: T, text_file: ${textFile} }\nterms:\n  - { id: t, term: t, definition: d, evidence: SECRET-TOKEN }\n`;

  it('refuses a text_file that is a link to a file outside the annotation’s folder', async () => {
    const dir = tempFolder('newsdeck-link-');
    mkdirSync(join(dir, 'deck'));
    writeFileSync(join(dir, 'secret.txt'), 'SECRET-TOKEN is here.');
    symlinkSync(join(dir, 'secret.txt'), join(dir, 'deck', 'article.txt'));
    writeFileSync(join(dir, 'deck', 'a.yaml'), annotation('article.txt'));
    const { io, stdout } = fakeIo({ cwd: dir });
    expect(await main(['check', 'deck'], io)).toBe(1);
    expect(stdout()).toContain("deck/a.yaml:2:40: text-file-outside: text_file 'article.txt' is outside the annotation's folder");
    expect(stdout()).not.toContain('SECRET');
  });

  it('refuses a FIFO instead of waiting on it forever', async () => {
    const dir = tempFolder('newsdeck-fifo-');
    execFileSync('mkfifo', [join(dir, 'fifo.txt')]);
    writeFileSync(join(dir, 'a.yaml'), annotation('fifo.txt'));
    const { io, stdout } = fakeIo({ cwd: dir });
    expect(await main(['check', 'a.yaml'], io)).toBe(1);
    expect(stdout()).toContain("text-file-missing: cannot read text_file 'fifo.txt': it is a FIFO (named pipe), not a regular file");
  });

  it('never prints a control character of a file name', async () => {
    const dir = tempFolder('newsdeck-name-');
    writeFileSync(join(dir, 'x\u001b]0;PWNED\u0007.yaml'), 'format: [\n');
    const { io, stdout } = fakeIo({ cwd: dir });
    expect(await main(['check', '.'], io)).toBe(1);
    // eslint-disable-next-line no-control-regex
    expect(stdout()).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(stdout()).toContain('x\\u001b]0;PWNED\\u0007.yaml');
  });

  it('refuses an annotation over 1 MB with a message naming --max-size, and accepts it with --max-size', async () => {
    const dir = tempFolder('newsdeck-max-size-');
    cpSync(join(ROOT, 'decks'), dir, { recursive: true });
    // The sample, made larger than the 1 MB safety bound by a comment: a valid annotation a user may mean.
    const file = join(dir, 'china-trump-russia-pivot.yaml');
    const padding = `# ${'x'.repeat(98)}\n`.repeat(11_000);
    writeFileSync(file, `${readFileSync(file, 'utf8')}${padding}`);

    const refused = await run('check', dir);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain('too-large: the annotation is larger than the safety limit of 1.0 MB (--max-size)');
    expect(refused.stdout).toContain('raise the limit with --max-size MB if you mean it');

    const accepted = await run('check', '--max-size', '2', dir);
    expect(accepted.stderr).toBe('');
    expect(accepted.status).toBe(0);
    expect(accepted.stdout).toMatch(/china-trump-russia-pivot\.yaml: ok/);

    const bad = await run('check', '--max-size', '0', dir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--max-size takes the largest annotation file in megabytes");
  });
});
