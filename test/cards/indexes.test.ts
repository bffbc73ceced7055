/**
 * The indexes that replaced all-pairs loops in card generation (issue 12)
 * give exactly what the loops gave: the actors a text names, and the actors
 * whose roles overlap, on random names, roles and texts with accents, marks,
 * capitals and short all-capitals names.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/annotation/model.js';
import { overlappingRoles, rolesOverlap } from '../../src/cards/choices.js';
import { actorsNamedIn } from '../../src/cards/name-index.js';
import type { ActorIndex } from '../../src/cards/names.js';
import { mentionsAny } from '../../src/cards/quality.js';
import { fuzzRuns } from '../helpers/fuzz.js';

const word = fc.constantFrom('US', 'UN', 'Xi', 'Zoë', 'Łódź', 'dvořák', 'Dvořák', 'of', 'the', 'O’Brien', "O'Brien", 'Jean-Luc', 'İzmir', 'mayor', 'Mayor', 'minister', 'U.S.', '“Ana”', 'ana', '2025', 'a', '-');
const phrase = fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));
const actorList = fc.array(fc.record({ name: phrase, aliases: fc.array(phrase, { maxLength: 2 }), role: phrase }), { maxLength: 12 }).map((list) =>
  list.map((a, i): Actor => ({ id: `a${i}`, kind: 'person', tags: [], skip: [], pos: { line: 1, col: 1 }, ...a })),
);

/** Just what the indexes read of an ActorIndex: the actors and their names. */
function index(all: Actor[]): ActorIndex {
  return { all, names: (a: Actor) => [a.name, ...a.aliases] } as unknown as ActorIndex;
}

describe('card generation indexes', () => {
  it('actorsNamedIn finds exactly the actors whose names the text mentions, in order', () => {
    fc.assert(
      fc.property(actorList, fc.array(word, { maxLength: 12 }), fc.constantFrom(' ', ', ', '\n', '—'), (all, words, sep) => {
        const text = words.join(sep);
        const actors = index(all);
        expect(actorsNamedIn(text, actors).map((a) => a.id)).toEqual(all.filter((a) => mentionsAny(text, actors.names(a))).map((a) => a.id));
      }),
      { numRuns: fuzzRuns(400) },
    );
  });

  it('overlappingRoles finds exactly the other actors whose role overlaps, in order', () => {
    fc.assert(
      fc.property(actorList, (all) => {
        for (const actor of all) {
          expect(overlappingRoles(actor, all).map((a) => a.id)).toEqual(all.filter((o) => o.id !== actor.id && rolesOverlap(o.role, actor.role)).map((a) => a.id));
        }
      }),
      { numRuns: fuzzRuns(300) },
    );
  });
});
