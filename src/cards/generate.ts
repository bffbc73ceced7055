import type { Actor, Annotation, CardFamily, Passage } from '../annotation/model.js';
import { sentenceAround } from '../annotation/text-match.js';
import { BUILT_IN_TEMPLATES } from '../../templates/cards/index.js';
import type { Card, CardSource } from './card.js';
import { namesOf, longDate, monthYear } from './phrasing.js';
import { leakedAnswer, mentions } from './quality.js';
import type { CardDraft, CardTemplate, ItemOf, TemplateContext } from './template.js';

export interface GenerateOptions {
  /** The templates to use; the built-in ones by default. */
  templates?: readonly CardTemplate[];
}

/** A card a template proposed but the generator refused, and why (shown to teachers). */
export interface DroppedCard {
  identity: string;
  reason: string;
}

export interface GeneratedDeck {
  cards: Card[];
  dropped: DroppedCard[];
}

/** Ids of the built-in templates, for validating `skip:`. */
export const TEMPLATE_IDS: readonly string[] = BUILT_IN_TEMPLATES.map((t) => t.id);

/** Most distractors on a multiple-choice card (card-quality.md rule 8). */
const DISTRACTORS = 3;

/**
 * Turns a checked annotation into cards. Pure and deterministic: the same
 * annotation gives the same cards in the same order, with identities
 * `article/template/item[/variant]` that do not depend on the wording.
 */
export function generateCards(annotation: Annotation, options: GenerateOptions = {}): GeneratedDeck {
  const templates = options.templates ?? BUILT_IN_TEMPLATES;
  const context: TemplateContext = {
    annotation,
    asOf: annotation.article.published === undefined ? undefined : monthYear(annotation.article.published),
    actor: (id) => annotation.actors.find((a) => a.id === id),
  };
  const cards: Card[] = [];
  const dropped: DroppedCard[] = [];
  const families = annotation.deck.cards;
  for (const family of ['actors', 'quotes', 'claims', 'events', 'terms'] as const) {
    if (!families.includes(family)) continue;
    const familyTemplates = templates.filter((t) => t.family === family);
    for (const item of annotation[family] as ItemOf[typeof family][]) {
      for (const template of familyTemplates) {
        if (item.skip.includes(template.id)) continue;
        for (const draft of (template as CardTemplate<typeof family>).make(item, context)) {
          const card = finish(annotation, family, template, item, draft);
          let leak = leakedAnswer(card, annotation, card.front);
          if (leak === undefined && leakedAnswer(card, annotation) !== undefined) {
            // The title names the story, and the answer too: fall back to a neutral cue (which may still leak).
            card.cue = neutralCue(annotation);
            leak = leakedAnswer(card, annotation);
          }
          if (leak !== undefined) {
            dropped.push({ identity: card.identity, reason: `the answer appears on the front as '${leak}'` });
            continue;
          }
          if (card.kind === 'cloze' && (mentions(card.before, card.answer.text) || mentions(card.after, card.answer.text))) {
            dropped.push({ identity: card.identity, reason: `'${card.answer.text}' occurs again around the blank` });
            continue;
          }
          cards.push(card);
        }
      }
    }
  }
  const seen = new Set<string>();
  for (const card of cards) {
    if (seen.has(card.identity)) throw new Error(`internal: two cards share the identity ${card.identity}`);
    seen.add(card.identity);
  }
  return { cards, dropped };
}

