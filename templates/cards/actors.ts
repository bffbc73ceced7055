import type { Actor } from '../../src/annotation/model.js';
import { defineTemplate, type TemplateContext } from '../../src/cards/template.js';
import { capitalized, lowerFirst, namesOf, withDefiniteArticle, whoAsks } from '../../src/cards/phrasing.js';

/**
 * "as of February 2025" (card-quality.md rule 6: roles can change), except for a
 * role that is history already: one that names a year before the article's.
 */
function asOfStamp(actor: Actor, { asOf, annotation }: TemplateContext): string | undefined {
  if (asOf === undefined) return undefined;
  const published = Number(annotation.article.published?.slice(0, 4));
  const years = (actor.role.match(/\b(1[0-9]|20)\d\d\b/g) ?? []).map(Number);
  return years.some((year) => year < published) ? undefined : asOf;
}

/** "Who is Wang Yi …?", "Who are observers …?", "What role does the United States play …?" (rule 7). */
function askRole(actor: Actor): string {
  if (actor.kind === 'person') return `Who is ${actor.name} in this story?`;
  // A group named in the plural ("observers", "Chinese officials") is asked about as people.
  if (actor.kind === 'group' && /s$/.test(actor.name)) return `Who are ${actor.name} in this story?`;
  return `What role does ${withDefiniteArticle(actor.name)} play in this story?`;
}

/** Name → role: "Who is Wang Yi in this story?" → "China's top diplomat (as of February 2025)". */
export const actorRole = defineTemplate({
  id: 'actor-role',
  family: 'actors',
  description: 'name → the role the article gives the actor',
  note: { type: 'actor', ord: 0, shared: 'actor' },
  make(actor, context) {
    const asOf = asOfStamp(actor, context);
    return [
      {
        kind: 'qa',
        front: askRole(actor),
        back: `${capitalized(actor.role)}${asOf === undefined ? '' : ` (as of ${asOf})`}`,
        answer: { text: actor.role, kind: 'text', accepted: [] },
        ...(actor.note !== undefined && { extra: actor.note }),
      },
    ];
  },
});

/**
 * Role → name, only when no other actor of the article has that role, so that
 * there is exactly one right answer (card-quality.md rule 3).
 */
export const actorReverse = defineTemplate({
  id: 'actor-reverse',
  family: 'actors',
  description: 'role → name, when the role is unique in the article',
  note: { type: 'actor', ord: 1, shared: 'actor' },
  make(actor, context) {
    const key = (role: string): string => role.trim().toLowerCase();
    const sameRole = context.annotation.actors.filter((other) => key(other.role) === key(actor.role));
    if (sameRole.length !== 1) return [];
    const asOf = asOfStamp(actor, context);
    const when = asOf === undefined ? '' : `, as of ${asOf}`;
    // Past tense whenever the article has a date: the role is what it was then.
    const verb = context.asOf === undefined ? 'is' : 'was';
    return [
      {
        kind: 'qa',
        front: `${whoAsks(actor.kind)} ${verb} ${lowerFirst(actor.role)}${when}?`,
        back: actor.name,
        answer: { text: actor.name, kind: 'actor', accepted: namesOf(actor), actorId: actor.id },
        choicesOfKind: actor.kind,
        ...(actor.note !== undefined && { extra: actor.note }),
      },
    ];
  },
});
