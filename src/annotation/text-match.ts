/**
 * Finding verbatim spans in the article. The format treats straight and curly
 * quotes and apostrophes, dash variants and runs of white space as equal, and
 * nothing else (not case, not accents), so that a span typed on a keyboard
 * matches the typeset article while a changed word does not.
 */

const SINGLE_QUOTES = /[‘’‚‛′`´]/u;
const DOUBLE_QUOTES = /[“”„‟″«»]/u;
const DASHES = /[‐‑‒–—―−]/u;
const SPACE = /\s/u;
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/u;

/** Text in the normalised form plus, for each of its characters, the offset in the original. */
export interface NormalisedText {
  text: string;
  offsets: number[];
}

/** Maps each equivalent character to one form and collapses white space runs to one space. */
export function normaliseForMatching(original: string): NormalisedText {
  let text = '';
  const offsets: number[] = [];
  let inSpace = false;
  for (let i = 0; i < original.length; i++) {
    const ch = original[i] as string;
    // A soft hyphen (or a zero-width character) is invisible in the article and never typed.
    if (INVISIBLE.test(ch)) continue;
    if (SPACE.test(ch)) {
      if (!inSpace) {
        text += ' ';
        offsets.push(i);
      }
      inSpace = true;
      continue;
    }
    inSpace = false;
    text += SINGLE_QUOTES.test(ch) ? "'" : DOUBLE_QUOTES.test(ch) ? '"' : DASHES.test(ch) ? '-' : ch;
    offsets.push(i);
  }
  return { text, offsets };
}

/** A span of the article found by `findSpan`, in the article's own characters. */
export interface FoundSpan {
  offset: number;
  length: number;
}

/** Finds `needle` in `haystack` under the format's equivalences; null when absent. */
export function findSpan(haystack: NormalisedText, needle: string): FoundSpan | null {
  const target = normaliseForMatching(needle).text.trim();
  if (target === '') return null;
  // A span must not cut a word: "peace talk" is not in "peace talks".
  const at = indexOfWords(haystack.text, target);
  if (at < 0) return null;
  const start = haystack.offsets[at] as number;
  const lastOffset = haystack.offsets[at + target.length - 1] as number;
  return { offset: start, length: lastOffset + 1 - start };
}

/** The same text with the format's equivalent characters folded to one form (no offsets kept). */
export function foldForMatching(text: string): string {
  return text
    .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/gu, '')
    .replace(/[‘’‚‛′`´]/gu, "'")
    .replace(/[“”„‟″«»]/gu, '"')
    .replace(/[‐‑‒–—―−]/gu, '-')
    .replace(/\s+/gu, ' ');
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * The first index of `needle` in `haystack` (exact, case included) where it
 * does not start or end inside a longer word, or -1. Used wherever a name or a
 * span must match whole words: "peace talk" is not in "peace talks", "US" not in "USSR".
 * A long haystack asked again (the article, once per actor or card) is looked
 * up in an index of its words instead of scanned (issue 12, issue 13: scanning
 * made those loops quadratic); the answer is the scan's.
 */
export function indexOfWords(haystack: string, needle: string, from = 0): number {
  if (needle === '') return -1;
  const startsWithWord = WORD_CHAR.test(needle[0] as string);
  if (startsWithWord && haystack.length >= INDEXED_LENGTH) {
    const index = wordIndexOf(haystack);
    if (index !== undefined) return index.indexOfWords(needle, from);
  }
  return scanForWords(haystack, needle, from, startsWithWord);
}

