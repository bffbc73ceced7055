/** Cards from annotations: templates, identities, quality checks. */
export { generateCards, TEMPLATE_IDS } from './generate.js';
export type { GenerateOptions, GeneratedDeck, DroppedCard } from './generate.js';
export { leakedAnswer, answerForms, mentions } from './quality.js';
export { defineTemplate } from './template.js';
export type { CardTemplate, CardDraft, TemplateContext } from './template.js';
export type { Card, QaCard, ClozeCard, CardAnswer, CardSource, NoteTypeKey } from './card.js';
export { BUILT_IN_TEMPLATES } from '../../templates/cards/index.js';
