// Writes test/fixtures/golden-packages.json: the SHA-256 of every file that
// `newsdeck build` writes for the sample deck, the seven real fixture articles
// and a synthetic class, built at a
// fixed SOURCE_DATE_EPOCH. Made once from the code before the performance work
// (issue 12); test/anki/identical.test.ts checks that every optimisation keeps
// the bytes. Rerun (`npm run build && node bench/golden.mjs`) only when the
// cards are meant to change, and say so in the commit.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { goldenClass } from './synthetic.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'newsdeck-golden-'));
try {
  const hashes = {};
  for (const [name, input] of [
    ['sample', join(root, 'decks')],
    ['articles', join(root, 'test/fixtures/articles')],
    ['synthetic', goldenClass(join(work, 'class'))],
  ]) {
    const out = join(work, `out-${name}`);
    execFileSync(process.execPath, [join(root, 'dist/src/cli/bin.js'), 'build', input, '--out', out], {
      env: { ...process.env, SOURCE_DATE_EPOCH: '1750000000' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    hashes[name] = Object.fromEntries(
      readdirSync(out).sort().map((file) => [file, createHash('sha256').update(readFileSync(join(out, file))).digest('hex')]),
    );
  }
  writeFileSync(join(root, 'test/fixtures/golden-packages.json'), `${JSON.stringify(hashes, null, 2)}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
