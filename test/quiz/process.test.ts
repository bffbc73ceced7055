import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseLog } from '../../src/quiz/log.js';
import { mulberry32 } from '../../src/quiz/shuffle.js';
import { tempFolder } from '../helpers/tmp.js';
import { fuzzRuns } from '../helpers/fuzz.js';
import { BIN, ensureBuilt, rightAnswersFor, ROOT, sampleCards } from './helpers.js';

/**
 * The built CLI as a separate process: killed with SIGKILL between answers,
 * ended with SIGINT, and driven through a real terminal (tmux, test/tmux-session.sh).
 * The tmux session runs beside the other tests (it mostly waits for the screen).
 * No timings are asserted.
 */

interface Child {
  child: ChildProcessWithoutNullStreams;
  out: () => string;
  /** Resolves when `pattern` has appeared `times` times in stdout. */
  waitFor: (pattern: string, times?: number) => Promise<void>;
  exit: Promise<number | null>;
}

function start(command: string, args: string[], env: Record<string, string> = {}): Child {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', ...env } });
  let out = '';
  const waiting: (() => void)[] = [];
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    for (const check of waiting.splice(0)) check();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  // Generous: these tests run beside each other and the tmux session, on a machine that may be busy.
  const count = (pattern: string): number => out.split(pattern).length - 1;
  const waitFor = (pattern: string, times = 1): Promise<void> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${JSON.stringify(pattern)} x${times}; output so far:\n${out}`)), 60_000);
      const check = (): void => {
        if (count(pattern) >= times) {
          clearTimeout(timer);
          resolve();
        } else waiting.push(check);
      };
      check();
    });
  return { child, out: () => out, waitFor, exit };
}

const answerLines = (path: string): number => {
  const parsed = parseLog(readFileSync(path, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.records.filter((r) => r.type === 'answer').length;
};

/** The sample's cards, from the pure core: which lines answer them right. */
const cards = sampleCards();

/**
 * The deck cache (`progress.jsonl.decks.json`) that the built CLI wrote for the sample on a first start. A
 * start without it makes the sample's cards (1.5 s of CPU, loading compromise), one with it reads them
 * (0.1 s); the tests below are about the review log under a kill, not about making cards, so each starts
 * from a copy of it, as a student's second start would (test/quiz/deck-cache.test.ts proves that a cache
 * gives the cards the decks give, and the tmux session starts cold).
 */
let warmCache = '';

beforeAll(() => {
  ensureBuilt();
  expect(existsSync(BIN)).toBe(true);
  const progress = join(tempFolder('newsdeck-quiz-'), 'progress.jsonl');
  // A first start, cold: it shows the first question, then q ends it with nothing answered.
  const first = spawnSync(process.execPath, [BIN, 'quiz', 'decks', '--plain', '--progress', progress], { cwd: ROOT, input: 'q\n', encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  expect(first.status, first.stdout + first.stderr).toBe(0);
  expect(first.stdout).toContain('\n> ');
  warmCache = `${progress}.decks.json`;
  expect(existsSync(warmCache)).toBe(true);
}, 120_000);

/** A review log's path in a fresh folder of the test, with the sample's deck cache beside it. */
function progressLog(context: { onTestFinished: (fn: () => void) => void }): string {
  const progress = join(tempFolder('newsdeck-quiz-', context), 'progress.jsonl');
  copyFileSync(warmCache, `${progress}.decks.json`);
  return progress;
}

describe.concurrent('the built CLI in tmux, driven as a person would (test/tmux-session.sh)', () => {
  // The script types into a real tmux pane (send-keys) and reads the screen back (capture-pane): every mode
  // with single keys at 60x20, Ctrl-C and its end screen, then a restart in the pane resized to 100x30.
  it('at 60x20 then 100x30: flip and typed (and a pick when one comes) with single keys, a bury undone, answers kept across Ctrl-C, a restart that continues', async ({ expect }) => {
    const script = spawn('bash', [join(ROOT, 'test/tmux-session.sh'), '60', '20', '100', '30'], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    script.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    script.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const status = await new Promise<number | null>((resolve) => script.on('close', resolve));
    expect(status, `${stdout}\n${stderr}`).toBe(0);
    expect(stdout).toMatch(/OK \(60 x 20, the restart at 100 x 30\): \d+ answers in modes (?:\w+ ?)+ with single keys, a bury undone, kept across Ctrl-C; the restart continued/);
  }, 250_000);
});

describe.concurrent('the built CLI under SIGKILL', () => {
  for (const when of ['after the next question is shown', 'right as an answer is sent'] as const) {
    it(`loses at most the answer being given when killed ${when}`, async ({ expect, onTestFinished }) => {
      const progress = progressLog({ onTestFinished });
      const { lines, answered } = rightAnswersFor(cards, 4, new Date());
      const proc = start(process.execPath, [BIN, 'quiz', 'decks', '--plain', '--progress', progress]);
      await proc.waitFor('\n> ');
      let prompts = 1;
      for (const [i, line] of lines.entries()) {
        const completes = answered[i]!;
        if (completes === 4 && when === 'right as an answer is sent') {
          proc.child.stdin.write(line + '\n');
          proc.child.kill('SIGKILL');
          break;
        }
        proc.child.stdin.write(line + '\n');
        prompts++;
        await proc.waitFor('\n> ', prompts);
        if (completes === 3 && answered[i + 1] === 4 && when === 'after the next question is shown') {
          proc.child.kill('SIGKILL');
          break;
        }
      }
      await proc.exit;
      const saved = answerLines(progress);
      if (when === 'after the next question is shown') expect(saved).toBe(3);
      else expect([3, 4]).toContain(saved);
    }, 180_000);
  }
});

describe('the built CLI under SIGKILL at random moments (issue 13, what to prove 6)', () => {
  const cards = sampleCards();
  const seed = Number(process.env.FUZZ_SEED ?? 2);
  const next = mulberry32(seed); // seeded moments, so that a failing one can be run again (FUZZ_SEED)
  const kills = fuzzRuns(3);
  for (let k = 0; k < kills; k++) {
    // The answer being given when the kill comes, and how long after it was typed (0-40 ms: before, during or after its save).
    const target = 1 + Math.floor(next() * 6);
    const delay = Math.floor(next() * 40);
    it(`kill ${k + 1} of ${kills} (seed ${seed}): ${delay} ms after typing answer ${target}, the log keeps every answer before it and is readable`, async ({ onTestFinished }) => {
      const progress = progressLog({ onTestFinished });
      const { lines, answered } = rightAnswersFor(cards, target, new Date());
      const proc = start(process.execPath, [BIN, 'quiz', 'decks', '--plain', '--progress', progress]);
      await proc.waitFor('\n> ');
      const last = answered.indexOf(target);
      for (let i = 0; i < last; i++) {
        proc.child.stdin.write(lines[i] + '\n');
        await proc.waitFor('\n> ', i + 2);
      }
      proc.child.stdin.write(lines[last] + '\n');
      await new Promise((r) => setTimeout(r, delay));
      proc.child.kill('SIGKILL');
      await proc.exit;
      // Killed before the first answer created the log: nothing was saved, which only the first answer may be.
      if (!existsSync(progress)) return void expect(target).toBe(1);
      const text = readFileSync(progress, 'utf8');
      if (text === '') return void expect(target).toBe(1);
      const parsed = parseLog(text);
      if (!parsed.ok) throw new Error(parsed.error.message);
      // At most a torn last line (the answer being written), never a damaged line before it.
      for (const w of parsed.warnings) expect(w, text).toMatchObject({ code: 'torn-line', line: text.split('\n').length });
      const saved = parsed.records.filter((r) => r.type === 'answer').length;
      expect([target - 1, target]).toContain(saved);
    });
  }
});

describe.concurrent('the built CLI in plain mode under SIGINT', () => {
  it('Ctrl-C (SIGINT) ends the session like q: end screen, exit 130, answers kept', async ({ expect, onTestFinished }) => {
    const progress = progressLog({ onTestFinished });
    const { lines, answered } = rightAnswersFor(cards, 2, new Date());
    const proc = start(process.execPath, [BIN, 'quiz', 'decks', '--plain', '--progress', progress]);
    await proc.waitFor('\n> ');
    let prompts = 1;
    for (const [i, line] of lines.entries()) {
      proc.child.stdin.write(line + '\n');
      prompts++;
      await proc.waitFor('\n> ', prompts);
      if (answered[i] === 2) break;
    }
    proc.child.kill('SIGINT');
    expect(await proc.exit).toBe(130);
    expect(proc.out()).toMatch(/Session saved\.\nAnswered 2 · correct 100%/);
    expect(answerLines(progress)).toBe(2);
  }, 180_000);
});
