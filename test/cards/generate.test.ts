import { describe, expect, it } from 'vitest';
import { loadAnnotation, type Annotation } from '../../src/annotation/index.js';
import { sentenceAround } from '../../src/annotation/sentences.js';
import { generateCards, registerTemplates, BUILT_IN_TEMPLATES, TEMPLATE_IDS, TemplateRegistryError, type Card } from '../../src/cards/index.js';
import { headNoun, nounPhrase, pointInTime } from '../../src/cards/phrasing.js';

const ARTICLE = `What China fears

Top diplomat Wang Yi said: “China supports all efforts conducive to peace talks.” China's foreign minister Wang spoke at the UN.
Xi calls Putin his “old friend” in public. NATO accused China of supplying Moscow with dual-use goods.
China defends its “normal trade.” The clash happened in 1969 on the border.`;

function annotation(items: string, options: { deck?: string; text?: string; actors?: string; title?: string } = {}): Annotation {
  const text = options.text ?? ARTICLE;
  const yaml = `format: 1
article:
  id: test-article
  title: "${options.title ?? 'What China fears'}"
  source: CNN
  published: 2025-02-20
  text: |
${text.split('\n').map((l) => `    ${l}`).join('\n')}
${options.deck ?? ''}
actors:
${
  options.actors ??
  `  - { id: wang-yi, name: Wang Yi, kind: person, role: China's top diplomat }
  - { id: xi, name: Xi Jinping, aliases: [Xi], kind: person, role: the Chinese leader }
  - { id: putin, name: Vladimir Putin, aliases: [Putin], kind: person, role: the Russian President }
  - { id: nato, name: NATO, kind: organization, role: a military alliance }
  - { id: china, name: China, aliases: [Beijing], kind: country, role: an ally of Russia }
  - { id: russia, name: Russia, aliases: [Moscow], kind: country, role: an ally of China }`
}
${items}`;
  const result = loadAnnotation(yaml, { file: 'test.yaml', readText: () => '', templateIds: TEMPLATE_IDS });
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.line}:${e.col} ${e.message}`).join('\n'));
  return result.annotation;
}

const cardsOf = (a: Annotation): Card[] => generateCards(a).cards;
const card = (a: Annotation, identity: string): Card | undefined => cardsOf(a).find((c) => c.identity === identity);

describe('phrasing', () => {
  it('puts a role into a sentence as a noun phrase: an article, titles in lower case, names kept', () => {
    expect(nounPhrase('Senate Majority Leader')).toBe('the Senate majority leader');
    expect(nounPhrase('Vice President of Taxpayers for Common Sense')).toBe('the vice president of Taxpayers for Common Sense');
    expect(nounPhrase("China's top diplomat")).toBe("China's top diplomat");
    expect(nounPhrase('a spokesman for the protesters')).toBe('a spokesman for the protesters');
    expect(nounPhrase('the US soul singer nicknamed "the Queen of Soul"')).toBe('the US soul singer nicknamed "the Queen of Soul"');
    expect(nounPhrase('invaded by Russia in 2022')).toBe('invaded by Russia in 2022');
    // One of many, not the one: "Who was a 2000 Republican presidential candidate?"
    expect(nounPhrase('2000 Republican presidential candidate')).toBe('a 2000 Republican presidential candidate');
    expect(nounPhrase('Environmentalist')).toBe('an environmentalist');
  });

  it('finds the head noun of a role, which options must share', () => {
    expect(headNoun('the label she signed with in 1956')).toBe('label');
    expect(headNoun('the chamber of Congress that passed the bill')).toBe('chamber');
    expect(headNoun("China's top diplomat")).toBe('diplomat');
  });

  it('reads a `when` as one date, or as none', () => {
    expect(pointInTime('2000-05')?.shown).toBe('May 2000');
    expect(pointInTime('November 2017')).toEqual({ precision: 'month', iso: '2017-11', shown: 'November 2017' });
    expect(pointInTime('March 9, 2007')?.iso).toBe('2007-03-09');
    expect(pointInTime('before October 10, 2009')).toBeUndefined();
    expect(pointInTime('three years ago')).toBeUndefined();
    expect(pointInTime('1995 to 1999')).toBeUndefined();
  });
});

describe('source sentences', () => {
  const at = (text: string, span: string, wholeQuotations = true): string => sentenceAround(text, text.indexOf(span), span.length, wholeQuotations);

  it('do not end at the full stop of an abbreviation or an initial', () => {
    const text = 'Former President George W. Bush met U.S. officials in Washington. Then he left.';
    expect(at(text, 'officials')).toBe('Former President George W. Bush met U.S. officials in Washington.');
    expect(at('Mr. Smith and Rep. Jones met Dr. Who on Tuesday. Nobody else came.', 'Who')).toBe('Mr. Smith and Rep. Jones met Dr. Who on Tuesday.');
  });

  it('cut out of a longer quotation, close it or open it for themselves, marking what is left out', () => {
    const text = 'Obama tweeted, "Aretha helped define it. In her voice, we could feel our history. May she rest." Then he left.\n\nShe said: “One. Two.';
    expect(at(text, 'helped', false)).toBe('Obama tweeted, "Aretha helped define it. …"');
    expect(at(text, 'voice', false)).toBe('"… In her voice, we could feel our history. …"');
    expect(at(text, 'rest', false)).toBe('"… May she rest."');
    expect(at(text, 'Then', false)).toBe('Then he left.');
    // A quotation left open at the end of its paragraph goes on in the next one.
    expect(at(text, 'One', false)).toBe('She said: “One. …”');
    // Shown whole, a quotation of a few sentences needs no marks.
    expect(at(text, 'voice')).toBe('Obama tweeted, "Aretha helped define it. In her voice, we could feel our history. May she rest."');
  });

  it('do not end at "pp." before a page number', () => {
    const text = 'Division A (pp.1-110) is one part; Division B (pp. 110-255) is another. The end.';
    expect(at(text, 'Division B')).toBe('Division A (pp.1-110) is one part; Division B (pp. 110-255) is another.');
  });

  it('end at an editor\'s elision between sentences, which belongs to neither', () => {
    const text = 'He said: "Instead we found the opposite! [...] We knew this asteroid was rotating faster. [...] Finishing matters."';
    // Cut out of the quotation, each says so with its own marks.
    expect(at(text, 'We knew', false)).toBe('"… We knew this asteroid was rotating faster. …"');
    expect(at(text, 'Finishing', false)).toBe('"… Finishing matters."');
    expect(at('The rest [...] was cut, he said.', 'was cut', false)).toBe('The rest [...] was cut, he said.');
  });

  it('join lines broken inside a paragraph, and stop at a blank line', () => {
    const text = 'The minister said the plan\nwould cost more than expected\nin the first year.\n\nA new paragraph starts here.';
    expect(at(text, 'cost more')).toBe('The minister said the plan would cost more than expected in the first year.');
  });

  it('end after a quotation that ends a sentence, not in the next one', () => {
    const text = '"All three additions have greatly improved the bill." But Representative Kaptur was not changing her vote.';
    expect(at(text, 'greatly improved')).toBe('"All three additions have greatly improved the bill."');
  });

  it('keep a quotation of several sentences whole, with its speaker', () => {
    const text = 'One protester stated, "We are just here to express our opinions. I can\'t understand why they ban our rally." Police said nothing.';
    expect(at(text, 'ban our rally')).toBe('One protester stated, "We are just here to express our opinions. I can\'t understand why they ban our rally."');
  });

  it('are not the headline when an actor is named there first', () => {
    const a = annotation('');
    expect(card(a, 'test-article/actor-reverse/wang-yi')?.source.sentence).toBe(
      'Top diplomat Wang Yi said: “China supports all efforts conducive to peace talks.” China\'s foreign minister Wang spoke at the UN.'.split(' China\'s')[0],
    );
  });
});

describe('actor cards', () => {
  it('ask "Who was the …?" with the role as a noun phrase, stamped only when it is a position', () => {
    const a = annotation('', {
      text: 'Senate Majority Leader Harry Reid spoke. Representative Jim Ramstad, who voted against the bill on Monday, spoke too. Nancy Pelosi, the House Speaker, agreed.',
      actors: `  - { id: reid, name: Harry Reid, kind: person, role: Senate Majority Leader }
  - { id: ramstad, name: Jim Ramstad, kind: person, role: the Representative who voted against the bill on Monday }
  - { id: pelosi, name: Nancy Pelosi, kind: person, role: the House Speaker }`,
    });
    expect(card(a, 'test-article/actor-reverse/reid')?.front).toBe('Who was the Senate majority leader, as of February 2025?');
    expect(card(a, 'test-article/actor-reverse/ramstad')?.front).toBe('Who was the representative who voted against the bill on Monday?');
    // On the back the office is dated (the blind read of 2026-12-02 asked for it), where the office is named:
    // after the act (and in the question) "as of" reads as the act's date.
    expect(card(a, 'test-article/actor-role/ramstad')).toMatchObject({ back: 'The Representative (as of February 2025), who voted against the bill on Monday' });
    const b = annotation('', {
      text: 'Senator Kennedy was the one senator who did not vote. Police said more.',
      actors: '  - { id: kennedy, name: Senator Kennedy, kind: person, role: the one senator who did not vote }',
    });
    // Told by its act alone ("the one senator who …"), a role has no office to date.
    expect(card(b, 'test-article/actor-role/kennedy')).toMatchObject({ back: 'The one senator who did not vote' });
  });

  it('make a role that tells an act with its object a noun phrase ("the organization that announced …") and ask it without "was"', () => {
    const a = annotation('', {
      text: 'The New Zealand Government on Thursday announced the creation of a holiday. The Labour Party, in opposition in 2009, won in 2020. Police said more.',
      actors: `  - { id: nzg, name: New Zealand Government, kind: organization, role: announced the creation of a holiday }
  - { id: labour, name: Labour Party, kind: organization, role: "the party that won; in opposition in 2009, winner in 2020" }`,
    });
    expect(card(a, 'test-article/actor-role/nzg')?.back).toBe('The organization that announced the creation of a holiday');
    expect(card(a, 'test-article/actor-reverse/nzg')?.front).toBe('Which organization announced the creation of a holiday?');
    // A role's parts after ";" join the question with commas.
    expect(card(a, 'test-article/actor-reverse/labour')?.front).not.toContain(';');
  });

  it('make no reverse card when another actor’s role fits the same words ("President", "the US President")', () => {
    const a = annotation('', {
      text: 'President Trump met President Xi. Trump, the President of the club, spoke.',
      actors: `  - { id: trump, name: Donald Trump, aliases: [Trump], kind: person, role: the President of the club }
  - { id: xi, name: Xi Jinping, aliases: [Xi], kind: person, role: President }`,
    });
    const { cards, advice } = generateCards(a);
    expect(cards.map((c) => c.identity)).not.toContain('test-article/actor-reverse/trump');
    expect(advice.some((x) => x.itemId === 'trump' && x.template === 'actor-reverse')).toBe(true);
  });

  it('make no role card for a description ("observers"), and none for a role the article does not give', () => {
    const a = annotation('', {
      text: 'Observers say the talks failed. NATO met on Monday.',
      actors: `  - { id: observers, name: Observers, kind: group, role: analysts the article cites without naming them }
  - { id: nato, name: NATO, kind: organization, role: a Western military alliance }`,
    });
    const { cards, advice } = generateCards(a);
    expect(cards.filter((c) => c.family === 'actors')).toEqual([]);
    expect(advice.map((x) => x.itemId)).toContain('nato');
  });

  it('name the headline’s subject for a pronoun in a role, unless the role names another person', () => {
    const a = annotation('', {
      text: 'Aretha Franklin dies\n\nShe signed with JVB Records in 1956. Xi sees Russia as a partner against the West.',
      actors: `  - { id: franklin, name: Aretha Franklin, kind: person, role: the singer }
  - { id: jvb, name: JVB Records, kind: organization, role: the label she signed with in 1956 }
  - { id: xi, name: Xi Jinping, aliases: [Xi], kind: person, role: the leader }
  - { id: west, name: the West, kind: group, role: "the rival in Xi's power struggle, against which he sees Russia as a partner" }`,
    });
    a.article.title = 'Aretha Franklin dies';
    expect(card(a, 'test-article/actor-reverse/jvb')?.front).toBe('What was the name of the label Aretha Franklin signed with in 1956?');
    expect(card(a, 'test-article/actor-reverse/west')?.front).toContain('against which he sees Russia');
  });

  it('ask a body by its name: "What was the name of the label …?"', () => {
    const a = annotation('', {
      text: 'She signed with JVB Records, the label, in 1956. Columbia Records signed her in 1960.',
      actors: `  - { id: jvb, name: JVB Records, kind: organization, role: the label she signed with in 1956 }
  - { id: columbia, name: Columbia Records, kind: organization, role: the label that signed her in 1960 }`,
    });
    expect(card(a, 'test-article/actor-reverse/jvb')?.front).toBe('What was the name of the label she signed with in 1956?');
  });
});

describe('fair multiple choice', () => {
  it('rules out options the place in the question excludes, and asks typed when fewer than two are fair', () => {
    // "China's top diplomat": Putin and Xi's roles are not Chinese diplomats; only Chinese officials would be fair.
    const c = card(annotation(''), 'test-article/actor-reverse/wang-yi');
    expect(c?.choices).toBeUndefined();
  });

  it('offers only options of the kind the role names, and never the actor the question names', () => {
    const a = annotation(`quotes:
  - { id: q1, speaker: wang-yi, text: China supports all efforts conducive to peace talks }`);
    const speaker = card(a, 'test-article/quote-speaker/q1');
    expect(speaker?.front).toBe('Who said “China supports all efforts conducive to peace talks”?');
    // "China supports …" rules out Putin: too few fair options, so the card is typed.
    expect(speaker?.choices).toBeUndefined();
    const b = annotation(`quotes:
  - { id: q2, speaker: wang-yi, text: all efforts conducive to peace talks, context: at the UN }`);
    const phrase = card(b, 'test-article/quote-speaker/q2');
    expect(phrase?.front).toBe('At the UN, who used the words “all efforts conducive to peace talks”?');
    // Three people of one kind, none named by the words: still typed, since what a quote says rules speakers
    // out by its meaning ("the crackdown is too harsh" is no minister's), which no option list can be checked for.
    expect(phrase?.choices).toBeUndefined();
  });

  it('never offer the actor the question names', () => {
    const a = annotation('', {
      text: 'China is Russia’s main partner. Iran is Russia’s Gulf partner, Belarus Russia’s western partner, North Korea Russia’s Asian partner; Ukraine is not. China said so.',
      actors: `  - { id: china, name: China, kind: country, role: Russia's main partner }
  - { id: russia, name: Russia, kind: country, role: a large country }
  - { id: iran, name: Iran, kind: country, role: Russia's Gulf partner }
  - { id: belarus, name: Belarus, kind: country, role: Russia's western partner }
  - { id: korea, name: North Korea, kind: country, role: Russia's Asian partner }
  - { id: ukraine, name: Ukraine, kind: country, role: the country at war with Russia }`,
    });
    const reverse = card(a, 'test-article/actor-reverse/china');
    expect(reverse?.front).toBe("Which country was Russia's main partner, as of February 2025?");
    expect(reverse?.choices).toContain('China');
    expect(reverse?.choices).not.toContain('Russia');
  });

  it('put a described answer only beside other descriptions, and give a description no "who" card', () => {
    const a = annotation(
      `claims:
  - { id: c1, claimant: observers, stance: assessment, text: The talks will fail, evidence: Observers say the talks failed }`,
      {
        text: 'Observers say the talks failed. Wang Yi and Xi Jinping and Vladimir Putin met.',
        actors: `  - { id: observers, name: Observers, kind: group, role: analysts }
  - { id: wang-yi, name: Wang Yi, kind: person, role: a diplomat }`,
      },
    );
    expect(cardsOf(a).map((c) => c.template)).not.toContain('claim-claimant');
  });
});

describe('names', () => {
  it('accept the short form the article uses, family name first too, and never one two actors share', () => {
    const a = annotation('', {
      text: 'Lee Myung-Bak spoke. Lee said more. Patrick Kennedy introduced the bill. Senator Kennedy did not vote.',
      actors: `  - { id: lee, name: Lee Myung-Bak, kind: person, role: the President who spoke }
  - { id: patrick, name: Patrick Kennedy, kind: person, role: the Representative who introduced the bill }
  - { id: senator, name: Senator Kennedy, kind: person, role: the senator who did not vote }`,
    });
    expect(card(a, 'test-article/actor-reverse/lee')?.answer.accepted).toContain('Lee');
    expect(card(a, 'test-article/actor-reverse/lee')?.answer.accepted).not.toContain('Myung-Bak');
    expect(card(a, 'test-article/actor-reverse/patrick')?.answer.accepted).not.toContain('Kennedy');
  });

  it('treat a demonym as a name of its country: "a Scottish prison" gives Scotland away', () => {
    const a = annotation(
      `claims:
  - { id: c1, claimant: scotland, stance: assertion, text: The Scottish prison will close, disputed_by: [wales], evidence: Scotland says the Scottish prison will close }`,
      {
        text: 'Scotland says the Scottish prison will close. Wales disagrees.',
        actors: `  - { id: scotland, name: Scotland, kind: country, role: a country }
  - { id: wales, name: Wales, kind: country, role: a neighbour }`,
      },
    );
    const { cards, dropped } = generateCards(a);
    expect(cards.map((c) => c.template)).not.toContain('claim-claimant');
    expect(dropped.some((d) => d.identity === 'test-article/claim-claimant/c1' && /Scottish/i.test(d.reason))).toBe(true);
  });
});

describe('claim cards', () => {
  const claim = `claims:
  - id: dual-use
    claimant: nato
    stance: accusation
    text: China supplies Moscow with dual-use goods
    question: What has NATO accused China of supplying to Moscow?
    answer: Dual-use goods
    disputed_by: [china]
    evidence: NATO accused China of supplying Moscow with dual-use goods`;

  it('answer as attribution and say who disputes the claim', () => {
    const c = card(annotation(claim), 'test-article/claim-content/dual-use');
    expect(c).toMatchObject({ front: 'What has NATO accused China of supplying to Moscow?', back: 'Dual-use goods.' });
    expect(c?.extra).toBe('According to NATO, China supplies Moscow with dual-use goods. Disputed by China.');
  });

  it('ask who disputes a claim as a statement and a question, never "disputes X’s denial"', () => {
    const a = annotation(`claims:
  - { id: d1, claimant: china, stance: denial, text: China does not supply Moscow with weapons, disputed_by: [nato], evidence: NATO accused China of supplying Moscow with dual-use goods }`);
    expect(card(a, 'test-article/claim-disputer/d1')?.front).toBe('According to China, it does not supply Moscow with weapons. Which organization disputes this?');
  });

  it('attribute with the pronoun the article uses for the claimant, and keep a hope a hope (rule 5)', () => {
    const a = annotation(
      `claims:
  - { id: c1, claimant: xi, stance: assertion, text: Xi Jinping could work with Putin, question: With whom did Xi say he could work?, answer: Putin, evidence: "Xi said he could work with Putin" }
  - { id: c2, claimant: wang-yi, stance: prediction, text: The talks will bring peace, question: What does Wang Yi hope the talks will bring?, answer: peace, evidence: "Wang Yi hopes the talks will bring peace" }`,
      { text: 'Xi said he could work with Putin. Wang Yi hopes the talks will bring peace.' },
    );
    expect(card(a, 'test-article/claim-content/c1')?.extra).toBe('According to Xi Jinping, he could work with Putin.');
    expect(card(a, 'test-article/claim-content/c2')?.extra).toBe('Wang Yi hopes that the talks will bring peace.');
  });

  it('ask who disputes a claim only when its evidence names the disputer, and tell the annotator otherwise', () => {
    const a = annotation(`claims:
  - { id: d1, claimant: china, stance: denial, text: China does not supply Moscow with weapons, disputed_by: [nato], evidence: China defends its “normal trade.” }`);
    const { cards, advice } = generateCards(a);
    expect(cards.filter((c) => c.template === 'claim-disputer')).toEqual([]);
    expect(advice.map((x) => x.message)).toContain("no disputer card for 'd1': its evidence does not name 'nato', who disputes it");
  });

  it('make no generic question for a claim without `question:`, and tell the annotator', () => {
    const a = annotation(`claims:
  - { id: c1, claimant: nato, stance: accusation, text: China supplies Moscow with dual-use goods }`);
    const { cards, advice } = generateCards(a);
    expect(cards.map((c) => c.identity)).not.toContain('test-article/claim-content/c1');
    expect(advice).toContainEqual(expect.objectContaining({ itemId: 'c1', template: 'claim-content', pos: expect.objectContaining({ line: expect.any(Number) }) }));
  });

  it('ask who said words once: a quote’s speaker card and the claimant card of the same words are one fact', () => {
    const a = annotation(`quotes:
  - { id: q1, speaker: wang-yi, text: China supports all efforts conducive to peace talks }
claims:
  - { id: c1, claimant: wang-yi, stance: assertion, text: China supports peace talks, evidence: China supports all efforts conducive to peace talks }`);
    const templates = cardsOf(a).filter((c) => c.answer.actorId === 'wang-yi').map((c) => c.template);
    expect(templates).toContain('quote-speaker');
    expect(templates).not.toContain('claim-claimant');
  });
});

describe('event cards', () => {
  const events = `events:
  - { id: clash, what: Soviet and Chinese forces clashed on the border, when: "1969", actors: [china, russia], evidence: The clash happened in 1969 on the border. }
  - { id: talks, what: Wang Yi spoke at the UN, when: 2025-02-18, actors: [wang-yi, china] }
  - { id: summit, what: China and Russia will hold a summit, when: 2025-05, actors: [china, russia] }`;

  it('ask the date in the words of its precision, and a future event as one to come', () => {
    const a = annotation(events, { text: `${ARTICLE}\nThe talks of 18 February went well; a summit is planned for May.` });
    expect(card(a, 'test-article/event-when/clash')?.front).toBe('In what year did Soviet and Chinese forces clash on the border?');
    expect(card(a, 'test-article/event-when/talks')).toMatchObject({ front: 'On what date did Wang Yi speak at the UN?', back: '18 February 2025' });
    expect(card(a, 'test-article/event-when/summit')).toMatchObject({ front: 'In what month will China and Russia hold a summit?', back: 'May 2025' });
  });

  it('show the place on the back of a when-card only when the question does not name it', () => {
    const places = `events:
  - { id: talks, what: Wang Yi spoke at the UN in New York, where: New York, when: "2025" }
  - { id: visit, what: Wang Yi visited the Kremlin, where: Moscow, when: "2025" }`;
    expect(card(annotation(places), 'test-article/event-when/talks')?.extra).toBeUndefined();
    expect(card(annotation(places), 'test-article/event-when/visit')?.extra).toBe('Where: Moscow');
  });

  it('ask only as precisely as the article tells: a day it never names is asked as a year', () => {
    const c = card(annotation(events), 'test-article/event-when/talks');
    expect(c).toMatchObject({ front: 'In what year did Wang Yi speak at the UN?', back: '2025' });
  });

  it('accept the ISO form, and the year and a weekday the article names as partly right', () => {
    const c = card(annotation(events, { text: `${ARTICLE}\nOn Tuesday the talks went on.` }), 'test-article/event-when/talks');
    expect(c?.answer).toMatchObject({ text: '18 February 2025', kind: 'date', accepted: ['2025-02-18'] });
    expect(c?.answer.partial).toEqual(expect.arrayContaining(['Tuesday', '2025', '18 February']));
    expect(card(annotation(events, { text: `${ARTICLE}\nThe talks of 18 February went well.` }), 'test-article/event-when/talks')?.answer.partial).not.toContain('Tuesday');
  });

  it('ask no date for a `when` that is not one date, and say so', () => {
    const a = annotation(`events:\n  - { id: e1, what: Forces clashed, when: "before October 10, 2009" }`);
    const { cards, advice } = generateCards(a);
    expect(cards.filter((c) => c.template === 'event-when')).toEqual([]);
    expect(advice.some((x) => x.itemId === 'e1' && x.template === 'event-when')).toBe(true);
  });

  it('ask the order of two dated events of the same actors, naming both, but not background against the news', () => {
    const a = annotation(`${events}
  - { id: treaty, what: China and Russia signed a friendship treaty, when: "2001", actors: [china, russia] }`);
    expect(card(a, 'test-article/event-order/treaty')).toBeUndefined(); // 2001 against May 2025: the news itself
    const c = card(a, 'test-article/event-order/clash');
    expect(c?.front).toMatch(/^Which happened first: .*, or .*\?$/);
    expect(c?.front).toContain('Soviet and Chinese forces clashed on the border');
    expect(c?.answer.text).toBe('Soviet and Chinese forces clashed on the border');
  });

  it('ask who did what when an actor is the subject of the event', () => {
    const a = annotation(`events:\n  - { id: talks, what: Wang Yi spoke at a meeting of the UN Security Council, when: 2025-02-18, actors: [wang-yi] }`);
    expect(card(a, 'test-article/event-actor/talks')?.front).toBe('Who spoke at a meeting of the UN Security Council?');
  });

  it('ask who did it once when the doer’s role tells the same act from the same sentence', () => {
    const text = 'In 2009, Te Tai Tonga Member of Parliament Rahui Katene introduced legislation to create a Matariki public holiday. Police said more.';
    const items = `events:
  - { id: bill, what: Rahui Katene introduced legislation to create a Matariki public holiday, when: "2009", actors: [katene], evidence: "${text.split('. ')[0]}." }`;
    const katene = (role: string) => `  - { id: katene, name: Rahui Katene, kind: person, role: ${role} }
  - { id: davis, name: Kelvin Davis, kind: person, role: a minister }`;
    const both = cardsOf(annotation(items, { text, actors: katene('the Te Tai Tonga Member of Parliament who introduced a Matariki holiday bill in 2009') })).map((c) => c.identity);
    expect(both.filter((id) => id === 'test-article/actor-reverse/katene' || id === 'test-article/event-actor/bill')).toHaveLength(1);
    // A role that is a position, not the act, is another fact: who did it is still asked.
    const position = cardsOf(annotation(items, { text, actors: katene('the Te Tai Tonga Member of Parliament') })).map((c) => c.identity);
    expect(position).toContain('test-article/event-actor/bill');
  });
});

describe('term and cloze cards', () => {
  it('blank no whole complement of "be" that any word fills, but keep a term the article uses again', () => {
    const text = 'Goodall said: “There will be hiccups along the way for the plan.” Wie said: “Such small asteroids near the Earth may be rubble piles after all, held by weak forces.” A rubble pile is loose rock. Xi said: “This asteroid was rotating faster than it should be, and we wanted to know why.”';
    const a = annotation(
      `quotes:
  - { id: q1, speaker: wang-yi, text: There will be hiccups along the way for the plan, cloze: [hiccups] }
  - { id: q2, speaker: putin, text: "Such small asteroids near the Earth may be rubble piles after all, held by weak forces", cloze: [rubble piles] }
  - { id: q3, speaker: xi, text: "This asteroid was rotating faster than it should be, and we wanted to know why", cloze: [rotating faster] }`,
      { text: text.replace('Goodall', 'Wang Yi').replace('Wie', 'Vladimir Putin').replace('Xi said', 'Xi Jinping said') },
    );
    const { cards, advice } = generateCards(a);
    const clozes = cards.filter((c) => c.template === 'quote-cloze').map((c) => c.itemId);
    expect(clozes).toEqual(['q2', 'q3']);
    expect(advice.map((x) => x.message)).toContain('the cloze word \'hiccups\' of quote \'q1\' is all that follows "be": almost any word fills it: a student would guess it');
  });

  it('make no term card that retells the answer of a card of the same sentence', () => {
    const a = annotation(
      `terms:
  - { id: tractor, term: gravity tractor, definition: a heavy spacecraft whose gravity pulls an asteroid off course, evidence: a gravity tractor }
facts:
  - { id: f1, question: What could pull a dangerous asteroid off course?, answer: "A gravity tractor, a heavy spacecraft whose gravity pulls it off course", evidence: "a gravity tractor, a heavy spacecraft whose gravity pulls the asteroid off course" }`,
      { text: 'Rozitis described a gravity tractor, a heavy spacecraft whose gravity pulls the asteroid off course. Police said more.' },
    );
    const { cards, dropped } = generateCards(a);
    expect(cards.map((c) => c.identity)).toEqual(['test-article/fact-question/f1']);
    expect(dropped.find((d) => d.identity === 'test-article/term-definition/tractor')?.reason).toBe('it asks what test-article/fact-question/f1 asks already');
  });

  it('show as a term’s source the sentence that says what it means, when the evidence does not', () => {
    const text = 'The DOMA case is heard on Wednesday. The case involves the denial of federal privileges to same-sex couples. Police said more.';
    const a = annotation(
      `terms:
  - { id: doma, term: DOMA, definition: the federal law that denies federal privileges to same-sex couples, evidence: The DOMA case }`,
      { text },
    );
    expect(card(a, 'test-article/term-definition/doma')?.source.sentence).toBe('The case involves the denial of federal privileges to same-sex couples.');
    const b = annotation(
      `terms:
  - { id: doma, term: DOMA, definition: the federal law that denies federal privileges to same-sex couples, evidence: The DOMA case }`,
      { text: 'The DOMA case over federal privileges for same-sex couples is heard on Wednesday. The case involves the denial of federal privileges to same-sex couples.' },
    );
    expect(card(b, 'test-article/term-definition/doma')?.source.sentence).toBe('The DOMA case over federal privileges for same-sex couples is heard on Wednesday.');
  });

  it('ask a title the article quotes without "the": "What is “Mathematics under the microscope”?"', () => {
    const text = 'Alexandre Borovik\'s "Mathematics under the microscope" blog wrote about the camp. The YORP effect slows it. Police said more.';
    const a = annotation(
      `terms:
  - { id: blog, term: Mathematics under the microscope, definition: Borovik's blog, evidence: "Alexandre Borovik's \\"Mathematics under the microscope\\" blog" }
  - { id: yorp, term: YORP effect, definition: an effect that slows it, evidence: The YORP effect slows it }`,
      { text },
    );
    expect(card(a, 'test-article/term-definition/blog')?.front).toBe('What is “Mathematics under the microscope” in this story?');
    expect(card(a, 'test-article/term-definition/yorp')?.front).toBe('What is the “YORP effect” in this story?');
  });

  it('show with a term’s defining sentence the one before that names it, and the one after that tells the rest', () => {
    const text =
      'The asteroid spun up due to the YORP effect. This effect changes the rotation rate of an asteroid when the Sun heats it unevenly. As the heat escapes, the rotation rate changes due to an uneven rate of cooling. Police said more.';
    const a = annotation(
      `terms:
  - { id: yorp, term: YORP effect, definition: "a change in an asteroid's rotation rate when the Sun heats it unevenly and the heat escapes at an uneven rate of cooling", evidence: This effect changes the rotation rate }`,
      { text },
    );
    expect(card(a, 'test-article/term-definition/yorp')?.source.sentence).toBe(text.replace(' Police said more.', ''));
    // A next sentence on another subject that shares two words of the definition stays out.
    const b = annotation(
      `terms:
  - { id: walk, term: Walk to Freedom, definition: a 1963 civil rights march in Detroit, evidence: the 1963 Detroit Walk to Freedom }`,
      { text: 'Her father organized the 1963 Detroit Walk to Freedom march. Her songs became anthems for the civil rights movement.' },
    );
    expect(card(b, 'test-article/term-definition/walk')?.source.sentence).toBe('Her father organized the 1963 Detroit Walk to Freedom march.');
  });

  it('define a term only as the article does, and ask a name what it is', () => {
    const a = annotation(`terms:
  - { id: t1, term: dual-use goods, definition: Goods NATO says China supplies to Moscow }
  - { id: t2, term: reverse Nixon, definition: Courting Moscow to split it from Beijing as Nixon courted China in 1972 }
  - { id: t3, term: UN, definition: where Wang spoke }
  - { id: t4, term: NATO, definition: the alliance that accused China of supplying Moscow }`);
    const { cards, advice } = generateCards(a);
    expect(cards.find((c) => c.itemId === 't1')?.front).toBe('What does “dual-use goods” mean in this story?');
    expect(cards.find((c) => c.itemId === 't3')?.front).toBe('What is the “UN” in this story?');
    // NATO is an actor: its own cards ask what it is.
    expect(advice.some((x) => x.itemId === 't4' && /is a name of an actor/.test(x.message))).toBe(true);
    expect(cards.map((c) => c.itemId)).not.toContain('t2');
    expect(advice.some((x) => x.itemId === 't2' && /does not give this definition/.test(x.message))).toBe(true);
  });

  it('blank a word only where enough words are left around the gap, and say so otherwise', () => {
    const a = annotation(`quotes:
  - { id: q1, speaker: china, text: normal trade, cloze: [trade] }`);
    const { cards, advice } = generateCards(a);
    expect(cards.filter((c) => c.template === 'quote-cloze')).toEqual([]);
    expect(advice.some((x) => x.itemId === 'q1' && /too short/.test(x.message))).toBe(true);
  });

  it('blank no word of a quote whose other words give the answer of a question card of its sentence', () => {
    const text = '“The vigils have mutated into violent protests organized by a small faction,” said Wang Yi. Police said more.';
    const a = annotation(`quotes:
  - { id: q1, speaker: wang-yi, text: "The vigils have mutated into violent protests organized by a small faction", cloze: [mutated] }
claims:
  - { id: c1, claimant: wang-yi, stance: assertion, text: A small faction organized the protests, question: "According to Wang Yi, who organized the violent protests?", answer: A small faction, evidence: organized by a small faction }`, { text });
    const { cards, dropped } = generateCards(a);
    expect(cards.map((c) => c.identity)).toContain('test-article/claim-content/c1');
    // "… have […] into violent protests organized by a small faction" would print the claim card's answer.
    expect(dropped.find((d) => d.identity === 'test-article/quote-cloze/q1/mutated')?.reason).toBe('its sentence shows the answer of test-article/claim-content/c1');
  });

  it('ask no open "how" of a claim whose sentence has a card that asks a second answer to it precisely', () => {
    const text = 'Beijing has long sought to present itself as a neutral party and voice of the Global South. Police said more.';
    const a = annotation(`claims:
  - { id: neutral, claimant: china, stance: assertion, text: China is neutral, question: How has Beijing long sought to present itself?, answer: As a neutral party, evidence: present itself as a neutral party }
  - { id: voice, claimant: china, stance: assertion, text: China speaks for the Global South, question: Beijing has long sought to present itself as the voice of which group of countries?, answer: The Global South, evidence: voice of the Global South }`, { text });
    const { cards, dropped } = generateCards(a);
    expect(cards.map((c) => c.identity)).toContain('test-article/claim-content/voice');
    // "As the voice of the Global South" answers "How has Beijing sought to present itself?" as well.
    expect(dropped.find((d) => d.identity === 'test-article/claim-content/neutral')?.reason).toBe('its open "how" is answered by test-article/claim-content/voice too, which asks it precisely');
  });

  it('say who speaks before a quote, so its pronouns have someone to refer to', () => {
    const a = annotation(`quotes:
  - { id: q1, speaker: wang-yi, text: China supports all efforts conducive to peace talks, cloze: [peace talks] }`);
    expect(card(a, 'test-article/quote-cloze/q1/peace-talks')?.front).toBe('Wang Yi: “China supports all efforts conducive to […]”');
  });
});

describe('numbers and facts', () => {
  it('blank each number of a claim’s sentence that no other card asks', () => {
    const a = annotation(
      `claims:
  - { id: c1, claimant: article, stance: assertion, text: Over 200 people were hurt, evidence: Over 200 protesters and police officers were injured in Saturday's protests. }`,
      { text: "Over 200 protesters and police officers were injured in Saturday's protests. Police said more.", actors: '  - { id: p, name: Police, kind: group, role: the police }' },
    );
    const c = card(a, 'test-article/claim-number/c1/200');
    expect(c).toMatchObject({ kind: 'cloze', front: "Over […] protesters and police officers were injured in Saturday's protests." });
    expect(c?.answer.kind).toBe('number');
  });

  it('blank no number whose sentence prints the answer of another card of that sentence', () => {
    const text = 'The bill gave $192 million to the rum industry and $148 million to the wool industry. Police said more.';
    const a = annotation(
      `claims:
  - { id: c1, claimant: article, stance: assertion, text: The bill gave the wool industry $148 million, evidence: "$148 million to the wool industry" }
facts:
  - { id: f1, question: How much did the bill give the rum industry?, answer: $192 million, evidence: "$192 million to the rum industry" }`,
      { text, actors: '  - { id: p, name: Police, kind: group, role: the police }' },
    );
    const cards = cardsOf(a);
    expect(cards.map((c) => c.identity)).toContain('test-article/fact-question/f1');
    // "… $192 million to the rum industry and […] to the wool industry" would answer the rum question.
    expect(cards.filter((c) => c.kind === 'cloze' && c.front.includes('$192 million'))).toEqual([]);
    expect(generateCards(a).dropped.find((d) => d.identity === 'test-article/claim-number/c1/148-million')?.reason).toBe('its sentence shows the answer of test-article/fact-question/f1');
  });

  it('ask an annotator’s free question with its accepted answers and its evidence', () => {
    const a = annotation(`facts:
  - id: f1
    question: What did NATO accuse China of supplying to Moscow?
    answer: Dual-use goods
    accept: [goods with two uses]
    evidence: NATO accused China of supplying Moscow with dual-use goods`);
    const c = card(a, 'test-article/fact-question/f1');
    expect(c).toMatchObject({ front: 'What did NATO accuse China of supplying to Moscow?', back: 'Dual-use goods.' });
    expect(c?.answer.accepted).toEqual(['goods with two uses']);
    expect(c?.source.sentence).toBe('NATO accused China of supplying Moscow with dual-use goods.');
  });
});

describe('the generator', () => {
  it('replaces the title on every card when it names an answer, so the cue gives nothing away', () => {
    const cards = cardsOf(
      annotation(`claims:
  - { id: c1, claimant: china, stance: denial, text: Its trade with Russia is normal trade, disputed_by: [nato], evidence: China defends its “normal trade.” }`),
    );
    expect(cards.some((c) => c.answer.actorId === 'china')).toBe(true);
    expect(new Set(cards.map((c) => c.cue))).toEqual(new Set(['the CNN story of 20 February 2025']));
  });

  it('honours skip and deck.cards', () => {
    const a = annotation(
      `events:
  - { id: clash, what: Forces clashed on the border, when: "1969", skip: [event-when] }
terms:
  - { id: dual-use, term: dual-use goods, definition: What NATO accused China of supplying to Moscow }`,
      { deck: 'deck:\n  cards: [events, terms]' },
    );
    expect(cardsOf(a).map((c) => c.identity)).toEqual(['test-article/term-definition/dual-use']);
  });

  it('keeps identities when the wording changes, and changes them only with the id', () => {
    const ids = (a: Annotation): string[] => cardsOf(a).map((c) => c.identity);
    const before = annotation(`terms:\n  - { id: dual-use, term: dual-use goods, definition: What NATO accused China of supplying }`);
    const after = annotation(`terms:\n  - { id: dual-use, term: dual-use goods, definition: What NATO accused China of supplying to Moscow }`);
    expect(ids(after)).toEqual(ids(before));
    const renamed = annotation(`terms:\n  - { id: dual-use-goods, term: dual-use goods, definition: What NATO accused China of supplying }`);
    expect(ids(renamed)).toContain('test-article/term-definition/dual-use-goods');
  });

  it('is deterministic: the same annotation gives the same cards', () => {
    expect(JSON.stringify(cardsOf(annotation('')))).toBe(JSON.stringify(cardsOf(annotation(''))));
  });

  it('refuses template sets with a bad or repeated id', () => {
    const [first] = BUILT_IN_TEMPLATES;
    if (first === undefined) throw new Error('no templates');
    expect(() => registerTemplates([first, first])).toThrow(TemplateRegistryError);
    expect(() => registerTemplates([{ ...first, id: 'Not A Slug' }])).toThrow(/not a slug/);
  });
});

describe('what is worth a card (rule 13) and what a student may type (rule 10)', () => {
  const sourcing = `Climate expert Chris Goodall led the plan. Goodall's team told the news agency Reuters about it.
Mark Lynas spoke to Reuters. She told Vogue magazine in 2015 that she sang for everyone.
Wang Yi, China's top diplomat, spoke. Brian S. Brown, the campaigner who led the fight against the ruling, spoke too.`;
  const actors = `  - { id: goodall, name: Chris Goodall, kind: person, role: the climate expert who led the plan }
  - { id: reuters, name: Reuters, kind: organization, role: the news agency Mark Lynas spoke to }
  - { id: vogue, name: Vogue, kind: organization, role: the magazine she told in 2015 that she sang for everyone }
  - { id: wang-yi, name: Wang Yi, kind: person, role: China's top diplomat }
  - { id: brown, name: Brian S. Brown, kind: person, role: the campaigner who led the fight against the ruling }`;

  it('makes no card of the outlet a speaker only talked to, but keeps one that says what it was told', () => {
    const ids = cardsOf(annotation('', { text: sourcing, actors })).map((c) => c.identity);
    expect(ids.filter((id) => id.includes('/reuters'))).toEqual([]);
    expect(ids).toContain('test-article/actor-role/vogue');
  });

  it('accepts the family name of a name written given name first, and a name without its middle initial', () => {
    const a = annotation('', { text: sourcing, actors });
    const accepted = (id: string): string[] => card(a, `test-article/actor-reverse/${id}`)?.answer.accepted ?? [];
    expect(accepted('goodall')).toContain('Goodall');
    expect(accepted('brown')).toEqual(expect.arrayContaining(['Brian Brown', 'Brown']));
    // "Yi" is Wang Yi's given name: the article never uses it alone, and "Wang" comes first.
    expect(accepted('wang-yi')).not.toContain('Yi');
  });

  it('asks "who said that …?" only of a disputed claim, the dispute on the back', () => {
    const claims = `claims:
  - { id: plain, claimant: putin, stance: assertion, text: Russia supports peace talks, evidence: China supports all efforts conducive to peace talks }
  - { id: dual-use, claimant: nato, stance: accusation, text: China supplies Moscow with dual-use goods, disputed_by: [china], evidence: NATO accused China of supplying Moscow with dual-use goods }`;
    const cards = cardsOf(annotation(claims));
    expect(cards.map((c) => c.identity)).not.toContain('test-article/claim-claimant/plain');
    expect(cards.find((c) => c.identity === 'test-article/claim-claimant/dual-use')?.extra).toMatch(/Disputed by China\.$/);
  });

  it('gives a place away by its adjective: "lunar" answers "Where …? the Moon"', () => {
    const a = annotation(
      `events:
  - { id: regolith, what: The expedition found lunar regolith to be cohesive, when: "1974", where: the Moon, evidence: "On the Moon, the expedition found lunar regolith to be cohesive" }`,
      { text: 'On the Moon, the expedition found lunar regolith to be cohesive in 1974.', actors: '  []' },
    );
    const { cards, dropped } = generateCards(a);
    expect(cards.map((c) => c.template)).not.toContain('event-where');
    expect(dropped.find((d) => d.identity === 'test-article/event-where/regolith')?.reason).toMatch(/lunar/);
  });

  it('blanks an adverb of degree with its word: "greatly […]" would ask the obvious word, and the word alone is right', () => {
    const a = annotation(
      `quotes:
  - { id: husband, speaker: wang-yi, text: "The three additions greatly improved the bill, so I think she is really disappointed about the race today.", cloze: [greatly improved] }`,
      { text: 'Wang Yi said: “The three additions greatly improved the bill, so I think she is really disappointed about the race today.”' },
    );
    const cloze = card(a, 'test-article/quote-cloze/husband/greatly-improved');
    expect(cloze?.answer).toMatchObject({ text: 'greatly improved', accepted: ['improved'] });
    expect(cloze?.front).toContain('The three additions […] the bill');
  });

  it('blanks no item of a list, and no phrase whose key word stands beside the blank', () => {
    const a = annotation(
      `quotes:
  - { id: list, speaker: wang-yi, text: "We felt our power and our pain, our darkness and our light, our quest for redemption and our hard-won respect.", cloze: [quest for redemption] }
  - { id: shares, speaker: xi, text: "You can sell your shares of the company and buy shares in another company today.", cloze: [sell your shares] }
  - { id: fine, speaker: putin, text: "We will sell the gas to China at a fair price next year, whatever happens.", cloze: [fair price] }`,
      { text: 'Wang Yi said: “We felt our power and our pain, our darkness and our light, our quest for redemption and our hard-won respect.” Xi said: “You can sell your shares of the company and buy shares in another company today.” Putin said: “We will sell the gas to China at a fair price next year, whatever happens.”' },
    );
    const { cards, advice } = generateCards(a);
    const clozes = cards.filter((c) => c.template === 'quote-cloze').map((c) => c.itemId);
    expect(clozes).toEqual(['fine']);
    expect(advice.map((x) => x.message)).toEqual(
      expect.arrayContaining([
        "the cloze word 'quest for redemption' of quote 'list' is one item of a list: a student would guess it",
        "the cloze word 'sell your shares' of quote 'shares' has its word 'share' beside the blank: a student would guess it",
      ]),
    );
  });

  it('asks a blank once when the claimant says the same in a claim: "import oil" is in "savings on oil imports"', () => {
    const a = annotation(
      `quotes:
  - { id: save, speaker: putin, text: "It will cost a lot but it will also save a lot of money from not having to import oil.", cloze: [import oil] }
claims:
  - { id: pays, claimant: putin, stance: prediction, text: The plan could pay for itself through savings on oil imports, question: "According to Vladimir Putin, how could the plan pay for itself?", answer: through savings on oil imports, evidence: The plan could pay for itself through savings on oil imports }`,
      { text: 'Putin said: “It will cost a lot but it will also save a lot of money from not having to import oil.” The plan could pay for itself through savings on oil imports, he said.' },
    );
    const { cards, dropped } = generateCards(a);
    expect(cards.map((c) => c.identity)).toContain('test-article/claim-content/pays');
    expect(dropped.find((d) => d.identity === 'test-article/quote-cloze/save/import-oil')?.reason).toBe('it asks what test-article/claim-content/pays asks already');
  });

  it('asks when or where only from a sentence that says it (rule 12), and tells the annotator', () => {
    const a = annotation(
      `events:
  - { id: quits, what: Wolf quit the race, when: 2012-09-09, where: London, evidence: Wolf quit the race after a fall. }
  - { id: wins, what: Weir won the race, when: 2012-09-09, where: London, evidence: On Sunday Weir won the race in London. }`,
      { text: 'Wolf quit the race after a fall. On Sunday Weir won the race in London.', actors: '  []' },
    );
    const { cards, advice } = generateCards(a);
    expect(cards.map((c) => c.identity).filter((id) => id.includes('/quits'))).toEqual([]);
    expect(cards.map((c) => c.template).filter((t) => t === 'event-when' || t === 'event-where').sort()).toEqual(['event-when', 'event-where']);
    expect(advice.filter((x) => x.itemId === 'quits').map((x) => x.message)).toEqual([
      "event 'quits': its evidence sentence does not say when, so no card asks when",
      "event 'quits': its evidence sentence does not name 'London', so no card asks where",
    ]);
  });

  it('blanks no nickname that the actor cards ask ("nicknamed “the Queen of Soul”")', () => {
    const a = annotation(
      `quotes:
  - { id: tribute, speaker: wang-yi, text: "We will all miss the Queen of Soul and her music, which moved the whole world for decades and will move our children too.", cloze: [Queen of Soul, moved] }`,
      {
        text: 'Wang Yi said: “We will all miss the Queen of Soul and her music, which moved the whole world for decades and will move our children too.”',
        actors: `  - { id: wang-yi, name: Wang Yi, kind: person, role: a singer nicknamed "the Queen of Soul" }`,
      },
    );
    const { cards, advice } = generateCards(a);
    expect(cards.filter((c) => c.template === 'quote-cloze').map((c) => c.answer.text)).toEqual(['moved']);
    expect(advice.some((x) => x.itemId === 'tribute' && /name of an actor/.test(x.message))).toBe(true);
  });

  it('blanks neither the story’s topic, nor an adverb alone, nor the words of a speaker it does not name', () => {
    const said = 'We will answer what China fears and we will directly meet everyone who wants peace talks this year.';
    const love = 'He is our rock and our light, and we love him more than words can ever say to anyone at all.';
    // An adverb with its adverb of degree ("very quickly") is an adverb alone too.
    const quick = 'We will answer the questions of the Security Council members very quickly this year.';
    const a = annotation(
      `quotes:
  - { id: adverb, speaker: wang-yi, text: "${said}", cloze: [directly] }
  - { id: topic, speaker: wang-yi, text: "${said}", cloze: [fears] }
  - { id: degree, speaker: wang-yi, text: "${quick}", cloze: [very quickly] }
  - { id: tribute, speaker: family, text: "${love}", cloze: [rock] }`,
      {
        text: `Wang Yi said: “${said}” He added: “${quick}”\nHis family said: “${love}”`,
        actors: `  - { id: wang-yi, name: Wang Yi, kind: person, role: China's top diplomat }
  - { id: family, name: Wang's family, kind: group, role: his relatives }`,
      },
    );
    const { cards, advice } = generateCards(a);
    expect(cards.filter((c) => c.template === 'quote-cloze')).toEqual([]);
    expect(advice.map((x) => `${x.itemId}: ${x.message}`)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^adverb: .*'directly' .* is an adverb alone/),
        expect.stringMatching(/^topic: .*'fears' .* is the story's topic/),
        expect.stringMatching(/^degree: .*'very quickly' .* is an adverb alone/),
        expect.stringMatching(/^tribute: .*no cloze card, its speaker 'family' is not named/),
      ]),
    );
  });

  it('takes a definition only from where the article uses the term, not from words scattered over it', () => {
    const far = `${'Solar panels were installed. '.repeat(20)}Fuel is used up quickly.`;
    const a = annotation(
      `terms:
  - { id: renewable, term: renewable energy, definition: energy from sources that are not used up, evidence: renewable energy }`,
      { text: `The plan relies on renewable energy. ${far}`, actors: '  []' },
    );
    const { cards, advice } = generateCards(a);
    expect(cards).toEqual([]);
    expect(advice.some((x) => x.itemId === 'renewable' && /where it uses the term/.test(x.message))).toBe(true);
  });
});

