/**
 * How deep a YAML text nests, measured on the lexer's flat token stream, so
 * that a file nested thousands of levels deep is refused before the parser's
 * recursion runs out of stack ("Maximum call stack size exceeded"). Flow
 * collections count their brackets; block collections count the indentation
 * levels open at each line's first node (and each `-` or `?` before it on the
 * same line). An annotation nests about five levels; the measure may count a
 * leaf as one more, which a bound of dozens ignores.
 */
import { CST, Lexer } from 'yaml';

/** The offset where `text` first nests deeper than `maxDepth`, or undefined when it never does. */
export function deeperThan(text: string, maxDepth: number): number | undefined {
  let flow = 0;
  const indents: number[] = [];
  let offset = 0;
  let column = 0;
  // True while a token may still open a block node on this line: at its start, or after `- ` / `? `.
  let lineStart = true;
  let scalarNext = false;
  for (const token of new Lexer().lex(text)) {
    const type = scalarNext ? 'scalar-source' : CST.tokenType(token);
    scalarNext = false;
    if (type === 'doc-mode' || type === 'flow-error-end') continue;
    if (type === 'scalar' && token === CST.SCALAR) {
      // The marker before a scalar's source: the next token is the source, whatever it looks like.
      scalarNext = true;
      continue;
    }
    const opensNode = type === 'seq-item-ind' || type === 'explicit-key-ind' || type === 'scalar-source' || type === 'alias' || type === 'flow-seq-start' || type === 'flow-map-start' || type === 'block-scalar-header';
    if (flow === 0 && lineStart && opensNode) {
      while (indents.length > 0 && (indents.at(-1) ?? 0) >= column) indents.pop();
      indents.push(column);
      if (type !== 'seq-item-ind' && type !== 'explicit-key-ind') lineStart = false;
    } else if (type !== 'space' && type !== 'anchor' && type !== 'tag') {
      if (type !== 'newline' && type !== 'comment') lineStart = false;
    }
    if (type === 'flow-seq-start' || type === 'flow-map-start') flow++;
    else if ((type === 'flow-seq-end' || type === 'flow-map-end') && flow > 0) flow--;
    if (indents.length + flow > maxDepth) return offset;
    offset += token.length;
    const lastBreak = token.lastIndexOf('\n');
    if (lastBreak === -1) column += token.length;
    else {
      column = token.length - lastBreak - 1;
      if (type === 'newline' || token.endsWith('\n')) lineStart = true;
    }
  }
  return undefined;
}
