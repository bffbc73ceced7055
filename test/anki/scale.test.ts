/**
 * A few thousand cards in one package: fast, every id unique, every card in
 * article order. (anki-apkg-export aborts at roughly 500–700 cards.)
 */
import { describe, expect, it } from 'vitest';
import { buildPackage } from '../../src/anki/index.js';
import type { Card } from '../../src/cards/card.js';
import { cloze, qa } from './fixture.js';
import { openPackage } from './read-package.js';

function manyCards(n: number): Card[] {
  const cards: Card[] = [];
  for (let i = 0; cards.length < n; i += 1) {
    cards.push(qa({ template: 'actor-role', item: `a${i}`, family: 'actors', front: `Who is A${i}?`, back: `Role ${i}` }));
    cards.push(qa({ template: 'actor-reverse', item: `a${i}`, family: 'actors', front: `Who is role ${i}?`, back: `A${i}` }));
    cards.push(qa({ template: 'claim', item: `c${i}`, family: 'claims', front: `Claim ${i}?`, back: `Answer ${i}`, deck: `News::Part ${i % 7}` }));
    cards.push(cloze({ template: 'quote-cloze', item: `q${i}`, family: 'quotes', before: `Quote ${i} has a `, answer: `word${i}`, after: '.', speaker: `A${i}` }));
  }
  return cards.slice(0, n);
}

describe('scale', () => {
  // Its speed is measured by `npm run bench`, never here.
  it('writes 4,000 cards with unique ids and sequential due', async () => {
    const cards = manyCards(4000);
    const { apkg } = await buildPackage({ cards, now: 1_740_000_000 });
    const pkg = await openPackage(apkg);
    try {
      expect(pkg.rows('select count(*) n, count(distinct id) d, min(due) lo, max(due) hi from cards')).toEqual([{ n: 4000, d: 4000, lo: 1, hi: 4000 }]);
      expect(pkg.rows('select count(*) n, count(distinct id) d, count(distinct guid) g from notes')).toEqual([{ n: 3000, d: 3000, g: 3000 }]);
      expect(Object.keys(pkg.colJson('decks'))).toHaveLength(1 + 2 + 1 + 7); // Default, the fixture deck and its parent, News, News::Part 0..6
    } finally {
      pkg.close();
    }
  });
});
