import { sourceExcerpt } from '../annotation/errors.js';
import { shown } from '../annotation/shown.js';

/** Something wrong with a user template, at a position of its source file. */
export interface TemplateProblem {
  /** The file as shown to the user (relative to the working directory). */
  file: string;
  line: number;
  col: number;
  message: string;
  /** The source line at `line`, for the excerpt under the message. */
  sourceLine: string;
  hint?: string;
}

/** A position in a template's source, with its line. */
export type SourcePlace = Omit<TemplateProblem, 'message' | 'hint'>;

/** The place at `line` and `col` of a template's source, with that line for the excerpt. */
export function placeIn(source: { file: string; text: string }, line: number, col: number): SourcePlace {
  return { file: source.file, line, col, sourceLine: source.text.split(/\r\n|\r|\n/)[line - 1] ?? '' };
}

/** `file:line:col: message`, the source line and a caret, as the compiler and `check` print them. */
export function formatProblem(problem: TemplateProblem): string {
  const lines = [shown(`${problem.file}:${problem.line}:${problem.col}: ${problem.message}`), ...sourceExcerpt(problem.line, problem.col, problem.sourceLine)];
  if (problem.hint !== undefined) lines.push(shown(`  hint: ${problem.hint}`));
  return lines.join('\n');
}

/** A user template failed while making cards: it threw, or returned a draft that cannot become a card. */
export class TemplateRunError extends Error {
  override readonly name = 'TemplateRunError';
  constructor(readonly problem: TemplateProblem) {
    super(problem.message);
  }
}
