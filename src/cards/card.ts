import type { CardFamily } from '../annotation/model.js';

/**
 * A study card, independent of where it is studied (Anki, the terminal quiz,
 * a handout). Text fields are plain text, never HTML: each output escapes
 * them for its own medium, and each output decides how to store a card (the
 * Anki stage maps templates to note types).
 */

/** Where the answer comes from: shown on the back of every card. */
export interface CardSource {
  /** The article's title. */
  title: string;
  /** The outlet, e.g. "CNN". */
  outlet?: string;
  /** ISO date of publication. */
  published?: string;
  url?: string;
  /** The sentence of the article that supports the answer. */
  sentence?: string;
}

/**
 * What counts as a right answer when the student types it or picks it.
 * `kind` tells how forgiving typed matching may be: names, numbers and
 * dates must be right (card-quality.md rule 10).
 */
export interface CardAnswer {
  /** The canonical answer, as shown on the back. */
  text: string;
  kind: 'actor' | 'text' | 'date' | 'number';
  /** Other forms that are also right (an actor's aliases, the ISO form of a date). */
  accepted: string[];
  /** Forms that are partly right: what the article itself says ("Tuesday", "three years ago"). */
  partial?: string[];
  /** The actor id when the answer is an actor. */
  actorId?: string;
}

interface CardBase {
  /** `article id/template id/item id[/variant]`: stable across rebuilds. */
  identity: string;
  articleId: string;
  family: CardFamily;
  /** The template that made the card, e.g. `quote-speaker`. */
  template: string;
  itemId: string;
  variant?: string;
  /** Deck name ('::' for subdecks). */
  deck: string;
  /** Tags from the deck, the item and the family (no spaces). */
  tags: string[];
  /** A short cue naming the story, shown on the front. */
  cue: string;
  source: CardSource;
  /** Secondary information for the back (who disputes a claim, notes). */
  extra?: string;
  answer: CardAnswer;
  /**
   * Multiple-choice options (the answer and at least two fair distractors) in
   * an order fixed by the card identity; absent when the card is not fit for
   * multiple choice (it is then asked typed or flipped).
   */
  choices?: string[];
}

/** A question/answer card. */
export interface QaCard extends CardBase {
  kind: 'qa';
  front: string;
  back: string;
}

/** A cloze card: `before` + [answer] + `after`, one blank per card. Who said it goes in `extra`. */
export interface ClozeCard extends CardBase {
  kind: 'cloze';
  before: string;
  after: string;
  /** The text with the blank shown as […], for text outputs and the quiz. */
  front: string;
  /** The text with the answer filled in. */
  back: string;
}

export type Card = QaCard | ClozeCard;
