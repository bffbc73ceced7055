/**
 * Cards made by worker threads in a large build (issue 12): the packages are
 * byte for byte those of a build on the main thread. The build with workers
 * runs as the built CLI: the worker is a module of dist/ (a build from the
 * sources makes cards on the main thread, with one worker count or another),
 * which is what the build on one thread is, in this process.
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

const ENV = { SOURCE_DATE_EPOCH: '1750000000', NEWSDECK_NO_CACHE: '1', NO_COLOR: '1' };
const ARGS = ['--format', 'apkg,anki-text'];

/** Every file's bytes in `out`, by name. */
function filesIn(out: string): Map<string, Buffer> {
  return new Map(readdirSync(out).sort().map((name) => [name, readFileSync(join(out, name))]));
}

/** `newsdeck build` of `dir` as a process of the built CLI with NEWSDECK_WORKERS set. */
function builtByProcess(dir: string, workers: string): Map<string, Buffer> {
  const out = join(tempFolder('newsdeck-parallel-out-'), 'out');
  const run = spawnSync(process.execPath, [BIN, 'build', dir, '--out', out, ...ARGS], { env: { PATH: process.env.PATH ?? '', ...ENV, NEWSDECK_WORKERS: workers }, encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return filesIn(out);
}

/** `newsdeck build` of `dir` in this process, from the sources: every card made on the main thread. */
async function builtOnOneThread(dir: string): Promise<Map<string, Buffer>> {
  const out = join(tempFolder('newsdeck-parallel-out-'), 'out');
  const { io, stderr } = fakeIo({ env: { ...ENV, NEWSDECK_WORKERS: '1' } });
  expect(await main(['build', dir, '--out', out, ...ARGS], io), stderr()).toBe(0);
  return filesIn(out);
}

describe('cards in worker threads', () => {
  // Two whole builds of a class, one a process: on a loaded machine more than the default minute.
  it('give the bytes of a build on one thread', { timeout: 240_000 }, async () => {
    // Enough articles for the workers (small ones: about 10 cards each).
    const dir = join(tempFolder('newsdeck-parallel-'), 'class');
    writeClass(dir, PARALLEL_FROM + 2, 2);
    const one = await builtOnOneThread(dir);
    expect(one.size).toBe(2 * (PARALLEL_FROM + 2) + 1);
    expect(builtByProcess(dir, '2')).toEqual(one);
  });

  it('NEWSDECK_WORKERS must be a whole number', async () => {
    const dir = join(tempFolder('newsdeck-parallel-'), 'class');
    writeClass(dir, 1, 2);
    const { io, stderr } = fakeIo({ env: { NEWSDECK_WORKERS: 'many' } });
    expect(await main(['build', dir, '--out', join(dir, 'out')], io)).toBe(2);
    expect(stderr()).toMatch(/NEWSDECK_WORKERS must be a whole number/);
  });
});
