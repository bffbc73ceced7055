import type { Actor, ActorKind, Annotation, CardFamily, Claim, Fact, NewsEvent, Passage, Quote, Term } from '../annotation/model.js';
import type { CardAnswer } from './card.js';
import type { ActorIndex } from './names.js';

/** The annotation item a family's templates work on. */
export interface ItemOf {
  actors: Actor;
  quotes: Quote;
  claims: Claim;
  events: NewsEvent;
  terms: Term;
  facts: Fact;
}

/**
 * Multiple choice among actors: the generator picks the fair distractors
 * (card-quality.md rule 8) or, when fewer than two are fair, leaves the card
 * to be typed.
 */
export interface ChoiceRequest {
  kind: ActorKind;
  /** The question describes the answer by its role (a reverse card): no option whose own role also fits. */
  byRole?: boolean;
}

/**
 * What a template returns for one item: the wording. The generator adds the
 * identity, deck, tags, cue and source, picks multiple-choice distractors, and
 * drops any draft that would break card-quality.md (an answer on its front, a
 * fact another card asks already).
 */
export type CardDraft = {
  /** Distinguishes several cards of one item (e.g. one per cloze word). */
  variant?: string;
  answer: CardAnswer;
  /** Secondary information for the back. */
  extra?: string;
  /** The passage that supports the answer, when not the item's own. */
  passage?: Passage;
  /** More passages the answer rests on, shown with the first on the back ("Which happened first?": each event's). */
  alsoFrom?: Passage[];
  /** Offer multiple choice among actors of a kind. */
  choices?: ChoiceRequest;
  /**
   * The facts the card asks, each in one direction (e.g. `speaker:wang-yi:at the UN`):
   * of several drafts that share a key, only one becomes a card (rule 13).
   */
  asks?: string[];
  /**
   * The front names the answer among alternatives ("Which happened first: A,
   * or B?"): the answer on the front is the question, not a leak.
   */
  listsAnswer?: boolean;
  /** Of two drafts that ask one fact, the heavier wins (an annotator's own question weighs 2, the default 1). */
  weight?: number;
} & ({ kind: 'qa'; front: string; back: string } | { kind: 'cloze'; front: string; back: string; before: string; after: string });

/** Why an item gets fewer cards than it could, for the annotator (`check`). */
export interface TemplateAdvice {
  /** What is missing, in a teacher's words. */
  message: string;
  /** What to add to the item. */
  hint: string;
}

/** What templates know beyond their item. */
export interface TemplateContext {
  annotation: Annotation;
  /** "February 2025": the article's date, for "as of" wording (card-quality.md rule 6). */
  asOf: string | undefined;
  /** Names, kinds and roles of the article's actors, indexed once. */
  actors: ActorIndex;
  /** Tells the annotator why an item got no card of this template. */
  advise(advice: TemplateAdvice): void;
}

/**
 * A card template: turns one item of its family into zero or more cards.
 * Built-in templates live in src/cards/templates/, a teacher's in the folder
 * named by `--templates`; their ids are part of card identities, so once
 * students study the cards they never change.
 */
export interface CardTemplate<F extends CardFamily = CardFamily> {
  /** A slug (a-z, 0-9 and -), unique among the templates in use, built-in ones included. */
  id: string;
  /** Which items of an annotation the template gets: `actors`, `quotes`, `claims`, `events`, `terms` or `facts`. */
  family: F;
  /** One line for `newsdeck templates` and the README. */
  description: string;
  /**
   * The cards of one item, as drafts; none when the item does not suit the
   * template. Pure: the same item and context give the same drafts. Two drafts
   * of one item need different `variant`s (each card's identity is
   * `article/template/item[/variant]`).
   */
  generate(item: ItemOf[F], context: TemplateContext): CardDraft[];
}

/**
 * Declares a card template. Returns it unchanged; it exists so that
 * TypeScript infers the family and checks `generate` against that family's
 * items:
 *
 * ```ts
 * import { asSentence, defineTemplate, withoutFinalStop } from 'newsdeck/templates';
 *
 * export default defineTemplate({
 *   id: 'term-from-definition',
 *   family: 'terms',
 *   description: 'definition → term',
 *   generate: (term) => [
 *     {
 *       kind: 'qa',
 *       front: `Which term of this story means: ${withoutFinalStop(term.definition)}?`,
 *       back: asSentence(term.term),
 *       answer: { text: term.term, kind: 'text', accepted: [] },
 *     },
 *   ],
 * });
 * ```
 */
export function defineTemplate<F extends CardFamily>(template: CardTemplate<F>): CardTemplate<F> {
  return template;
}
