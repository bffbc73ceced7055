/**
 * Hand-made cards for the Anki exporter tests: every note type, an actor note
 * with and without its reverse card, two subdecks, tags (one with a space),
 * HTML-special characters, an injected script and a `}}` in a cloze answer.
 */
import type { CardFamily } from '../../src/annotation/model.js';
import type { Card, ClozeCard, NoteTypeKey, QaCard } from '../../src/cards/card.js';

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
  note: { type: NoteTypeKey; ord: number; key?: string };
  deck?: string;
  tags?: string[];
  sentence?: string;
  extra?: string;
}

function base(b: Base): Omit<QaCard, 'kind' | 'front' | 'back' | 'answer'> {
  const identity = `${ARTICLE}/${b.template}/${b.item}`;
  return {
    identity,
    articleId: ARTICLE,
    family: b.family,
    template: b.template,
    itemId: b.item,
    deck: b.deck ?? DECK_MAIN,
    tags: b.tags ?? ['ukraine', 'china', b.family],
    cue: "Trump's pivot to Russia",
    source: { ...SOURCE, ...(b.sentence === undefined ? {} : { sentence: b.sentence }) },
    note: { identity: `${ARTICLE}/${b.note.key ?? `${b.template}/${b.item}`}`, type: b.note.type, ord: b.note.ord },
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

/** A cloze card shaped like templates/cards/quotes.ts makes them: the speaker in `extra`. */
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
      template: 'actor-role', item: 'wang-yi', family: 'actors', note: { type: 'actor', ord: 0, key: 'actor/wang-yi' },
      front: 'Who is Wang Yi (as of 2025-02-20)?', back: "China's top diplomat",
      sentence: "Wang Yi, China's top diplomat, said on Tuesday…",
    }),
    qa({
      template: 'actor-name', item: 'wang-yi', family: 'actors', note: { type: 'actor', ord: 1, key: 'actor/wang-yi' },
      front: "Who is China's top diplomat (as of 2025-02-20)?", back: 'Wang Yi',
    }),
    qa({
      template: 'actor-role', item: 'nato', family: 'actors', note: { type: 'actor', ord: 0, key: 'actor/nato' },
      front: 'What is NATO?', back: 'The Western military alliance', tags: ['ukraine', 'tag with space', 'actors'],
    }),
    qa({
      template: 'quote-speaker', item: 'wang-peace-talks', family: 'quotes', note: { type: 'qa', ord: 0 },
      front: `Who said “China supports all efforts conducive to peace talks”? ${SCRIPT}`, back: 'Wang Yi',
      sentence: 'China supports all efforts conducive to peace talks, Wang Yi said.', extra: 'At the UN Security Council',
    }),
    cloze({
      template: 'quote-cloze', item: 'wang-peace-talks', family: 'quotes', note: { type: 'cloze', ord: 0, key: 'quote-cloze/wang-peace-talks/peace-talks' },
      before: 'China supports all efforts conducive to ', answer: 'peace talks', after: '', speaker: 'Wang Yi',
      sentence: 'China supports all efforts conducive to peace talks, Wang Yi said.',
    }),
    qa({
      template: 'claim-question', item: 'nato-dual-use', family: 'claims', note: { type: 'qa', ord: 0 },
      front: 'According to NATO, what does China supply to Moscow\'s "defense" industry?', back: 'Dual-use goods & components',
      extra: 'Disputed by China', sentence: 'NATO accused it of supplying Moscow’s defense industry with dual-use goods',
    }),
    cloze({
      template: 'quote-cloze', item: 'trump-deal', family: 'quotes', note: { type: 'cloze', ord: 0, key: 'quote-cloze/trump-deal/deal' },
      before: 'We will make a {{c2::deal}} ', answer: 'x}} y::z</b>', after: ' very soon', speaker: 'Donald Trump',
    }),
    qa({
      template: 'actor-role', item: 'trump', family: 'actors', note: { type: 'actor', ord: 0, key: 'actor/trump' },
      front: 'Who is Donald Trump (as of 2025-02-20)?', back: 'The US president',
    }),
    qa({
      template: 'actor-name', item: 'trump', family: 'actors', note: { type: 'actor', ord: 1, key: 'actor/trump' },
      front: 'Who is the US president (as of 2025-02-20)?', back: 'Donald Trump',
    }),
    qa({
      template: 'event-when', item: 'border-clash-1969', family: 'events', note: { type: 'qa', ord: 0 },
      front: 'When did Soviet and Chinese forces clash over their shared border?', back: '1969',
    }),
    qa({
      template: 'term-definition', item: 'reverse-nixon', family: 'terms', note: { type: 'qa', ord: 0 }, deck: DECK_TERMS,
      front: 'What is a "reverse Nixon"?', back: "Courting Moscow to split it from Beijing, mirroring Nixon's 1972 opening",
    }),
    cloze({
      template: 'term-cloze', item: 'reverse-nixon', family: 'terms', note: { type: 'cloze', ord: 0 }, deck: DECK_TERMS,
      before: 'A ‘', answer: 'reverse Nixon', after: '’ courts Moscow\nto split it from Beijing.', speaker: '',
    }),
  ];
}
