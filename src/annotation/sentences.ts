/**
 * Sentences of the article, for the source line on the back of a card
 * (card-quality.md rule 12: the whole sentence, not cut at "George W." or
 * "U.S.", not two sentences run together, not a headline). compromise finds
 * the sentence boundaries; this module only bounds its input and mends the
 * few cuts it gets wrong.
 */
import nlp from 'compromise';

/** Where a sentence lies in the article text. */
export interface SentenceSpan {
  start: number;
  end: number;
}

/** Most characters on each side of a span that are handed to the segmenter (keeps a hostile 4 MB paragraph cheap). */
const WINDOW = 2_000;
/** Most characters of a sentence shown on each side of a span (a sentence of a legal text can be long). */
const SENTENCE_CONTEXT = 1_000;

/** Abbreviations after which a full stop does not end a sentence, even before a capital or a number. */
const ABBREVIATIONS = new Set(
  'mr mrs ms dr st no nos vs pp p gen lt col sgt capt gov sen rep reps prof jr sr inc ltd co corp dept est fig vol approx ca cf e.g i.e a.m p.m u.s u.k u.n e.u d.c'.split(' '),
);

/**
 * The paragraph around an offset: paragraphs end at blank lines. A single line
 * break inside a paragraph (text pasted from a PDF, an e-mail or a YAML `|`
 * block) is a space, not a sentence end.
 */
function paragraphAround(text: string, offset: number, length: number): SentenceSpan {
  // The window's ends snap to multiples of WINDOW: the spans of one long paragraph then share a few
  // windows, each segmented once (segmentCached), instead of one window each; and blank lines are
  // looked for inside the window only. 20,000 claims in one paragraph took minutes, quadratic in them.
  // Snapping only widens the window, to at most twice WINDOW on each side.
  const from = Math.max(0, Math.floor((offset - WINDOW) / WINDOW) * WINDOW);
  const to = Math.min(text.length, Math.ceil((offset + length + WINDOW) / WINDOW) * WINDOW);
  // White-space-only lines count as blank too. A blank line that straddles the window's start still ends the paragraph.
  const blank = /\n[ \t]*\n/g;
  const lead = Math.max(0, from - 100);
  let start = from;
  for (const m of text.slice(lead, offset).matchAll(blank)) start = Math.max(start, lead + m.index + m[0].length);
  const next = blank.exec(text.slice(offset + length, Math.min(text.length, to + 100)));
  const end = next === null ? to : Math.min(to, offset + length + next.index);
  return { start, end };
}

/**
 * The segmented paragraphs of the articles looked at last, by article text: one article's cards ask
 * for the same paragraphs again and again, a build checks every article before it makes their
 * cards, and a process that builds more than once (the tests, issue 12) asks for the same articles
 * again. Segmenting is a pure function of the text, so a hit is exactly what a miss would compute.
 */
const cache = new Map<string, Map<string, Segmented>>();

/** A paragraph's sentences, and its quotations (closed ones, and one left open at its end) once asked for. */
interface Segmented {
  spans: SentenceSpan[];
  quotations?: SentenceSpan[];
}
/** Articles kept: a class's worth; the least recently used goes first. */
const CACHED_ARTICLES = 16;

function segmentCached(text: string, paragraph: SentenceSpan, stretch: string): Segmented {
  let paragraphs = cache.get(text);
  if (paragraphs === undefined) {
    paragraphs = new Map();
    if (cache.size >= CACHED_ARTICLES) cache.delete(cache.keys().next().value as string);
  } else cache.delete(text);
  cache.set(text, paragraphs);
  const key = `${paragraph.start}:${paragraph.end}`;
  let segmented = paragraphs.get(key);
  if (segmented === undefined) {
    segmented = { spans: segment(stretch) };
    paragraphs.set(key, segmented);
  }
  return segmented;
}

/** The quotations of a paragraph, as offsets into it: found once per paragraph, like its sentences. */
function quotationsCached(text: string, paragraph: SentenceSpan, stretch: string): SentenceSpan[] {
  const segmented = segmentCached(text, paragraph, stretch);
  segmented.quotations ??= quotations(stretch, true);
  return segmented.quotations;
}

