/**
 * Checks of card-quality.md that can be decided from a card and the article's
 * actors. The generator drops cards that fail them; tests run them on every
 * card of every fixture deck.
 */
import { foldForMatching, indexOfWords } from '../annotation/text-match.js';
import type { Card } from './card.js';
import { regionGivenAway } from './countries.js';
import { demonymsOf, type ActorIndex } from './names.js';
import { rootsOf } from './phrasing.js';

/** Words that carry no meaning of their own: the one stop-word list of the cards. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the of to in on at for and or but nor with by from as into onto about over under after before than then that this these those ' +
    'it its it\'s their his her him she he they them we our us you your i me my is are was were be been being am has have had do does did ' +
    'will would can could may might shall should must not no so if when where which who whom whose what why how there here all any some ' +
    'each every both either neither one also just only very more most much many such own same other another up down out off again once'
  ).split(' '),
);

/** The meaningful words of a text, lower-cased, folded. */
export function contentWords(text: string): string[] {
  return (
    foldForMatching(text)
      .split(/[^\p{L}\p{N}'-]+/u)
      .map((w) => w.replace(/^['-]+|['-]+$/g, '').replace(/'s$/, ''))
      // "US" is a name, "us" a pronoun: an all-capitals word is never a stop word.
      .filter((w) => w !== '' && (/^\p{Lu}{2,}$/u.test(w) || !STOP_WORDS.has(w.toLowerCase())))
      .map((w) => w.toLowerCase())
  );
}

/** The roots of the meaningful words of a text: "savings on oil imports" → saving, oil, import. */
export function contentRoots(text: string): string[] {
  return rootsOf(text).filter((root) => contentWords(root).length > 0);
}

/** The share (0–1) of a text's distinct content roots that another text holds too; 0 for a text without any. */
export function rootsShared(text: string, other: string): number {
  const roots = new Set(contentRoots(text));
  if (roots.size === 0) return 0;
  const held = new Set(contentRoots(other));
  return [...roots].filter((root) => held.has(root)).length / roots.size;
}

/** True when `name` occurs in `text` as whole words. Short all-caps names ("US") match case-sensitively. */
export function mentions(text: string, name: string): boolean {
  return mentionsIn(foldForMatching(text), name);
}

/** True when any of the names occurs in the text. */
export function mentionsAny(text: string, names: readonly string[]): boolean {
  const folded = foldForMatching(text);
  return names.some((n) => mentionsIn(folded, n));
}

/** `mentions` on text already folded with foldForMatching (fold a front once, test many names). */
function mentionsIn(foldedText: string, name: string): boolean {
  const trimmed = name.trim();
  if (trimmed.length < 2) return false;
  const needle = foldForMatching(trimmed);
  if (trimmed.length <= 3 && trimmed === trimmed.toUpperCase()) return indexOfWords(foldedText, needle) >= 0;
  return indexOfWords(foldedText.toLowerCase(), needle.toLowerCase()) >= 0;
}

/** Every form under which the card's answer could give itself away. */
export function answerForms(card: Card, actors: ActorIndex): string[] {
  const forms = [card.answer.text, ...card.answer.accepted];
  if (card.answer.kind === 'actor' && card.answer.actorId !== undefined) {
    const actor = actors.byId(card.answer.actorId);
    if (actor !== undefined) {
      forms.push(...actors.revealing(actor));
      // An actor identified by their role is named by it (rule 2: "China's top diplomat"),
      // except on the one card whose question is that role.
      if (card.template !== 'actor-reverse') forms.push(actor.role);
    }
  }
  // A place answered in words ("the Moon") is given away by its adjective too ("lunar regolith").
  if (card.template === 'event-where') forms.push(...demonymsOf(card.answer.text));
  if (card.answer.kind === 'date') forms.push(...(card.answer.text.match(/\b\d{3,4}s?\b/g) ?? []));
  return forms;
}

/** The text a student sees before answering. */
export function frontText(card: Card): string {
  return `${card.cue}\n${card.front}`;
}

/** The first answer form that appears on the front, or undefined when the front keeps the answer hidden. */
export function leakedAnswer(card: Card, actors: ActorIndex, front: string = frontText(card)): string | undefined {
  const folded = foldForMatching(front);
  const whole = answerForms(card, actors).find((form) => mentionsIn(folded, form));
  if (whole !== undefined || card.answer.kind === 'actor') return whole;
  return regionGivenAway(front, card.answer.text) ?? mostWordsOf(card.answer.text, folded);
}

/**
 * A short answer whose meaningful words are mostly on the front gives itself
 * away even when it is not there whole: "the shared Sino-Soviet border" behind
 * "… along the Sino-Soviet border erupted …". Returns the words found, if so.
 */
function mostWordsOf(answer: string, foldedFront: string): string | undefined {
  const words = contentWords(answer);
  if (words.length < 2 || words.length > 6) return undefined;
  const front = foldedFront.toLowerCase();
  const found = words.filter((w) => indexOfWords(front, w) >= 0);
  return found.length * 3 >= words.length * 2 ? found.join(' ') : undefined;
}
