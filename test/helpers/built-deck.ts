/**
 * A deck built once per test worker, for the tests that only read what a build wrote (its packages,
 * its manifest, what it printed). A worker runs many test files (vitest.config.ts: `isolate: false`),
 * so a build asked for by several files is made once; a test that changes the files copies the folder
 * first (cpSync), or builds its own.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../../src/cli/main.js';
import { ROOT } from './dist.js';
import { fakeIo } from './io.js';

export interface BuiltDeck {
  /** The output folder (`--out`): read it, do not change it. */
  out: string;
  /** The files the build wrote there, sorted. */
  files: string[];
  status: number;
  stdout: string;
  stderr: string;
}

const builds = new Map<string, Promise<BuiltDeck>>();

/** Where the builds go: they outlive any one test file, so the run's shared folder (test/global-setup.ts) holds them. */
function buildFolder(): string {
  const shared = process.env.NEWSDECK_TEST_SHARED;
  if (shared !== undefined) return mkdtempSync(join(shared, 'built-'));
  // Outside the suite's configuration: a folder of this process, removed when it exits.
  const dir = mkdtempSync(join(tmpdir(), 'newsdeck-built-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * `newsdeck build INPUT --out OUT ...args` at SOURCE_DATE_EPOCH `epoch`, run in-process from the
 * repository root, made once per worker for the same input, arguments and epoch. INPUT is relative
 * to the repository (default: the sample in decks/). The tests never change the inputs they share.
 */
export function builtDeck(input = 'decks', options: { args?: readonly string[]; epoch?: number } = {}): Promise<BuiltDeck> {
  const args = options.args ?? [];
  const epoch = options.epoch ?? 1_750_000_000;
  const absolute = resolve(ROOT, input);
  const key = JSON.stringify([absolute, args, epoch]);
  let build = builds.get(key);
  if (build === undefined) {
    build = (async () => {
      const out = join(buildFolder(), 'out');
      const { io, stdout, stderr } = fakeIo({ cwd: ROOT, env: { SOURCE_DATE_EPOCH: String(epoch) } });
      const status = await main(['build', absolute, '--out', out, ...args], io);
      const files = status === 0 ? readdirSync(out).sort() : [];
      return { out, files, status, stdout: stdout(), stderr: stderr() };
    })();
    builds.set(key, build);
  }
  return build;
}
