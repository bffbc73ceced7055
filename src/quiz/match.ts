import type { CardAnswer } from '../cards/card.js';
import type { Grade } from './scheduler.js';

/**
 * Checking a typed answer (card-quality.md rule 10): forgiving where it does
 * not matter (case, accents, punctuation, articles, small typos), strict where
 * it does (names, numbers, dates).
 *
 * Typo tolerance per word, counted as Damerau-Levenshtein distance (a swap of
 * two neighbouring letters is one edit):
 *   - words of 1-2 characters: must be exact;
 *   - words of 3-7 characters: 1 edit;
 *   - words of 8 or more characters: 2 edits;
 *   - any word with a digit: exact.
 * Actor names: right when equal to the name or an alias modulo case, accents
 * and punctuation; one edit in a name of 8 or more letters is "almost" (Hard).
 */

export type Verdict = 'right' | 'almost' | 'wrong';

/** One piece of a word diff of what was typed against the answer. */
export interface DiffPart {
  /** `same`: in both; `removed`: typed but not in the answer; `added`: in the answer but not typed. */
  op: 'same' | 'removed' | 'added';
  text: string;
}

export interface TypedCheck {
  verdict: Verdict;
  /** The grade we suggest; the learner may choose another. */
  suggested: Grade;
  /** The form of the answer that matched best (the canonical text or an alias). */
  matched: string;
  /** True when the answer was accepted despite a typo. */
  typo: boolean;
  /** What was typed against `matched`, word by word. */
  diff: DiffPart[];
  /** A short explanation, e.g. "numbers must match exactly". */
  note?: string;
}

const ARTICLES = new Set(['a', 'an', 'the']);

