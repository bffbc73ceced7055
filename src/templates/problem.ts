import { sourceExcerpt } from '../annotation/errors.js';
import { shown } from '../annotation/report.js';

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
