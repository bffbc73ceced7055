import type { CardTemplate } from '../../src/cards/template.js';
import { actorReverse, actorRole } from './actors.js';
import { claimClaimant, claimContent, claimDisputer } from './claims.js';
import { eventWhen, eventWhere } from './events.js';
import { quoteCloze, quoteContent, quoteSpeaker } from './quotes.js';
import { termDefinition } from './terms.js';

/** The built-in templates, in the order their cards appear in a deck. */
export const BUILT_IN_TEMPLATES: readonly CardTemplate[] = [
  actorRole,
  actorReverse,
  quoteSpeaker,
  quoteCloze,
  quoteContent,
  claimContent,
  claimClaimant,
  claimDisputer,
  eventWhen,
  eventWhere,
  termDefinition,
] as readonly CardTemplate[];