/** Lower case, accents and punctuation removed, whitespace collapsed. */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    // Upper then lower case folds ß to ss and ligatures to letters, as a full case fold would.
    .toUpperCase()
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/['’‘`]/g, '')
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

/** The words of a text after {@link fold}, without articles. */
export function words(text: string): string[] {
  const all = fold(text).split(' ').filter((w) => w !== '');
  return all.filter((w) => !ARTICLES.has(w));
}

/**
 * Damerau-Levenshtein distance (optimal string alignment), giving up early
 * and returning `limit + 1` once the distance is known to exceed `limit`.
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  const s = Array.from(a);
  const t = Array.from(b);
  if (Math.abs(s.length - t.length) > limit) return limit + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let value = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
        value = Math.min(value, (prevPrev[j - 2] as number) + 1);
      }
      row.push(value);
      if (value < best) best = value;
    }
    if (best > limit) return limit + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[t.length] as number;
}

/** How many typos a word of the answer may carry (see the module comment). */
export function typoAllowance(word: string): number {
  if (/\d/.test(word)) return 0;
  const length = Array.from(word).length;
  if (length <= 2) return 0;
  if (length <= 7) return 1;
  return 2;
}

function digitsOf(text: string): string[] {
  return fold(text).match(/\d+/g) ?? [];
}

type Match = { verdict: Verdict; typo: boolean; note?: string };

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function monthOf(word: string): number | undefined {
  const index = MONTHS.findIndex((m) => word === m || (word.length >= 3 && m.startsWith(word)) || (word.length >= 5 && editDistance(word, m, 1) <= 1));
  return index === -1 ? undefined : index + 1;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * The calendar dates a text may mean, as ISO strings (`2025-02-18`, or
 * `2025-02` / `2025` for a month or a year): ISO itself, "18 February 2025",
 * "Feb 18th, 2025", and 18/02/2025 (read both ways, day/month and month/day).
 * Empty when the text is not a date.
 */
export function dateCandidates(text: string): string[] {
  const trimmed = text.trim();
  const iso = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(trimmed);
  if (iso) return [[iso[1], iso[2] && pad(Number(iso[2])), iso[3] && pad(Number(iso[3]))].filter((x) => x).join('-')];
  const numeric = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(trimmed);
  if (numeric) {
    const [a, b, y] = [Number(numeric[1]), Number(numeric[2]), numeric[3] as string];
    const out = new Set<string>();
    if (b <= 12 && a <= 31) out.add(`${y}-${pad(b)}-${pad(a)}`);
    if (a <= 12 && b <= 31) out.add(`${y}-${pad(a)}-${pad(b)}`);
    return [...out];
  }
  const tokens = fold(trimmed).split(' ').filter((w) => w !== '' && w !== 'of' && w !== 'on');
  let year: string | undefined;
  let month: number | undefined;
  let day: number | undefined;
  for (const token of tokens) {
    const number = /^(\d+)(st|nd|rd|th)?$/.exec(token);
    if (number) {
      const value = Number(number[1]);
      if ((number[1] as string).length === 4 && year === undefined) year = number[1];
      else if (value >= 1 && value <= 31 && day === undefined) day = value;
      else return [];
      continue;
    }
    const m = monthOf(token);
    if (m === undefined || month !== undefined) return [];
    month = m;
  }
  if (year === undefined || (day !== undefined && month === undefined)) return [];
  return [[year, month && pad(month), day && pad(day)].filter((x) => x).join('-')];
}

function matchText(typed: string, form: string, kind: CardAnswer['kind']): Match {
  const want = words(form);
  const got = words(typed);
  if (got.join(' ') === want.join(' ')) return { verdict: 'right', typo: false };
  if (kind === 'date') {
    const wanted = dateCandidates(form);
    const given = dateCandidates(typed);
    if (wanted.length > 0 && given.length > 0) {
      return wanted.some((d) => given.includes(d)) ? { verdict: 'right', typo: false } : { verdict: 'wrong', typo: false, note: 'numbers and dates must match exactly' };
    }
  }
  const wantDigits = digitsOf(form);
  const gotDigits = digitsOf(typed);
  if (wantDigits.join(' ') !== gotDigits.join(' ')) {
    return { verdict: 'wrong', typo: false, note: 'numbers and dates must match exactly' };
  }
  if (kind === 'date') {
    // A date may be written in another order ("3 March 2025" / "March 3, 2025"): compare word sets.
    const a = [...want].sort();
    const b = [...got].sort();
    if (a.length === b.length && a.every((w, i) => w === b[i] || editDistance(w, b[i] as string, typoAllowance(w)) <= typoAllowance(w))) {
      return { verdict: 'right', typo: a.some((w, i) => w !== b[i]) };
    }
    return { verdict: 'wrong', typo: false };
  }
  if (want.length !== got.length) return { verdict: 'wrong', typo: false };
  const ok = want.every((w, i) => editDistance(w, got[i] as string, typoAllowance(w)) <= typoAllowance(w));
  return ok ? { verdict: 'right', typo: true, note: 'a small typo is accepted' } : { verdict: 'wrong', typo: false };
}

function matchName(typed: string, form: string): Match {
  const want = words(form).join(' ');
  const got = words(typed).join(' ');
  if (want === got) return { verdict: 'right', typo: false };
  if (Array.from(want.replace(/ /g, '')).length >= 8 && editDistance(want, got, 1) <= 1) {
    return { verdict: 'almost', typo: true, note: 'names must be spelled right: one letter is off' };
  }
  return { verdict: 'wrong', typo: false };
}

const RANK: Record<Verdict, number> = { right: 2, almost: 1, wrong: 0 };

/** Checks a typed answer against the card's answer and its accepted forms. */
export function checkTyped(answer: CardAnswer, typed: string): TypedCheck {
  const forms = [answer.text, ...answer.accepted.filter((f) => f !== answer.text)];
  let best: { form: string; match: Match } | undefined;
  for (const form of forms) {
    const match = answer.kind === 'actor' ? matchName(typed, form) : matchText(typed, form, answer.kind);
    if (best === undefined || RANK[match.verdict] > RANK[best.match.verdict]) best = { form, match };
    if (match.verdict === 'right' && !match.typo) break;
  }
  // What the article itself says ("Tuesday", "three years ago") is partly right (card-quality.md rule 10).
  if (best !== undefined && best.match.verdict === 'wrong' && typed.trim() !== '') {
    const partial = (answer.partial ?? []).find((f) => matchText(typed, f, 'text').verdict === 'right');
    if (partial !== undefined) best = { form: partial, match: { verdict: 'almost', typo: false, note: 'the article says only that: partly right' } };
  }
  const { form, match } = best as { form: string; match: Match };
  const suggested: Grade = match.verdict === 'right' ? 'good' : match.verdict === 'almost' ? 'hard' : 'again';
  // Show the diff against the canonical answer unless an alias was what matched.
  const shown = match.verdict === 'wrong' ? answer.text : form;
  const check: TypedCheck = { verdict: match.verdict, suggested, matched: shown, typo: match.typo, diff: wordDiff(typed, shown) };
  if (match.note !== undefined) check.note = match.note;
  if (typed.trim() === '') check.note = 'nothing was typed';
  return check;
}

/**
 * A word diff of `typed` against `answer` (longest common subsequence of
 * folded words; the pieces keep the words as written).
 */
export function wordDiff(typed: string, answer: string): DiffPart[] {
  const a = typed.split(/\s+/).filter((w) => w !== '');
  const b = answer.split(/\s+/).filter((w) => w !== '');
  const fa = a.map(fold);
  const fb = b.map(fold);
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const row = lcs[i] as number[];
      row[j] = fa[i] === fb[j] ? (lcs[i + 1] as number[])[j + 1]! + 1 : Math.max((lcs[i + 1] as number[])[j]!, row[j + 1]!);
    }
  }
  const parts: DiffPart[] = [];
  const push = (op: DiffPart['op'], text: string): void => {
    const last = parts[parts.length - 1];
    if (last !== undefined && last.op === op) last.text += ' ' + text;
    else parts.push({ op, text });
  };
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (fa[i] === fb[j]) {
      push('same', b[j] as string);
      i++;
      j++;
    } else if ((lcs[i + 1] as number[])[j]! >= (lcs[i] as number[])[j + 1]!) {
      push('removed', a[i++] as string);
    } else {
      push('added', b[j++] as string);
    }
  }
  while (i < n) push('removed', a[i++] as string);
  while (j < m) push('added', b[j++] as string);
  return parts;
}

