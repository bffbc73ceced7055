import { createInterface, emitKeypressEvents } from 'node:readline';
import { shown } from '../annotation/report.js';
import type { Readable, Writable } from 'node:stream';
import type { Card } from '../cards/card.js';
import type { LogRecord, QuestionMode } from './log.js';
import { eventForLine } from './input.js';
import { checkTyped, fold } from './match.js';
import { modeFor } from './modes.js';
import { answerText, clozeHint, fitScreen, promptFor, questionText, renderDiff, renderScreen, visibleScreen, wrapText } from './render.js';
import { parseGrade } from './scheduler.js';
import { step, type Screen, type SessionState, type Step, type Summary } from './session.js';
import type { ExamResult } from './exam.js';

/**
 * The thin terminal layer: shows screens and turns what the learner types
 * into session events. Two ways to ask: plain lines (no TTY, `--plain`,
 * scripts and tests) and inquirer prompts on a terminal. The decisions are
 * all in session.ts and input.ts.
 */

/**
 * One question to the learner: a line of text (typed answers, flip cards,
 * plain mode), or a single key on a terminal (grades, options, commands),
 * read without Enter. A key comes back as the character; Enter and space as ''.
 */
export type Ask = { kind: 'line'; message: string } | { kind: 'key'; message: string };

/** Thrown by an asker when the learner presses Ctrl-C. */
export class Interrupted extends Error {
  constructor() {
    super('interrupted');
    this.name = 'Interrupted';
  }
}

export interface Asker {
  /** Shows a screen (replacing the previous one on a terminal). */
  show(text: string, fresh: boolean): void;
  /** Resolves with the answer, or null at the end of input; rejects with Interrupted on Ctrl-C. */
  ask(ask: Ask): Promise<string | null>;
  /**
   * Ends the wait for an answer as Ctrl-C does: the pending `ask` (or the next
   * one) rejects with Interrupted. For plain mode, where Ctrl-C is a signal
   * rather than a key the prompt reads.
   */
  interrupt?(): void;
  close(): void;
}

/** Reads lines from a stream, one at a time, on demand. */
export function lineReader(input: Readable): { next(): Promise<string | null>; close(): void } {
  const rl = createInterface({ input, terminal: false, crlfDelay: Infinity });
  const lines: string[] = [];
  const waiting: ((line: string | null) => void)[] = [];
  let closed = false;
  rl.on('line', (line) => {
    const resolve = waiting.shift();
    if (resolve !== undefined) resolve(line);
    else lines.push(line);
  });
  rl.on('close', () => {
    closed = true;
    for (const resolve of waiting.splice(0)) resolve(null);
  });
  return {
    next: () => {
      const line = lines.shift();
      if (line !== undefined) return Promise.resolve(line);
      if (closed) return Promise.resolve(null);
      return new Promise((resolve) => waiting.push(resolve));
    },
    close: () => rl.close(),
  };
}

/** Plain mode: text out, lines in; no escape codes. Options of a select are listed by the screen itself. */
export function plainAsker(input: Readable, output: Writable): Asker {
  const reader = lineReader(input);
  let interrupted = false;
  let cancel: (() => void) | undefined;
  return {
    // Plain mode has no colour: every control character in the text is shown, not obeyed.
    show: (text) => {
      output.write(shown(text) + '\n');
    },
    ask: async (ask) => {
      output.write(`> ${shown(ask.message)}\n`);
      if (interrupted) throw new Interrupted();
      try {
        return await new Promise<string | null>((resolve, reject) => {
          cancel = () => reject(new Interrupted());
          reader.next().then(resolve, reject);
        });
      } finally {
        cancel = undefined;
      }
    },
    interrupt: () => {
      interrupted = true;
      cancel?.();
    },
    close: () => reader.close(),
  };
}

/** The terminal's size (80 × 24 when the stream does not say). */
export function terminalSize(output: Writable): { columns: number; rows: number } {
  const o = output as Writable & { columns?: number; rows?: number };
  return { columns: o.columns ?? 80, rows: o.rows ?? 24 };
}

type TtyInput = Readable & { isTTY?: boolean; setRawMode?: (on: boolean) => unknown };

/**
 * Terminal mode: every screen drawn on a cleared screen, wrapped to its width;
 * single keys read in raw mode, without Enter; text lines read by inquirer's
 * input prompt (line editing, Ctrl-C).
 */
