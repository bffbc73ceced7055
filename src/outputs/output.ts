/**
 * The seam every output shares: what one output unit holds, and what a
 * writer returns. A unit is what one Anki package holds: one article, or
 * every article when the teacher builds one deck for the class. Writers are
 * pure (cards in, file contents out); the CLI names, stages and commits the
 * files all or nothing.
 */
import type { Annotation } from '../annotation/index.js';
import type { Advice, Card, DroppedCard } from '../cards/index.js';

/** One article of a unit, with everything made from it. */
export interface OutputArticle {
  annotation: Annotation;
  /** The article's cards as they go into this unit (deck names already final). */
  cards: Card[];
  dropped: DroppedCard[];
  advice: Advice[];
}

/** What one output unit holds. */
export interface OutputUnit {
  /** The file stem every file of the unit is named by, e.g. `china-trump-russia-pivot`. */
  name: string;
  /** A heading for the unit: the deck name, '::' and all. */
  title: string;
  /** Every card of the unit, in article order. */
  cards: Card[];
  articles: OutputArticle[];
}

/** A file a writer makes: `suffix` is appended to the unit's name (`.anki.txt`). */
export interface OutputFile {
  suffix: string;
  data: string | Uint8Array;
}

/** A pure writer: one unit in, its files out. */
export type OutputWriter = (unit: OutputUnit) => OutputFile[];

/** The formats of `build --format`, in the order their files are reported. */
export const OUTPUT_FORMATS = ['apkg', 'anki-text', 'quizlet', 'review', 'handout', 'pdf'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
