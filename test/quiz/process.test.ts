import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseLog } from '../../src/quiz/log.js';
import { mulberry32, optionOrder } from '../../src/quiz/shuffle.js';
import { answersCoveringModes, BIN, ensureBuilt, rightAnswersFor, ROOT, sampleCards, tempDir } from './helpers.js';
import { fuzzRuns } from '../helpers/fuzz.js';

/**
 * The built CLI as a separate process: killed with SIGKILL between answers,
 * and driven through a real pseudo-terminal (util-linux `script`), the same
 * scenario as test/tmux-session.sh. No timings are asserted.
 */

interface Child {
  child: ChildProcessWithoutNullStreams;
  out: () => string;
  /** Resolves when `pattern` has appeared `times` times in stdout. */
  waitFor: (pattern: string, times?: number) => Promise<void>;
  /** Resolves when `pattern` appears after the end of the last match of `next` (output read in order). */
  next: (pattern: string) => Promise<void>;
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
  const count = (pattern: string): number => out.split(pattern).length - 1;
  const waitFor = (pattern: string, times = 1): Promise<void> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${JSON.stringify(pattern)} x${times}; output so far:\n${out}`)), 20_000);
      const check = (): void => {
        if (count(pattern) >= times) {
          clearTimeout(timer);
          resolve();
        } else waiting.push(check);
      };
      check();
    });
  let cursor = 0;
  const next = (pattern: string): Promise<void> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${JSON.stringify(pattern)}; output since the last match:\n${out.slice(cursor)}`)), 20_000);
      const check = (): void => {
        const at = out.indexOf(pattern, cursor);
        if (at !== -1) {
          cursor = at + pattern.length;
          clearTimeout(timer);
          resolve();
        } else waiting.push(check);
      };
      check();
    });
  return { child, out: () => out, waitFor, next, exit };
}

const answerLines = (path: string): number => {
  const parsed = parseLog(readFileSync(path, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.records.filter((r) => r.type === 'answer').length;
};

beforeAll(() => {
  ensureBuilt();
  expect(existsSync(BIN)).toBe(true);
}, 120_000);

describe('the built CLI under SIGKILL', () => {
  const cards = sampleCards();

  for (const when of ['after the next question is shown', 'right as an answer is sent'] as const) {
    it(`loses at most the answer being given when killed ${when}`, async () => {
      const progress = join(tempDir(), 'progress.jsonl');
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
    });
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
    it(`kill ${k + 1} of ${kills} (seed ${seed}): ${delay} ms after typing answer ${target}, the log keeps every answer before it and is readable`, async () => {
      const progress = join(tempDir(), 'progress.jsonl');
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

describe('the built CLI in plain mode under SIGINT', () => {
  it('Ctrl-C (SIGINT) ends the session like q: end screen, exit 130, answers kept', async () => {
    const progress = join(tempDir(), 'progress.jsonl');
    const { lines, answered } = rightAnswersFor(sampleCards(), 2, new Date());
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
  });
});

describe('the built CLI in a pseudo-terminal', () => {
  it('answers cards in all three modes, is interrupted by Ctrl-C on the next, and the log holds exactly those answers', async () => {
    const progress = join(tempDir(), 'progress.jsonl');
    const cards = sampleCards();
    const n = answersCoveringModes(cards, new Date());
    const { asked } = rightAnswersFor(cards, n + 1, new Date(), cards.length);
    expect(new Set(asked.slice(0, n).map(([, mode]) => mode))).toEqual(new Set(['flip', 'choice', 'typed']));
    const command = `${process.execPath} ${BIN} quiz decks --progress ${progress} --new-per-day ${cards.length}`;
    const proc = start('script', ['-qfec', command, '/dev/null'], { COLUMNS: '100', LINES: '30', TERM: 'xterm' });
    const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
    const send = async (keys: string): Promise<void> => {
      proc.child.stdin.write(keys);
      await pause(150);
    };
    // Single keys, no Enter, except where text is typed (see README, "Keys").
    const prompt = { flip: '? Enter: show the answer', choice: ': choose · u s b q', typed: '? Type the answer' } as const;
    for (const [identity, mode] of asked.slice(0, n)) {
      const card = cards.find((c) => c.identity === identity)!;
      await proc.next(prompt[mode as keyof typeof prompt]);
      if (mode === 'flip') {
        await send('\r');
        await proc.next('? 1-4: grade');
        await send('3');
      } else if (mode === 'choice') {
        // The options in this review's order (the first review of a new card).
        const index = optionOrder(card.identity, card.choices ?? [], 0).indexOf(card.answer.text);
        await send(String(index + 1));
        await proc.next('? Any key: next');
        await send(' ');
      } else {
        await send(card.answer.text);
        await send('\r');
        await proc.next('? Enter: ');
        await send('\r');
      }
    }
    // The next card: wait for its prompt, then Ctrl-C in the middle of it.
    await proc.next(prompt[asked[n]![1] as keyof typeof prompt]);
    await send('\u0003');
    expect(await proc.exit).toBe(130);
    expect(proc.out()).toContain('Session saved.');
    expect(proc.out()).toMatch(new RegExp(`Answered ${n} · correct 100%`));
    expect(answerLines(progress)).toBe(n);
  });
});

describe('the built CLI in tmux, driven as a person would (test/tmux-session.sh)', () => {
  // The script types into a real tmux pane (send-keys) and reads the screen back (capture-pane).
  for (const [cols, rows] of [
    [60, 20],
    [100, 30],
  ] as const) {
    it(`at ${cols}x${rows}: every mode with single keys, a bury undone, answers kept across Ctrl-C, a restart that continues`, () => {
      const result = spawnSync('bash', [join(ROOT, 'test/tmux-session.sh'), String(cols), String(rows)], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
      expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`OK \\(${cols} x ${rows}\\): \\d+ answers in all three modes with single keys, a bury undone, kept across Ctrl-C; the restart continued`));
    }, 250_000);
  }
});
