/** Loading and checking annotations: YAML text in, a checked `Annotation` or positioned errors out. */
export { loadAnnotation, formatErrors, DEFAULT_LIMITS, limitsForMaxSize } from './load.js';
export type { LoadOptions, LoadResult, LoadLimits } from './load.js';
export { ERROR_CODES, formatError } from './errors.js';
export type { AnnotationError, ErrorCode } from './errors.js';
export { annotationJsonSchema } from './schema.js';
export { ACTOR_KINDS, STANCES, CARD_FAMILIES } from './model.js';
export type {
  Actor,
  ActorKind,
  Annotation,
  Article,
  CardFamily,
  Claim,
  DeckSettings,
  Fact,
  NewsEvent,
  Passage,
  Quote,
  SourcePosition,
  Stance,
  Term,
} from './model.js';
