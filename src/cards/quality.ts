import type { Annotation } from '../annotation/model.js';
import { foldForMatching, indexOfWords } from '../annotation/text-match.js';
import type { Card } from './card.js';

/**
 * Checks of card-quality.md that can be decided from a card alone. The
 * generator drops cards that fail them; tests run them on every card of every
 * deck in decks/.
 */

/** True when `name` occurs in `text` as whole words. Short all-caps names ("US") match case-sensitively. */
export function mentions(text: string, name: string): boolean {
  return mentionsIn(foldForMatching(text), name);
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
  const folded = foldForMatching(front);
  const whole = answerForms(card, annotation).find((form) => mentionsIn(folded, form));
  if (whole !== undefined || card.answer.kind !== 'text') return whole;
  return mostWordsOf(card.answer.text, folded);
}

/** Words that carry no meaning of their own, for the partial-answer check. */
const FUNCTION_WORDS = new Set('a an the of to in on at for and or with by from as its their his her this that these those'.split(' '));

/**
 * A short answer whose meaningful words are mostly on the front gives itself
 * away even when it is not there whole: "the shared Sino-Soviet border" behind
 * "… along the Sino-Soviet border erupted …". Returns the words found, if so.
 */
function mostWordsOf(answer: string, foldedFront: string): string | undefined {
  const words = foldForMatching(answer)
    .toLowerCase()
    .split(/[^\p{L}\p{N}'-]+/u)
    .filter((w) => w !== '' && !FUNCTION_WORDS.has(w));
  if (words.length < 2 || words.length > 6) return undefined;
  const front = foldedFront.toLowerCase();
  const found = words.filter((w) => indexOfWords(front, w) >= 0);
  return found.length * 3 >= words.length * 2 ? found.join(' ') : undefined;
}
