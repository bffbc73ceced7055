import { indexOfWords } from '../annotation/text-match.js';
import type { Actor, ActorKind } from '../annotation/model.js';

/** "Who", "Which organization", … (card-quality.md rule 7). */
export function whoAsks(kind: ActorKind): string {
  switch (kind) {
    case 'person':
      return 'Who';
    case 'organization':
      return 'Which organization';
    case 'country':
      return 'Which country';
    case 'group':
      return 'Which group';
  }
}

/** "this person", "this organization", … for masking an answer inside a question. */
export function thisOne(kind: ActorKind): string {
  return kind === 'person' ? 'this person' : `this ${kind}`;
}

/** "According to NATO" / "According to observers": attribution stays attribution (rule 5). */
export function accordingTo(actor: Actor): string {
  return `According to ${actor.name}`;
}

/** "2025-02-20" → "20 February 2025"; other text is returned as written. */
export function longDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const month = MONTHS[Number(match[2]) - 1];
  return `${Number(match[3])} ${month} ${match[1]}`;
}

/** "2025-02-20" → "February 2025". */
export function monthYear(iso: string): string {
  const match = /^(\d{4})-(\d{2})/.exec(iso);
  return match ? `${MONTHS[Number(match[2]) - 1]} ${match[1]}` : iso;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Sentence-initial words that are not names, so they may be lower-cased inside a question. */
const COMMON_FIRST_WORDS = new Set(
  'a an the this that these those it its there they their he she his her we our any some no both one two three four five top its'.split(' '),
);

/**
 * Lower-cases the first word so the text can follow "According to NATO, ",
 * unless it is a name: a word is taken for a common one when it is in a short
 * list, or when `article` (the article text) also writes it in lower case.
 */
export function lowerFirst(text: string, article?: string): string {
  const first = /^[\p{L}][\p{L}'’-]*/u.exec(text)?.[0] ?? '';
  if (first === '' || (first.length > 1 && first === first.toUpperCase())) return text;
  const lower = first.toLowerCase();
  const common = COMMON_FIRST_WORDS.has(lower) || (article !== undefined && indexOfWords(article, lower) >= 0);
  return common ? lower + text.slice(first.length) : text;
}

/** "Chinese officials'" / "Keith Kellogg's". */
export function possessive(name: string): string {
  return /s$/.test(name) ? `${name}'` : `${name}'s`;
}

/** Removes one trailing full stop so the text can sit inside a question. */
export function withoutFinalStop(text: string): string {
  return text.replace(/[.。]\s*$/u, '');
}

/** Ensures the text ends like a sentence. */
export function asSentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?…”"’)]$/u.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** Every name an actor goes by, for leak checks and typed answers. */
export function namesOf(actor: Actor): string[] {
  const names = [actor.name, ...actor.aliases];
  if (actor.kind === 'person') {
    const parts = actor.name.split(/\s+/);
    // A person is often named by surname alone ("Putin"); Chinese names put it first ("Xi").
    if (parts.length > 1) names.push(parts[parts.length - 1] as string);
  }
  return [...new Set(names)];
}

/** "the role" → "The role". */
export function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * "United States" → "the United States" for use inside a sentence; names that
 * take no article ("China", "NATO") and names that have one are left alone.
 */
export function withDefiniteArticle(name: string): string {
  if (/^the\s/i.test(name)) return name;
  return /^(United|Soviet|European|People's|Islamic|Democratic|Russian Federation)\b|\b(Union|Council|Nations|Republic|Kingdom|States|Emirates|Netherlands|Philippines|Assembly|Commission|Conference)\b/.test(name)
    ? `the ${name}`
    : name;
}
