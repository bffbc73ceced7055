import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, onTestFinished } from 'vitest';

/**
 * A fresh temporary folder, removed when the test that made it finishes (or,
 * when made outside a test, after the file's tests), so the suite leaves nothing behind.
 */
export function tempFolder(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const remove = (): void => rmSync(dir, { recursive: true, force: true });
  try {
    onTestFinished(remove);
  } catch {
    // Not inside a test (a hook or the file's top level): clean up after the file.
    try {
      afterAll(remove);
    } catch {
      process.once('exit', remove);
    }
  }
  return dir;
}
