/**
 * The template registry: the built-in templates, in the order their cards
 * appear in a deck, and the check every set of templates passes before it is
 * used (ids are slugs and unique, families known).
 */
import { CARD_FAMILIES } from '../../annotation/model.js';
import { SLUG } from '../../annotation/slug.js';
import type { CardTemplate } from '../template.js';
import { actorReverse, actorRole } from './actors.js';
import { claimClaimant, claimContent, claimDisputer, claimNumber } from './claims.js';
import { eventActor, eventNumber, eventOrder, eventWhen, eventWhere } from './events.js';
import { factQuestion } from './facts.js';
import { quoteCloze, quoteContent, quoteSpeaker } from './quotes.js';
import { termDefinition } from './terms.js';

/** Why a set of templates cannot be used. */
export class TemplateRegistryError extends Error {
  override readonly name = 'TemplateRegistryError';
}

/** Checks a set of templates and returns it frozen, in order. */
export function registerTemplates(templates: readonly CardTemplate[]): readonly CardTemplate[] {
  const seen = new Set<string>();
  for (const template of templates) {
    if (!SLUG.test(template.id)) throw new TemplateRegistryError(`template id '${template.id}' is not a slug (a-z, 0-9 and -)`);
    if (seen.has(template.id)) throw new TemplateRegistryError(`two templates have the id '${template.id}'`);
    if (!(CARD_FAMILIES as readonly string[]).includes(template.family)) {
      throw new TemplateRegistryError(`template '${template.id}' has the unknown family '${template.family}'; expected one of ${CARD_FAMILIES.join(', ')}`);
    }
    seen.add(template.id);
  }
  return Object.freeze([...templates]);
}

/** The built-in templates, in the order their cards appear in a deck. */
export const BUILT_IN_TEMPLATES: readonly CardTemplate[] = registerTemplates([
  actorRole,
  actorReverse,
  quoteSpeaker,
  quoteCloze,
  quoteContent,
  claimContent,
  claimClaimant,
  claimDisputer,
  claimNumber,
  eventWhen,
  eventWhere,
  eventActor,
  eventOrder,
  eventNumber,
  termDefinition,
  factQuestion,
] as readonly CardTemplate[]);
