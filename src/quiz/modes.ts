import type { Card } from '../cards/card.js';
import type { QuestionMode } from './log.js';

/**
 * How each card is asked by default:
 *   - any card with fair distractors (`choices`, e.g. "Who said …?"): multiple choice;
 *   - cloze cards, names (answers of kind actor) and dates: typed;
 *   - terms: typed when the answer is a short term (three words at most), else flip;
 *   - everything else (roles, claims, quote contents, places): flip, because a
 *     long free-text answer cannot be checked fairly by a machine.
 * `--mode` overrides this for every card; a card that cannot be asked that way
 * (`choice` without choices) keeps its default.
 */
export function defaultMode(card: Card): QuestionMode {
  if (hasChoices(card)) return 'choice';
  if (card.kind === 'cloze' || card.answer.kind === 'actor' || card.answer.kind === 'date' || card.answer.kind === 'number') return 'typed';
  if (card.family === 'terms' && card.answer.text.trim().split(/\s+/).length <= 3) return 'typed';
  return 'flip';
}

function hasChoices(card: Card): boolean {
  return card.choices !== undefined && card.choices.length > 1;
}

/** The mode a card is asked in, given an optional `--mode` override. */
export function modeFor(card: Card, override?: QuestionMode): QuestionMode {
  if (override === undefined) return defaultMode(card);
  if (override === 'choice' && !hasChoices(card)) return defaultMode(card);
  return override;
}
