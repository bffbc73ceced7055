import { defineConfig } from 'vitest/config';
import { fuzzFactor } from './test/helpers/fuzz.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Property tests and package round-trips do real work; the defaults are too tight on a shared 2-core box.
    // FUZZ_RUNS=20x runs every property twenty times as long, so it gets twenty times the time.
    testTimeout: 60_000 * Math.max(1, fuzzFactor()),
    hookTimeout: 60_000,
  },
});
