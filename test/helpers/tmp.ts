import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, onTestFinished } from 'vitest';

/**
 * A fresh temporary folder, removed when the test that made it finishes (or,
 * when made outside a test, after the file's tests), so the suite leaves nothing behind.
 * A concurrent test passes its context (`it.concurrent('…', async (context) => …)`): the
 * global onTestFinished would give the folder to whichever test started last.
 */
export function tempFolder(prefix: string, context?: { onTestFinished: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const remove = (): void => rmSync(dir, { recursive: true, force: true });
  if (context !== undefined) {
    context.onTestFinished(remove);
    return dir;
  }
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
