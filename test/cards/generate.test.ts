import { describe, expect, it } from 'vitest';
import { loadAnnotation, type Annotation } from '../../src/annotation/index.js';
import { generateCards, TEMPLATE_IDS } from '../../src/cards/index.js';

const ARTICLE = `Top diplomat Wang Yi said: “China supports all efforts conducive to peace talks.”
Xi calls Putin his “old friend” in public. NATO accused China of supplying Moscow with dual-use goods.
China defends its “normal trade.” The clash happened in 1969 on the border.`;

function annotation(items: string, deck = ''): Annotation {
  const yaml = `format: 1
article:
  id: test-article
  title: "What China fears"
  source: CNN
  published: 2025-02-20
  text: |
${ARTICLE.split('\n').map((l) => `    ${l}`).join('\n')}
${deck}
actors:
  - { id: wang-yi, name: Wang Yi, aliases: [Wang], kind: person, role: China's top diplomat }
  - { id: xi, name: Xi Jinping, aliases: [Xi], kind: person, role: the Chinese leader }
  - { id: putin, name: Vladimir Putin, aliases: [Putin], kind: person, role: the Russian President }
  - { id: nato, name: NATO, kind: organization, role: a military alliance }
  - { id: china, name: China, aliases: [Beijing], kind: country, role: an ally of Russia }
  - { id: russia, name: Russia, aliases: [Moscow], kind: country, role: an ally of China }
${items}`;
  const result = loadAnnotation(yaml, { file: 'test.yaml', readText: () => '', templateIds: TEMPLATE_IDS });
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.line}:${e.col} ${e.message}`).join('\n'));
  return result.annotation;
}

const identities = (a: Annotation): string[] => generateCards(a).cards.map((c) => c.identity);

describe('generateCards', () => {
  it('makes the actor cards, with a reverse card only for a role no other actor has', () => {
    const ids = identities(annotation(''));
    expect(ids).toContain('test-article/actor-role/wang-yi');
    expect(ids).toContain('test-article/actor-reverse/wang-yi');
    expect(ids).toContain('test-article/actor-role/china');
    // "an ally of Russia" and "an ally of China" are different roles: each has its reverse card.
    expect(ids).toContain('test-article/actor-reverse/china');
    expect(ids).toContain('test-article/actor-reverse/russia');
  });

  it('skips the reverse card when two actors share a role', () => {
    const a = annotation('');
    a.actors[4]!.role = 'a neighbour';
    a.actors[5]!.role = 'A neighbour';
    const ids = identities(a);
    expect(ids).not.toContain('test-article/actor-reverse/china');
    expect(ids).not.toContain('test-article/actor-reverse/russia');
  });

  it('asks "Who said …?" with the context, multiple choice among people only', () => {
    const a = annotation(`quotes:
  - { id: q1, speaker: wang-yi, text: China supports all efforts conducive to peace talks, context: at the UN, cloze: [peace talks] }`);
    const card = generateCards(a).cards.find((c) => c.identity === 'test-article/quote-speaker/q1');
    expect(card?.front).toBe('Who said “China supports all efforts conducive to peace talks” at the UN?');
    expect(card?.back).toBe('Wang Yi');
    expect([...(card?.choices ?? [])].sort()).toEqual(['Vladimir Putin', 'Wang Yi', 'Xi Jinping']);
    const cloze = generateCards(a).cards.find((c) => c.identity === 'test-article/quote-cloze/q1/peace-talks');
    expect(cloze?.kind).toBe('cloze');
    expect(cloze?.front).toBe('“China supports all efforts conducive to […]”');
    expect(cloze?.note).toEqual({ identity: 'test-article/quote-cloze/q1/peace-talks', type: 'cloze', ord: 0 });
  });

  it('shows a short quote inside its sentence, so the blank has context', () => {
    const a = annotation(`quotes:
  - { id: old-friend, speaker: xi, text: old friend, cloze: [friend], context: about Putin }`);
    const cloze = generateCards(a).cards.find((c) => c.template === 'quote-cloze');
    expect(cloze?.front).toBe('Xi calls Putin his “old […]” in public.');
  });

  it('drops a card whose front would name its answer, and says why', () => {
    const a = annotation(`quotes:
  - { id: q2, speaker: china, text: normal trade, context: as Beijing puts it }`);
    const { cards, dropped } = generateCards(a);
    expect(cards.map((c) => c.identity)).not.toContain('test-article/quote-speaker/q2');
    expect(dropped).toContainEqual({ identity: 'test-article/quote-speaker/q2', reason: "the answer appears on the front as 'Beijing'" });
  });

  it('replaces a title that names the answer with a neutral cue', () => {
    const a = annotation(`quotes:
  - { id: q2, speaker: china, text: normal trade }`);
    const card = generateCards(a).cards.find((c) => c.identity === 'test-article/quote-speaker/q2');
    expect(card?.cue).toBe('the CNN story of 20 February 2025');
    const other = generateCards(a).cards.find((c) => c.identity === 'test-article/actor-role/wang-yi');
    expect(other?.cue).toBe('What China fears');
  });

  it('phrases claims as attribution and asks who disputes them without naming them', () => {
    const a = annotation(`claims:
  - id: dual-use
    claimant: nato
    stance: accusation
    text: China supplies Moscow with dual-use goods
    disputed_by: [china]
    evidence: NATO accused China of supplying Moscow with dual-use goods`);
    const cards = generateCards(a).cards;
    const content = cards.find((c) => c.template === 'claim-content');
    expect(content?.front).toBe('What accusation does NATO make in this story?');
    expect(content?.back).toBe('According to NATO, China supplies Moscow with dual-use goods.');
    expect(content?.extra).toBe('Disputed by China.');
    const disputer = cards.find((c) => c.template === 'claim-disputer');
    expect(disputer?.front).toBe("Which country disputes NATO's accusation that this country supplies Moscow with dual-use goods?");
    const claimant = cards.find((c) => c.template === 'claim-claimant');
    expect(claimant?.front).toBe('Which organization makes this accusation: China supplies Moscow with dual-use goods?');
    expect(claimant?.choices).toBeUndefined(); // NATO is the only organization: no fair distractor
  });

  it('needs a question when a claimant makes two claims of one stance', () => {
    const a = annotation(`claims:
  - { id: c1, claimant: nato, stance: accusation, text: China supplies Moscow with dual-use goods }
  - { id: c2, claimant: nato, stance: accusation, text: China trades normally, question: What else does NATO say? }`);
    const ids = identities(a);
    expect(ids).not.toContain('test-article/claim-content/c1');
    expect(ids).toContain('test-article/claim-content/c2');
  });

  it('honours skip and deck.cards', () => {
    const a = annotation(`events:
  - { id: clash, what: Forces clashed on the border, when: "1969", skip: [event-when] }
