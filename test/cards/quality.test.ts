import { describe, expect, it } from 'vitest';
import type { Actor, Annotation } from '../../src/annotation/index.js';
import { generateCards, indexActors, leakedAnswer, rolesOverlap, type Card } from '../../src/cards/index.js';
import { loadDecks } from '../../src/cli/load.js';
import { fakeIo } from '../helpers/io.js';

/**
 * card-quality.md, checked on every card of every fixture deck: the sample in
 * decks/ and the real articles in test/fixtures/articles/ (four of them
 * annotated by someone who did not build newsdeck). If an annotation makes a
 * bad card, this suite fails; the checks are written apart from the generator
 * wherever a rule can be decided by a pattern.
 */
const decks = loadDecks(['decks', 'test/fixtures/articles'], fakeIo().io);

function actorOf(annotation: Annotation, id: string | undefined): Actor {
  const actor = annotation.actors.find((a) => a.id === id);
  if (actor === undefined) throw new Error(`no actor ${id}`);
  return actor;
}

const fold = (s: string): string => s.toLowerCase().replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/[–—]/g, '-').replace(/\s+/g, ' ');

/** Whole-word, case-insensitive containment, with curly and straight quotes equal. */
function contains(text: string, phrase: string): boolean {
  const escaped = fold(phrase).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, 'u').test(fold(text));
}

/** Every problem the check finds, as `identity: why`, so a failure lists all the bad cards at once. */
function problems(check: (card: Card, annotation: Annotation) => string | undefined): string[] {
  const found: string[] = [];
  for (const deck of decks) {
    for (const card of deck.cards) {
      const problem = check(card, deck.annotation);
      if (problem !== undefined) found.push(`${card.identity}: ${problem}`);
    }
  }
  return found;
}

