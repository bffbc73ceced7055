import { createInterface, emitKeypressEvents } from 'node:readline';
import { shown } from '../annotation/shown.js';
import type { Readable, Writable } from 'node:stream';
import type { Card } from '../cards/card.js';
import type { LogRecord, QuestionMode } from './log.js';
import { commandFor, eventForLine } from './input.js';
import { checkTyped, isAnswerOption } from './match.js';
import { clozeHint, fitScreen, promptFor, questionText, renderScreen, visibleScreen, wrapText } from './render.js';
import { step, type Screen, type SessionState, type Step, type Summary } from './session.js';
import { examMode, type ExamResult } from './exam.js';

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
 * Exam mode: asks each question once, in the given order, without
 * scheduling and without showing answers (a student's screen must not help
 * the next one). An answer that is not one (an option number out of range,
 * an empty line) is asked again. `s` leaves a question unanswered; `q`, the
 * end of input or Ctrl-C stops the exam, and every question not reached is
 * listed as unanswered.
 */
export async function runExam(
  cards: readonly Card[],
  asker: Asker,
  options: { terminal: boolean; color: boolean; now: () => Date; mode?: QuestionMode },
): Promise<ExamRun> {
  const results: ExamResult[] = [];
  const commands = 's skip · q stop';
  let stopped: 'quit' | 'interrupt' | undefined;
  for (const [index, card] of cards.entries()) {
    const asked = questionText(card);
    const unanswered: ExamResult = { question: index + 1, card: card.identity, asked, given: '', result: 'unanswered', seconds: null };
    if (stopped !== undefined) {
      results.push(unanswered);
      continue;
    }
    const mode = examMode(card, options.mode) ?? 'typed';
    const choices = card.choices ?? [];
    const shownAt = options.now();
    const lines = ['', `Question ${index + 1} of ${cards.length} · ${card.cue}`, asked];
    const hint = clozeHint(card);
    if (hint !== undefined) lines.push(hint);
    if (mode === 'choice') choices.forEach((c, i) => lines.push(`  ${i + 1}) ${c}`));
    asker.show(lines.join('\n'), options.terminal);
    const message = mode === 'choice' ? `1-${choices.length}: choose · ${commands}` : `Type the answer · ${commands}`;
    let result: ExamResult | undefined;
    while (result === undefined) {
      let line: string | null;
      try {
        line = await asker.ask({ kind: mode === 'choice' && options.terminal ? 'key' : 'line', message });
      } catch (error) {
        if (!(error instanceof Interrupted)) throw error;
        line = null;
        stopped = 'interrupt';
      }
      const text = line?.trim() ?? '';
      // Of the quiz's commands an exam knows quit and skip only: nothing is scheduled, so nothing to undo or bury.
      const command = commandFor(text);
      if (line === null || command === 'quit') {
        stopped ??= 'quit';
        result = unanswered;
      } else if (command === 'skip') result = unanswered;
      else if (mode === 'choice') {
        const picked = /^\d+$/.test(text) ? choices[Number(text) - 1] : undefined;
        if (picked === undefined) asker.show(`Choose an option by its number, 1 to ${choices.length} (s skips it, q stops the exam).`, false);
        else result = { ...unanswered, given: picked, result: isAnswerOption(card.answer, picked) ? 'right' : 'wrong', seconds: seconds(shownAt, options.now()) };
      } else if (text === '') asker.show('Type an answer (s skips it, q stops the exam).', false);
      else result = { ...unanswered, given: text, result: checkTyped(card.answer, text).verdict === 'wrong' ? 'wrong' : 'right', seconds: seconds(shownAt, options.now()) };
    }
    results.push(result);
  }
  return { results, interrupted: stopped === 'interrupt' };
}

function seconds(from: Date, to: Date): number {
  return Math.max(0, to.getTime() - from.getTime()) / 1000;
}


