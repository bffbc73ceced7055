/**
 * Cards made by worker threads in a large build (issue 12): the packages are
 * byte for byte those of a build on the main thread. Run as the built CLI:
 * the worker is a module of dist/ (a build from the sources makes cards on
 * the main thread, with one worker count or another).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeClass } from '../../bench/synthetic.mjs';
import { PARALLEL_FROM } from '../../src/cli/cards-in-parallel.js';
import { main } from '../../src/cli/main.js';
import { BIN, ensureBuilt } from '../helpers/dist.js';
import { fakeIo } from '../helpers/io.js';
import { tempFolder } from '../helpers/tmp.js';

beforeAll(() => ensureBuilt());

/** `newsdeck build` of `dir` as a process with NEWSDECK_WORKERS set; every file's bytes, by name. */
function built(dir: string, workers: string): Map<string, Buffer> {
  const out = join(tempFolder('newsdeck-parallel-out-'), 'out');
  const env = { PATH: process.env.PATH ?? '', SOURCE_DATE_EPOCH: '1750000000', NEWSDECK_WORKERS: workers, NEWSDECK_NO_CACHE: '1', NO_COLOR: '1' };
  const run = spawnSync(process.execPath, [BIN, 'build', dir, '--out', out, '--format', 'apkg,anki-text'], { env, encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return new Map(readdirSync(out).sort().map((name) => [name, readFileSync(join(out, name))]));
}

describe('cards in worker threads', () => {
  // Two whole builds of a class: on a loaded machine more than the default minute.
  it('give the bytes of a build on one thread', { timeout: 240_000 }, () => {
    // Enough articles for the workers (small ones: about 10 cards each).
    const dir = join(tempFolder('newsdeck-parallel-'), 'class');
    writeClass(dir, PARALLEL_FROM + 2, 2);
    const one = built(dir, '1');
    expect(one.size).toBe(2 * (PARALLEL_FROM + 2) + 1);
    expect(built(dir, '2')).toEqual(one);
  });

  it('NEWSDECK_WORKERS must be a whole number', async () => {
    const dir = join(tempFolder('newsdeck-parallel-'), 'class');
    writeClass(dir, 1, 2);
    const { io, stderr } = fakeIo({ env: { NEWSDECK_WORKERS: 'many' } });
    expect(await main(['build', dir, '--out', join(dir, 'out')], io)).toBe(2);
    expect(stderr()).toMatch(/NEWSDECK_WORKERS must be a whole number/);
  });
});