/** The sentences of one stretch of text, as offsets into it. */
function segment(stretch: string): SentenceSpan[] {
  const flat = stretch.replace(/\n/g, ' ');
  // Tokenizing alone finds compromise's sentence boundaries, without tagging every word (20 times faster).
  const found = (nlp.tokenize(flat).json({ offset: true }) as unknown) as { offset: { start: number; length: number } }[];
  const spans: SentenceSpan[] = [];
  let pendingStart: number | undefined;
  for (const piece of found.flatMap((s) => splitAfterClosingQuotes(flat, s.offset.start, s.offset.start + s.offset.length))) {
    let { start, end } = piece;
    while (end > start && /\s/.test(flat[end - 1] as string)) end--;
    while (start < end && /\s/.test(flat[start] as string)) start++;
    if (start === end) continue;
    // compromise leaves an opening quotation mark on its own: it opens the next sentence.
    if (/^[\p{P}\s]+$/u.test(flat.slice(start, end))) {
      pendingStart ??= start;
      continue;
    }
    if (pendingStart !== undefined) [start, pendingStart] = [pendingStart, undefined];
    while (start > 0 && /["“‘(\[]/u.test(flat[start - 1] as string)) start--;
    // Closing marks right after the stop belong to this sentence, not to the next.
    while (end < flat.length && /["”’)\]]/u.test(flat[end] as string) && !/\s/.test(flat[end - 1] as string)) end++;
    const span = { start, end };
    const previous = spans.at(-1);
    if (previous !== undefined && (span.start < previous.end || continues(flat, previous, span))) {
      previous.end = Math.max(previous.end, span.end);
    } else {
      spans.push(span);
    }
  }
  return spans;
}

/**
 * compromise runs on past a quotation that ends a sentence (`… of 2008." It was …`) and past some full stops
 * inside quotations: cut there. An editor's elision between sentences ("… the opposite! [...] We knew …")
 * is a cut too, and belongs to neither sentence.
 */
function splitAfterClosingQuotes(text: string, start: number, end: number): SentenceSpan[] {
  const pieces: SentenceSpan[] = [];
  const boundary = /[.!?]["”’)\]]*(?=\s+["“‘(]?\p{Lu})|\s*[[(](?:\.\s?\.\s?\.|…)[\])]\s*(?=["“‘(]?\p{Lu})/gu;
  boundary.lastIndex = start;
  let from = start;
  for (let m = boundary.exec(text); m !== null && m.index < end; m = boundary.exec(text)) {
    const elision = !/^[.!?]/.test(m[0]);
    const cut = m.index + m[0].length;
    if (cut >= end) break;
    if (elision) {
      if (m.index > from) pieces.push({ start: from, end: m.index });
      from = cut;
      continue;
    }
    // Not after an abbreviation, an initial ("George W. Bush") or a dotted acronym ("U.S.").
    const word = /(\S+)$/.exec(text.slice(from, m.index))?.[1]?.replace(/^[("“‘]+/, '') ?? '';
    if (text[m.index] === '.' && (ABBREVIATIONS.has(word.toLowerCase()) || /^\p{L}$/u.test(word) || /\p{L}\.\p{L}/u.test(word))) continue;
    pieces.push({ start: from, end: cut });
    from = cut;
  }
  pieces.push({ start: from, end });
  return pieces;
}

/** True when `next` goes on with the sentence `previous`: a cut after an abbreviation, or before a lower-case word. */
function continues(text: string, previous: SentenceSpan, next: SentenceSpan): boolean {
  const tail = text.slice(previous.start, previous.end).trimEnd();
  const head = text.slice(next.start, next.end).trimStart();
  const lastWord = /(\S+)\.$/.exec(tail)?.[1]?.toLowerCase().replace(/^[("“‘]+/, '');
  if (lastWord !== undefined && ABBREVIATIONS.has(lastWord)) return true;
  // A sentence does not start in lower case or with a closing mark; "pp. 110" goes on too.
  return /^[\p{Ll},;:)\]]/u.test(head) || (/\b(?:pp?|No|nos?)\.$/i.test(tail) && /^\d/.test(head));
}

/**
 * The span of the sentence(s) of `text` that hold `text[offset, offset + length)`;
 * with `wholeQuotations` (the default), widened to a quotation of several
 * sentences that the span is part of.
 */
export function sentenceSpan(text: string, offset: number, length: number, wholeQuotations = true): SentenceSpan {
  const { start, end } = located(text, offset, length, wholeQuotations);
  return { start, end };
}

/** The sentence span, with the paragraph it was found in (whose segmentation is cached). */
function located(text: string, offset: number, length: number, wholeQuotations: boolean): SentenceSpan & { paragraph: SentenceSpan; stretch: string } {
  const paragraph = paragraphAround(text, offset, length);
  const stretch = text.slice(paragraph.start, paragraph.end);
  const { spans } = segmentCached(text, paragraph, stretch);
  const from = offset - paragraph.start;
  const to = from + Math.max(length, 1);
  const covering = spans.filter((s) => s.end > from && s.start < to);
  if (covering.length === 0) return { start: offset, end: offset + length, paragraph, stretch };
  let start = (covering[0] as SentenceSpan).start;
  let end = (covering.at(-1) as SentenceSpan).end;
  // A quotation of several sentences is one source: widen to the sentences its marks open and close in.
  for (const quotation of wholeQuotations ? quotationsCached(text, paragraph, stretch) : []) {
    // One left open at the paragraph's end goes on in the next paragraph: not shown whole.
    if (quotation.end <= start || quotation.start >= end || quotation.end > stretch.length) continue;
    const inside = spans.filter((s) => s.end > quotation.start && s.start < quotation.end);
    if (inside.length > MAX_QUOTED_SENTENCES) continue;
    start = Math.min(start, (inside[0] as SentenceSpan).start);
    end = Math.max(end, (inside.at(-1) as SentenceSpan).end);
  }
  return { start: paragraph.start + start, end: paragraph.start + end, paragraph, stretch };
}

/** Most sentences a quotation may span and still be shown whole. */
const MAX_QUOTED_SENTENCES = 4;

/**
 * Where double quotation marks open and close in a stretch of text: curly
 * marks by their shape, straight ones by what is before them (a space or an
 * opening bracket before an opening mark).
 */
function quotations(text: string, unclosed = false): SentenceSpan[] {
  const found: SentenceSpan[] = [];
  let open: number | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch !== '"' && ch !== '“' && ch !== '”') continue;
    const opening = ch === '“' || (ch === '"' && (i === 0 || /[\s(\[—–-]/u.test(text[i - 1] as string)));
    if (opening && open === undefined) open = i;
    else if (!opening && open !== undefined) {
      found.push({ start: open, end: i + 1 });
      open = undefined;
    }
  }
  // A quotation that runs on into the next paragraph (which opens with a mark of its own) ends with this one.
  if (unclosed && open !== undefined) found.push({ start: open, end: text.length + 1 });
  return found;
}

/**
 * The quotation marks a sentence cut out of a longer quotation needs ("… local time, “surrounded by family
 * and loved ones. …”"): without them the back shows a quotation that opens and never closes, or closes
 * and never opened (the blind read of issue 7 faulted both). "…" marks the sentences left out; not "[…]",
 * which is a cloze's gap.
 */
const LEFT_OUT = '…';

/** True when a sentence was cut out of a longer quotation: it opens or closes the quotation for itself. */
export function cutOutOfQuotation(sentence: string): boolean {
  return /^["“]…\s/.test(sentence) || /\s…["”]$/.test(sentence);
}

function quotationEdges(text: string, { start, end, paragraph, stretch }: ReturnType<typeof located>): { prefix: string; suffix: string } {
  let prefix = '';
  let suffix = '';
  for (const quotation of quotationsCached(text, paragraph, stretch)) {
    const from = paragraph.start + quotation.start;
    const to = paragraph.start + quotation.end;
    if (from >= end) break;
    const opening = text[from] === '“' ? '“' : '"';
    if (from < start && to > start) prefix = `${opening}${LEFT_OUT} `;
    if (to > end) suffix = ` ${LEFT_OUT}${opening === '“' ? '”' : '"'}`;
  }
  return { prefix, suffix };
}

/** The sentence of `text` that contains the span, as written (line breaks made spaces), bounded in length. */
export function sentenceAround(text: string, offset: number, length: number, wholeQuotations = true): string {
  const found = located(text, offset, length, wholeQuotations);
  let { start, end } = found;
  let { prefix, suffix } = quotationEdges(text, found);
  if (offset - start > SENTENCE_CONTEXT) {
    start = text.indexOf(' ', offset - SENTENCE_CONTEXT) + 1 || offset;
    prefix = '…';
  }
  if (end - (offset + length) > SENTENCE_CONTEXT) {
    const cut = text.lastIndexOf(' ', offset + length + SENTENCE_CONTEXT);
    end = cut > offset + length ? cut : offset + length;
    suffix = '…';
  }
  return `${prefix}${text.slice(start, end).replace(/\s+/g, ' ').trim()}${suffix}`;
}

/** `{ quotation }` when the span is part of a quotation of several sentences, else nothing. */
export function quotationOf(text: string, offset: number, length: number): { quotation?: string } {
  const narrow = sentenceSpan(text, offset, length, false);
  const wide = sentenceSpan(text, offset, length, true);
  if (wide.start === narrow.start && wide.end === narrow.end) return {};
  return { quotation: sentenceAround(text, offset, length, true) };
}
