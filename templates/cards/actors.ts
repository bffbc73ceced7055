import { defineTemplate } from '../../src/cards/template.js';
import { lowerFirst, namesOf, whoAsks } from '../../src/cards/phrasing.js';

/** Name → role: "Who is Wang Yi?" → "China's top diplomat (as of February 2025)". */
export const actorRole = defineTemplate({
  id: 'actor-role',
  family: 'actors',
  description: 'name → the role the article gives the actor',
  note: { type: 'actor', ord: 0, shared: 'actor' },
  make(actor, { asOf }) {
    const front = actor.kind === 'person' || actor.kind === 'group' ? `Who is ${actor.name} in this story?` : `What role does ${actor.name} play in this story?`;
    const stamp = asOf === undefined ? '' : ` (as of ${asOf})`;
    return [
      {
        kind: 'qa',
        front,
        back: `${actor.role.charAt(0).toUpperCase()}${actor.role.slice(1)}${stamp}`,
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
  make(actor, { annotation, asOf }) {
    const key = (role: string): string => role.trim().toLowerCase();
    const sameRole = annotation.actors.filter((other) => key(other.role) === key(actor.role));
    if (sameRole.length !== 1) return [];
    const when = asOf === undefined ? '' : `, as of ${asOf}`;
    const verb = asOf === undefined ? 'is' : 'was';
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
