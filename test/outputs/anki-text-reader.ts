/**
 * Anki's text import as its manual describes it (Importing › Text Files:
 * `#key:value` header lines at the top, then one record per note, fields in
 * double quotes when they hold the separator, a line break or a quote, `""`
 * for a quote, a record starting with `#` a comment), for the tests that read
 * what `build --format anki-text` wrote.
 */
export interface AnkiTextFile {
  /** Header keys as Anki reads them: trimmed, lower case. */
  headers: Record<string, string>;
  rows: string[][];
}

const SEPARATORS: Record<string, string> = { tab: '\t', comma: ',', semicolon: ';', space: ' ', pipe: '|', colon: ':' };

/** Anki's reading of a text file: the header lines, then the records. Throws on what Anki would reject. */
export function parseAnkiText(text: string): AnkiTextFile {
  const headers: Record<string, string> = {};
  let at = 0;
  while (text.startsWith('#', at)) {
    const end = text.indexOf('\n', at);
    const line = text.slice(at + 1, end < 0 ? text.length : end);
    const colon = line.indexOf(':');
    if (colon >= 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1);
    at = end < 0 ? text.length : end + 1;
  }
  const separator = SEPARATORS[(headers['separator'] ?? '').trim().toLowerCase()] ?? headers['separator'];
  if (separator === undefined || separator.length !== 1) throw new Error(`no usable #separator header: ${headers['separator']}`);

  const rows: string[][] = [];
  while (at < text.length) {
    if (text[at] === '#') {
      // A comment record: Anki skips it, whatever it holds.
      const end = text.indexOf('\n', at);
      at = end < 0 ? text.length : end + 1;
      continue;
    }
    if (text[at] === '\n') {
      at += 1; // Empty lines are no records.
      continue;
    }
    const row: string[] = [];
    for (;;) {
      let value = '';
      if (text[at] === '"') {
        at += 1;
        for (;;) {
          const quote = text.indexOf('"', at);
          if (quote < 0) throw new Error(`unterminated quoted field in record ${rows.length + 1}`);
          value += text.slice(at, quote);
          if (text[quote + 1] === '"') {
            value += '"';
            at = quote + 2;
          } else {
            at = quote + 1;
            break;
          }
        }
        if (at < text.length && text[at] !== separator && text[at] !== '\n') {
          throw new Error(`text after a closing quote in record ${rows.length + 1}: ${JSON.stringify(text.slice(at, at + 20))}`);
        }
      } else {
        let end = at;
        while (end < text.length && text[end] !== separator && text[end] !== '\n' && text[end] !== '\r') end += 1;
        value = text.slice(at, end);
        if (value.includes('"')) throw new Error(`a double quote inside an unquoted field: ${JSON.stringify(value)}`);
        at = end;
      }
      row.push(value);
      if (text[at] === separator) {
        at += 1;
        continue;
      }
      if (text[at] === '\r') throw new Error('a carriage return ends a record early');
      at += 1; // '\n' or the end of the text
      break;
    }
    rows.push(row);
  }
  return { headers, rows };
}