/** The scan behind indexOfWords: every occurrence of the needle tried until one sits on word boundaries. */
function scanForWords(haystack: string, needle: string, from: number, startsWithWord: boolean): number {
  const endsWithWord = WORD_CHAR.test(needle[needle.length - 1] as string);
  for (let at = haystack.indexOf(needle, from); at >= 0; ) {
    const before = haystack[at - 1];
    const after = haystack[at + needle.length];
    const inside = (startsWithWord && before !== undefined && WORD_CHAR.test(before)) || (endsWithWord && after !== undefined && WORD_CHAR.test(after));
    if (!inside) return at;
    if (!startsWithWord) {
      at = haystack.indexOf(needle, at + 1);
      continue;
    }
    // Every later start inside this word has a letter before it: look again after the word's end.
    // (One step at a time, a needle inside a 4 MB word took seconds; now the search stays linear.)
    // Code unit by code unit, as the boundaries above are judged (a surrogate of "𝒜" ends a word here too).
    let end = at + 1;
    while (end < haystack.length && isWordUnit(haystack.charCodeAt(end))) end++;
    if (end >= haystack.length) return -1;
    at = haystack.indexOf(needle, end + 1);
  }
  return -1;
}

/** Haystacks shorter than this are scanned: an index would cost more than it saves. */
const INDEXED_LENGTH = 4096;
/** Long haystacks whose index is kept (an article's text and its folded, normalised and lower-cased forms). */
const INDEXES_KEPT = 8;

/** Long haystacks asked about, most recent last: an index is built at the second question about one text. */
const wordIndexes = new Map<string, WordIndex | null>();

function wordIndexOf(haystack: string): WordIndex | undefined {
  const known = wordIndexes.get(haystack);
  if (known !== undefined) {
    wordIndexes.delete(haystack);
    const index = known ?? new WordIndex(haystack);
    wordIndexes.set(haystack, index);
    return index;
  }
  // The first question about a text is answered by a scan: a text asked once (a card's own text) needs no index.
  if (wordIndexes.size >= INDEXES_KEPT) wordIndexes.delete(wordIndexes.keys().next().value as string);
  wordIndexes.set(haystack, null);
  return undefined;
}

/** True for a word character as indexOfWords sees it (one UTF-16 unit), ASCII without the regular expression. */
function isWordUnit(code: number): boolean {
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return WORD_CHAR.test(String.fromCharCode(code));
}

/**
 * The words of one text, for indexOfWords: where each maximal run of word
 * characters starts, by the run. A whole-word match of a needle that starts
 * with a word character starts where a run starts, and that run is exactly the
 * needle's first run (the needle's next character, if any, is not a word
 * character), so only those places need trying.
 */
export class WordIndex {
  private readonly starts = new Map<string, number[]>();

  constructor(readonly text: string) {
    let start = -1;
    for (let i = 0; i <= text.length; i++) {
      const word = i < text.length && isWordUnit(text.charCodeAt(i));
      if (word && start < 0) start = i;
      else if (!word && start >= 0) {
        const run = text.slice(start, i);
        const list = this.starts.get(run);
        if (list === undefined) this.starts.set(run, [start]);
        else list.push(start);
        start = -1;
      }
    }
  }

  /** Exactly `indexOfWords(this.text, needle, from)`. */
  indexOfWords(needle: string, from = 0): number {
    if (needle === '') return -1;
    if (!isWordUnit(needle.charCodeAt(0))) return scanForWords(this.text, needle, from, false);
    let firstRun = 1;
    while (firstRun < needle.length && isWordUnit(needle.charCodeAt(firstRun))) firstRun++;
    const list = this.starts.get(firstRun === needle.length ? needle : needle.slice(0, firstRun));
    if (list === undefined) return -1;
    const endsWithWord = isWordUnit(needle.charCodeAt(needle.length - 1));
    // The first run start at or after `from`.
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((list[middle] as number) < from) low = middle + 1;
      else high = middle;
    }
    for (let i = low; i < list.length; i++) {
      const at = list[i] as number;
      if (!this.text.startsWith(needle, at)) continue;
      const after = at + needle.length;
      if (endsWithWord && after < this.text.length && isWordUnit(this.text.charCodeAt(after))) continue;
      return at;
    }
    return -1;
  }
}