export async function terminalAsker(input: TtyInput, output: Writable): Promise<Asker> {
  const { input: inputPrompt } = await import('@inquirer/prompts');
  emitKeypressEvents(input);
  let abort = new AbortController();
  let cancelKey: (() => void) | undefined;
  const isExit = (error: unknown): boolean => error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError');
  const readKey = (): Promise<string> =>
    new Promise((resolve, reject) => {
      const done = (): void => {
        input.off('keypress', onKey);
        input.pause();
        cancelKey = undefined;
      };
      const onKey = (text: string | undefined, key: { name?: string; ctrl?: boolean; meta?: boolean; sequence?: string } | undefined): void => {
        if (key?.ctrl === true && (key.name === 'c' || key.name === 'd')) {
          done();
          reject(new Interrupted());
          return;
        }
        if (key?.name === 'return' || key?.name === 'enter' || key?.name === 'space') {
          done();
          resolve('');
          return;
        }
        // Arrows, function keys and the like are not ours: wait for another key.
        if (text === undefined || key?.ctrl === true || key?.meta === true || text.length !== 1 || text < ' ') return;
        done();
        resolve(text);
      };
      cancelKey = () => {
        done();
        reject(new Interrupted());
      };
      input.setRawMode?.(true);
      input.on('keypress', onKey);
      input.resume();
    });
  return {
    show: (text, fresh) => {
      const { columns, rows } = terminalSize(output);
      // A fresh screen is fitted to the terminal; a line added under one (a notice) is only wrapped.
      const body = fresh ? fitScreen(visibleScreen(text), columns - 1, rows) : wrapText(visibleScreen(text), columns - 1);
      output.write((fresh ? '\u001b[2J\u001b[H' : '') + body + '\n');
    },
    ask: async (ask) => {
      if (abort.signal.aborted) throw new Interrupted();
      if (ask.kind === 'key') {
        output.write(`? ${shown(ask.message)} `);
        const key = await readKey();
        output.write('\n');
        return key;
      }
      try {
        return await inputPrompt({ message: shown(ask.message) }, { input, output, clearPromptOnDone: false, signal: abort.signal });
      } catch (error) {
        if (isExit(error)) throw new Interrupted();
        throw error;
      }
    },
    interrupt: () => {
      abort.abort();
      cancelKey?.();
    },
    close: () => {
      input.setRawMode?.(false);
      input.pause();
      abort = new AbortController();
    },
  };
}

/**
 * How a screen asks for input: always a line in plain mode; on a terminal,
 * a line where text is typed (a typed answer, a flip card's attempt) and a
 * single key everywhere else.
 */
export function askFor(screen: Screen, terminal: boolean): Ask {
  const message = promptFor(screen);
  if (!terminal || screen.kind === 'end') return { kind: 'line', message };
  if (screen.kind === 'question' && screen.current.mode !== 'choice') return { kind: 'line', message };
  return { kind: 'key', message };
}

export interface SessionRun {
  state: SessionState;
  summary: Summary;
}

/**
 * Runs a session to its end: show the screen, ask, turn the answer into an
 * event, step, append the records (before showing the next screen).
 */
export async function runSession(
  first: Step,
  asker: Asker,
  options: {
    terminal: boolean;
    color: boolean;
    /** The terminal's width, for headers that must fit it. */
    width?: number;
    now: () => Date;
    append: (records: readonly LogRecord[]) => void;
    /** Work that can wait until the first question is on the screen (saving the replay checkpoint). */
    afterFirstQuestion?: () => void;
  },
): Promise<SessionRun> {
  let current = first;
  options.append(current.records);
  let afterFirst = options.afterFirstQuestion;
  // The first card is shown under the start screen; later cards get a clean screen.
  let fresh = false;
  let redraw = true;
  for (;;) {
    const screen = current.screen;
    const render = { color: options.color, ...(options.width === undefined ? {} : { width: options.width - 1 }) };
    if (screen.kind === 'end') {
      asker.show(renderScreen(screen, render), false);
      return { state: current.state, summary: screen.summary };
    }
    if (redraw) asker.show(renderScreen(screen, render), fresh && options.terminal);
    afterFirst?.();
    afterFirst = undefined;
    redraw = true;
    fresh = true;
    let line: string | null;
    try {
      line = await asker.ask(askFor(screen, options.terminal));
    } catch (error) {
      if (!(error instanceof Interrupted)) throw error;
      current = step(current.state, { type: 'quit', reason: 'interrupt', at: options.now() });
      continue;
    }
    const at = options.now();
    if (line === null) {
      current = step(current.state, { type: 'quit', reason: 'eof', at });
      continue;
    }
    const meaning = eventForLine(screen, line, at);
    if ('notice' in meaning) {
      if (options.terminal) {
        // The same screen again with the notice on top, so that the question stays in view.
        current = { ...current, screen: { ...screen, notice: meaning.notice } as Screen, records: [] };
      } else {
        // Only the notice and the prompt again, not the whole screen.
        asker.show(meaning.notice, false);
        redraw = false;
      }
      continue;
    }
    const next = step(current.state, meaning.event);
    options.append(next.records);
    current = next;
  }
}

