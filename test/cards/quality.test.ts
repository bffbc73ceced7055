import { describe, expect, it } from 'vitest';
import { generateCards, type Card } from '../../src/cards/index.js';
import type { Actor, Annotation } from '../../src/annotation/index.js';
import { loadDecks } from '../../src/cli/load.js';
import { fakeIo } from '../helpers/io.js';

/**
 * card-quality.md, checked on every card of every deck in decks/ (not on one
 * example): if a new annotation makes a bad card, this suite fails.
 */
const decks = loadDecks(['decks'], fakeIo().io);

const STOP_WORDS = new Set(['a', 'an', 'the', 'of', 'to', 'and', 'in', 'on', 'for', 'with', 'is', 'it', 'that', 'this']);

function actorById(annotation: Annotation, id: string | undefined): Actor {
  const actor = annotation.actors.find((a) => a.id === id);
  if (actor === undefined) throw new Error(`no actor ${id}`);
  return actor;
}

/** Whole-word, case-insensitive containment, with curly and straight quotes equal. */
function contains(text: string, phrase: string): boolean {
  const fold = (s: string): string => s.toLowerCase().replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/[–—]/g, '-');
  const escaped = fold(phrase).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, 'u').test(fold(text));
}

function everyCard(check: (card: Card, annotation: Annotation) => void): void {
  for (const deck of decks) for (const card of deck.cards) check(card, deck.annotation);
}

