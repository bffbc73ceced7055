import type { Card, ClozeCard, QaCard } from '../../src/cards/card.js';

/** Hand-made cards in the shape src/cards produces, one per question mode and family. */

const source = { title: 'China pivots', outlet: 'CNN', published: '2025-03-01' };

function qa(partial: Partial<QaCard> & Pick<QaCard, 'identity' | 'family' | 'front' | 'answer'>): QaCard {
  return {
    kind: 'qa',
    articleId: 'pivot',
    template: partial.family,
    itemId: partial.identity.split('/').pop() ?? 'x',
    deck: 'News::Pivot',
    tags: [],
    cue: 'China pivots',
    source,
    back: partial.answer.text,
    ...partial,
  };
}

export const whoSaid: QaCard = qa({
  identity: 'pivot/quote-speaker/q1',
  family: 'quotes',
  front: 'Who said "we will not be bullied"?',
  answer: { text: 'Wang Yi', kind: 'actor', accepted: ['Wang Yi', 'Wang'], actorId: 'wang-yi' },
  choices: ['Sergey Lavrov', 'Wang Yi', 'Donald Trump', 'Marco Rubio'],
});

export const actorRole: QaCard = qa({
  identity: 'pivot/actor-role/a1',
  family: 'actors',
  front: 'Who is the US Secretary of State (as of 2025-03-01)?',
  answer: { text: 'Marco Rubio', kind: 'actor', accepted: ['Rubio'], actorId: 'rubio' },
});

export const eventDate: QaCard = qa({
  identity: 'pivot/event-date/e1',
  family: 'events',
  front: 'When did the summit in Riyadh take place?',
  answer: { text: '2025-02-18', kind: 'date', accepted: [] },
});

export const claim: QaCard = qa({
  identity: 'pivot/claim/c1',
  family: 'claims',
  front: 'According to NATO, what does Russia supply to China?',
  answer: { text: 'energy at a discount', kind: 'text', accepted: [] },
});

export const term: ClozeCard = {
  kind: 'cloze',
  identity: 'pivot/term-cloze/t1',
  articleId: 'pivot',
  family: 'terms',
  template: 'term-cloze',
  itemId: 't1',
  deck: 'News::Pivot',
  tags: [],
  cue: 'China pivots',
  source,
  before: 'Analysts call it a ',
  after: ' in Chinese foreign policy.',
  front: 'CNN analysis',
  back: 'Analysts call it a strategic realignment in Chinese foreign policy.',
  answer: { text: 'strategic realignment', kind: 'text', accepted: [] },
};

export const otherDeckCard: QaCard = qa({
  identity: 'other/claim/c9',
  family: 'claims',
  deck: 'News::Other',
  front: 'According to the IMF, how fast will the economy grow?',
  answer: { text: '3 percent', kind: 'text', accepted: [] },
});

export const fixtureCards: Card[] = [whoSaid, actorRole, eventDate, claim, term, otherDeckCard];

/** A clock that starts at `start` and moves `stepMs` forward on every call. */
export function steppingClock(start: string, stepMs: number): () => Date {
  let t = new Date(start).getTime() - stepMs;
  return () => new Date((t += stepMs));
}
