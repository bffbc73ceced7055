import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { fuzzFactor } from './test/helpers/fuzz.js';

/** Test files that mock a module (vi.mock). */
const MOCKING = ['test/class/class-file-read-once.test.ts', 'test/reliability/full-disk.test.ts'];

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    // Property tests and package round-trips do real work; the defaults are too tight on a shared 2-core box.
    // FUZZ_RUNS=20x runs every property twenty times as long, so it gets twenty times the time.
    testTimeout: 60_000 * Math.max(1, fuzzFactor()),
    hookTimeout: 60_000,
    // Speed (issue 12; README, "Development"). One forked worker per core: vitest's default is one fewer,
    // which is a single worker on a 2-core machine, and the process and browser tests mostly wait.
    pool: 'forks',
    maxWorkers: Math.max(2, availableParallelism()),
    // A worker keeps its modules from one test file to the next: compromise's lexicon, sql.js's
    // WebAssembly and the TypeScript compiler load once per worker instead of once per file (half the
    // suite's CPU time). Safe because the tests share no mutable module state: each makes its own temporary
    // folders, restores what it changes (vi.restoreAllMocks, process.env), and a file that mocks a module is
    // listed in MOCKING.
    isolate: false,
    // The few files that replace a module (vi.mock) run in workers of their own, isolated: a mock
    // must neither leak into other files nor miss a module an earlier file already loaded.
    projects: [
      // (No include at the top: extends would add this project's list to it.)
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: MOCKING } },
      { extends: true, test: { name: 'isolated', include: MOCKING, isolate: true } },
    ],
  },
});