function finish(annotation: Annotation, family: CardFamily, template: CardTemplate, item: ItemOf[CardFamily], draft: CardDraft): Card {
  const article = annotation.article;
  const identity = [article.id, template.id, item.id, ...(draft.variant === undefined ? [] : [draft.variant])].join('/');
  const noteIdentity = template.note.shared === undefined ? identity : `${article.id}/${template.note.shared}/${item.id}`;
  const source: CardSource = {
    title: article.title,
    ...(article.source !== undefined && { outlet: article.source }),
    ...(article.published !== undefined && { published: article.published }),
    ...(article.url !== undefined && { url: article.url }),
  };
  const passage = draft.passage ?? passageOf(annotation, family, item);
  if (passage !== undefined) source.sentence = passage.sentence;
  const base = {
    identity,
    articleId: article.id,
    family,
    template: template.id,
    itemId: item.id,
    ...(draft.variant !== undefined && { variant: draft.variant }),
    deck: annotation.deck.name,
    tags: tagsOf(annotation, family, item.tags),
    cue: article.title,
    source,
    note: { identity: noteIdentity, type: template.note.type, ord: template.note.ord },
    ...(draft.extra !== undefined && { extra: draft.extra }),
    answer: draft.answer,
  };
  const choices = draft.choicesOfKind === undefined ? undefined : choicesFor(annotation, identity, draft);
  const card: Card =
    draft.kind === 'cloze'
      ? { ...base, kind: 'cloze', front: draft.front, back: draft.back, before: draft.before, after: draft.after }
      : { ...base, kind: 'qa', front: draft.front, back: draft.back };
  if (choices !== undefined) card.choices = choices;
  return card;
}

/** "the CNN story of 20 February 2025": identifies the story without naming anyone. */
function neutralCue(annotation: Annotation): string {
  const { source, published } = annotation.article;
  const outlet = source === undefined ? 'the' : `the ${source}`;
  return published === undefined ? `${outlet} story` : `${outlet} story of ${longDate(published)}`;
}

/** The sentence that supports an item's cards. Actors: the first sentence that names them. */
function passageOf(annotation: Annotation, family: CardFamily, item: ItemOf[CardFamily]): Passage | undefined {
  switch (family) {
    case 'quotes':
      return (item as ItemOf['quotes']).passage;
    case 'claims':
    case 'events':
    case 'terms':
      return (item as ItemOf['claims' | 'events' | 'terms']).evidence;
    case 'actors':
      return firstMention(annotation.article.text, item as Actor);
  }
}

function firstMention(text: string, actor: Actor): Passage | undefined {
  let best: number | undefined;
  let found = '';
  for (const name of namesOf(actor)) {
    const at = text.indexOf(name);
    if (at >= 0 && (best === undefined || at < best)) [best, found] = [at, name];
  }
  if (best === undefined) return undefined;
  return { span: found, offset: best, sentence: sentenceAround(text, best, found.length) };
}

function tagsOf(annotation: Annotation, family: CardFamily, itemTags: string[]): string[] {
  // Anki splits tags on white space, so none may contain it.
  const tags = [...annotation.deck.tags, ...itemTags, `newsdeck::${family}`].map((t) => t.trim().replace(/\s+/g, '-'));
  return [...new Set(tags)].filter((t) => t !== '');
}

/**
 * Fair multiple choice (card-quality.md rule 8): other actors of the same kind
 * from the same article, never another name of the answer, up to three, in an
 * order fixed by the card identity so every student of a class sees the same card.
 */
function choicesFor(annotation: Annotation, identity: string, draft: CardDraft): string[] | undefined {
  const answerNames = new Set([draft.answer.text, ...draft.answer.accepted].map((n) => n.toLowerCase()));
  const candidates = annotation.actors.filter(
    (a) => a.kind === draft.choicesOfKind && a.id !== draft.answer.actorId && !namesOf(a).some((n) => answerNames.has(n.toLowerCase())),
  );
  if (candidates.length === 0) return undefined;
  const distractors = orderedBy(identity, candidates.map((a) => a.name)).slice(0, DISTRACTORS);
  return orderedBy(`${identity}#choices`, [draft.answer.text, ...distractors]);
}

/** The values in an order that depends only on `seed` and the values themselves (the same for every student). */
function orderedBy(seed: string, values: string[]): string[] {
  // One cheap hash per value, computed before sorting: a deck of thousands of actors stays fast.
  const keyed = values.map((value) => ({ value, key: fnv1a(`${seed}\u0000${value}`) }));
  keyed.sort((a, b) => a.key - b.key || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return keyed.map((k) => k.value);
}

/** FNV-1a, 32 bits: a stable, well-spread hash of a string (not for security). */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