describe('every card of every deck in decks/', () => {
  it('there are decks and cards of all five families', () => {
    expect(decks.length).toBeGreaterThan(0);
    const families = new Set(decks.flatMap((d) => d.cards.map((c) => c.family)));
    expect([...families].sort()).toEqual(['actors', 'claims', 'events', 'quotes', 'terms']);
  });

  it('has an identity article/template/item[/variant], unique in its deck', () => {
    for (const deck of decks) {
      const ids = deck.cards.map((c) => c.identity);
      expect(new Set(ids).size).toBe(ids.length);
      for (const card of deck.cards) {
        expect(card.identity).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+\/[a-z0-9-]+(\/[a-z0-9-]+)?$/);
        expect(card.identity.startsWith(`${deck.annotation.article.id}/${card.template}/${card.itemId}`)).toBe(true);
      }
    }
  });

  it('never shows its answer on the front, under any of its names (rule 2)', () => {
    everyCard((card, annotation) => {
      const front = `${card.cue}\n${card.front}`;
      const names = [card.answer.text, ...card.answer.accepted];
      if (card.answer.kind === 'actor') {
        const actor = actorById(annotation, card.answer.actorId);
        names.push(actor.name, ...actor.aliases);
        if (card.template !== 'actor-reverse') names.push(actor.role);
      }
      for (const name of names) expect(contains(front, name), `${card.identity}: '${name}' on the front`).toBe(false);
      if (card.kind === 'cloze') expect(card.front).toContain('[…]');
    });
  });

  it('asks for an actor with the grammar of its kind (rule 7)', () => {
    const asks = { person: 'Who ', organization: 'Which organization ', country: 'Which country ', group: 'Which group ' };
    everyCard((card, annotation) => {
      if (card.answer.kind !== 'actor') return;
      expect(card.front.startsWith(asks[actorById(annotation, card.answer.actorId).kind]), card.identity).toBe(true);
    });
  });

  it('shows the supporting sentence of the article and the outlet and date on the back (rule 4)', () => {
    everyCard((card, annotation) => {
      expect(card.source.sentence, card.identity).toBeDefined();
      expect(annotation.article.text).toContain(card.source.sentence);
      expect(card.source.outlet).toBe(annotation.article.source);
      expect(card.source.published).toBe(annotation.article.published);
      expect(card.cue.length).toBeGreaterThan(0);
    });
  });

  it('keeps attribution: claims by an actor are answered as what that actor says (rule 5)', () => {
    everyCard((card, annotation) => {
      if (card.family !== 'claims') return;
      const claim = annotation.claims.find((c) => c.id === card.itemId);
      if (claim === undefined || claim.claimant === 'article') return;
      const shown = `${card.back}\n${card.extra ?? ''}`;
      expect(shown, card.identity).toMatch(/According to /);
      if (claim.disputedBy.length > 0 && card.template === 'claim-content') expect(card.extra).toMatch(/^Disputed by /);
    });
  });

  it('date-stamps roles that can change, not those that are history (rule 6)', () => {
    everyCard((card, annotation) => {
      if (card.family !== 'actors') return;
      const role = actorById(annotation, card.itemId).role;
      const published = Number(annotation.article.published?.slice(0, 4));
      const history = (role.match(/\b\d{4}\b/g) ?? []).some((year) => Number(year) < published);
      if (card.template === 'actor-role') expect(/\(as of \w+ \d{4}\)$/.test(card.back), card.identity).toBe(!history);
      if (card.template === 'actor-reverse') expect(/, as of \w+ \d{4}\?$/.test(card.front), card.identity).toBe(!history);
    });
  });

  it('has exactly one right answer in the article (rule 3)', () => {
    for (const { annotation, cards } of decks) {
      for (const card of cards) {
        if (card.template === 'actor-reverse') {
          const role = actorById(annotation, card.answer.actorId).role.toLowerCase();
          expect(annotation.actors.filter((a) => a.role.toLowerCase() === role)).toHaveLength(1);
        }
        if (card.template === 'quote-content') {
          const quote = annotation.quotes.find((q) => q.id === card.itemId);
          expect(annotation.quotes.filter((q) => q.speaker === quote?.speaker && q.context === quote?.context)).toHaveLength(1);
        }
      }
      // Two cards must not ask the same question with different answers.
      const byFront = new Map<string, string>();
      for (const card of cards) {
        const answer = byFront.get(card.front);
        if (answer !== undefined) expect(answer, card.front).toBe(card.answer.text);
        byFront.set(card.front, card.answer.text);
      }
    }
  });

  it('offers fair multiple choice: same kind, no alias of the answer, up to three distractors (rule 8)', () => {
    everyCard((card, annotation) => {
      if (card.choices === undefined) return;
      const answer = actorById(annotation, card.answer.actorId);
      expect(card.choices.filter((c) => c === card.answer.text)).toHaveLength(1);
      const sameKind = annotation.actors.filter((a) => a.kind === answer.kind && a.id !== answer.id);
      expect(card.choices.length).toBe(1 + Math.min(3, sameKind.length));
      for (const choice of card.choices) {
        if (choice === card.answer.text) continue;
        const distractor = annotation.actors.find((a) => a.name === choice);
        expect(distractor?.kind).toBe(answer.kind);
        expect(answer.aliases.map((a) => a.toLowerCase())).not.toContain(choice.toLowerCase());
      }
    });
  });

  it('blanks one key term per cloze card, with enough words around it (rule 9)', () => {
    everyCard((card) => {
      if (card.kind !== 'cloze') return;
      expect(card.front.split('[…]')).toHaveLength(2);
      expect(STOP_WORDS.has(card.answer.text.toLowerCase())).toBe(false);
      const around = `${card.before} ${card.after}`.split(/\s+/).filter((w) => /\p{L}/u.test(w));
      expect(around.length, card.identity).toBeGreaterThanOrEqual(4);
      expect(card.back).toBe(`${card.before}${card.answer.text}${card.after}`);
    });
  });

  it('asks one fact per card: a single answer, no enumerations (rule 1)', () => {
    everyCard((card) => {
      expect(card.answer.text.trim()).not.toBe('');
      expect(card.front).not.toMatch(/\b(name|list) (the )?(two|three|four|five|all)\b/i);
    });
  });

  it('is the same, card for card, when generated again (deterministic)', () => {
    for (const deck of decks) expect(generateCards(deck.annotation).cards).toEqual(deck.cards);
  });
});
