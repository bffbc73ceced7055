/** The checked model: the validated input with references resolved and spans located. */
import {
  CARD_FAMILIES,
  type Actor,
  type Annotation,
  type Article,
  type Claim,
  type Fact,
  type NewsEvent,
  type Passage,
  type Quote,
  type Term,
} from './model.js';
import type { AnnotationInput } from './schema.js';
import type { Locator, Path } from './report.js';
import type { ArticleText } from './text-match.js';
import { quotationOf, sentenceAround } from './sentences.js';

export function buildModel(input: AnnotationInput, articleSpans: ArticleText, file: string, locate: Locator): Annotation {
  const articleText = articleSpans.text;
  const passage = (span: string): Passage => {
    // checkItems found every span already: this is the cached result.
    const found = articleSpans.find(span) as NonNullable<ReturnType<ArticleText['find']>>;
    return {
      span: articleText.slice(found.offset, found.offset + found.length),
      sentence: sentenceAround(articleText, found.offset, found.length, false),
      ...quotationOf(articleText, found.offset, found.length),
      offset: found.offset,
    };
  };
  const base = (item: { id: string; was?: string | undefined; tags?: string[] | undefined; skip?: string[] | undefined }, path: Path) => ({
    id: item.id,
    ...(item.was !== undefined && { was: item.was }),
    tags: item.tags ?? [],
    skip: item.skip ?? [],
    pos: locate.position(path),
  });

  const actors: Actor[] = (input.actors ?? []).map((a, i) => ({
    ...base(a, ['actors', i]),
    name: a.name,
    aliases: a.aliases ?? [],
    kind: a.kind,
    role: a.role,
    ...(a.note !== undefined && { note: a.note }),
  }));
  // The first actor of each id (by a map: a search of the actors for each item was quadratic, issue 13).
  const byId = new Map<string, Actor>();
  for (const a of actors) if (!byId.has(a.id)) byId.set(a.id, a);
  const actor = (id: string): Actor => byId.get(id) as Actor;

  const quotes: Quote[] = (input.quotes ?? []).map((q, i) => ({
    ...base(q, ['quotes', i]),
    speaker: actor(q.speaker),
    text: q.text,
    ...(q.context !== undefined && { context: q.context }),
    cloze: q.cloze ?? [],
    passage: passage(q.text),
  }));
  const claims: Claim[] = (input.claims ?? []).map((c, i) => ({
    ...base(c, ['claims', i]),
    claimant: c.claimant === 'article' ? 'article' : actor(c.claimant),
    stance: c.stance,
    text: c.text,
    ...(c.question !== undefined && { question: c.question }),
    ...(c.answer !== undefined && { answer: c.answer }),
    disputedBy: (c.disputed_by ?? []).map(actor),
    ...(c.evidence !== undefined && { evidence: passage(c.evidence) }),
  }));
  const events: NewsEvent[] = (input.events ?? []).map((e, i) => ({
    ...base(e, ['events', i]),
    what: e.what,
    when: e.when,
    ...(e.where !== undefined && { where: e.where }),
    actors: (e.actors ?? []).map(actor),
    ...(e.evidence !== undefined && { evidence: passage(e.evidence) }),
  }));
  const terms: Term[] = (input.terms ?? []).map((t, i) => ({
    ...base(t, ['terms', i]),
    term: t.term,
    definition: t.definition,
    ...(t.evidence !== undefined && { evidence: passage(t.evidence) }),
  }));
  const facts: Fact[] = (input.facts ?? []).map((f, i) => ({
    ...base(f, ['facts', i]),
    question: f.question,
    answer: f.answer,
    accept: f.accept ?? [],
    ...(f.evidence !== undefined && { evidence: passage(f.evidence) }),
  }));

  const a = input.article;
  const article: Article = {
    id: a.id,
    pos: locate.position(['article', 'id']),
    title: a.title,
    ...(a.source !== undefined && { source: a.source }),
    ...(a.url !== undefined && { url: a.url }),
    ...(a.published !== undefined && { published: a.published }),
    text: articleText,
    ...(a.text_file !== undefined && { textFile: a.text_file }),
  };
  return {
    format: 1,
    file,
    article,
    deck: {
      // A title is text, not a deck path: its '::' must not make subdecks.
      name: input.deck?.name ?? a.title.replace(/::/g, ':'),
      tags: input.deck?.tags ?? [],
      cards: input.deck?.cards ?? [...CARD_FAMILIES],
    },
    actors,
    quotes,
    claims,
    events,
    terms,
    facts,
  };
}
