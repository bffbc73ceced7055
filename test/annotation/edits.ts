/**
 * Random edits of annotation text, shared by the loader's property tests and
 * the hostile-input suite: YAML's own punctuation, and line-level edits
 * (delete, duplicate, insert, swap, re-indent) of a real annotation.
 */
import fc from 'fast-check';

/** Characters that mean something to YAML, plus a little text. */
export const yamlChar = fc.constantFrom(
  ' ', ' ', '  ', '\n', '\n', '\r\n', '\r', '\t', ':', ': ', '- ', '-', '?', ',', '[', ']', '{', '}', '#', ' #', '&a', '*a', '!', '!!str', '|', '>',
  '"', "'", '%', '@', '`', '---', '...', 'a', 'id', 'format', '1', 'é', '“', '\u00a0', '\uFEFF', '\u0000', '😀',
);
export const yamlish = fc.string({ unit: yamlChar, maxLength: 60 });

export type Edit =
  | { kind: 'delete'; line: number }
  | { kind: 'duplicate'; line: number }
  | { kind: 'insert'; offset: number; text: string }
  | { kind: 'swap'; a: number; b: number }
  | { kind: 'indent'; line: number; by: number };

/** Random edits anywhere in `source`. */
export function editOf(source: string, text: fc.Arbitrary<string> = fc.oneof(yamlish, fc.string({ maxLength: 5 }))): fc.Arbitrary<Edit> {
  const line = fc.nat({ max: source.split('\n').length - 1 });
  return fc.oneof(
    fc.record({ kind: fc.constant('delete' as const), line }),
    fc.record({ kind: fc.constant('duplicate' as const), line }),
    fc.record({ kind: fc.constant('insert' as const), offset: fc.nat({ max: source.length }), text }),
    fc.record({ kind: fc.constant('swap' as const), a: line, b: line }),
    fc.record({ kind: fc.constant('indent' as const), line, by: fc.integer({ min: -4, max: 4 }) }),
  );
}

export function apply(source: string, e: Edit): string {
  if (e.kind === 'insert') return source.slice(0, e.offset) + e.text + source.slice(e.offset);
  const lines = source.split('\n');
  const at = (i: number): number => i % lines.length;
  switch (e.kind) {
    case 'delete':
      lines.splice(at(e.line), 1);
      break;
    case 'duplicate':
      lines.splice(at(e.line), 0, lines[at(e.line)] ?? '');
      break;
    case 'swap': {
      const [a, b] = [lines[at(e.a)] ?? '', lines[at(e.b)] ?? ''];
      lines[at(e.a)] = b;
      lines[at(e.b)] = a;
      break;
    }
    case 'indent': {
      const line = lines[at(e.line)] ?? '';
      lines[at(e.line)] = e.by >= 0 ? ' '.repeat(e.by) + line : line.replace(new RegExp(`^ {0,${-e.by}}`), '');
      break;
    }
  }
  return lines.join('\n');
}

/** An edit of a tail of the source (from character `offset`, line `line`) as an edit of the whole. */
export function shift(e: Edit, offset: number, line: number): Edit {
  switch (e.kind) {
    case 'insert':
      return { ...e, offset: e.offset + offset };
    case 'swap':
      return { ...e, a: e.a + line, b: e.b + line };
    default:
      return { ...e, line: e.line + line };
  }
}

