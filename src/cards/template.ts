import type { Actor, ActorKind, Annotation, CardFamily, Claim, NewsEvent, Passage, Quote, Term } from '../annotation/model.js';
import type { CardAnswer, NoteTypeKey } from './card.js';

/** The annotation item a family's templates work on. */
export interface ItemOf {
  actors: Actor;
  quotes: Quote;
  claims: Claim;
  events: NewsEvent;
  terms: Term;
}

/**
 * What a template returns for one item: the wording. The generator adds the
 * identity, deck, tags, cue and source, picks multiple-choice distractors, and
 * drops any draft that would break card-quality.md (an answer on its front).
 */
export type CardDraft = {
  /** Distinguishes several cards of one item (e.g. one per cloze word). */
  variant?: string;
  answer: CardAnswer;
  /** Secondary information for the back. */
  extra?: string;
  /** The passage that supports the answer, when not the item's own. */
  passage?: Passage;
  /** Offer multiple choice among actors of the answer's kind. */
  choicesOfKind?: ActorKind;
} & ({ kind: 'qa'; front: string; back: string } | { kind: 'cloze'; front: string; back: string; before: string; after: string });

/** What templates know beyond their item. */
export interface TemplateContext {
  annotation: Annotation;
  /** "February 2025": the article's date, for "as of" wording (card-quality.md rule 6). */
  asOf: string | undefined;
  actor(id: string): Actor | undefined;
}

/**
 * A card template: turns one item of its family into zero or more cards.
 * Built-in templates live in templates/cards/; their ids are part of card
 * identities, so they never change.
 */
export interface CardTemplate<F extends CardFamily = CardFamily> {
  id: string;
  family: F;
  /** One line for `newsdeck preview` and the README. */
  description: string;
  /** The Anki note type its cards use, and the card ordinal within it. */
  note: { type: NoteTypeKey; ord: number; shared?: string };
  make(item: ItemOf[F], context: TemplateContext): CardDraft[];
}

/** Helps TypeScript infer F from the family. */
export function defineTemplate<F extends CardFamily>(template: CardTemplate<F>): CardTemplate<F> {
  return template;
}
