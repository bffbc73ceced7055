/**
 * newsdeck's library API: annotation → cards → outputs, each step a pure function.
 * The CLI (src/cli) is the only part that reads files, the clock or the terminal.
 */
export {
  loadAnnotation,
  formatError,
  formatErrors,
  annotationJsonSchema,
  ERROR_CODES,
  DEFAULT_LIMITS,
  ACTOR_KINDS,
  STANCES,
  CARD_FAMILIES,
} from './annotation/index.js';
export type {
  Actor,
  ActorKind,
  Annotation,
  AnnotationError,
  Article,
  CardFamily,
  Claim,
  DeckSettings,
  ErrorCode,
  Fact,
  LoadLimits,
  LoadOptions,
  LoadResult,
  NewsEvent,
  Passage,
  Quote,
  Stance,
  Term,
} from './annotation/index.js';
export { generateCards, defineTemplate, registerTemplates, BUILT_IN_TEMPLATES, TEMPLATE_IDS } from './cards/index.js';
export type { Card, QaCard, ClozeCard, CardAnswer, CardSource, CardTemplate, CardDraft, TemplateContext, TemplateAdvice, ChoiceRequest, GeneratedDeck, DroppedCard, Advice } from './cards/index.js';
export { buildPackage, notePlace, parseManifest, serializeManifest, guidFor, deckIdFor, AnkiInputError, NOTE_TYPES } from './anki/index.js';
export type { BuildManifest, PackageInput, PackageOutput, PackageChanges, NotePlace, NoteTypeKey } from './anki/index.js';
export { main } from './cli/main.js';
export type { CliIo } from './cli/io.js';
