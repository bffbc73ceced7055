/**
 * The checked annotation: what the loader returns once every rule of
 * docs/annotation-format.md holds. References are resolved to the actors
 * they name, the article text is loaded, and every verbatim span
 * (quote text, evidence) is known to occur in it.
 */

/** What an actor is; it picks the question word ("Who", "Which organization", "Which country"). */
export const ACTOR_KINDS = ['person', 'organization', 'country', 'group'] as const;
/** One of {@link ACTOR_KINDS}. */
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** How a claim is made: asserted, an accusation, a denial, a prediction or an assessment. */
export const STANCES = ['assertion', 'accusation', 'denial', 'prediction', 'assessment'] as const;
/** One of {@link STANCES}. */
export type Stance = (typeof STANCES)[number];

/** The kinds of item an annotation lists, each with its templates, in the order their cards appear. */
export const CARD_FAMILIES = ['actors', 'quotes', 'claims', 'events', 'terms', 'facts'] as const;
/** One of {@link CARD_FAMILIES}: the `family` of a template. */
export type CardFamily = (typeof CARD_FAMILIES)[number];

/** Where a node sits in its YAML file, 1-based. */
export interface SourcePosition {
  line: number;
  col: number;
}

/** Fields every item may carry. */
export interface ItemBase {
  id: string;
  /** The id the item had before it was renamed: its cards keep the identity made from it. */
  was?: string;
  /** Extra tags added to this item's cards. */
  tags: string[];
  /** Template ids this item must not get cards from. */
  skip: string[];
  /** Where the item starts in the YAML file (for later diagnostics). */
  pos: SourcePosition;
}

/** A person, organization, country or group the article names, with the role it gives them. */
export interface Actor extends ItemBase {
  name: string;
  aliases: string[];
  kind: ActorKind;
  role: string;
  note?: string;
}

/** The sentence of the article that contains a verbatim span. */
export interface Passage {
  /** The span as it is written in the article (curly quotes and all). */
  span: string;
  /** The whole sentence around it, as written in the article. */
  sentence: string;
  /**
   * The quotation of several sentences the span is part of, with the words
   * that say who spoke ("One protester stated, “… .”"), when it is longer
   * than the sentence.
   */
  quotation?: string;
  /** Offset of `span` in the article text. */
  offset: number;
}

/** Words of an actor the article quotes verbatim. */
export interface Quote extends ItemBase {
  speaker: Actor;
  text: string;
  context?: string;
  cloze: string[];
  /** Where `text` occurs in the article. */
  passage: Passage;
}

/** A statement someone makes (or the article itself), attributed as the article attributes it. */
export interface Claim extends ItemBase {
  /** An actor, or the writer of the article itself. */
  claimant: Actor | 'article';
  stance: Stance;
  text: string;
  question?: string;
  answer?: string;
  disputedBy: Actor[];
  evidence?: Passage;
}

/** Something that happened (or is to happen), when, where and who took part. */
export interface NewsEvent extends ItemBase {
  what: string;
  when: string;
  where?: string;
  actors: Actor[];
  evidence?: Passage;
}

/** A term of the story and what it means. */
export interface Term extends ItemBase {
  term: string;
  definition: string;
  evidence?: Passage;
}

/** A free question with its answer: what the other kinds cannot say (why, how, how many, what next). */
export interface Fact extends ItemBase {
  question: string;
  answer: string;
  /** Other right answers for typed mode. */
  accept: string[];
  evidence?: Passage;
}

/** The article: its id (part of every card identity), title, outlet, date and full text. */
export interface Article {
  id: string;
  /** Where `article.id` is written in the YAML file. */
  pos: SourcePosition;
  title: string;
  source?: string;
  url?: string;
  /** ISO date as written (YYYY-MM-DD). */
  published?: string;
  /** The full article text. */
  text: string;
  /** The text file, relative to the annotation, when the text was not inline. */
  textFile?: string;
}

/** The deck the article's cards go to: its name, tags and which families make cards. */
export interface DeckSettings {
  /** Anki deck name; '::' separates subdecks. Defaults to the article title. */
  name: string;
  tags: string[];
  /** Card families to generate. Defaults to all. */
  cards: CardFamily[];
}

/** A checked annotation: the article, the deck settings and every item, references resolved. */
export interface Annotation {
  format: 1;
  /** The annotation's file name as given to the loader (for messages). */
  file: string;
  article: Article;
  deck: DeckSettings;
  actors: Actor[];
  quotes: Quote[];
  claims: Claim[];
  events: NewsEvent[];
  terms: Term[];
  facts: Fact[];
}
