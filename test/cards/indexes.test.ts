/**
 * The indexes that replaced all-pairs loops in card generation (issue 12)
 * give exactly what the loops gave: the actors a text names, and the actors
 * whose roles overlap, on random names, roles and texts with accents, marks,
 * capitals and short all-capitals names.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/annotation/model.js';
import { indexOfWords, WordIndex } from '../../src/annotation/text-match.js';
import { allRanked, firstRanked, overlappingRoles, rolesOverlap } from '../../src/cards/choices.js';
import { contentWords } from '../../src/cards/quality.js';
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

  it('the word index of a text finds exactly what scanning it finds, from every place', () => {
    // Texts under the indexed length are scanned by indexOfWords: that is the loop the index replaced.
    const piece = fc.constantFrom('a', 'aa', 'Zoë', 'zoë', 'Łódź', 'US', 'USSR', 'peace talk', 'peace talks', 'O’Brien', "O'Brien", 'Jean-Luc', '𝒜', '\u0301', '2025', ' ', '  ', ', ', '.', '\n', '-', '“', '”', "'");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.array(piece, { minLength: 1, maxLength: 4 }), (pieces, needlePieces) => {
        const text = pieces.join('');
        const index = new WordIndex(text);
        for (const needle of [needlePieces.join(''), needlePieces[0] as string, ...pieces.slice(0, 3)]) {
          for (let from = -1; from <= text.length + 1; from++) expect(index.indexOfWords(needle, from)).toBe(indexOfWords(text, needle, from));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('a long text asked again is looked up in its index, with the same answers', () => {
    const text = `${'Zoë Dvořák met the mayor of Łódź. '.repeat(200)}O’Brien said “peace talks”. zoë, USSR and the US.`;
    const needles = ['Zoë', 'zoë', 'Dvořák met', 'mayor of Łódź', 'O’Brien', 'peace talk', 'peace talks', 'US', 'USSR', 'the', '“peace', ' US', 'Łódź.'];
    for (const needle of needles) {
      let at = -1;
      const found: number[] = [];
      // Asked many times (the index is built at the second question), against the index of the same text.
      while ((at = indexOfWords(text, needle, at + 1)) >= 0) found.push(at);
      // The definition: every occurrence that neither starts nor ends inside a longer word.
      const isWord = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);
      const scanned: number[] = [];
      for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
        if ((!isWord(needle[0]) || !isWord(text[i - 1])) && (!isWord(needle.at(-1)) || !isWord(text[i + needle.length]))) scanned.push(i);
      }
      expect(found).toEqual(scanned);
    }
  });

  it('the first ranked options of a card are exactly the first of ranking every actor of the kind', () => {
    const role = fc.array(fc.constantFrom('mayor', 'minister', 'of', 'the', 'Łódź', 'harbour', 'union', 'leader', 'mayor'), { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));
    const cast = fc.array(fc.record({ name: fc.constantFrom('Ana', 'Zoë', 'Björn', 'Inés', 'Kåre', 'Dóra', 'Émile', 'Ayşe', 'Tomáš', 'Renée', 'Søren', 'Łukasz', 'Chloé', 'Jürgen'), role, kind: fc.constantFrom('person', 'person', 'organization') }), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(cast, role, fc.string({ maxLength: 12 }), fc.nat(), fc.boolean(), fc.integer({ min: 1, max: 48 }), (list, question, identity, pick, uniqueNames, count) => {
        const all = list.map((a, i): Actor => ({ id: `a${i}`, tags: [], skip: [], aliases: [], pos: { line: 1, col: 1 }, ...a, kind: a.kind as Actor['kind'], name: uniqueNames ? `${a.name} ${i}` : a.name }));
        const answer = all[pick % all.length] as Actor;
        const actors = index(all);
        const frontWords = new Set(contentWords(`${question} ${answer.role}`));
        const first = firstRanked(answer, 'person', frontWords, identity, actors);
        const ranked = allRanked(answer, 'person', frontWords, identity, actors).map((a) => a.id);
        const shared = new Set(all.filter((a) => a.kind === 'person').map((a) => a.name)).size < all.filter((a) => a.kind === 'person').length;
        if (shared) expect(first).toBeUndefined();
        else expect(first?.map((a) => a.id)).toEqual(ranked.slice(0, 12));
        // Ranked again (the scores are reset between cards): the same.
        expect(firstRanked(answer, 'person', frontWords, identity, actors)?.map((a) => a.id)).toEqual(first?.map((a) => a.id));
        // Any number of them (a card with too few fair ones asks for more): the first of the same ranking.
        const more = firstRanked(answer, 'person', frontWords, identity, actors, count);
        if (shared) expect(more).toBeUndefined();
        else expect(more?.map((a) => a.id)).toEqual(ranked.slice(0, count));
      }),
      { numRuns: 500 },
    );
  });
});

describe('the paragraph of a quote', () => {
  it('found from the blank lines once is exactly the count of splitting the text before it', async () => {
    const { paragraphNumber } = await import('../../src/cards/templates/quotes.js');
    const piece = fc.constantFrom('a', 'Zoë', ' ', '\n', '\n\n', '\n \t\n', '\t', '.', '“');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        for (let offset = 0; offset <= text.length; offset++) expect(paragraphNumber(text, offset)).toBe(text.slice(0, offset).split(/\n[ \t]*\n/).length);
      }),
      { numRuns: 400 },
    );
  });
});