export interface ExamRun {
  results: ExamResult[];
  interrupted: boolean;
}

/**
 * Exam mode: asks each card once, in the given order, without scheduling.
 * `s` leaves a question unanswered (recorded as wrong), `q` or end of input stops.
 */
export async function runExam(
  cards: readonly Card[],
  asker: Asker,
  options: { terminal: boolean; color: boolean; now: () => Date; mode?: QuestionMode },
): Promise<ExamRun> {
  const results: ExamResult[] = [];
  const commands = 's skip · q stop';
  for (const [index, card] of cards.entries()) {
    const mode = modeFor(card, options.mode);
    const shownAt = options.now();
    const lines = ['', `Question ${index + 1} of ${cards.length} · ${card.cue}`, questionText(card)];
    const hint = clozeHint(card);
    if (hint !== undefined) lines.push(hint);
    if (mode === 'choice') (card.choices ?? []).forEach((c, i) => lines.push(`  ${i + 1}) ${c}`));
    asker.show(lines.join('\n'), options.terminal);
    let given = '';
    let correct = false;
    let answer: string | null;
    try {
      if (mode === 'choice') {
        const choices = card.choices ?? [];
        answer = await asker.ask({ kind: options.terminal ? 'key' : 'line', message: `1-${choices.length}: choose · ${commands}` });
        const picked = answer !== null && /^\d+$/.test(answer.trim()) ? choices[Number(answer.trim()) - 1] : undefined;
        if (picked !== undefined) {
          given = picked;
          correct = [card.answer.text, ...card.answer.accepted].some((f) => fold(f) === fold(picked));
        }
      } else if (mode === 'typed') {
        answer = await asker.ask({ kind: 'line', message: `Type the answer · ${commands}` });
        if (answer !== null && !isCommand(answer)) {
          given = answer.trim();
          const check = checkTyped(card.answer, answer);
          correct = check.verdict !== 'wrong';
          if (check.verdict !== 'right' || check.typo) asker.show(renderDiff(check.diff, { color: options.color }), false);
        }
      } else {
        answer = await asker.ask({ kind: 'line', message: `Enter: show the answer · ${commands}` });
        if (answer !== null && !isCommand(answer)) {
          asker.show(answerText(card).join('\n'), false);
          const verdict = await asker.ask({ kind: options.terminal ? 'key' : 'line', message: 'Did you know it? y/n' });
          if (verdict === null) answer = null;
          else {
            const v = verdict.trim().toLowerCase();
            correct = v === 'y' || v === 'yes' || (parseGrade(v) !== undefined && parseGrade(v) !== 'again');
            given = correct ? '(knew it)' : '(did not know)';
          }
        }
      }
    } catch (error) {
      if (error instanceof Interrupted) return { results, interrupted: true };
      throw error;
    }
    if (answer === null || answer.trim().toLowerCase() === 'q') break;
    const seconds = (options.now().getTime() - shownAt.getTime()) / 1000;
    results.push({ card: card.identity, given, correct, seconds });
    if (mode !== 'flip') asker.show(`${correct ? 'right' : 'wrong'}: ${card.answer.text}`, false);
  }
  return { results, interrupted: false };
}

function isCommand(line: string): boolean {
  const l = line.trim().toLowerCase();
  return l === 's' || l === 'q';
}

