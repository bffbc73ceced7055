import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tempFolder } from '../helpers/tmp.js';
import { join } from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import type { CliIo } from '../../src/cli/io.js';
import { fold } from '../../src/quiz/match.js';
import type { Card } from '../../src/cards/card.js';
import { loadDecks } from '../../src/cli/load.js';
import { localDayClock } from '../../src/cli/quiz.js';
import { eventForLine } from '../../src/quiz/input.js';
import { replay } from '../../src/quiz/log.js';
import { createScheduler } from '../../src/quiz/scheduler.js';
import { DEFAULT_LIMITS, startSession, step, type Screen } from '../../src/quiz/session.js';
import { ROOT } from '../helpers/dist.js';

export { BIN, ensureBuilt, ROOT } from '../helpers/dist.js';

export function tempDir(): string {
  return tempFolder('newsdeck-quiz-');
}

class Collector extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

export interface TestIo extends CliIo {
  out: () => string;
  err: () => string;
}

/** An io whose stdin is the given lines (plain mode), and whose clock starts at `start` and moves `stepMs` per call. */
export function testIo(lines: string[], start = '2025-03-01T12:00:00Z', stepMs = 1000, env: Record<string, string> = {}): TestIo {
  const stdout = new Collector();
  const stderr = new Collector();
  let t = new Date(start).getTime() - stepMs;
  return {
    stdout,
    stderr,
    stdin: Readable.from(lines.map((l) => l + '\n')),
    env: { HOME: tempDir(), TZ: 'UTC', ...env },
    cwd: ROOT,
    now: () => new Date((t += stepMs)),
    out: () => stdout.text,
    err: () => stderr.text,
  };
}

/**
 * An io for plain mode driven prompt by prompt: each `> ` prompt takes the
 * next step, a line to type or a function to run then (which may return the
 * line to type, or nothing to leave the prompt waiting). Input ends after the
 * last step.
 */
export function promptedIo(steps: (string | (() => string | void))[], start = '2025-03-01T12:00:00Z', stepMs = 1000): TestIo {
  const stdin = new PassThrough();
  const io = testIo([], start, stepMs);
  const queue = [...steps];
  class Prompted extends Writable {
    text = '';
    override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
      const text = chunk.toString();
      this.text += text;
      if (text.startsWith('> ')) {
        setImmediate(() => {
          if (queue.length === 0) return void stdin.end();
          const next = queue.shift()!;
          const line = typeof next === 'function' ? next() : next;
          if (typeof line === 'string') stdin.write(line + '\n');
        });
      }
      done();
    }
  }
  const stdout = new Prompted();
  return { ...io, stdin, stdout, out: () => stdout.text };
}

/** The line a learner who knows every answer types on a screen. */
export function rightLine(screen: Screen): string {
  switch (screen.kind) {
    case 'question': {
      const card = screen.current.card;
      if (screen.current.mode === 'flip') return '';
      if (screen.current.mode === 'typed') return card.answer.text;
      const index = (screen.choices ?? []).findIndex((c) => fold(c) === fold(card.answer.text));
      return String(index + 1);
    }
    case 'revealed':
      return '3';
    case 'checked':
    case 'answered':
      return '';
    case 'end':
      return 'q';
  }
}

/** The cards of the sample deck in decks/. */
export function sampleCards(): Card[] {
  return loadDecks(['decks'], testIo([])).flatMap((d) => d.cards);
}

/**
 * The lines that answer the first `n` cards right, from the pure core: the
 * cards and modes the session will ask, and after each line how many answers
 * have been given.
 */
export function rightAnswersFor(
  cards: Card[],
  n: number,
  now: Date,
  newPerDay: number = DEFAULT_LIMITS.newPerDay,
): { lines: string[]; asked: [string, string][]; answered: number[] } {
  const scheduler = createScheduler();
  const clock = localDayClock(now);
  let current = startSession(cards, replay([], scheduler, now, clock), { scheduler, clock, ...DEFAULT_LIMITS, newPerDay }, now);
  const lines: string[] = [];
  const asked: [string, string][] = [];
  const answered: number[] = [];
  while (asked.length < n) {
    if (current.screen.kind === 'end') throw new Error(`the session ended after ${asked.length} answers, before ${n}`);
    const line = rightLine(current.screen);
    lines.push(line);
    const meaning = eventForLine(current.screen, line, now);
    if (!('event' in meaning)) throw new Error(meaning.notice);
    current = step(current.state, meaning.event);
    for (const r of current.records) if (r.type === 'answer') asked.push([r.card, r.mode]);
    answered.push(asked.length);
  }
  return { lines, asked, answered };
}

/**
 * How many right answers, from the start of a session with every card new today, ask all
 * three modes (at least five): the sample deck has few fair multiple-choice cards.
 */
export function answersCoveringModes(cards: Card[], now: Date): number {
  for (let n = 5; n <= cards.length; n++) {
    const asked = rightAnswersFor(cards, n, now, cards.length).asked;
    if (new Set(asked.map(([, mode]) => mode)).size === 3) return n;
  }
  throw new Error('the deck never asks all three modes');
}

/** The two dev-set articles that stand for "this week's articles" beside the sample, and the dates given them. */
export const WEEK_ARTICLES = [
  { slug: 'maldives-carbon-neutral', published: '2025-02-27', deck: 'Current Affairs::Environment::Maldives carbon-neutral plan' },
  { slug: 'aretha-franklin-dies', published: '2025-02-28', deck: 'Current Affairs::Culture::Aretha Franklin dies aged 76' },
] as const;

/**
 * A folder with the sample deck (published 2025-02-20) and two dev-set decks
 * dated later that week, as a student has it a few days into term. The
 * dev-set files are copied unchanged but for their `published:` line.
 * `extra` adds files (name → text) beside them.
 */
export function weekFolder(extra: Record<string, string> = {}): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'articles'));
  for (const name of ['china-trump-russia-pivot.yaml', 'china-trump-russia-pivot.txt']) copyFileSync(join(ROOT, 'decks', name), join(dir, name));
  for (const { slug, published } of WEEK_ARTICLES) {
    const yaml = readFileSync(join(ROOT, 'test/fixtures/articles', `${slug}.yaml`), 'utf8');
    const dated = yaml.replace(/^ {2}published: .*$/m, `  published: ${published}`);
    if (dated === yaml) throw new Error(`${slug}.yaml has no published line to change`);
    writeFileSync(join(dir, `${slug}.yaml`), dated);
    copyFileSync(join(ROOT, 'test/fixtures/articles/articles', `${slug}.txt`), join(dir, 'articles', `${slug}.txt`));
  }
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(dir, name), text);
  return dir;
}
