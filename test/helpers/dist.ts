/**
 * The built CLI (dist/) for the tests that run it as a separate process: the
 * kill tests, the tmux session, the module-load recorder. Built at most once
 * per test run, and only when a source is newer than dist/: `npm ci` (its
 * `prepare`) and `npm run build` leave it fresh, and a tsc run inside the
 * suite was a tenth of `npm test` (issue 12).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(ROOT, 'dist/src/cli/bin.js');

/** Held (a folder with the builder's pid) while one test process builds dist/, so that the other workers wait instead of building it again over it. */
const LOCK = join(ROOT, 'node_modules/.cache/newsdeck/dist-build.lock');
/** A lock without its pid file after this long was left by a run killed as it took the lock. */
const NO_PID_STALE_MS = 10_000;

/** Makes dist/ current with the sources (tsc emits even if some other module has type errors). */
export function ensureBuilt(): void {
  for (;;) {
    // While another worker builds, dist/ may look fresh before tsc has written its last file.
    if (!existsSync(LOCK) && distIsFresh()) return;
    if (takeLock()) break;
    // Another worker is building: wait for it, then look again.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
  }
  try {
    if (distIsFresh()) return;
    try {
      execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: 'pipe' });
    } catch {
      // Type errors elsewhere do not stop tsc from emitting; the tests that run the CLI tell whether it runs.
    }
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

function takeLock(): boolean {
  mkdirSync(join(LOCK, '..'), { recursive: true });
  try {
    mkdirSync(LOCK);
    writeFileSync(join(LOCK, 'pid'), String(process.pid));
    return true;
  } catch {
    if (lockIsStale()) rmSync(LOCK, { recursive: true, force: true });
    return false;
  }
}

/** A lock whose process is gone (a run stopped while it built), or that never got its pid written. */
function lockIsStale(): boolean {
  try {
    const pid = Number(readFileSync(join(LOCK, 'pid'), 'utf8'));
    process.kill(pid, 0);
    return false;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ESRCH') return true;
    if (code === 'EPERM') return false; // Alive, another user's.
    try {
      // No pid yet: stale only if it stayed that way.
      return Date.now() - statSync(LOCK).mtimeMs > NO_PID_STALE_MS;
    } catch {
      return false; // Released meanwhile.
    }
  }
}

/** True when dist/ was emitted after the last change to any source it is built from (tsc rewrites every file). */
export function distIsFresh(): boolean {
  if (!existsSync(BIN)) return false;
  const emitted = statSync(BIN).mtimeMs;
  const sources = ['src', 'templates'].flatMap((dir) =>
    readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' }).map((file) => join(ROOT, dir, file)),
  );
  return [...sources, join(ROOT, 'tsconfig.json'), join(ROOT, 'tsconfig.build.json'), join(ROOT, 'package-lock.json')].every((file) => statSync(file).mtimeMs <= emitted);
}
