import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Property tests and package round-trips do real work; the defaults are too tight on a shared 2-core box.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
