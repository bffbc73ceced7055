/**
 * Errors with positions: the reporter that collects them, and the locator that
 * finds the YAML node (and so the line and column) of a path in the data.
 */
import { distance } from 'fastest-levenshtein';
import { isMap, isPair, isScalar, Parser, type Document } from 'yaml';
import type { AnnotationError, ErrorCode } from './errors.js';
import type { SourcePosition } from './model.js';
import { shown } from './shown.js';

// Here too, for the many modules that report errors; the quiz imports it from shown.js, without yaml.
export { shown };

/** A path into the parsed data: keys and list indexes, as zod reports them. */
export type Path = readonly (string | number)[];

/** What an error may carry besides its message. */
export type Extra = Pick<AnnotationError, 'hint' | 'closest'>;

/** Collects the errors of one file, each with its position and source line, sorted at the end. */
export class Reporter {
  private readonly errors: AnnotationError[] = [];
  private lines: string[] = [''];
  private lineTable: LineTable | undefined;

  constructor(private readonly file: string) {}

  get count(): number {
    return this.errors.length;
  }

  setSource(text: string): void {
    this.lines = text.split(/\r?\n|\r/);
  }

  setLineTable(lineTable: LineTable): void {
    this.lineTable = lineTable;
  }

  at(code: ErrorCode, line: number, col: number, message: string, extra: Extra = {}): void {
    const safe: Extra = {};
    if (extra.hint !== undefined) safe.hint = shown(extra.hint);
    if (extra.closest !== undefined) safe.closest = { ...extra.closest, text: shown(extra.closest.text) };
    this.errors.push({ code, file: this.file, line, col, message: shown(message), sourceLine: this.lines[line - 1] ?? '', ...safe });
  }

  atOffset(code: ErrorCode, offset: number, message: string, extra: Extra = {}): void {
    const pos = this.lineTable?.linePos(offset) ?? { line: 1, col: 1 };
    this.at(code, pos.line, pos.col, message, extra);
  }

  atNode(code: ErrorCode, node: unknown, message: string, extra: Extra = {}): void {
    this.atOffset(code, nodeOffset(node), message, extra);
  }

  result(): { ok: false; errors: AnnotationError[] } {
    const errors = [...this.errors].sort((a, b) => a.line - b.line || a.col - b.col);
    return { ok: false, errors };
  }
}

/** 1-based line and column of an offset, with \n, \r\n and a lone \r as line breaks (as `Reporter.setSource` splits lines). */
export class LineTable {
  private readonly starts: number[] = [0];
  private readonly length: number;
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
    this.length = text.length;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) this.starts.push(i + 1);
    }
  }

  linePos(offset: number): SourcePosition {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    const start = this.starts[lo] as number;
    // A position on a line break is just after the line's end: the \n of a \r\n is not a column of its own.
    let end = lo + 1 < this.starts.length ? (this.starts[lo + 1] as number) - 1 : this.length;
    if (end > start && this.text[end] === '\n' && this.text[end - 1] === '\r') end--;
    return { line: lo + 1, col: Math.min(offset, end) - start + 1 };
  }
}

/** Where a YAML node starts in the source, or 0 for a node without a range. */
export function nodeOffset(node: unknown): number {
  if (node !== null && typeof node === 'object' && 'range' in node) {
    const range = (node as { range?: [number, number, number] | null }).range;
    if (range) return range[0];
  }
  return 0;
}

/** Finds the YAML node of a path in the parsed data, to put errors where they belong. */
export class Locator {
  constructor(
    private readonly doc: Document,
    private readonly lineTable: LineTable,
  ) {}

  /** The node at `path`, or the closest existing ancestor. */
  node(path: Path): unknown {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = depth === 0 ? this.doc.contents : this.doc.getIn(path.slice(0, depth), true);
      if (node !== undefined && node !== null) return node;
    }
    return this.doc.contents;
  }

  /** The key node of `key` in the mapping at `path` (for unknown and duplicate keys). */
  key(path: Path, key: string): unknown {
    const map = this.node(path);
    if (isMap(map)) {
      for (const pair of map.items) {
        if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === key) return pair.key;
      }
      // A collection used as a key reaches the data stringified ("[ a ]"): point at the collection key.
      for (const pair of map.items) {
        if (isPair(pair) && pair.key !== null && !isScalar(pair.key)) return pair.key;
      }
    }
    return map;
  }

  position(path: Path): SourcePosition {
    return this.lineTable.linePos(nodeOffset(this.node(path)));
  }
}

/** The closest known word to a misspelt one, if it is close enough to be the intended one. */
export function closest(word: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = distance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(best.length / 3)) ? best : undefined;
}

/** A plain mapping (not null, not a list). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The value at a path of the raw data, or undefined. */
export function valueAt(raw: unknown, path: Path): unknown {
  let value = raw;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

/** The last key of a path: the field a message talks about. */
export function fieldName(path: Path): string {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
  return 'the file';
}

/** `quotes[2]` style, for messages. */
export function describePath(path: Path): string {
  if (path.length === 0) return 'the file';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** "U+001B". */
export function codePoint(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** "a list", "a mapping", "the text '…'": what a value is, for messages. */
export function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return value === '' ? 'empty' : `the text '${value.length > 40 ? value.slice(0, 40) + '…' : value}'`;
  return String(value);
}

/** A `# TODO` comment of an annotation: a decision its author (or `newsdeck init`) left open. */
export interface TodoComment {
  line: number;
  col: number;
  /** What to decide: the comment after "TODO:". */
  text: string;
}

/**
 * The `# TODO` comments of a YAML source, found by the yaml library's own
 * parser (so a `#` inside a quoted value is no comment), in source order.
 */
export function todoComments(source: string): TodoComment[] {
  const lines = new LineTable(source);
  const found: TodoComment[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const token = node as { type?: unknown; source?: unknown; offset?: unknown };
    if (token.type === 'comment' && typeof token.source === 'string' && typeof token.offset === 'number') {
      const todo = /^#\s*TODO\b:?\s*(.*)$/.exec(token.source);
      if (todo !== null) found.push({ ...lines.linePos(token.offset), text: shown((todo[1] as string).trim()) });
      return;
    }
    for (const value of Object.values(node)) visit(value);
  };
  for (const token of new Parser().parse(source)) visit(token);
  return found.sort((a, b) => a.line - b.line || a.col - b.col);
}