/** 1-based line of an offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

/**
 * Character comparisons the closest-passage searches of one annotation may
 * make in all (about a quarter of a second): they are a convenience for typos,
 * and must not make a large or hostile file slow to check.
 */
const FUZZY_BUDGET = 60_000_000;

/** A passage of the article near a span that is not in it. */
export interface ClosePassage {
  offset: number;
  length: number;
  distance: number;
}

/**
 * The article text prepared for span look-ups: each span is searched once
 * (the checks and the model share the result), and the closest-passage
 * searches of the whole annotation share one budget.
 */
export class ArticleText {
  readonly normalised: NormalisedText;
  private readonly spans = new Map<string, FoundSpan | null>();
  private budget = FUZZY_BUDGET;

  constructor(readonly text: string) {
    this.normalised = normaliseForMatching(text);
  }

  /** Where `span` occurs, under the format's equivalences; null when it does not. */
  find(span: string): FoundSpan | null {
    let found = this.spans.get(span);
    if (found === undefined) {
      found = findSpan(this.normalised, span);
      this.spans.set(span, found);
    }
    return found;
  }

  /** The closest passage to a span that is not in the article, while the budget lasts. */
  closest(span: string): ClosePassage | null {
    const cost = Math.min(span.length, MAX_PATTERN) * this.normalised.text.length;
    if (cost > this.budget) return null;
    this.budget -= cost;
    return closestPassage(this.normalised, this.text, span);
  }
}

/** Longest piece of a span the closest-passage search looks at. */
const MAX_PATTERN = 400;

/**
 * The passage of `haystack` closest to `needle` by edit distance (Sellers'
 * approximate substring matching), widened to whole words. Its cost is the
 * product of the two lengths: callers bound it (see ArticleText).
 */
function closestPassage(haystack: NormalisedText, original: string, needle: string): ClosePassage | null {
  const pattern = normaliseForMatching(needle).text.trim().slice(0, MAX_PATTERN);
  const text = haystack.text;
  const m = pattern.length;
  if (m === 0 || text.length === 0) return null;
  // cost[i] = edit distance of pattern[0..i) against a suffix of text ending here; start[i] its start.
  let cost = new Int32Array(m + 1);
  let start = new Int32Array(m + 1);
  let nextCost = new Int32Array(m + 1);
  let nextStart = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) cost[i] = i;
  let best = { distance: m, start: 0, end: 0 };
  for (let j = 1; j <= text.length; j++) {
    nextCost[0] = 0;
    nextStart[0] = j;
    const tc = text[j - 1];
    for (let i = 1; i <= m; i++) {
      const substitute = (cost[i - 1] as number) + (pattern[i - 1] === tc ? 0 : 1);
      const skipText = (cost[i] as number) + 1;
      const skipPattern = (nextCost[i - 1] as number) + 1;
      if (substitute <= skipText && substitute <= skipPattern) {
        nextCost[i] = substitute;
        nextStart[i] = start[i - 1] as number;
      } else if (skipText <= skipPattern) {
        nextCost[i] = skipText;
        nextStart[i] = start[i] as number;
      } else {
        nextCost[i] = skipPattern;
        nextStart[i] = nextStart[i - 1] as number;
      }
    }
    if ((nextCost[m] as number) < best.distance) best = { distance: nextCost[m] as number, start: nextStart[m] as number, end: j };
    [cost, nextCost] = [nextCost, cost];
    [start, nextStart] = [nextStart, start];
  }
  if (best.end <= best.start) return null;
  let from = haystack.offsets[best.start] as number;
  let to = (haystack.offsets[best.end - 1] as number) + 1;
  // Widen to whole words so the suggestion can be copied as it stands.
  while (from > 0 && /[\p{L}\p{N}'’]/u.test(original[from - 1] as string)) from--;
  while (to < original.length && /[\p{L}\p{N}'’]/u.test(original[to] as string)) to++;
  return { offset: from, length: to - from, distance: best.distance };
}
