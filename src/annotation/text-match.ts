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
  const wordChar = /[\p{L}\p{N}]/u;
  const cutsStart = wordChar.test(target[0] as string);
  const cutsEnd = wordChar.test(target[target.length - 1] as string);
  for (let at = haystack.text.indexOf(target); at >= 0; at = haystack.text.indexOf(target, at + 1)) {
    const before = haystack.text[at - 1];
    const after = haystack.text[at + target.length];
    if (cutsStart && before !== undefined && wordChar.test(before)) continue;
    if (cutsEnd && after !== undefined && wordChar.test(after)) continue;
    const start = haystack.offsets[at] as number;
    const lastOffset = haystack.offsets[at + target.length - 1] as number;
    return { offset: start, length: lastOffset + 1 - start };
  }
  return null;
}

/** The sentence (or heading line) of `text` that contains the given offset. */
export function sentenceAround(text: string, offset: number, length: number): string {
  let start = offset;
  while (start > 0) {
    const before = text[start - 1] as string;
    if (before === '\n') break;
    // A sentence ends at . ! ? followed by white space; closing quotes may sit between.
    if (SPACE.test(before) && /[.!?]["”’)]*$/u.test(text.slice(Math.max(0, start - 4), start - 1))) break;
    start--;
  }
  let end = offset + length;
  while (end < text.length) {
    const ch = text[end] as string;
    if (ch === '\n') break;
    if (/[.!?]/u.test(ch)) {
      end++;
      while (end < text.length && /["”’)]/u.test(text[end] as string)) end++;
      if (end >= text.length || SPACE.test(text[end] as string)) break;
      continue;
    }
    end++;
  }
  return text.slice(start, end).trim();
}

/** 1-based line of an offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

/**
 * Above this many character comparisons the closest-passage search is skipped:
 * it is a convenience for typos, and must not make a huge file slow to check.
 */
const FUZZY_BUDGET = 60_000_000;

/**
 * The passage of `haystack` closest to `needle` by edit distance (Sellers'
 * approximate substring matching), widened to whole words, or null when the
 * input is too large for the budget.
 */
export function closestPassage(
  haystack: NormalisedText,
  original: string,
  needle: string,
): { offset: number; length: number; distance: number } | null {
  const pattern = normaliseForMatching(needle).text.trim().slice(0, 400);
  const text = haystack.text;
  const m = pattern.length;
  if (m === 0 || text.length === 0 || m * text.length > FUZZY_BUDGET) return null;
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
