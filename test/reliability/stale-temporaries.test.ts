/**
 * Issue 13, item 7: the temporary files a killed build or quiz left
 * (`<file>.<pid>.tmp`) are removed by the next write of that file, and
 * nothing else is: not the file of a write still running, not another file.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { fakeIo } from '../helpers/io.js';
import { tempFolder } from '../helpers/tmp.js';

const SAMPLE = 'china-trump-russia-pivot';
const CARD = `${SAMPLE}/actor-reverse/keith-kellogg`;
const repoDecks = new URL('../../decks/', import.meta.url).pathname;

/** The pid of a process that has ended (as a killed build's has). */
function deadPid(): number {
  const { pid } = spawnSync(process.execPath, ['-e', '']);
  if (pid === undefined) throw new Error('could not start a process');
  expect(() => process.kill(pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
  return pid;
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** The pid of a process still running (a build writing at this moment). */
function livePid(): number {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
  children.push(child);
  if (child.pid === undefined) throw new Error('could not start a process');
  return child.pid;
}

function workspace(): string {
  const dir = tempFolder('newsdeck-stale-');
  cpSync(repoDecks, join(dir, 'decks'), { recursive: true });
  return dir;
}

async function run(cwd: string, args: string[]): Promise<number> {
  const { io, stderr } = fakeIo({ cwd, env: { SOURCE_DATE_EPOCH: '1750000000' } });
  const status = await main(args, io);
  expect(status, stderr()).toBe(0);
  return status;
}

describe('stale temporary files of a build', () => {
  it('are removed when the build writes their file; those of a running write and other files are kept', async () => {
    const dir = workspace();
    await run(dir, ['build', 'decks', '--out', 'out']);
    const out = join(dir, 'out');
    const dead = deadPid();
    const live = livePid();
    const stale = [`${SAMPLE}.apkg.${dead}.tmp`, `newsdeck-manifest.json.${dead}.tmp`, `newsdeck-manifest.pending.json.${dead}.tmp`];
    const kept = [
      `${SAMPLE}.apkg.${live}.tmp`, // a build running now
      `other.apkg.${dead}.tmp`, // a file this build does not write
      `${SAMPLE}.apkg.tmp`,
      `${SAMPLE}.apkg.12ab.tmp`,
      `${SAMPLE}.apkg.0.tmp`,
      `${SAMPLE}.apkg.${dead}.tmp.bak`,
      `${SAMPLE}.apkg.${dead}`,
      'notes.txt',
    ];
    for (const name of [...stale, ...kept]) writeFileSync(join(out, name), 'partial');
    await run(dir, ['build', 'decks', '--out', 'out']);
    const after = readdirSync(out);
    for (const name of stale) expect(after, name).not.toContain(name);
    for (const name of kept) expect(after, name).toContain(name);
    expect(after).toContain(`${SAMPLE}.apkg`);
    expect(after).toContain('newsdeck-manifest.json');
    expect(after).not.toContain('newsdeck-manifest.pending.json');
  });
});

describe('stale temporary files of the quiz’s checkpoint', () => {
  it('are removed when the checkpoint is saved again', async () => {
    const dir = workspace();
    const log = join(dir, 'progress.jsonl');
    // Enough answers that reading the log saves a checkpoint of its replay.
    const lines = ['{"newsdeck":"review-log","v":1}'];
    for (let i = 0; i < 1001; i++) {
      lines.push(JSON.stringify({ v: 1, card: CARD, at: new Date(Date.parse('2025-06-01T10:00:00Z') + i * 60_000).toISOString(), grade: 'good', mode: 'flip', ms: 1000 }));
    }
    writeFileSync(log, lines.join('\n') + '\n');
    const dead = deadPid();
    const live = livePid();
    writeFileSync(`${log}.checkpoint.json.${dead}.tmp`, 'partial');
    writeFileSync(`${log}.checkpoint.json.${live}.tmp`, 'partial');
    await run(dir, ['stats', 'decks', '--progress', log]);
    expect(existsSync(`${log}.checkpoint.json`)).toBe(true);
    expect(existsSync(`${log}.checkpoint.json.${dead}.tmp`)).toBe(false);
    expect(existsSync(`${log}.checkpoint.json.${live}.tmp`)).toBe(true);
  });
});
