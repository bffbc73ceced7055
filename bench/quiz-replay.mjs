// Start-up of `newsdeck quiz` with a long review log: 100,000 answers over the
// sample deck's cards. Measures the time until the first question is on stdout
// and the peak memory (VmHWM from /proc, or maxRSS), each also as a ratio to
// `node -e 0` measured in the same run, for two starts:
//   cold: no replay checkpoint beside the log (it is deleted before each run),
//         so the whole log is replayed (and a checkpoint is written);
//   warm: the checkpoint is there, as on every start after the first, so only
//         the log's hash is checked and nothing is replayed.
// Run after `npm run build` (npm run bench).
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = join(ROOT, 'dist/src/cli/bin.js');
const ANSWERS = 100_000;
const RUNS = 5;
const TARGET_MS = 500;
const GRADES = ['again', 'hard', 'good', 'easy'];

/** A deterministic log: answers spread over the last two years, mostly good. */
function makeLog(identities) {
  let seed = 12345;
  const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const end = Date.now() - 3600_000;
  const start = end - 2 * 365 * 86_400_000;
  const lines = ['{"newsdeck":"review-log","v":1}'];
  for (let i = 0; i < ANSWERS; i++) {
    const at = new Date(start + ((end - start) * i) / ANSWERS).toISOString();
    const card = identities[Math.floor(random() * identities.length)];
    const r = random();
    const grade = GRADES[r < 0.1 ? 0 : r < 0.2 ? 1 : r < 0.9 ? 2 : 3];
    lines.push(JSON.stringify({ v: 1, card, at, grade, mode: 'flip', ms: Math.floor(random() * 20000) }));
  }
  return lines.join('\n') + '\n';
}

function peakKb(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Spawns a process and resolves when `ready(stdout)` holds (or it exits): elapsed ms and peak memory. */
function measure(args, ready, input) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    let done = false;
    const finish = (kb) => {
      if (done) return;
      done = true;
      resolve({ ms: Number(process.hrtime.bigint() - t0) / 1e6, kb, out });
    };
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (!done && ready(out)) {
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        const kb = peakKb(child.pid);
        done = true;
        child.kill('SIGKILL');
        resolve({ ms, kb, out });
      }
    });
    child.on('error', reject);
    child.on('close', () => finish(undefined));
    if (input === undefined) child.stdin.end();
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchQuizReplay() {
  const preview = JSON.parse(execFileSync(process.execPath, [BIN, 'preview', 'decks', '--json'], { cwd: ROOT, maxBuffer: 1 << 28 }).toString());
  const identities = preview.cards.map((c) => c.identity);
  const dir = mkdtempSync(join(tmpdir(), 'newsdeck-bench-'));
  const log = join(dir, 'progress.jsonl');
  writeFileSync(log, makeLog(identities));
  const checkpoint = `${log}.checkpoint.json`;
  const quizArgs = [BIN, 'quiz', 'decks', '--plain', '--progress', log];
  const firstQuestion = (out) => out.includes('\n> ');
  try {
    const base = [];
    const baseKb = [];
    const runs = { cold: { ms: [], kb: [] }, warm: { ms: [], kb: [] } };
    let checkpointBytes = null;
    for (let i = 0; i < RUNS; i++) {
      // node -e 0 reports its own peak RSS (it exits before /proc could be read).
      const b = await measure(['-e', 'process.stdout.write(String(process.resourceUsage().maxRSS))'], () => false);
      base.push(b.ms);
      baseKb.push(Number(b.out));
      rmSync(checkpoint, { force: true });
      const cold = await measure(quizArgs, firstQuestion, 'keep-open');
      // The cold start saved the checkpoint the warm one reads.
      if (!existsSync(checkpoint)) throw new Error(`the cold start wrote no checkpoint ${checkpoint}`);
      checkpointBytes = statSync(checkpoint).size;
      const warm = await measure(quizArgs, firstQuestion, 'keep-open');
      for (const [name, q] of [['cold', cold], ['warm', warm]]) {
        runs[name].ms.push(q.ms);
        if (q.kb !== undefined) runs[name].kb.push(q.kb);
      }
    }
    const nodeMs = median(base);
    const nodePeakKb = median(baseKb);
    const startOf = ({ ms, kb }) => {
      const peakKb = kb.length ? median(kb) : null;
      return {
        firstQuestionMs: median(ms),
        timeRatio: median(ms) / nodeMs,
        peakKb,
        memoryRatio: peakKb === null ? null : peakKb / nodePeakKb,
        withinTarget: median(ms) < TARGET_MS,
      };
    };
    return {
      answers: ANSWERS,
      cards: identities.length,
      logBytes: readFileSync(log).length,
      checkpointBytes,
      runs: RUNS,
      nodeMs,
      nodePeakKb,
      targetMs: TARGET_MS,
      cold: startOf(runs.cold),
      warm: startOf(runs.warm),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchQuizReplay(), null, 2));
}
