/**
 * Issue 13, "what to prove" 6: a full disk. The quiz then says the answer was
 * NOT saved and ends; the log keeps every answer before it and stays readable,
 * and once there is room the next session goes on. A build on a full disk
 * fails with a message and leaves the previous packages and manifest as they
 * were, with no temporary file.
 *
 * Where this machine allows `mount` (root, or a container that permits it) the
 * disk is a real tmpfs of 1 MB, filled up; elsewhere (CI without mount) the
 * same tests run with ENOSPC injected at the one place files are written
 * (node:fs writeSync), the first call writing half its bytes as a full disk
 * can (FULL_DISK=injected runs this one where mount works). Which of the two
 * ran is printed; none is skipped.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { parseLog, serializeHeader, serializeRecord } from '../../src/quiz/log.js';
import { fakeIo } from '../helpers/io.js';
import { tempFolder } from '../helpers/tmp.js';
import { promptedIo, rightAnswersFor, sampleCards } from '../quiz/helpers.js';

const disk = vi.hoisted(() => ({ full: false, injected: false, halfWritten: false }));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  // Only when the disk is "full" in the injected mode: a first write gets half its bytes on disk, then ENOSPC.
  const writeSync = ((fd: number, buffer: Uint8Array, ...rest: unknown[]) => {
    if (disk.injected && disk.full) {
      if (!disk.halfWritten && typeof rest[1] === 'number' && (rest[1] as number) > 1) {
        disk.halfWritten = true;
        return (fs.writeSync as (...a: unknown[]) => number)(fd, buffer, rest[0], Math.floor((rest[1] as number) / 2), ...rest.slice(2));
      }
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
    }
    return (fs.writeSync as (...a: unknown[]) => number)(fd, buffer, ...rest);
  }) as typeof fs.writeSync;
  return { ...fs, writeSync, default: { ...fs, writeSync } };
});

const START = '2025-03-01T12:00:00Z';
let root: string;
let mounted = false;

beforeAll(() => {
  root = tempFolder('newsdeck-full-disk-');
  try {
    // FULL_DISK=injected runs the fallback where mount works too.
    if (process.env.FULL_DISK === 'injected') throw new Error('asked for the injected full disk');
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', root], { stdio: 'pipe' });
    mounted = true;
  } catch {
    mounted = false;
  }
  disk.injected = !mounted;
  console.log(mounted ? 'full disk: a real 1 MB tmpfs, filled up' : 'full disk: no mount here; ENOSPC injected at writeSync');
});

afterAll(() => {
  if (mounted) execFileSync('umount', [root]);
});

/** Makes the disk full: a real one by a filler file (and the log's last page filled with blank lines, which the log skips). */
function fillDisk(log?: string): void {
  disk.full = true;
  disk.halfWritten = false;
  if (!mounted) return;
  if (log !== undefined) {
    const size = statSync(log).size;
    if (size % 4096 !== 0) appendFileSync(log, '\n'.repeat(4096 - (size % 4096)));
  }
  const chunk = Buffer.alloc(4096, 0x2e);
  for (let i = 0; ; i++) {
    try {
      appendFileSync(join(root, 'filler'), chunk);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
      throw error;
    }
  }
}

function freeDisk(): void {
  disk.full = false;
  rmSync(join(root, 'filler'), { force: true });
}

describe(`a full disk`, () => {
  it('stops the quiz with "this answer was NOT saved"; the log keeps every answer before it, stays readable, and the next session goes on', async () => {
    const log = join(root, 'progress.jsonl');
    const earlier = { type: 'answer' as const, card: 'elsewhere/q/1', at: new Date('2025-02-01T12:00:00Z'), grade: 'good' as const, mode: 'flip' as const, ms: 900 };
    writeFileSync(log, serializeHeader() + serializeRecord(earlier));
    const { lines, answered } = rightAnswersFor(sampleCards(), 4, new Date(START));
    const two = answered.indexOf(2) + 1;
    // Two answers, then the disk fills up as the third is given.
    const steps = [...lines.slice(0, two), () => (fillDisk(log), lines[two]), ...lines.slice(two + 1), 'q'];
    const io = promptedIo(steps, START);
    expect(await main(['quiz', 'decks', '--plain', '--progress', log], io)).toBe(1);
    expect(io.err()).toMatch(new RegExp(`^newsdeck quiz: cannot save to the review log ${log}: ENOSPC: no space left on device, write\\.\\nThis answer was NOT saved; everything answered before it is in the log\\.\\n$`));
    const afterFull = parseLog(readFileSync(log, 'utf8'));
    if (!afterFull.ok) throw new Error(afterFull.error.message);
    expect(afterFull.records.filter((r) => r.type === 'answer')).toHaveLength(1 + 2);
    // A write cut short leaves at most a torn last line, which the next start skips and names.
    for (const w of afterFull.warnings) expect(w.code).toBe('torn-line');
    freeDisk();
    const again = rightAnswersFor(sampleCards(), 1, new Date('2025-03-02T12:00:00Z'));
    const next = promptedIo([...again.lines.slice(0, again.answered.indexOf(1) + 1), 'q'], '2025-03-02T12:00:00Z');
    expect(await main(['quiz', 'decks', '--plain', '--progress', log], next), next.err()).toBe(0);
    const afterRoom = parseLog(readFileSync(log, 'utf8'));
    if (!afterRoom.ok) throw new Error(afterRoom.error.message);
    expect(afterRoom.records.filter((r) => r.type === 'answer').length).toBeGreaterThanOrEqual(1 + 2 + 1);
    expect(afterRoom.warnings.length).toBe(afterFull.warnings.length);
  });

  it('fails a build with a message naming the file; the previous packages and manifest stay as they were, with no temporary file', async () => {
    const work = join(root, 'class');
    mkdirSync(work);
    cpSync(new URL('../../decks/', import.meta.url).pathname, join(work, 'decks'), { recursive: true });
    const first = fakeIo({ cwd: work, env: { SOURCE_DATE_EPOCH: '1750000000' } });
    expect(await main(['build', 'decks', '--out', 'out'], first.io), first.stderr()).toBe(0);
    const out = join(work, 'out');
    const before = new Map(readdirSync(out).map((name) => [name, readFileSync(join(out, name))]));
    const yaml = join(work, 'decks', 'china-trump-russia-pivot.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace("role: China's top diplomat", "role: China's foreign minister and top diplomat"));
    fillDisk();
    const full = fakeIo({ cwd: work, env: { SOURCE_DATE_EPOCH: '1760000000' } });
    expect(await main(['build', 'decks', '--out', 'out'], full.io)).toBe(1);
    // The first file written is the package (staged as it is made), then the journal: either names itself.
    expect(full.stderr()).toMatch(/^newsdeck build: cannot write \S+out\/(?:china-trump-russia-pivot\.apkg|newsdeck-manifest\.pending\.json): ENOSPC: no space left on device, write; nothing was changed\n$/);
    expect(readdirSync(out).sort()).toEqual([...before.keys()].sort());
    for (const [name, bytes] of before) expect(readFileSync(join(out, name)).equals(bytes), name).toBe(true);
    freeDisk();
    const next = fakeIo({ cwd: work, env: { SOURCE_DATE_EPOCH: '1760000000' } });
    expect(await main(['build', 'decks', '--out', 'out'], next.io), next.stderr()).toBe(0);
    expect(next.stdout()).toContain('2 changed'); // the role card's note and the quote card that names the role
    expect(existsSync(join(out, 'newsdeck-manifest.pending.json'))).toBe(false);
  });
});
