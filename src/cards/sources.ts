/**
 * The sentence on the back of an actor's cards (card-quality.md rule 12): the
 * one that gives the role, not the first mention, never the headline.
 */
import type { Actor, Annotation, Passage } from '../annotation/model.js';
import { sentenceAround } from '../annotation/sentences.js';
import { foldForMatching, indexOfWords, normaliseForMatching } from '../annotation/text-match.js';
import { contentWords } from './quality.js';
import { yearsIn } from './dates.js';

/** The sentence that gives a role, and how much of the role it says. */
export interface RoleSource {
  passage: Passage;
  /** The share of the role's words (0–1) that the sentence holds. */
  support: number;
}

/** The article made ready for looking up mentions: normalised once, not once per actor. */
export interface SearchableArticle {
  text: string;
  /** The normalised text, lower-cased when that keeps its length (so its offsets still hold). */
  search: string;
  lowerCased: boolean;
  offsets: number[];
  /** Where the body starts in `search`, or -1 when there is no body. */
  bodyStart: number;
}

/** Normalises the article's text and finds where its body starts, once per annotation. */
export function searchableArticle(annotation: Annotation): SearchableArticle {
  const text = annotation.article.text;
  // Search the normalised text (quotes, dashes, spaces folded), keeping each character's offset in the article.
  const normal = normaliseForMatching(text);
  const lowered = normal.text.toLowerCase();
  const lowerCased = lowered.length === normal.text.length;
  const body = bodyOffset(annotation);
  return { text, search: lowerCased ? lowered : normal.text, lowerCased, offsets: normal.offsets, bodyStart: normal.offsets.findIndex((o) => o >= body) };
}

/** Most mentions of an actor looked at for the sentence that gives its role. */
const MENTIONS_LOOKED_AT = 50;

/**
 * Of the sentences that name the actor (under any form in `names`), outside
 * the headline and dateline, the one that shares most words with the role;
 * the first such one on a tie. A mention inside a quotation is scored on the
 * whole quotation, and shown whole when its other sentences give the role.
 */
export function roleSource(article: SearchableArticle, actor: Actor, names: readonly string[]): RoleSource | undefined {
  const { text, search: lower, offsets, bodyStart } = article;
  const roleWords = new Set(contentWords(actor.role));
  let best: { passage: Passage; score: number } | undefined;
  // "the label she joined in 1966, where she focused on soul": the year may be told in another sentence that
  // names the actor than the one most of the role's words are in; the back then shows both (rule 12).
  const years = yearsIn(actor.role);
  let dating: { offset: number; sentence: string } | undefined;
  let looked = 0;
  for (const name of names) {
    const needle = article.lowerCased ? normaliseForMatching(name).text.toLowerCase() : normaliseForMatching(name).text;
    for (let found = indexOfWords(lower, needle, Math.max(0, bodyStart)); found >= 0 && bodyStart >= 0 && looked < MENTIONS_LOOKED_AT; found = indexOfWords(lower, needle, found + 1)) {
      looked++;
      const at = offsets[found] as number;
      const end = (offsets[found + needle.length - 1] as number) + 1;
      // Scored on the whole quotation the mention may sit in; shown as its one sentence.
      const quotation = sentenceAround(text, at, end - at, true);
      const sentence = sentenceAround(text, at, end - at, false);
      if (dating === undefined && years.length > 0 && years.every((year) => sentence.includes(year))) dating = { offset: at, sentence };
      const words = new Set(contentWords(quotation));
      const score = [...roleWords].filter((w) => words.has(w)).length;
      if (best === undefined || score > best.score || (score === best.score && at < best.passage.offset)) {
        // A role told in the quotation's next sentence ("We are here to … . I can't understand why …") is shown
        // with it: the back must hold what supports the answer (rule 12).
        const inSentence = new Set(contentWords(sentence));
        const shown = quotation !== sentence && [...roleWords].filter((w) => inSentence.has(w)).length < score ? quotation : sentence;
        best = { passage: { span: text.slice(at, end), sentence: shown, offset: at, ...(quotation !== sentence && { quotation }) }, score };
      }
    }
  }
  if (best === undefined) return undefined;
  const shown = best.passage.sentence;
  if (dating !== undefined && !years.every((year) => shown.includes(year)) && !shown.includes(dating.sentence)) {
    const [first, second] = dating.offset < best.passage.offset ? [dating.sentence, shown] : [shown, dating.sentence];
    best.passage = { ...best.passage, sentence: `${first} … ${second}` };
  }
  return { passage: best.passage, support: roleWords.size === 0 ? 1 : best.score / roleWords.size };
}

/** Where the article's body starts: after a first line that repeats the title, and a dateline. */
function bodyOffset(annotation: Annotation): number {
  const text = annotation.article.text;
  const title = foldForMatching(annotation.article.title).trim().toLowerCase();
  const skip = (line: string): boolean => {
    const folded = foldForMatching(line).trim().toLowerCase();
    if (folded === '' || folded === title) return true;
    // A dateline: "Saturday, October 4, 2008".
    return /^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:[a-z]+ \d{1,2},? \d{4}|\d{1,2} [a-z]+ \d{4}|\d{4}-\d{2}-\d{2})$/.test(folded);
  };
  let offset = 0;
  const lines = text.split('\n');
  for (let index = 0; index < lines.length && index < 4 && skip(lines[index] as string); index++) {
    offset += (lines[index] as string).length + 1;
  }
  return Math.min(offset, text.length);
}