/** Whether a multiple-choice option is the answer (or one of its accepted forms), as {@link fold} compares. */
export function isAnswerOption(answer: CardAnswer, option: string): boolean {
  const folded = fold(option);
  return [answer.text, ...answer.accepted].some((form) => fold(form) === folded);
}

/**
 * When a multiple-choice answer is right, how fast it came decides the grade:
 * at most {@link CHOICE_THRESHOLDS.easyMs} → Easy, at most
 * {@link CHOICE_THRESHOLDS.goodMs} → Good, slower → Hard. A wrong pick is Again.
 * Speed tells something only among {@link CHOICE_THRESHOLDS.minOptions} or
 * more options (with two, a fast pick may be a lucky one): fewer give Good.
 * A card's first answer is never Easy: one right pick on first sight (perhaps
 * a guess) must not send a card away for a week.
 */
export const CHOICE_THRESHOLDS = { easyMs: 3_000, goodMs: 12_000, minOptions: 4 } as const;

/** A pick's grade and why, as the learner is told it ("right within 3 s"). */
export interface ChoiceGrade {
  grade: Grade;
  reason: string;
}

/** The grade a multiple-choice answer earns (see {@link CHOICE_THRESHOLDS}). */
export function gradeChoice(correct: boolean, ms: number, context: { options: number; firstAnswer: boolean }): ChoiceGrade {
  if (!correct) return { grade: 'again', reason: 'a wrong pick' };
  const { easyMs, goodMs, minOptions } = CHOICE_THRESHOLDS;
  if (context.options < minOptions) return { grade: 'good', reason: `right of ${context.options} options, so not timed` };
  if (ms > goodMs) return { grade: 'hard', reason: `right after ${goodMs / 1000} s` };
  if (ms > easyMs) return { grade: 'good', reason: `right within ${goodMs / 1000} s` };
  if (context.firstAnswer) return { grade: 'good', reason: `right within ${easyMs / 1000} s, but a first answer is never Easy` };
  return { grade: 'easy', reason: `right within ${easyMs / 1000} s` };
}
