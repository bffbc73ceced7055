/**
 * The article as the drafter reads it: headline, dateline, paragraphs,
 * sentences and quotations, all as offsets into the original text, so that
 * every span the draft writes is the article's own characters (and so passes
 * the verbatim checks of `newsdeck check`).
 */
import { sentenceSpan } from '../annotation/sentences.js';

/** A span of the article text. */
export interface Span {
  start: number;
  end: number;
}

/** A quotation: the text between a pair of quotation marks (the marks excluded). */
export interface Quotation extends Span {
  /** Double marks (“…” or "…") are direct quotes; single ones (‘…’) may be a term or a headline's phrase. */
  marks: 'double' | 'single';
  /** The paragraph it is in (index into `paragraphs`). */
  paragraph: number;
}

export interface ArticleLayout {
  text: string;
  /** The first line when it stands alone as a headline (followed by a blank line, no full stop at its end). */
  headline?: Span;
  /** A line that is only a date, such as "Saturday, October 4, 2008". */
  dateline?: Span & { iso: string };
  /** Body paragraphs (headline and dateline excluded), separated by blank lines in the text. */
  paragraphs: Span[];
  /** Sentences of the body, in order, each with its paragraph. */
  sentences: (Span & { paragraph: number })[];
  quotations: Quotation[];
  /** quoted[i] = how many of the first i characters are inside a double quotation: a span's test in constant time. */
  quoted: Int32Array;
}

/** The month and weekday names the drafter reads dates by, as regular-expression alternatives. */
export const MONTH_NAMES = 'January|February|March|April|May|June|July|August|September|October|November|December';
export const WEEKDAY_NAMES = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday';

const MONTHS = MONTH_NAMES.toLowerCase().split('|');
const LEADING_WEEKDAY = new RegExp(`^(?:${WEEKDAY_NAMES}),?\\s+`, 'i');
const MONTH_DAY_YEAR = new RegExp(`^(${MONTH_NAMES})\\s+(\\d{1,2}),?\\s+(\\d{4})$`, 'i');
const DAY_MONTH_YEAR = new RegExp(`^(\\d{1,2})\\s+(${MONTH_NAMES}),?\\s+(\\d{4})$`, 'i');

/** "Saturday, October 4, 2008", "October 4, 2008", "4 October 2008" or "2008-10-04" as an ISO date; undefined for anything else. */
export function isoDate(phrase: string): string | undefined {
  const s = phrase.trim().replace(LEADING_WEEKDAY, '');
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) return validIso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = MONTH_DAY_YEAR.exec(s);
  if (m) return validIso(Number(m[3]), MONTHS.indexOf((m[1] as string).toLowerCase()) + 1, Number(m[2]));
  m = DAY_MONTH_YEAR.exec(s);
  if (m) return validIso(Number(m[3]), MONTHS.indexOf((m[2] as string).toLowerCase()) + 1, Number(m[1]));
  return undefined;
}

