/**
 * Errors are data: a closed set of codes, each error with the file, line and
 * column it applies to, a plain message (what is wrong) and a hint (how to fix it).
 */

/** Every error the loader can report, with what it means (shown by the README). */
export const ERROR_CODES = {
  'not-utf8': 'the annotation file is not valid UTF-8 text',
  'too-large': 'the annotation or its article text is larger than the safety limit (raise it with --max-size)',
  'yaml-syntax': 'the file is not well-formed YAML',
  'too-many-aliases': 'YAML aliases expand to too many nodes, or are too many (an "alias bomb")',
  'too-deep': 'lists and mappings nest deeper than the safety limit (64 levels)',
  'duplicate-key': 'the same key appears twice in one mapping',
  'wrong-type': 'a value has the wrong shape (a list where text is expected, …)',
  'missing-key': 'a required key is absent',
  'unknown-key': 'a key the format does not know (often a typo: "did you mean …")',
  'empty-value': 'a key is present but has no value',
  'invalid-value': 'a value is not allowed: not one of the choices (kind, stance, family), a bad date, URL or tag, a control character, a repeated or stop-word cloze',
  'invalid-id': 'an id is not a slug of lowercase letters, digits and hyphens',
  'unsupported-format': '`format` is not a version this tool reads',
  'no-items': 'the file has no actors, quotes, claims, events, terms or facts',
  'duplicate-id': 'two items share an id (all items share one namespace)',
  'unknown-actor': 'a speaker, claimant, disputed_by or actors entry names no declared actor',
  'unknown-template': '`skip` names a template that does not exist',
  'text-source': 'the article needs exactly one of `text` and `text_file`',
  'text-file-missing': 'the article text file cannot be read',
  'text-file-outside': 'text_file points outside the project root (absolute, .. past the root, or a link out of it)',
  'text-file-not-utf8': 'the article text file is not valid UTF-8 text',
  'not-in-article': 'a quote or evidence does not occur verbatim in the article',
  'cloze-not-in-quote': 'a cloze word does not occur in its quote',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** One problem in one annotation file. Lines and columns are 1-based. */
export interface AnnotationError {
  code: ErrorCode;
  file: string;
  line: number;
  col: number;
  /** What is wrong, in plain words. */
  message: string;
  /** How to fix it. */
  hint?: string;
  /** For text not found in the article: the closest passage, to copy from. */
  closest?: { text: string; line: number };
  /** The offending source line, for the excerpt under the message. */
  sourceLine: string;
}

/** Renders an error as `file:line:col: code: message`, the source line, a caret and the hint. */
export function formatError(error: AnnotationError): string {
  // The file name too is shown without control characters (the message already is).
  const file = error.file.replace(/[\u0000-\u001f\u007f-\u009f]/g, '\ufffd');
  const lines = [`${file}:${error.line}:${error.col}: ${error.code}: ${error.message}`, ...sourceExcerpt(error.line, error.col, error.sourceLine)];
  if (error.closest !== undefined) {
    lines.push(`  closest passage in the article (line ${error.closest.line}): “${error.closest.text}”`);
  }
  if (error.hint !== undefined) lines.push(`  hint: ${error.hint}`);
  return lines.join('\n');
}

/**
 * The source line under an error's position, with a caret at its column:
 * `12 | text` and `   |   ^`. Empty for a blank line. Shared by annotation
 * errors and template diagnostics, so both point the same way.
 */
export function sourceExcerpt(line: number, col: number, sourceLine: string): string[] {
  const gutter = `${line} | `;
  // Tabs would shift the caret; show them as one space each, as the caret counts characters.
  // Control characters are shown as one replacement character each: printed raw they could
  // drive the terminal, and one character each keeps the caret under its column.
  const shown = sourceLine.replace(/\t/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '\ufffd');
  if (shown.trim() === '') return [];
  const clipped = shown.length > 160 ? shown.slice(0, 160) + '…' : shown;
  return [`${gutter}${clipped}`, `${' '.repeat(gutter.length - 2)}| ${' '.repeat(Math.min(col - 1, 160))}^`];
}

/** Renders every error of a failed load, as `newsdeck check` prints them. */
export function formatErrors(errors: readonly AnnotationError[]): string {
  return errors.map(formatError).join('\n\n');
}
