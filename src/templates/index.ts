/**
 * `newsdeck/templates`: everything a card template may use. The built-in
 * templates (src/cards/templates/) import from here and from nothing else of
 * newsdeck, so each of them is an example a teacher can copy; a teacher's own
 * templates (`--templates DIR`) are type-checked against this module before
 * they run.
 *
 * A template is a pure function from one annotation item to card drafts: it
 * reads the checked annotation and returns wording. The generator adds each
 * card's identity, deck, tags and source, and refuses drafts that break the
 * card-quality rules (an answer on its front, a fact asked twice).
 *
 * @packageDocumentation
 */

// Declaring a template.
export { defineTemplate } from '../cards/template.js';
export type { CardDraft, CardTemplate, ChoiceRequest, ItemOf, TemplateAdvice, TemplateContext } from '../cards/template.js';
export type { CardAnswer } from '../cards/card.js';
export type { ActorIndex } from '../cards/names.js';

// The checked annotation a template reads.
export { ACTOR_KINDS, CARD_FAMILIES, STANCES } from '../annotation/model.js';
export type {
  Actor,
  ActorKind,
  Annotation,
  Article,
  CardFamily,
  Claim,
  DeckSettings,
  Fact,
  ItemBase,
  NewsEvent,
  Passage,
  Quote,
  SourcePosition,
  Stance,
  Term,
} from '../annotation/model.js';

// Card English: question words, names in a sentence, dates (card-quality.md rules 6, 7 and 11).
export {
  answerKindOf,
  asSentence,
  backgroundNote,
  be,
  capitalized,
  headNoun,
  inSentence,
  isAfter,
  isPlural,
  longDate,
  lowerFirst,
  mainClause,
  needsThe,
  nounPhrase,
  parseClause,
  pointInTime,
  possessive,
  questionOf,
  relativeTimes,
  tellsTime,
  termsOf,
  thisOne,
  whenAsks,
  whoAsks,
  withoutFinalStop,
  withoutPartyCode,
  yearsIn,
} from '../cards/phrasing.js';
export type { ParsedClause, PointInTime } from '../cards/phrasing.js';
export { onlySourcesTheStory, withoutTitle, withSubjectNamed } from '../cards/names.js';
export { overlappingRoles, rolesOverlap } from '../cards/choices.js';
export { isNationOrDemonym } from '../cards/countries.js';
export { actorsNamedIn } from '../cards/name-index.js';

// Text: words, mentions, spans of the article.
export { contentRoots, contentWords, mentions, mentionsAny, rootsShared } from '../cards/quality.js';
export { findSpan, indexOfWords, normaliseForMatching } from '../annotation/text-match.js';
export { cutOutOfQuotation } from '../annotation/sentences.js';
export type { FoundSpan, NormalisedText } from '../annotation/text-match.js';
export { slugify } from '../annotation/slug.js';

// Ready-made drafts.
export { numberClozes } from '../cards/templates/numbers.js';