function validIso(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

/** Reads the layout of an article text: the format of the dev set (headline, blank line, dateline, blank line, paragraphs) or plain paragraphs. */
export function readLayout(text: string): ArticleLayout {
  const blocks: Span[] = [];
  // A blank line ends a paragraph, whatever the line breaks (\n, \r\n or \r).
  const blank = /(?:\r?\n|\r)[ \t]*(?:\r?\n|\r)/g;
  let from = 0;
  for (let m = blank.exec(text); ; m = blank.exec(text)) {
    const end = m === null ? text.length : m.index;
    let start = from;
    let stop = end;
    while (start < stop && /\s/.test(text[start] as string)) start++;
    while (stop > start && /\s/.test(text[stop - 1] as string)) stop--;
    if (stop > start) blocks.push({ start, end: stop });
    if (m === null) break;
    from = m.index + m[0].length;
  }
  const layout: ArticleLayout = { text, paragraphs: [], sentences: [], quotations: [], quoted: new Int32Array(0) };
  let first = 0;
  const firstBlock = blocks[0];
  if (firstBlock !== undefined && blocks.length > 1) {
    const line = text.slice(firstBlock.start, firstBlock.end);
    if (!/[\r\n]/.test(line) && line.length <= 200 && !/[.:]$/.test(line)) {
      layout.headline = firstBlock;
      first = 1;
    }
  }
  const dateBlock = blocks[first];
  if (dateBlock !== undefined) {
    const iso = isoDate(text.slice(dateBlock.start, dateBlock.end));
    if (iso !== undefined) {
      layout.dateline = { ...dateBlock, iso };
      first++;
    }
  }
  layout.paragraphs = blocks.slice(first);
  layout.paragraphs.forEach((paragraph, index) => {
    for (const sentence of sentencesOf(text, paragraph)) layout.sentences.push({ ...sentence, paragraph: index });
    for (const quotation of quotationsOf(text, paragraph)) layout.quotations.push({ ...quotation, paragraph: index });
  });
  const inside = new Uint8Array(text.length);
  for (const q of layout.quotations) if (q.marks === 'double') inside.fill(1, q.start, q.end);
  layout.quoted = new Int32Array(text.length + 1);
  for (let i = 0; i < text.length; i++) layout.quoted[i + 1] = (layout.quoted[i] as number) + (inside[i] as number);
  return layout;
}

/** The sentences of one paragraph, found by the card sources' own segmenter (compromise, mended for quotations and abbreviations). */
export function sentencesOf(text: string, within: Span): Span[] {
  const found: Span[] = [];
  let at = within.start;
  while (at < within.end) {
    while (at < within.end && /\s/.test(text[at] as string)) at++;
    if (at >= within.end) break;
    const span = sentenceSpan(text, at, 1, false);
    const start = Math.max(span.start, at);
    let end = Math.min(Math.max(span.end, at + 1), within.end);
    while (end > start && /\s/.test(text[end - 1] as string)) end--;
    found.push({ start, end });
    at = Math.max(end, at + 1);
  }
  return found;
}

const LETTER = /[\p{L}\p{N}]/u;

/**
 * The quotations of a paragraph. Curly marks are told apart by their shape;
 * a straight " opens after a space, a bracket or a dash, and closes otherwise.
 * A quotation still open at the paragraph's end ends there (newspapers leave
 * the closing mark off when the quotation goes on in the next paragraph).
 * Single marks count only outside double ones, and a ’ or ' only closes
 * before a non-letter, so that apostrophes ("it’s", "Franklin's") are no marks.
 */
export function quotationsOf(text: string, paragraph: Span): (Span & { marks: 'double' | 'single' })[] {
  const found: (Span & { marks: 'double' | 'single' })[] = [];
  let open: number | undefined;
  let singleOpen: number | undefined;
  for (let i = paragraph.start; i < paragraph.end; i++) {
    const ch = text[i] as string;
    const before = i > paragraph.start ? (text[i - 1] as string) : ' ';
    const after = i + 1 < paragraph.end ? (text[i + 1] as string) : ' ';
    if (ch === '“' || ch === '”' || ch === '"') {
      const opening = ch === '“' || (ch === '"' && /[\s(\[—–-]/u.test(before));
      if (opening && open === undefined) {
        open = i + 1;
        singleOpen = undefined;
      } else if (!opening && open !== undefined) {
        if (i > open) found.push({ start: open, end: i, marks: 'double' });
        open = undefined;
      }
      continue;
    }
    if (open !== undefined) continue;
    if ((ch === '‘' || ch === "'") && /[\s(\[—–-]/u.test(before) && LETTER.test(after) && singleOpen === undefined) {
      singleOpen = i + 1;
    } else if ((ch === '’' || ch === "'") && singleOpen !== undefined && !LETTER.test(after) && LETTER.test(before)) {
      // A short phrase only: a stray apostrophe ("the Maldives' capital") must not swallow a paragraph.
      const inside = text.slice(singleOpen, i);
      if (inside.split(/\s+/).length <= 8) found.push({ start: singleOpen, end: i, marks: 'single' });
      singleOpen = undefined;
    }
  }
  if (open !== undefined && paragraph.end > open) found.push({ start: open, end: paragraph.end, marks: 'double' });
  return found;
}

/** True when the span lies inside one of the quotations. */
export function insideQuotation(layout: ArticleLayout, start: number, end = start + 1): boolean {
  const from = Math.max(0, start);
  const to = Math.min(layout.text.length, end);
  if (to <= from) return false;
  return (layout.quoted[to] as number) - (layout.quoted[from] as number) === to - from;
}

/** The index of the first span that ends after `offset` (spans sorted and apart), by binary search: -1 when none. */
export function firstEndingAfter(spans: readonly Span[], offset: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((spans[mid] as Span).end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo < spans.length ? lo : -1;
}
