/**
 * Once per `vitest run`: a temporary folder for what the test workers share across test files
 * (test/helpers/built-deck.ts), removed at the end. Workers are started after this runs and inherit
 * its path in their environment; they may be stopped without running their own exit handlers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'newsdeck-tests-'));
  process.env.NEWSDECK_TEST_SHARED = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
