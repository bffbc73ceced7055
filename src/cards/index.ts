/** Cards from annotations: templates, identities, quality checks. */
export { generateCards, TEMPLATE_IDS } from './generate.js';
export type { GenerateOptions, GeneratedDeck, DroppedCard, Advice } from './generate.js';
export { leakedAnswer, answerForms, mentions, contentWords } from './quality.js';
export { indexActors, demonymsOf } from './names.js';
export type { ActorIndex } from './names.js';
export { fairChoices, unfairBecause, rolesOverlap } from './choices.js';
export { defineTemplate } from './template.js';
export type { CardTemplate, CardDraft, ChoiceRequest, TemplateAdvice, TemplateContext, ItemOf } from './template.js';
export type { Card, QaCard, ClozeCard, CardAnswer, CardSource } from './card.js';
export { BUILT_IN_TEMPLATES, registerTemplates, TemplateRegistryError } from './templates/index.js';
