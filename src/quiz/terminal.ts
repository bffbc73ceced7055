import { createInterface } from 'node:readline';
import { shown } from '../annotation/report.js';
import type { Readable, Writable } from 'node:stream';
import type { Card } from '../cards/card.js';
import type { LogRecord, QuestionMode } from './log.js';
import { eventForLine } from './input.js';
import { checkTyped, fold } from './match.js';
import { modeFor } from './modes.js';
import { answerText, clozeHint, promptFor, questionText, renderDiff, renderScreen, visibleScreen, wrapText } from './render.js';
import { formatInterval, gradeLabel, parseGrade } from './scheduler.js';
import { step, type Screen, type SessionState, type Step, type Summary } from './session.js';
import type { ExamResult } from './exam.js';

/**
 * The thin terminal layer: shows screens and turns what the learner types
 * into session events. Two ways to ask: plain lines (no TTY, `--plain`,
 * scripts and tests) and inquirer prompts on a terminal. The decisions are
 * all in session.ts and input.ts.
 */

/** One question to the learner: a free line, or a choice among values (which are lines input.ts understands). */
export type Ask =
  | { kind: 'line'; message: string }
  | { kind: 'select'; message: string; options: { label: string; value: string }[]; default?: string };

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

/** Terminal mode: inquirer prompts; the screen is cleared for each new card. */
export async function terminalAsker(input: Readable, output: Writable): Promise<Asker> {
  const { input: inputPrompt, select, Separator } = await import('@inquirer/prompts');
  const context = { input, output, clearPromptOnDone: false };
  const isExit = (error: unknown): boolean => error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError');
  return {
    show: (text, fresh) => {
      const columns = (output as Writable & { columns?: number }).columns ?? 80;
      output.write((fresh ? '\u001b[2J\u001b[H' : '') + wrapText(visibleScreen(text), columns - 1) + '\n');
    },
    ask: async (ask) => {
      try {
        if (ask.kind === 'line') return await inputPrompt({ message: shown(ask.message) }, context);
        const choices = ask.options.map((o) => (o.value === '' && o.label === '' ? new Separator() : { name: shown(o.label), value: o.value }));
        return await select<string>({ message: shown(ask.message), choices, default: ask.default, loop: false, pageSize: 12 }, context);
      } catch (error) {
        if (isExit(error)) throw new Interrupted();
        throw error;
      }
    },
    close: () => {},
  };
}

const COMMAND_OPTIONS = [
  { label: '', value: '' },
  { label: 'undo the last answer', value: 'u' },
  { label: 'skip this card for now', value: 's' },
  { label: 'bury until tomorrow', value: 'b' },
  { label: 'quit', value: 'q' },
];

/** How a screen asks for input: a line in plain mode, a select where the choice is closed on a terminal. */
export function askFor(screen: Screen, terminal: boolean): Ask {
  const message = promptFor(screen);
  if (!terminal) return { kind: 'line', message };
  switch (screen.kind) {
    case 'question':
      if (screen.current.mode === 'choice' && screen.choices !== undefined) {
        return { kind: 'select', message: 'Your answer', options: [...screen.choices.map((c, i) => ({ label: `${i + 1}) ${c}`, value: String(i + 1) })), ...COMMAND_OPTIONS] };
      }
      return { kind: 'line', message: screen.current.mode === 'flip' ? 'Enter to show the answer (u undo, s skip, b bury, q quit)' : 'Your answer (u undo, s skip, b bury, q quit)' };
    case 'revealed':
    case 'checked': {
      const options = screen.buttons.map((b, i) => ({ label: `${i + 1} ${gradeLabel(b.grade)}`, value: String(i + 1) }));
      const buttons = screen.buttons;
      const labelled = options.map((o, i) => ({ ...o, label: `${o.label} ${formatInterval(buttons[i]?.intervalMs ?? 0)}` }));
      const suggested = screen.kind === 'checked' ? String(['again', 'hard', 'good', 'easy'].indexOf(screen.check.suggested) + 1) : '3';
      return { kind: 'select', message: screen.kind === 'checked' ? `Grade (suggested: ${gradeLabel(screen.check.suggested)})` : 'Grade', options: [...labelled, ...COMMAND_OPTIONS], default: suggested };
    }
    case 'end':
      return { kind: 'line', message };
  }
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
    if (screen.kind === 'end') {
      asker.show(renderScreen(screen, { color: options.color }), false);
      return { state: current.state, summary: screen.summary };
    }
    if (redraw) asker.show(renderScreen(screen, { color: options.color, listChoices: !options.terminal }), fresh && options.terminal);
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
      // Only the notice and the prompt again, not the whole screen.
      asker.show(meaning.notice, false);
      redraw = false;
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
    if (mode === 'choice' && !options.terminal) (card.choices ?? []).forEach((c, i) => lines.push(`  ${i + 1}) ${c}`));
    asker.show(lines.join('\n'), options.terminal);
    let given = '';
    let correct = false;
    let answer: string | null;
    try {
      if (mode === 'choice') {
        const choices = card.choices ?? [];
        answer = await asker.ask(
          options.terminal
            ? { kind: 'select', message: 'Your answer', options: [...choices.map((c, i) => ({ label: `${i + 1}) ${c}`, value: String(i + 1) })), { label: '', value: '' }, { label: 'skip', value: 's' }, { label: 'stop the exam', value: 'q' }] }
            : { kind: 'line', message: `1-${choices.length}: choose · ${commands}` },
        );
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
          const verdict = await asker.ask(
            options.terminal
              ? { kind: 'select', message: 'Did you know it?', options: [{ label: 'yes', value: 'y' }, { label: 'no', value: 'n' }] }
              : { kind: 'line', message: 'Did you know it? y/n' },
          );
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

