/**
 * Byte-identical packages through every performance change (issue 12): the
 * sample deck and a synthetic class, built at a fixed SOURCE_DATE_EPOCH, give
 * exactly the files whose SHA-256 bench/golden.mjs recorded from the code
 * before the optimisations. A difference means an "optimisation" changed what
 * students import; rerun bench/golden.mjs only for an intended card change.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goldenClass } from '../../bench/synthetic.mjs';
import { main } from '../../src/cli/main.js';
import { builtDeck } from '../helpers/built-deck.js';
import { fakeIo } from '../helpers/io.js';
import { tempFolder } from '../helpers/tmp.js';

const golden = JSON.parse(readFileSync(new URL('../fixtures/golden-packages.json', import.meta.url), 'utf8')) as Record<string, Record<string, string>>;

/** The SHA-256 of each file of an output folder. */
const hashesOf = (out: string, files: string[]): Record<string, string> =>
  Object.fromEntries(files.map((file) => [file, createHash('sha256').update(readFileSync(join(out, file))).digest('hex')]));

async function builtHashes(input: string): Promise<Record<string, string>> {
  const out = join(tempFolder('newsdeck-identical-'), 'out');
  const { io, stderr } = fakeIo({ env: { SOURCE_DATE_EPOCH: '1750000000' } });
  const status = await main(['build', input, '--out', out], io);
  expect(status, stderr()).toBe(0);
  return hashesOf(out, readdirSync(out).sort());
}

describe('packages are byte-identical to the golden build', () => {
  it('the sample deck', async () => {
    // `newsdeck build decks` at SOURCE_DATE_EPOCH 1750000000, made once for the tests that read it.
    const sample = await builtDeck('decks');
    expect(sample.status, sample.stderr).toBe(0);
    expect(hashesOf(sample.out, sample.files)).toEqual(golden.sample);
  });

  it('the seven real articles of test/fixtures/articles', async () => {
    expect(await builtHashes(new URL('../fixtures/articles/', import.meta.url).pathname)).toEqual(golden.articles);
  });

  it('a synthetic class of four articles, about 580 cards', async () => {
    const dir = goldenClass(join(tempFolder('newsdeck-identical-class-'), 'class'));
    expect(await builtHashes(dir)).toEqual(golden.synthetic);
  });
});