const STOP = new Set('a an the of to in on at for and or but by with from as is are was were be it its this that these those his her their'.split(' '));
const words = (text: string): string[] => fold(text).split(/[^\p{L}\p{N}'-]+/u).filter((w) => w !== '' && !STOP.has(w));

describe('the fixture decks', () => {
  it('are the sample and the seven real articles, all loaded', () => {
    expect(decks.map((d) => d.annotation.article.id).sort()).toEqual([
      'aretha-franklin-dies',
      'asteroid-1950da-cohesive-forces',
      'china-trump-russia-pivot',
      'maldives-carbon-neutral',
      'paralympics-marathon-2012',
      'south-korea-beef-protests',
      'us-senate-bailout-vote',
      'us-supreme-court-same-sex-marriage',
    ]);
  });

  it('ask numbers, the order of events and who did what, besides who and what (rule 14)', () => {
    // Who did what is asked by event-actor, or by the role card when the annotator's role is that very act
    // (then event-actor gives way to it): the real articles' annotators always wrote roles so.
    const templates = new Set(decks.flatMap((d) => d.cards.map((c) => c.template)));
    // How many, how much: asked in most decks, by a claim, a fact or a cloze. (The one number cloze of the
    // fixtures, "Around […] police buses …", gave way to the card asking where, whose answer its sentence shows;
    // claim-number and event-number are tried in test/cards/generate.test.ts.)
    const withNumbers = decks.filter((d) => d.cards.some((c) => c.answer.kind === 'number'));
    expect(withNumbers.length).toBeGreaterThanOrEqual(decks.length - 1);
    for (const t of ['event-order', 'fact-question', 'quote-speaker', 'quote-cloze', 'claim-content', 'actor-reverse', 'event-when']) {
      expect(templates, t).toContain(t);
    }
  });

  // Cards per deck at the sixth blind read of 2026-12-02 (read 6 of that day), which found 8.8% of them faulty;
  // the cards dropped since were ones it faulted. A rule may drop bad cards, but a deck thinner by more than a
  // fifth has lost good ones too (issue: "no deck thinner than today by more than a fifth unless the cards
  // dropped were bad").
  const LAST_READ: Record<string, number> = {
    'aretha-franklin-dies': 42,
    'asteroid-1950da-cohesive-forces': 30,
    'china-trump-russia-pivot': 40,
    'maldives-carbon-neutral': 25,
    'paralympics-marathon-2012': 22,
    'south-korea-beef-protests': 31,
    'us-senate-bailout-vote': 34,
    'us-supreme-court-same-sex-marriage': 37,
  };


  it('are not thin: every deck keeps four fifths of its cards of the last blind read, and nearly half its items', () => {
    expect(decks.map((d) => d.annotation.article.id).sort()).toEqual(Object.keys(LAST_READ).sort());
    for (const deck of decks) {
      const a = deck.annotation;
      const items = a.actors.length + a.quotes.length + a.claims.length + a.events.length + a.terms.length + a.facts.length;
      const covered = new Set(deck.cards.map((c) => c.itemId)).size;
      expect(deck.cards.length, a.article.id).toBeGreaterThanOrEqual(0.8 * (LAST_READ[a.article.id] ?? Infinity));
      // Not every item is worth a card of its own (a role another card asks, a quote only a cloze could ask).
      // A name only listed beside others (two runners of one sentence, read as trivia at the blind read of
      // 2026-12-02) makes none either.
      expect(covered / items, a.article.id).toBeGreaterThanOrEqual(0.4);
    }
  });
});

describe('every card of every fixture deck', () => {
  it('has an identity article/template/item[/variant], unique in its deck', () => {
    for (const deck of decks) {
      const ids = deck.cards.map((c) => c.identity);
      expect(new Set(ids).size).toBe(ids.length);
    }
    expect(
      problems((card, a) =>
        /^[a-z0-9-]+\/[a-z0-9-]+\/[a-z0-9-]+(\/[a-z0-9-]+)?$/.test(card.identity) && card.identity.startsWith(`${a.article.id}/${card.template}/${card.itemId}`)
          ? undefined
          : 'malformed identity',
      ),
    ).toEqual([]);
  });

  it('never shows its answer on the front, under any of its names or its demonym (rule 2)', () => {
    expect(
      problems((card, a) => {
        if (card.template === 'event-order') return undefined; // it names both events by design; checked below
        const front = `${card.cue}\n${card.front}`;
        if (card.kind === 'cloze' && contains(front, card.answer.text)) return `'${card.answer.text}' is on the front`;
        if (card.answer.kind !== 'actor') return contains(front, card.answer.text) ? `'${card.answer.text}' is on the front` : undefined;
        const actor = actorOf(a, card.answer.actorId);
        const named = [actor.name, ...actor.aliases].find((n) => contains(front, n));
        if (named !== undefined) return `'${named}' is on the front`;
        return leakedAnswer(card, indexActors(a)) === undefined ? undefined : 'a form of the answer is on the front';
      }),
    ).toEqual([]);
  });

  it('has exactly one right answer: a reverse card only for a role no other actor shares, a date card only for one date (rule 3)', () => {
    expect(
      problems((card, a) => {
        if (card.template === 'actor-reverse') {
          const actor = actorOf(a, card.answer.actorId);
          const twin = a.actors.find((o) => o.id !== actor.id && rolesOverlap(o.role, actor.role));
          return twin === undefined ? undefined : `'${twin.id}' has the same role`;
        }
        if (card.template === 'event-when') {
          return /^(\d{1,2} )?([A-Z][a-z]+ )?\d{4}$/.test(card.answer.text) ? undefined : `'${card.answer.text}' is not one date`;
        }
        return undefined;
      }),
    ).toEqual([]);
  });

  it('has its story on the front and the outlet and date on the back (rule 4)', () => {
    expect(problems((card) => (card.cue.trim() === '' ? 'no cue' : card.source.title === '' ? 'no title' : undefined))).toEqual([]);
  });

  it('keeps attribution: an actor’s claim is answered as what that actor says (rule 5)', () => {
    expect(
      problems((card, a) => {
        if (card.family !== 'claims' || card.template === 'claim-number') return undefined;
        const claim = a.claims.find((c) => c.id === card.itemId);
        if (claim === undefined || claim.claimant === 'article') return undefined;
        const said = `${card.kind === 'qa' ? card.back : ''} ${card.extra ?? ''}`;
        // "Mohamed Nasheed hopes that …": the article's own verb of hope or belief is attribution too.
        return /\bAccording to\b/.test(said) || new RegExp(`^${claim.claimant.name} (?:hopes|fears|expects|believes|doubts) that `).test(card.extra ?? '') ? undefined : 'no "According to …" on the back';
      }),
    ).toEqual([]);
  });

  it('date-stamps positions only, never a role that tells what the actor did (rule 6)', () => {
    expect(
      problems((card, a) => {
        if (card.family !== 'actors') return undefined;
        const actor = actorOf(a, card.itemId);
        const act = /\b(who|whose|whom|that|which)\b/i.test(actor.role);
        if (!act) return undefined;
        if (/\bas of\b/.test(card.front)) return '"as of" in a question after an act: it reads as the act\'s date';
        // On the back, an office held for a time is dated even when the role tells an act ("The Representative
        // who voted against the bill on Monday (as of October 2008)"); an act alone is history.
        const office = /^the\s+(?!one\b|only\b|first\b|last\b)(?:[\w-]+\s+){0,3}(?:representative|senator|president|minister|secretary|governor|mayor|leader|spokesman|spokeswoman|director|ambassador|envoy)\b/i.test(actor.role);
        return !office && card.kind === 'qa' && /\bas of\b/.test(card.back) ? '"as of" on a role that is history' : undefined;
      }),
    ).toEqual([]);
  });

  it('dates what only the day of the story could tell: no "this week" or "yesterday" outside a quotation (rule 6)', () => {
    expect(
      problems((card) => {
        const texts = [card.front, card.kind === 'qa' ? card.back : '', card.extra ?? ''];
        for (const text of texts) {
          // The speaker's own words are quoted as spoken.
          const unquoted = text.replace(/“[^”]*”|"[^"]*"/g, '');
          const found = /\b(this|last|next) (week|month|year)\b|\b(today|yesterday|tomorrow)\b/i.exec(unquoted);
          if (found !== null) return `undated '${found[0]}' in: ${text}`;
        }
        return undefined;
      }),
    ).toEqual([]);
  });

  it('states facts on its back, not what the article leaves out ("not named in the article")', () => {
    expect(
      problems((card) =>
        /\bnot (named|mentioned) in the article\b|\bthe article (gives only|gives no|does not)\b/i.test(card.extra ?? '') ? `annotator remark: ${card.extra}` : undefined,
      ),
    ).toEqual([]);
  });

  it('asks for an actor with the grammar of its kind (rule 7)', () => {
    expect(
      problems((card, a) => {
        if (card.answer.kind !== 'actor') return undefined;
        const kind = actorOf(a, card.answer.actorId).kind;
        const which = /\bWhich (person|organization|country|group)\b/.exec(card.front)?.[1];
        if (which !== undefined && which !== kind) return `asks "Which ${which}" for a ${kind}`;
        if (kind === 'person' && /\bWhat (was|is) the name\b/.test(card.front)) return 'asks "What" for a person';
        // "Which communist-era state fought …?": a noun of the actor's kind asks as well as the kind.
        const ofKind = { person: /$^/, country: /\bWhich [^?]*\b(state|nation|republic|kingdom|power)\b/, organization: /\bWhich [^?]*\b(body|institution)\b/, group: /\bWhich [^?]*\bgroup\b/ }[kind];
        if (which === undefined && !/\b([Ww]ho|What (was|is) the name of)\b/.test(card.front) && !ofKind.test(card.front)) return 'no question word for an actor';
        return undefined;
      }),
    ).toEqual([]);
  });

  it('offers fair options only: three or more, one right, same kind, none the question names, none another right answer (rule 8)', () => {
    expect(
      problems((card, a) => {
        if (card.choices === undefined) return undefined;
        if (card.choices.length < 3) return `${card.choices.length} options`;
        if (card.choices.filter((c) => c === card.answer.text).length !== 1) return 'the answer is not one option';
        const answer = actorOf(a, card.answer.actorId);
        for (const choice of card.choices.filter((c) => c !== card.answer.text)) {
          const option = a.actors.find((o) => o.name === choice);
          if (option === undefined) return `'${choice}' is no actor`;
          if (option.kind !== answer.kind) return `'${choice}' is a ${option.kind}`;
          if ([option.name, ...option.aliases].some((n) => contains(card.front, n))) return `'${choice}' is named by the question`;
          if ([option.name, ...option.aliases].some((n) => [answer.name, ...answer.aliases].includes(n))) return `'${choice}' is another name of the answer`;
          if (contains(option.name, answer.name) || contains(answer.name, option.name)) return `'${choice}' is a part or container of the answer`;
          if (card.template === 'actor-reverse' && rolesOverlap(option.role, answer.role)) return `'${choice}' has a role that also fits`;
        }
        return undefined;
      }),
    ).toEqual([]);
  });

  it('gives every role → name card its name → role card: their Anki note never has an empty first field', () => {
    for (const deck of decks) {
      const roles = new Set(deck.cards.filter((c) => c.template === 'actor-role').map((c) => c.itemId));
      expect(deck.cards.filter((c) => c.template === 'actor-reverse' && !roles.has(c.itemId)).map((c) => c.identity)).toEqual([]);
    }
  });

  it('puts its options in an order fixed by its identity, the same on every build (rule 8)', () => {
    for (const deck of decks) {
      const again = generateCards(deck.annotation).cards;
      expect(again.map((c) => c.choices)).toEqual(deck.cards.map((c) => c.choices));
    }
  });

  it('blanks a key term with enough words around it, one blank per card (rule 9)', () => {
    expect(
      problems((card) => {
        if (card.kind !== 'cloze') return undefined;
        if (words(card.answer.text).length === 0) return `'${card.answer.text}' is a stop word`;
        if (words(`${card.before} ${card.after}`).length < 3) return 'too few words around the blank';
        if ((card.front.match(/\[…\]/g) ?? []).length !== 1) return 'not exactly one blank';
        return undefined;
      }),
    ).toEqual([]);
  });

  it('accepts what the article says of a date as partly right, and nothing it does not say (rule 10)', () => {
    expect(
      problems((card, a) => {
        if (card.answer.kind !== 'date') return undefined;
        const day = /^(\d{1,2}) ([A-Z][a-z]+) (\d{4})$/.exec(card.answer.text);
        if (day === null) return undefined;
        const weekday = new Date(`${day[2]} ${day[1]}, ${day[3]} UTC`).toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'UTC' });
        const said = contains(a.article.text, weekday);
        if (said !== (card.answer.partial?.includes(weekday) === true)) return `'${weekday}' ${said ? 'is not' : 'is'} accepted as partly right`;
        return card.answer.partial?.includes(day[3] as string) === true ? undefined : 'the year alone is not partly right';
      }),
    ).toEqual([]);
  });

  it('is plain, grammatical English: no glued or doubled words, no double negatives (rule 11)', () => {
    const bad: [RegExp, string][] = [
      [/\b(the|a|an) (the|a|an)\b/i, 'two articles'],
      [/\b(\w+) \1\b/i, 'a doubled word'],
      [/\bAccording to [^,]+, that\b/, '"According to X, that"'],
      [/\bdisputes [^?]*\b(denial|denies)\b/i, 'a double negative'],
      [/\bWhich (organization|country|group) (was|is|were|are) (the|a|an) (organization|country|group|body)\b/, 'the kind said twice'],
      [/\bWhich group (was|is) \w+s\b/, 'a plural after "was"'],
      [/\bWhat role does\b/, 'a generic "what role" question'],
      [/\bin this story\?[^\n]/, 'text after the question'],
      [/\?\s*\?|\.\s*\?|\?\./, 'broken punctuation'],
      [/ {2,}/, 'a double space'],
      [/\bAccording to [A-Z][a-z]+s\b(?! [A-Z])/, 'a description capitalised after "According to"'],
      [/\b(this person|this country|this organization)'s\b.*\b\1 (said|disputes)/, 'a masked name asked about itself'],
    ];
    expect(
      problems((card) => {
        const texts = [card.front, card.kind === 'qa' ? card.back : '', card.extra ?? ''];
        for (const text of texts) {
          for (const [pattern, why] of bad) if (pattern.test(text)) return `${why}: ${text}`;
        }
        if (card.kind === 'qa' && !/\?$/.test(card.front.trim())) return `the question does not end with "?": ${card.front}`;
        if (!/^[“"‘'(\p{Lu}\p{N}…]/u.test(card.front)) return `the front starts in lower case: ${card.front}`;
        return undefined;
      }),
    ).toEqual([]);
  });

  it('shows on the back a whole sentence of the article, not the headline, that supports the answer (rule 12)', () => {
    expect(
      problems((card, a) => {
        const sentence = card.source.sentence;
        if (sentence === undefined) return card.family === 'facts' ? undefined : 'no source sentence';
        const text = fold(a.article.text);
        // Sentences of two passages ("Which happened first?") are joined with " … ": each is the article's own.
        const parts = fold(sentence).split(' … ').map((p) => p.replace(/^…|…$/g, ''));
        if (parts.length > 2) return 'more than two passages';
        // A speaker's name in brackets ("“…,” [Marcy Kaptur] said", "[Chris Goodall:] “…”") is the card's, not the
        // article's: the words around it are the article's, in its order, and one sentence.
        // A sentence cut out of a quotation opens or closes it for itself ("“… It's exciting …”"): those marks too.
        const own = (part: string): string[] =>
          part
            .replace(/^["“]…\s/, '')
            .replace(/\s…["”]$/, '')
            .split(/\s*\[[^\]]+\]:?\s*/)
            .filter((piece) => piece !== '');
        if (!parts.every((p) => own(p).every((piece) => text.includes(piece)))) return 'the sentence is not in the article';
        if (parts.some((p) => /\[[^\]]+\]/.test(p) && own(p).join(' ').split(/(?<=[.!?]["”’]?)\s+(?=[“"]?\p{Lu})/u).length > 1)) return `two sentences run together: ${sentence}`;
        if (parts.includes(fold(a.article.title))) return 'the headline';
        if (!sentence.startsWith('…') && !/^[“"‘'([\p{Lu}\p{N}]/u.test(sentence)) return `cut at its start: ${sentence}`;
        if (!sentence.endsWith('…') && !/[.!?]["”’)]?$|[”"]$/.test(sentence)) return `cut at its end: ${sentence}`;
        if (/\b(U\.S|Mr|Mrs|Dr|Rep|Sen|St|[A-Z])\.$/.test(sentence)) return `cut after an abbreviation: ${sentence}`;
        // A sentence cut out of a longer quotation opens or closes it for itself ("“… It's exciting …”").
        for (const part of sentence.split(' … ')) {
          const marks = (re: RegExp): number => (part.match(re) ?? []).length;
          if (marks(/"/g) % 2 !== 0 || marks(/“/g) !== marks(/”/g)) return `a quotation left open: ${part}`;
        }
        // The sentence says the answer (or, for an actor's role card, names the actor).
        if (card.family === 'actors') {
          const actor = actorOf(a, card.itemId);
          return [actor.name, ...actor.aliases].some((n) => contains(sentence, n)) ? undefined : 'the sentence does not name the actor';
        }
        if (card.kind === 'cloze') return contains(sentence, card.answer.text) ? undefined : 'the sentence does not hold the answer';
        if (card.answer.kind === 'number') {
          const numbers = card.answer.text.match(/\d[\d,.]*\d|\d/g) ?? [];
          return numbers.every((n) => sentence.includes(n)) ? undefined : 'the sentence does not hold the number';
        }
        return undefined;
      }),
    ).toEqual([]);
  });

  it('shows for "who said it?" the words that name the speaker, not "he said" alone (rule 12)', () => {
    expect(
      problems((card, a) => {
        if (card.answer.kind !== 'actor' || card.family === 'actors' || card.source.sentence === undefined) return undefined;
        const actor = actorOf(a, card.answer.actorId);
        const names = [actor.name, ...actor.aliases, ...actor.name.split(/\s+/).filter((w) => w.length > 3)];
        const sentence = card.source.sentence as string;
        if (names.some((n) => contains(sentence, n))) return undefined;
        // Further back than two sentences, the paragraph that holds it names the speaker ("Franklin's career … She told Vogue …").
        const paragraph = a.article.text.split(/\n\s*\n/).find((p) => fold(p).includes(fold(sentence).slice(0, 60))) ?? '';
        const nearby = /^(She|He|They)\b/.test(sentence) && names.some((n) => contains(paragraph, n));
        return nearby ? undefined : `the source does not name ${actor.name}: ${sentence}`;
      }),
    ).toEqual([]);
  });

  it('blanks one gap per sentence of the article: two cloze cards of one sentence show each other the answer (rule 13)', () => {
    for (const deck of decks) {
      const sentences = deck.cards.filter((c) => c.kind === 'cloze').map((c) => fold(c.source.sentence ?? c.identity));
      expect(sentences.filter((s, i) => sentences.indexOf(s) !== i), deck.annotation.article.id).toEqual([]);
    }
  });

  it('asks one fact once: no two cards with one front, no answer asked again and again, no tautology (rule 13)', () => {
    for (const deck of decks) {
      const fronts = deck.cards.map((c) => fold(c.front));
      expect(fronts.filter((f, i) => fronts.indexOf(f) !== i), deck.annotation.article.id).toEqual([]);
      const byAnswer = new Map<string, number>();
      for (const card of deck.cards.filter((c) => c.answer.kind === 'actor')) byAnswer.set(card.answer.text, (byAnswer.get(card.answer.text) ?? 0) + 1);
      expect([...byAnswer].filter(([, n]) => n > 2), deck.annotation.article.id).toEqual([]);
      // "Who said …?" and "Who said that …?" on the same sentence of the article are one fact.
      const who = deck.cards.filter((c) => c.answer.kind === 'actor' && c.template !== 'actor-reverse').map((c) => `${c.answer.text}|${c.source.sentence}`);
      expect(who.filter((k, i) => who.indexOf(k) !== i), deck.annotation.article.id).toEqual([]);
    }
    expect(
      problems((card, a) => {
        if (card.template !== 'actor-role') return undefined;
        const actor = actorOf(a, card.itemId);
        const nameWords = new Set(words(actor.name));
        const roleWords = words(actor.role);
        return roleWords.filter((w) => nameWords.has(w)).length * 2 >= roleWords.length ? 'the role repeats the name' : undefined;
      }),
    ).toEqual([]);
  });

  it('makes no generic question for an item without `question:`, and says so to the annotator (rule 15)', () => {
    for (const deck of decks) {
      const { advice } = generateCards(deck.annotation);
      for (const claim of deck.annotation.claims.filter((c) => c.question === undefined)) {
        expect(deck.cards.some((c) => c.identity === `${deck.annotation.article.id}/claim-content/${claim.id}`)).toBe(false);
        expect(advice.some((x) => x.itemId === claim.id && x.template === 'claim-content' && /question:/.test(x.hint))).toBe(true);
      }
    }
  });
});
