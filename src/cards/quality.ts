import type { Annotation } from '../annotation/model.js';
import type { Card } from './card.js';

/**
 * Checks of card-quality.md that can be decided from a card alone. The
 * generator drops cards that fail them; tests run them on every card of every
 * deck in decks/.
 */

/** Quote, dash and space variants folded to one form (as the format's matching does), for comparisons. */
function folded(text: string): string {
  return text
    .replace(/[‘’‚‛′`´]/gu, "'")
    .replace(/[“”„‟″«»]/gu, '"')
    .replace(/[‐‑‒–—―−]/gu, '-')
    .replace(/\s+/gu, ' ');
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
let lastText: { text: string; folded: string; lower: string } | undefined;

/** True when `name` occurs in `text` as whole words. Short all-caps names ("US") match case-sensitively. */
export function mentions(text: string, name: string): boolean {
  const trimmed = name.trim();
  if (trimmed.length < 2) return false;
  const caseSensitive = trimmed.length <= 3 && trimmed === trimmed.toUpperCase();
  // The same front is checked against every name of the answer: fold it once.
  if (lastText?.text !== text) {
    const f = folded(text);
    lastText = { text, folded: f, lower: f.toLowerCase() };
  }
  const haystack = caseSensitive ? lastText.folded : lastText.lower;
  return containsWords(haystack, caseSensitive ? folded(trimmed) : folded(trimmed).toLowerCase());
}

/** True when `needle` occurs in `haystack` exactly (case included), not as part of a longer word. */
export function containsWords(haystack: string, needle: string): boolean {
  // indexOf and a boundary test, not a RegExp per name: compiling \p{L} patterns dominated start-up.
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    const before = haystack[at - 1];
    const after = haystack[at + needle.length];
    if ((before === undefined || !WORD_CHAR.test(before)) && (after === undefined || !WORD_CHAR.test(after))) return true;
  }
  return false;
}

/** Every form under which the card's answer could give itself away. */
export function answerForms(card: Card, annotation: Annotation): string[] {
  const forms = [card.answer.text, ...card.answer.accepted];
  if (card.answer.kind === 'actor') {
    const actor = annotation.actors.find((a) => a.id === card.answer.actorId);
    // An actor identified by their role is named by it (rule 2: "China's top diplomat"),
    // except on the one card whose question is that role.
    if (actor !== undefined && card.template !== 'actor-reverse') forms.push(actor.role);
  }
  if (card.answer.kind === 'date') forms.push(...(card.answer.text.match(/\d{3,4}s?/g) ?? []));
  return forms;
}

/** The text a student sees before answering. */
export function frontText(card: Card): string {
  return `${card.cue}\n${card.front}`;
}

/** The first answer form that appears on the front, or undefined when the front keeps the answer hidden. */
export function leakedAnswer(card: Card, annotation: Annotation, front = frontText(card)): string | undefined {
  return answerForms(card, annotation).find((form) => mentions(front, form));
}