describe("English and facts that other annotators' words need", () => {
  const franklin = `  - { id: franklin, name: Aretha Franklin, aliases: [Franklin], kind: person, role: the soul singer who won the Grammy }
  - { id: trump, name: Donald Trump, aliases: [Trump], kind: person, role: the US President }`;
  const text = 'Singer Aretha Franklin dies. Her song Respect won her the Grammy in 1968. Donald Trump, the US President, had said he could work with Xi before his pivot to Russia.';

  it('names a person before the pronoun that refers to them: "Franklin\'s song Respect won her", "had he suggested"', () => {
    const a = annotation(
      `events:
  - { id: grammy, what: Her song Respect won Franklin the Grammy, when: "1968", actors: [franklin], evidence: Her song Respect won her the Grammy in 1968. }
claims:
  - { id: xi, claimant: trump, stance: assertion, text: Trump could work with Xi, question: "Before his pivot to Russia, which leader had Trump suggested he could work with?", answer: Xi Jinping, evidence: had said he could work with Xi }`,
      // The headline's person is not the "his" of a question that names another person.
      { text, actors: franklin, title: 'Singer Aretha Franklin dies' },
    );
    expect(card(a, 'test-article/event-when/grammy')?.front).toBe("In what year did Franklin's song Respect win her the Grammy?");
    expect(card(a, 'test-article/claim-content/xi')?.front).toBe("Before Trump's pivot to Russia, which leader had he suggested he could work with?");
  });

  it('stamps "as of" on positions, not on what no later day changes (a co-author of a study)', () => {
    const a = annotation('', {
      text: 'Ben Rozitis, the co-author of the study, spoke. Jang Dae-hyun, the spokesman for the protesters, spoke.',
      actors: `  - { id: rozitis, name: Ben Rozitis, kind: person, role: the co-author of the study }
  - { id: jang, name: Jang Dae-hyun, kind: person, role: the spokesman for the protesters }`,
    });
    expect(card(a, 'test-article/actor-reverse/rozitis')?.front).toBe('Who was the co-author of the study?');
    expect(card(a, 'test-article/actor-reverse/jang')?.front).toBe('Who was the spokesman for the protesters, as of February 2025?');
  });

  it('asks a country by its role\'s own noun, and makes a participle role a noun phrase', () => {
    const a = annotation('', {
      text: 'The Soviet Union, the communist-era state that fought a border conflict with China in 1969, is gone. Ukraine, invaded by Russia in 2022, now faces a peace deal made over its head.',
      actors: `  - { id: ussr, name: Soviet Union, kind: country, role: the communist-era state that fought a border conflict with China in 1969 }
  - { id: ukraine, name: Ukraine, kind: country, role: "invaded by Russia in 2022, now facing a peace deal made over its head" }`,
    });
    expect(card(a, 'test-article/actor-reverse/ussr')?.front).toBe('Which communist-era state fought a border conflict with China in 1969?');
    expect(card(a, 'test-article/actor-role/ukraine')?.back).toBe('A country invaded by Russia in 2022, now facing a peace deal made over its head');
    expect(card(a, 'test-article/actor-reverse/ukraine')?.front).toBe('Which country was invaded by Russia in 2022 and is now facing a peace deal made over its head?');
  });

  it('makes no role → name card that the headline answers, or whose role names nothing of the story', () => {
    const a = annotation('', {
      title: 'Soul singer Aretha Franklin dies',
      text: 'Soul singer Aretha Franklin dies. The group NOM, a group that opposes same-sex marriage, spoke.',
      actors: `  - { id: franklin, name: Aretha Franklin, kind: person, role: the soul singer }
  - { id: nom, name: NOM, kind: organization, role: a group that opposes same-sex marriage }`,
    });
    const { cards, advice } = generateCards(a);
    expect(cards.map((c) => c.identity).filter((id) => id.includes('actor-reverse'))).toEqual([]);
    // The headline is every card's cue: "Who is Aretha Franklin?" would show its answer too.
    expect(cards.map((c) => c.identity)).not.toContain('test-article/actor-role/franklin');
    expect(advice.map((x) => x.message)).toEqual(
      expect.arrayContaining([
        "no role cards for 'franklin': the headline, shown on every card, names it and says its role",
        "no role → name card for 'nom': its role 'a group that opposes same-sex marriage' names nothing of this story, so many others fit it",
      ]),
    );
  });

  it('makes no role card when the headline puts a word of the role beside the name ("US beef")', () => {
    const a = annotation('', {
      title: 'Police clamp down on protests against US beef',
      text: 'The United States, the beef exporter whose first case of mad cow disease led to a ban, said nothing.',
      actors: '  - { id: us, name: United States, aliases: [US], kind: country, role: the beef exporter whose first case of mad cow disease led to a ban }',
    });
    const { cards, advice } = generateCards(a);
    expect(cards.filter((c) => c.itemId === 'us')).toEqual([]);
    expect(advice.map((x) => x.message)).toContain("no role cards for 'us': the headline, shown on every card, names it and says its role");
  });

  it('asks no name from a role that many hold, from a national office or from an epithet (rule 13)', () => {
    const a = annotation('', {
      text: 'Bong Wie, an aerospace engineer at Iowa State University, spoke. 2000 Republican presidential candidate Gary Bauer spoke. US President Donald Trump spoke. The US, the world’s largest economy, spoke. Wang Yi, China’s top diplomat, spoke.',
      actors: `  - { id: wie, name: Bong Wie, kind: person, role: an aerospace engineer at Iowa State University }
  - { id: bauer, name: Gary Bauer, kind: person, role: the 2000 Republican presidential candidate }
  - { id: trump, name: Donald Trump, kind: person, role: the US President }
  - { id: us, name: United States, aliases: [US], kind: country, role: the world's largest economy }
  - { id: wang-yi, name: Wang Yi, kind: person, role: China's top diplomat }`,
    });
    const { cards, advice } = generateCards(a);
    const ids = cards.map((c) => c.identity);
    // The name → role card stays for the engineer; "Who was an aerospace engineer at Iowa State?" goes, and
    // "the US President" is general knowledge either way round.
    expect(ids.filter((id) => id.includes('actor-reverse'))).toEqual(['test-article/actor-reverse/wang-yi']);
    expect(ids).toContain('test-article/actor-role/wie');
    expect(ids.filter((id) => id.endsWith('/trump'))).toEqual([]);
    // One of several candidates is "a" candidate, and the epithet makes no card either way.
    expect(card(a, 'test-article/actor-role/bauer')?.back).toBe('A 2000 Republican presidential candidate');
    expect(ids.filter((id) => id.endsWith('/us'))).toEqual([]);
    expect(advice.map((x) => x.message)).toEqual(
      expect.arrayContaining([
        "no role cards for 'trump': who holds 'the US President' is general knowledge, not this story's fact",
        "no role cards for 'us': 'the world's largest economy' is an epithet, not its part in this story",
      ]),
    );
  });

  it('asks where as the sentence names the place, never a place only the annotator adds', () => {
    const a = annotation(
      `events:
  - { id: panel, what: Kellogg told a panel the US hoped to force Putin, when: 2025-02-15, where: "Munich Security Conference, Munich, Germany", evidence: Kellogg told a panel in Munich that the US hoped to force Putin }
  - { id: clash, what: The neighbours fought, when: "1969", where: the Sino-Soviet border, evidence: The neighbours fought along their shared border in 1969 }`,
      { text: 'Kellogg told a panel in Munich that the US hoped to force Putin. The neighbours fought along their shared border in 1969.', actors: '  []' },
    );
    const { cards, advice } = generateCards(a);
    expect(card(a, 'test-article/event-where/panel')?.answer.text).toBe('Munich');
    // "near" is the annotator's and true: the answer keeps it when the sentence names the place.
    const near = annotation(
      `events:
  - { id: clash, what: Protesters tried to drag away police buses, when: 2008-06-28, where: "near Cheongwadae, the President's house", evidence: Protesters tried to drag away police buses used to block Cheongwadae }`,
      { text: 'Protesters tried to drag away police buses used to block Cheongwadae.', actors: '  []' },
    );
    expect(card(near, 'test-article/event-where/clash')?.answer.text).toBe('near Cheongwadae');
    expect(cards.map((c) => c.identity)).not.toContain('test-article/event-where/clash');
    expect(advice.map((x) => x.message)).toContain("event 'clash': its evidence sentence does not name 'the Sino-Soviet border', so no card asks where");
  });

  it('shows with a role’s sentence the one that tells the year the role gives', () => {
    const text = 'She signed in 1956 with JVB Records and in 1966 with Atlantic Records. At Atlantic she focused on soul and R&B, and was highly successful.';
    const a = annotation('', { text, actors: `  - { id: atlantic, name: Atlantic Records, aliases: [Atlantic], kind: organization, role: "the label she joined in 1966, where she focused on soul and R&B" }` });
    expect(card(a, 'test-article/actor-role/atlantic')?.source.sentence).toBe(
      'She signed in 1956 with JVB Records and in 1966 with Atlantic Records. … At Atlantic she focused on soul and R&B, and was highly successful.',
    );
  });

  it('makes no role card for a name only listed, in the article and in an answer, even where a longer name holds it', () => {
    const text = 'She sang at an Elton John AIDS Foundation event. She was working on an album with others, mentioning Stevie Wonder, Elton John, and Lionel Richie.';
    const a = annotation(
      `claims:
  - { id: album, claimant: article, stance: assertion, text: She was working on an album, question: What was she working on?, answer: "An album with others, such as Stevie Wonder, Elton John and Lionel Richie", evidence: "working on an album with others" }`,
      {
        text,
        actors: `  - { id: wonder, name: Stevie Wonder, kind: person, role: one of the musicians mentioned for her album }
  - { id: elton, name: Elton John, kind: person, role: one of the musicians mentioned for her album }
  - { id: richie, name: Lionel Richie, kind: person, role: one of the musicians mentioned for her album }
  - { id: ejaf, name: Elton John AIDS Foundation, kind: organization, role: the charity at whose event she sang }`,
      },
    );
    const { cards, advice } = generateCards(a);
    expect(cards.filter((c) => c.family === 'actors' && c.itemId !== 'ejaf')).toEqual([]);
    expect(advice.map((x) => x.message)).toContain("no role cards for 'elton': it is named once, beside others, and in no other item: a name in a list");
  });

  it('makes no role card for a role told through another actor’s, and names the headline’s singer for "the singer’s"', () => {
    const a = annotation('', {
      title: 'Soul singer Aretha Franklin dies',
      text: 'Steve Ellis, Vice President of Taxpayers for Common Sense, explained the bill. Her publicist Gwendolyn Quinn announced her death.',
      actors: `  - { id: franklin, name: Aretha Franklin, kind: person, role: the soul singer }
  - { id: ellis, name: Steve Ellis, kind: person, role: Vice President of Taxpayers for Common Sense }
  - { id: tcs, name: Taxpayers for Common Sense, kind: organization, role: the organization whose vice president explained the bill }
  - { id: quinn, name: Gwendolyn Quinn, kind: person, role: "the singer's publicist, who announced her death" }`,
    });
    const ids = cardsOf(a).map((c) => c.identity);
    expect(ids.filter((id) => id.endsWith('/tcs'))).toEqual([]);
    expect(ids).toContain('test-article/actor-role/ellis');
    expect(card(a, 'test-article/actor-reverse/quinn')?.front).toBe("Who was Aretha Franklin's publicist who announced her death?");
  });

  it('asks no speaker of a phrase with one word of content ("to force")', () => {
    const a = annotation(`quotes:
  - { id: q1, speaker: wang-yi, text: to force, context: at the UN }
  - { id: q2, speaker: xi, text: old friend, context: at a dinner }`,
      { text: 'Wang Yi hoped “to force” a deal at the UN. Xi called Putin his “old friend” at a dinner.' },
    );
    const ids = cardsOf(a).map((c) => c.identity);
    expect(ids).not.toContain('test-article/quote-speaker/q1');
    expect(ids).toContain('test-article/quote-speaker/q2');
  });

  it('shows as the source of "Who said …?" the one sentence of the quote, the speaker named in brackets when it says "he"', () => {
    const a = annotation(
      `quotes:
  - { id: q1, speaker: wang-yi, text: We support peace talks }
  - { id: q2, speaker: xi, text: Our trade with Russia is normal trade }`,
      { text: 'Wang Yi spoke at the UN on Tuesday. "We support peace talks," he said. Xi Jinping said: "Our trade with Russia is normal trade. It will go on."' },
    );
    expect(card(a, 'test-article/quote-speaker/q1')?.source.sentence).toBe('"We support peace talks," [Wang Yi] said.');
    expect(card(a, 'test-article/quote-speaker/q2')?.source.sentence).toBe('Xi Jinping said: "Our trade with Russia is normal trade. …"');
  });

  it('drops a demonym that gives away a region ("Tunisian" → "an African record") and keeps the card', () => {
    const a = annotation(
      `claims:
  - { id: record, claimant: article, stance: assertion, text: Zhiou set an African record, question: What record did Tunisian Abderrahim Zhiou set in the marathon?, answer: an African record, evidence: Tunisian Abderrahim Zhiou set an African record in the marathon. }`,
      { text: 'Tunisian Abderrahim Zhiou set an African record in the marathon.', actors: '  []' },
    );
    expect(card(a, 'test-article/claim-content/record')?.front).toBe('What record did Abderrahim Zhiou set in the marathon?');
  });

  it('cuts from the cue only the words of the title that give an answer away, while the rest says what the story is', () => {
    const a = annotation('', {
      title: 'South Korean police clamp down on protests against US beef',
      text: 'Police clamped down on protests. The United States, the exporter of the meat, said nothing.',
      actors: '  - { id: us, name: United States, aliases: [US], kind: country, role: the exporter of the meat }',
    });
    expect(new Set(cardsOf(a).map((c) => c.cue))).toEqual(new Set(['the CNN story “South Korean police clamp down on protests against … beef” (20 February 2025)']));
    // A title that would be mostly gaps names no story: the outlet and the date do.
    const mostlyGaps = annotation('', { text: 'China, the ally that backs Russia, spoke.', actors: '  - { id: china, name: China, kind: country, role: the ally that backs Russia }' });
    expect(new Set(cardsOf(mostlyGaps).map((c) => c.cue))).toEqual(new Set(['the CNN story of 20 February 2025']));
  });

  it('shows a role told in a quotation\'s next sentence with that sentence, and asks it once with the quote', () => {
    const a = annotation(
      `quotes:
  - { id: opinions, speaker: kim, text: We are just here to express our opinions., context: speaking as a protester }
  - { id: ban, speaker: kim, text: "I can't understand why this government tries to ban our rally.", context: speaking as a protester }`,
      {
        text: 'One protester, Kim In-seok, stated, "We are just here to express our opinions. I can\'t understand why this government tries to ban our rally."',
        actors: "  - { id: kim, name: Kim In-seok, kind: person, role: a protester who could not understand why the government tried to ban the rally }",
      },
    );
    const { cards, dropped } = generateCards(a);
    expect(cards.find((c) => c.identity === 'test-article/actor-role/kim')?.source.sentence).toContain("I can't understand why");
    expect(dropped.find((d) => d.identity === 'test-article/actor-reverse/kim')?.reason).toMatch(/^it asks what test-article\/quote-speaker\/opinions asks already$/);
  });

  it('blanks no number of a sentence whose subject is a bare "It", and asks "Where did she die?" without "at home"', () => {
    const a = annotation(
      `claims:
  - { id: porosity, claimant: article, stance: assertion, text: the porosity is 51%, evidence: "It allowed to calculate a porosity of 51 percent." }
events:
  - { id: dies, what: Aretha Franklin died at home, when: 2025-02-18, where: "Detroit, Michigan", actors: [franklin], evidence: "On 18 February, Aretha Franklin died in her Detroit home." }
  - { id: show, what: Franklin gave her last show, when: 2025-01, where: New York City, actors: [franklin], evidence: Franklin gave her last show in New York City in January. }`,
      { text: 'It allowed to calculate a porosity of 51 percent. On 18 February, Aretha Franklin died in her Detroit home. Franklin gave her last show in New York City in January.', actors: franklin },
    );
    const ids = cardsOf(a).map((c) => c.identity);
    expect(ids.filter((id) => id.includes('claim-number'))).toEqual([]);
    expect(card(a, 'test-article/event-where/dies')?.front).toBe('Where did Aretha Franklin die?');
    expect(card(a, 'test-article/event-where/show')?.answer.accepted).toContain('New York');
  });
});