terms:
  - { id: dual-use, term: dual-use goods, definition: Goods with civilian and military uses }`, 'deck:\n  cards: [events, terms]');
    expect(identities(a)).toEqual(['test-article/term-definition/dual-use']);
  });

  it('keeps identities when the wording changes, and changes them only with the id', () => {
    const before = annotation(`terms:\n  - { id: dual-use, term: dual-use goods, definition: Goods with two uses }`);
    const after = annotation(`terms:\n  - { id: dual-use, term: dual-use goods, definition: Goods with civilian and military uses }`);
    expect(identities(after)).toEqual(identities(before));
    const renamed = annotation(`terms:\n  - { id: dual-use-goods, term: dual-use goods, definition: Goods with two uses }`);
    expect(identities(renamed)).toContain('test-article/term-definition/dual-use-goods');
  });

  it('orders multiple-choice options by the card identity, the same for every student', () => {
    const a = annotation('');
    const first = generateCards(a).cards.find((c) => c.identity === 'test-article/actor-reverse/xi')?.choices;
    const again = generateCards(annotation('')).cards.find((c) => c.identity === 'test-article/actor-reverse/xi')?.choices;
    expect(first).toEqual(again);
    expect(first).toHaveLength(3);
  });

  it('drops a card whose front holds most of the words of a short answer', () => {
    const a = annotation(`events:
  - { id: clash, what: Forces clashed on the Sino-Soviet border, when: "1969", where: the shared Sino-Soviet border }`);
    const { cards, dropped } = generateCards(a);
    expect(cards.map((c) => c.identity)).toContain('test-article/event-when/clash');
    expect(dropped).toContainEqual({ identity: 'test-article/event-where/clash', reason: "the answer appears on the front as 'sino-soviet border'" });
  });

  it('shows an ISO date of an event as a date a person reads, and accepts the ISO form', () => {
    const a = annotation(`events:\n  - { id: talks, what: Officials met, when: 2025-02-18 }`);
    const card = generateCards(a).cards.find((c) => c.template === 'event-when');
    expect(card?.back).toBe('18 February 2025');
    expect(card?.answer).toEqual({ text: '18 February 2025', kind: 'date', accepted: ['2025-02-18'] });
  });
});
