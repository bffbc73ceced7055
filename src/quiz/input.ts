import { KEY_HELP } from './render.js';
import { parseGrade } from './scheduler.js';
import type { Screen, SessionEvent } from './session.js';

/**
 * What a line of input means on a given screen. Plain mode reads lines; the
 * terminal prompts return the same strings, so both go through here.
 *
 * Everywhere: `q` quit, `u` undo (an answer, a bury or a skip), `s` skip,
 * `b` bury, `?` the key map (also `:q`, `:u`, `:s`, `:b`, `:?`, the forms a
 * text prompt shows, as there a key is text).
 * Flip question: an empty line reveals the back; a line of text is an attempt,
 * checked as a typed answer is.
 * Answered multiple choice (the back shown): any line goes on.
 * Multiple choice: the option's number.
 * Typed question: the answer (an empty line is "I don't know").
 * Revealed back: a grade, `1`-`4` or `again|hard|good|easy`; empty is Good (as Anki's space).
 * Checked typed answer: empty accepts the suggested grade, or a grade.
 */
export type LineMeaning = { event: SessionEvent } | { notice: string };

/** What a command line does, on any screen. */
export type LineCommand = 'quit' | 'undo' | 'skip' | 'bury';

// A Map, not an object literal: an answer such as ':constructor' must not find Object.prototype's.
const COMMANDS = new Map<string, LineCommand>([
  ['q', 'quit'],
  ['u', 'undo'],
  ['s', 'skip'],
  ['b', 'bury'],
]);

/**
 * The command a trimmed line is, if it is one: its letter alone or after a
 * colon, in either case. The quiz and the exam read commands by this one rule.
 */
export function commandFor(line: string): LineCommand | undefined {
  const command = COMMANDS.get(line.toLowerCase().replace(/^:/, ''));
  return command !== undefined && (line.length === 1 || line.startsWith(':')) ? command : undefined;
}

export function eventForLine(screen: Screen, raw: string, at: Date): LineMeaning {
  const line = raw.trim();
  if (line === '?' || line === ':?') return { notice: KEY_HELP };
  const command = commandFor(line);
  if (command !== undefined) {
    if (command === 'quit') return { event: { type: 'quit', reason: 'quit', at } };
    return { event: { type: command, at } };
  }
  switch (screen.kind) {
    case 'end':
      return { event: { type: 'quit', reason: 'quit', at } };
    case 'question': {
      const mode = screen.current.mode;
      if (mode === 'flip') return { event: line === '' ? { type: 'reveal', at } : { type: 'reveal', text: raw, at } };
      if (mode === 'typed') return { event: { type: 'type', text: raw, at } };
      const count = screen.choices?.length ?? 0;
      const n = /^\d+$/.test(line) ? Number(line) : NaN;
      if (n >= 1 && n <= count) return { event: { type: 'choose', index: n - 1, at } };
      return { notice: `Type the number of an option, 1 to ${count}.` };
    }
    case 'answered':
      return { event: { type: 'continue', at } };
    case 'revealed': {
      const grade = line === '' ? 'good' : parseGrade(line);
      return grade === undefined ? { notice: 'Grade with 1-4: 1 again, 2 hard, 3 good, 4 easy.' } : { event: { type: 'grade', grade, at } };
    }
    case 'checked': {
      if (line === '') return { event: { type: 'grade', grade: screen.check.suggested, at } };
      const grade = parseGrade(line);
      return grade === undefined ? { notice: 'Press Enter to accept, or grade with 1-4.' } : { event: { type: 'grade', grade, at } };
    }
  }
}
