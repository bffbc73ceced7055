/**
 * Hand-made cards for the Anki exporter tests: every note type, an actor note
 * with and without its reverse card, two subdecks, tags (one with a space),
 * HTML-special characters, an injected script and a `}}` in a cloze answer.
 */
import type { CardFamily } from '../../src/annotation/model.js';
import type { Card, ClozeCard, QaCard } from '../../src/cards/card.js';

export const ARTICLE = 'china-trump-russia-pivot';
export const DECK_MAIN = 'Current Affairs::China & the Ukraine <peace> push';
export const DECK_TERMS = 'Current Affairs::China & the Ukraine <peace> push::Terms';
export const SCRIPT = '<script>alert("x")</script>';

const SOURCE = {
  title: "China watches Trump's pivot to Russia",
  outlet: 'CNN',
  published: '2025-02-20',
  url: 'https://example.org/story?a=1&b=2',
};

interface Base {
  template: string;
  item: string;
  family: CardFamily;
  /** Tells apart several cards of one item (one per cloze word). */
  variant?: string;
  deck?: string;
  tags?: string[];
  sentence?: string;
  extra?: string;
}

function base(b: Base): Omit<QaCard, 'kind' | 'front' | 'back' | 'answer'> {
  const identity = [ARTICLE, b.template, b.item, ...(b.variant === undefined ? [] : [b.variant])].join('/');
  return {
    identity,
    articleId: ARTICLE,
    family: b.family,
    template: b.template,
    itemId: b.item,
    ...(b.variant === undefined ? {} : { variant: b.variant }),
    deck: b.deck ?? DECK_MAIN,
    tags: b.tags ?? ['ukraine', 'china', b.family],
    cue: "Trump's pivot to Russia",
    source: { ...SOURCE, ...(b.sentence === undefined ? {} : { sentence: b.sentence }) },
    ...(b.extra === undefined ? {} : { extra: b.extra }),
  };
}

export function qa(b: Base & { front: string; back: string }): QaCard {
  return {
    ...base(b),
    kind: 'qa',
    front: b.front,
    back: b.back,
    answer: { text: b.back, kind: 'text', accepted: [] },
  };
}

/** A cloze card shaped like src/cards/templates/quotes.ts makes them: the speaker in `extra`. */
export function cloze(b: Base & { before: string; answer: string; after: string; speaker: string }): ClozeCard {
  return {
    ...base({ ...b, ...(b.speaker === '' ? {} : { extra: b.speaker }) }),
    kind: 'cloze',
    before: b.before,
    after: b.after,
    front: `${b.before}[…]${b.after}`,
    back: `${b.before}${b.answer}${b.after}`,
    answer: { text: b.answer, kind: 'text', accepted: [] },
  };
}

/** A dozen cards in article order. */
export function fixtureCards(): Card[] {
  return [
    qa({
      template: 'actor-role', item: 'wang-yi', family: 'actors',
      front: 'Who is Wang Yi (as of 2025-02-20)?', back: "China's top diplomat",
      sentence: "Wang Yi, China's top diplomat, said on Tuesday…",
    }),
    qa({
      template: 'actor-reverse', item: 'wang-yi', family: 'actors',
      front: "Who is China's top diplomat (as of 2025-02-20)?", back: 'Wang Yi',
    }),
    qa({
      template: 'actor-role', item: 'nato', family: 'actors',
      front: 'What is NATO?', back: 'The Western military alliance', tags: ['ukraine', 'tag with space', 'actors'],
    }),
    qa({
      template: 'quote-speaker', item: 'wang-peace-talks', family: 'quotes',
      front: `Who said “China supports all efforts conducive to peace talks”? ${SCRIPT}`, back: 'Wang Yi',
      sentence: 'China supports all efforts conducive to peace talks, Wang Yi said.', extra: 'At the UN Security Council',
    }),
    cloze({
      template: 'quote-cloze', item: 'wang-peace-talks', family: 'quotes', variant: 'peace-talks',
      before: 'China supports all efforts conducive to ', answer: 'peace talks', after: '', speaker: 'Wang Yi',
      sentence: 'China supports all efforts conducive to peace talks, Wang Yi said.',
    }),
    qa({
      template: 'claim-question', item: 'nato-dual-use', family: 'claims',
      front: 'According to NATO, what does China supply to Moscow\'s "defense" industry?', back: 'Dual-use goods & components',
      extra: 'Disputed by China', sentence: 'NATO accused it of supplying Moscow’s defense industry with dual-use goods',
    }),
    cloze({
      template: 'quote-cloze', item: 'trump-deal', family: 'quotes', variant: 'deal',
      before: 'We will make a {{c2::deal}} ', answer: 'x}} y::z</b>', after: ' very soon', speaker: 'Donald Trump',
    }),
    qa({
      template: 'actor-role', item: 'trump', family: 'actors',
      front: 'Who is Donald Trump (as of 2025-02-20)?', back: 'The US president',
    }),
    qa({
      template: 'actor-reverse', item: 'trump', family: 'actors',
      front: 'Who is the US president (as of 2025-02-20)?', back: 'Donald Trump',
    }),
    qa({
      template: 'event-when', item: 'border-clash-1969', family: 'events',
      front: 'When did Soviet and Chinese forces clash over their shared border?', back: '1969',
    }),
    qa({
      template: 'term-definition', item: 'reverse-nixon', family: 'terms', deck: DECK_TERMS,
      front: 'What is a "reverse Nixon"?', back: "Courting Moscow to split it from Beijing, mirroring Nixon's 1972 opening",
    }),
    cloze({
      template: 'term-cloze', item: 'reverse-nixon', family: 'terms', deck: DECK_TERMS,
      before: 'A ‘', answer: 'reverse Nixon', after: '’ courts Moscow\nto split it from Beijing.', speaker: '',
    }),
  ];
}