describe('typed answers and sources that hold the whole fact', () => {
  it('accepts a hedged number bare, a place without "in front of", and the short name of an answer that starts with a name', () => {
    const a = annotation(
      `claims:
  - { id: vigils, claimant: article, stance: assertion, text: "as many as 80,000 attended", question: How many people attended the vigils at most?, answer: "as many as 80,000", evidence: "As many as 80,000 people attended the vigils." }
  - { id: partner, claimant: article, stance: assertion, text: Putin could work with Xi, question: With which leader could Putin work?, answer: "Xi Jinping, using China's sway", evidence: "Putin could work with Xi, using China's sway." }
events:
  - { id: plaza, what: Police blocked the plaza, when: 2025-02-18, where: in front of Seoul City Hall, evidence: "Police blocked the plaza in front of Seoul City Hall." }`,
      { text: "As many as 80,000 people attended the vigils. Putin could work with Xi, using China's sway. Police blocked the plaza in front of Seoul City Hall." },
    );
    expect(card(a, 'test-article/claim-content/vigils')?.answer.accepted).toContain('80,000');
    expect(card(a, 'test-article/claim-content/partner')?.answer.accepted).toEqual(expect.arrayContaining(['Xi Jinping', 'Xi']));
    expect(card(a, 'test-article/event-where/plaza')?.answer.accepted).toContain('Seoul City Hall');
  });

  it('shows on the back of "Which happened first?" the sentence of each event', () => {
    const a = annotation(
      `events:
  - { id: signs, what: Franklin signed with JVB Records, when: "1956", actors: [franklin], evidence: Franklin signed with JVB Records in 1956. }
  - { id: nickname, what: Franklin acquired a nickname, when: "1967", actors: [franklin], evidence: She acquired a nickname in 1967. }`,
      { text: 'Franklin signed with JVB Records in 1956. Later she toured. She acquired a nickname in 1967.', actors: '  - { id: franklin, name: Aretha Franklin, aliases: [Franklin], kind: person, role: the soul singer }' },
    );
    const order = cardsOf(a).find((c) => c.template === 'event-order');
    expect(order?.source.sentence).toBe('Franklin signed with JVB Records in 1956. … She acquired a nickname in 1967.');
  });
});
