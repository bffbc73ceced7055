import type { Actor, Annotation, CardFamily, Passage, SourcePosition } from '../annotation/model.js';
import { sentenceAround, sentenceSpan } from '../annotation/sentences.js';
import type { Card, CardAnswer, CardSource } from './card.js';
import { actorsNamedIn } from './name-index.js';
import { fairChoices } from './choices.js';
import { regionGivenAway } from './countries.js';
import { indexActors, type ActorIndex } from './names.js';
import { answerVariants, datedRelative, longDate, monthYear, perfectBeforeDate, yearsIn } from './phrasing.js';
import { foldForMatching, indexOfWords } from '../annotation/text-match.js';
import { contentRoots, contentWords, leakedAnswer, mentions, mentionsAny, rootsShared } from './quality.js';
import type { CardDraft, CardTemplate, ItemOf, TemplateAdvice, TemplateContext } from './template.js';
import { BUILT_IN_TEMPLATES, registerTemplates } from './templates/index.js';
import { quantitiesIn, quantityKey } from './templates/numbers.js';
import { DEFINITION_REACH } from './templates/terms.js';
import { describesAnAct } from './templates/actors.js';

export interface GenerateOptions {
  /** The templates to use; the built-in ones by default. */
  templates?: readonly CardTemplate[];
}

/** A card a template proposed but the generator refused, and why (shown to teachers). */
export interface DroppedCard {
  identity: string;
  reason: string;
}

/** Something the annotator can add so an item gets the cards it could have (shown by `check`). */
export interface Advice extends TemplateAdvice {
  itemId: string;
  template: string;
  /** Where the item starts in the YAML file. */
  pos: SourcePosition;
}

export interface GeneratedDeck {
  cards: Card[];
  dropped: DroppedCard[];
  advice: Advice[];
}

/** Ids of the built-in templates, for validating `skip:`. */
export const TEMPLATE_IDS: readonly string[] = BUILT_IN_TEMPLATES.map((t) => t.id);

/** A card on its way out, with what it asks (rule 13). */
interface Candidate {
  card: Card;
  /** The one sentence of the article the card rests on (a quotation's sentences each count alone). */
  sentence: string | undefined;
  asks: string[];
  weight: number;
  order: number;
}

/**
 * Turns a checked annotation into cards, in the order of the article's
 * sentences. Pure and deterministic: the same annotation gives the same cards
 * in the same order, with identities
 * `article/template/item[/variant]` that do not depend on the wording.
 */
export function generateCards(annotation: Annotation, options: GenerateOptions = {}): GeneratedDeck {
  const templates = options.templates === undefined ? BUILT_IN_TEMPLATES : registerTemplates(options.templates);
  const actors = indexActors(annotation);
  const advice: Advice[] = [];
  const dropped: DroppedCard[] = [];
  const candidates: Candidate[] = [];
  const families = annotation.deck.cards;
  for (const family of families.length === 0 ? [] : ORDER) {
    if (!families.includes(family)) continue;
    const familyTemplates = templates.filter((t) => t.family === family);
    for (const item of annotation[family] as ItemOf[typeof family][]) {
      for (const template of familyTemplates) {
        if (item.skip.includes(template.id)) continue;
        const context: TemplateContext = {
          annotation,
          asOf: annotation.article.published === undefined ? undefined : monthYear(annotation.article.published),
          actors,
          advise: (a) => advice.push({ ...a, itemId: item.id, template: template.id, pos: item.pos }),
        };
        for (const draft of (template as CardTemplate<typeof family>).generate(item, context)) {
          const { card, passage } = finish(annotation, actors, family, template, item, draft);
          const refusal = draft.listsAnswer === true ? undefined : refused(card, actors);
          if (refusal !== undefined) {
            dropped.push({ identity: card.identity, reason: refusal });
            continue;
          }
          const sentence = passage === undefined ? undefined : sentenceKey(annotation.article.text, passage);
          // Two blanks in one sentence of the article: each card shows the other's answer (rule 13).
          const asks = [...asksOf(card, draft, actors), ...(card.kind === 'cloze' && sentence !== undefined ? [`blank-in:${sentence}`] : [])];
          candidates.push({ card, sentence, asks, weight: draft.weight ?? 1, order: candidates.length });
        }
      }
    }
  }
  const cards = oneCardPerFact(candidates, dropped);
  // Two templates may find one gap in an item (the role card and its reverse): tell the annotator once.
  const told = new Set<string>();
  const uniqueAdvice = advice.filter((a) => {
    const key = `${a.itemId}\n${a.message}`;
    if (told.has(key)) return false;
    told.add(key);
    return true;
  });
  // A neutral cue on some cards only would tell the student that the title names their answer: all or none.
  if (cards.some((c) => c.cue !== annotation.article.title)) {
    // The cue still says what the story is about (rule 4): the title without the words that give answers away.
    const topic = titleWithoutAnswers(annotation.article.title, cards, actors);
    const cue = neutralCue(annotation.article.source, annotation.article.published, topic);
    // A date asked on the day the story appeared would be answered by the cue's date: that card names the outlet alone.
    for (const card of cards) {
      card.cue = card.answer.kind === 'date' && leakedAnswer({ ...card, cue }, actors) !== undefined ? neutralCue(annotation.article.source, undefined, topic) : cue;
    }
  }
  const seen = new Set<string>();
  for (const card of cards) {
    if (seen.has(card.identity)) throw new Error(`internal: two cards share the identity ${card.identity}`);
    seen.add(card.identity);
  }
  return { cards, dropped, advice: uniqueAdvice };
}

/** Most cards that one sentence of the article may support (rule 13). */
const CARDS_PER_SENTENCE = 5;
/** Most cards whose answer is one actor or one place (rule 13). */
const CARDS_PER_ANSWER = 2;
/** Share of another card's answer that a term's definition of the same sentence must retell to ask it again. */
const RETOLD_SHARE = 0.5;
/** Most cards whose answer is one day (rule 13). */
const CARDS_PER_DAY = 1;

const ORDER: readonly CardFamily[] = ['actors', 'quotes', 'claims', 'events', 'terms', 'facts'];

/** Why a card may not be shown, or undefined. Also sets a neutral cue when only the title gives the answer away. */
function refused(card: Card, actors: ActorIndex): string | undefined {
  let leak = leakedAnswer(card, actors, card.front);
  // "What record did Tunisian Abderrahim Zhiou set?" → "An African record": the name says who without "Tunisian".
  const bare = leak === undefined || card.kind !== 'qa' || regionGivenAway(card.front, card.answer.text) !== leak ? undefined : withoutEpithet(card.front, leak);
  if (bare !== undefined && card.kind === 'qa') {
    card.front = bare;
    leak = leakedAnswer(card, actors, card.front);
  }
  if (leak === undefined && leakedAnswer(card, actors) !== undefined) {
    // The title names the story, and the answer too: fall back to a neutral cue (which may still leak).
    card.cue = neutralCue(card.source.outlet, card.source.published);
    leak = leakedAnswer(card, actors);
  }
  if (leak !== undefined) return `the answer appears on the front as '${leak}'`;
  if (card.kind === 'cloze' && (mentions(card.before, card.answer.text) || mentions(card.after, card.answer.text))) {
    return `'${card.answer.text}' occurs again around the blank`;
  }
  if (card.front.trim() === '') return 'the front would be empty';
  return undefined;
}

/**
 * The front without a word that only qualifies a name ("Tunisian Abderrahim
 * Zhiou", "Japanese runner Masahiro Okamura"), or undefined when the word is
 * not such an epithet.
 */
function withoutEpithet(front: string, word: string): string | undefined {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const epithet = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}\\s+(?=(?:\\p{Ll}+\\s+)?\\p{Lu}\\p{Ll})`, 'u');
  return epithet.test(front) ? front.replace(epithet, '') : undefined;
}

/**
 * The facts a card asks: the template's keys, the quantities its answer gives,
 * and, for a card whose answer is an actor, "who, in this sentence": a quote's
 * speaker, the claimant of the same words and the doer of the same event are
 * one fact (rule 13).
 */
function asksOf(card: Card, draft: CardDraft, actors: ActorIndex): string[] {
  const keys = [...(draft.asks ?? [`card:${card.identity}`])];
  const sentence = card.source.sentence?.toLowerCase();
  // A typed answer that is a name ("With whom did Weir share the top of the count?" → "Raymond Martin") asks
  // who that actor is as much as an actor answer does.
  const typedName = card.answer.actorId === undefined ? [card.answer.text, ...card.answer.accepted].map((n) => actors.namedBy(n)).find((a) => a !== undefined) : undefined;
  const actor = card.answer.actorId === undefined ? typedName : actors.byId(card.answer.actorId);
  // "Who was the Member of Parliament who introduced a Matariki bill in 2009?" and "Who introduced legislation to
  // create a Matariki public holiday?", from one sentence: a role that tells an act asks who did it.
  // (Not a quote's speaker there: who voted and who said are two facts.)
  const doer = card.template === 'event-actor' || (card.template === 'actor-reverse' && actor !== undefined && describesAnAct(actor.role));
  if (actor !== undefined && sentence !== undefined && doer) keys.push(`did:${actor.id}:${sentence}`);
  if (actor !== undefined && card.template !== 'actor-reverse') {
    if (sentence !== undefined) keys.push(`who:${actor.id}:${sentence}`);
    // A question that restates the answer's role ("Which magazine reported …?" beside "the magazine that
    // reported …") asks what the role card asks; for a typed name, in more than one word of the role.
    const role = new Set(contentWords(actor.role));
    const shared = new Set(contentWords(card.front).filter((w) => role.has(w)));
    if (role.size > 0 && shared.size * 2 >= role.size && (typedName === undefined || shared.size >= 2)) keys.push(`who-is:${actor.id}`);
  }
  // "What record did Okamura set?" asks what his role card says ("the athlete who set an Asian record").
  if (card.answer.kind !== 'actor' && card.family !== 'actors') {
    const asked = new Set(contentWords(`${card.front} ${card.answer.text}`));
    // A short answer is compared by roots: "a pair of tire punctures mid-race" is what "spoiled by two tire
    // punctures" says; a long one ("Which happened first: …") is only context, and so is a cloze's.
    const answered = card.kind === 'qa' && draft.listsAnswer !== true && card.answer.text.split(/\s+/).length <= 6 ? [...new Set(contentRoots(card.answer.text))] : [];
    // "In what year did Franklin sign with JVB Records?" asks what "the label she signed with in 1956" says;
    // "At how many gold medals did McFadden have a chance?" → "four" what "whose chance at four gold medals" says.
    const figures = card.answer.kind === 'date' ? (/\b\d{4}\b/.exec(card.answer.text) ?? []) : card.kind === 'qa' ? [...quantitiesIn(card.answer.text), ...(card.answer.kind === 'number' ? [card.answer.text] : [])] : [];
    for (const named of actorsNamedIn(card.front, actors)) {
      // Names say nothing of a role: "an ally of China" and "China's trade" share no fact.
      const role = contentWords(named.role).filter((w) => !actors.nameWords.has(w));
      const shared = role.filter((w) => asked.has(w)).length;
      const roleRoots = new Set(contentRoots(named.role));
      const sharedAnswer = answered.filter((w) => roleRoots.has(w) && !actors.nameWords.has(w)).length;
      const figure = figures.some((f) => mentions(named.role, f)) && (card.answer.kind === 'date' || shared >= 2);
      if ((shared >= 2 && shared * 5 >= role.length * 3) || (sharedAnswer >= 2 && sharedAnswer * 5 >= answered.length * 2) || figure) keys.push(`role:${named.id}`);
    }
  }
  // A number in a short answer is what the card asks; in a long one ("Which happened first: …") it is only context.
  const short = card.answer.kind === 'number' || (card.answer.kind === 'text' && (card.family === 'claims' || card.answer.text.split(/\s+/).length <= 6));
  if (card.kind === 'qa' && short && card.source.sentence !== undefined) {
    for (const quantity of quantitiesIn(card.answer.text)) keys.push(quantityKey(card.source.sentence, quantity));
  }
  return keys;
}

/**
 * One fact, one card (rule 13): of cards that ask the same fact, the heaviest
 * (the annotator's own question) stays, else the first; the others are listed
 * as dropped, naming the card that asks it.
 */
function oneCardPerFact(candidates: Candidate[], dropped: DroppedCard[]): Card[] {
  const taken = new Map<string, string>();
  const kept = new Set<Candidate>();
  const perSentence = new Map<string, number>();
  const perActor = new Map<string, number>();
  const byWeight = [...candidates].sort((a, b) => b.weight - a.weight || a.order - b.order);
  for (const candidate of byWeight) {
    const { card } = candidate;
    const clash = candidate.asks.map((k) => taken.get(k)).find((owner) => owner !== undefined);
    // One sentence of the article is not ten facts, and "Who …?" five times with one answer is one fact
    // asked five ways: a few cards each, the annotator's own first.
    const sentence = candidate.sentence;
    // One answer asked again and again ("9 September 2012", "London") is one fact: an actor, a date or a place.
    const actor = card.answer.kind === 'actor' ? (card.answer.actorId ?? card.answer.text) : card.template === 'event-where' || card.answer.kind === 'date' ? fold(card.answer.text) : undefined;
    // Two events of one day ("the House rejected the bill on Monday", "Ramstad voted against it"): one date to
    // learn; two of one year are two facts.
    const most = card.answer.kind === 'date' && /^\d{1,2}\s/.test(card.answer.text) ? CARDS_PER_DAY : CARDS_PER_ANSWER;
    const reason =
      clash !== undefined
        ? `it asks what ${clash} asks already`
        : sentence !== undefined && (perSentence.get(sentence) ?? 0) >= CARDS_PER_SENTENCE
          ? `its sentence of the article has ${CARDS_PER_SENTENCE} cards already`
          : actor !== undefined && (perActor.get(actor) ?? 0) >= most
            ? most === 1 ? 'another card has the same answer' : `${most} other cards have the same answer`
            : undefined;
    if (reason !== undefined) {
      dropped.push({ identity: card.identity, reason });
      continue;
    }
    if (sentence !== undefined) perSentence.set(sentence, (perSentence.get(sentence) ?? 0) + 1);
    if (actor !== undefined) perActor.set(actor, (perActor.get(actor) ?? 0) + 1);
    for (const key of candidate.asks) taken.set(key, card.identity);
    kept.add(candidate);
  }
  // Of a sentence's kept cards, a cloze that prints another's answer, and a term's definition that retells one,
  // ask that card's fact again (rules 2 and 13). The question cards are grouped by sentence once.
  const asked = new Map<string, Candidate[]>();
  for (const c of kept) if (c.card.kind === 'qa' && c.sentence !== undefined) asked.set(c.sentence, [...(asked.get(c.sentence) ?? []), c]);
  for (const candidate of [...kept]) {
    const owner = candidate.sentence === undefined ? undefined : askedAgain(candidate, asked.get(candidate.sentence) ?? []);
    if (owner === undefined) continue;
    kept.delete(candidate);
    dropped.push(owner);
  }
  // An actor's role → name card shares its Anki note with the name → role card, whose question is the
  // note's first field: without it the note would have an empty first field (Anki's duplicate check).
  const roleCards = new Set([...kept].filter((c) => c.card.template === 'actor-role').map((c) => c.card.itemId));
  for (const candidate of [...kept]) {
    if (candidate.card.template === 'actor-reverse' && !roleCards.has(candidate.card.itemId)) {
      kept.delete(candidate);
      dropped.push({ identity: candidate.card.identity, reason: 'its note needs the name → role card, which is not made' });
    }
  }
  // New cards come in the article's order (anki-format.md: sequential due in the article's order), so a
  // student meets the story as it is told; cards of one sentence keep the templates' order.
  const at = (c: Candidate): number => (c.sentence === undefined ? Number.MAX_SAFE_INTEGER : Number(c.sentence.split(':')[0]));
  return candidates
    .filter((c) => kept.has(c))
    .sort((a, b) => at(a) - at(b) || a.order - b.order)
    .map((c) => c.card);
}

/**
 * Why a card asks again what a question card of its sentence asks, or
 * undefined: a cloze whose visible sentence prints its figure ("$192 million
 * in tax rebates for the rum industry, […] for the wool industry"), or a
 * term's definition that retells its answer ("What is the Defense of Marriage
 * Act?" beside the claim of what the case is about).
 */
function askedAgain(candidate: Candidate, ofSentence: readonly Candidate[]): DroppedCard | undefined {
  const { card } = candidate;
  if (card.kind === 'cloze') {
    const shown = `${card.before} ${card.after}`;
    // "… have […] into violent protests organized by a small faction" beside "Who organized the violent
    // protests?" → "A small faction": the cloze's own words give the other card's answer.
    const words = new Set(contentWords(shown));
    const retells = (other: Candidate): boolean => {
      if (other.card.kind !== 'qa' || other.card.answer.kind !== 'text' || other.card.family === 'actors') return false;
      const said = contentWords(other.card.answer.text);
      return said.length > 0 && said.every((w) => words.has(w));
    };
    const answered = ofSentence.find((other) => figuresOf(other.card.answer.text).some((f) => mentions(shown, f)) || retells(other));
    return answered === undefined ? undefined : { identity: card.identity, reason: `its sentence shows the answer of ${answered.card.identity}` };
  }
  // "How has Beijing long sought to present itself?" beside "Beijing has long sought to present itself as the voice
  // of which group of countries?": the other card's answer is a second right answer to the open "How" (rule 3).
  if (card.template === 'claim-content' && OPEN_HOW.test(card.front)) {
    const asked = card.front.replace(OPEN_HOW, '');
    const wider = ofSentence.find((other) => other !== candidate && other.card.template === 'claim-content' && !OPEN_HOW.test(other.card.front) && rootsShared(asked, other.card.front) >= OPEN_SHARE);
    return wider === undefined ? undefined : { identity: card.identity, reason: `its open "how" is answered by ${wider.card.identity} too, which asks it precisely` };
  }
  if (card.template !== 'term-definition') return undefined;
  const retold = ofSentence.find((other) => other !== candidate && other.card.family !== 'terms' && other.card.answer.kind !== 'actor' && rootsShared(other.card.answer.text, card.answer.text) >= RETOLD_SHARE);
  return retold === undefined ? undefined : { identity: card.identity, reason: `it asks what ${retold.card.identity} asks already` };
}

/** A question that asks "how" a thing was, done or affected: open to every answer its sentence gives. */
const OPEN_HOW = /^(?:According to [^,?]+,\s*)?how\s+(?!many\b|much\b|long\b|often\b|far\b|old\b|soon\b)/i;
/** Share of an open question's content roots that a card of its sentence must ask too, to answer it. */
const OPEN_SHARE = 0.6;

/** The quantities and years of an answer: what a sentence around another card's blank must not show. */
function figuresOf(answer: string): string[] {
  return [...quantitiesIn(answer), ...yearsIn(answer)];
}

function finish(
  annotation: Annotation,
  actors: ActorIndex,
  family: CardFamily,
  template: CardTemplate,
  item: ItemOf[CardFamily],
  draft: CardDraft,
): { card: Card; passage: Passage | undefined } {
  const article = annotation.article;
  const identity = [article.id, template.id, item.id, ...(draft.variant === undefined ? [] : [draft.variant])].join('/');
  const source: CardSource = {
    title: article.title,
    ...(article.source !== undefined && { outlet: article.source }),
    ...(article.published !== undefined && { published: article.published }),
    ...(article.url !== undefined && { url: article.url }),
  };
  const passage = draft.passage ?? passageOf(annotation.article.text, actors, family, item);
  if (passage !== undefined) source.sentence = withMorePassages(sourceSentence(annotation.article.text, family, passage, draft, actors), passage, draft.alsoFrom ?? []);
  // The annotator's words get the article English needs ("chairman of the National Organization for
  // Marriage") and a date for "this week" (rule 6); a cloze's text and a name as the answer stay as written.
  const phrased = (text: string): string => perfectBeforeDate(datedRelative(actors.withArticles(text), article.published));
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
    ...(draft.extra !== undefined && { extra: phrased(draft.extra) }),
    answer: withVariants(draft.answer, actors),
  };
  const card: Card =
    draft.kind === 'cloze'
      ? { ...base, kind: 'cloze', front: draft.front, back: draft.back, before: draft.before, after: draft.after }
      : { ...base, kind: 'qa', front: phrased(draft.front), back: draft.answer.kind === 'actor' ? draft.back : phrased(draft.back) };
  const answerActor = draft.answer.actorId === undefined ? undefined : actors.byId(draft.answer.actorId);
  if (draft.choices !== undefined && answerActor !== undefined) {
    const choices = fairChoices(answerActor, `${card.cue}\n${card.front}`, draft.choices, identity, actors);
    if (choices !== undefined) card.choices = choices;
  }
  return { card, passage };
}

/**
 * The source on the back: the passage's one sentence (rule 12), never two run
 * together. "Who said it?" needs the words that name the speaker: a sentence
 * that names them only as "he said", or not at all (the name closes the
 * quotation, or the sentence before introduces it), gets the name the article
 * gives, in brackets: "“We aim to …,” [Mohamed Nasheed] said."
 * An actor's own cards rest on the one sentence that gives the role.
 */
function sourceSentence(text: string, family: CardFamily, passage: Passage, draft: CardDraft, actors: ActorIndex): string {
  const speaker = draft.answer.actorId === undefined ? undefined : actors.byId(draft.answer.actorId);
  if (family === 'actors' || speaker === undefined) return passage.sentence;
  const sentence = passage.sentence;
  const names = actors.names(speaker);
  if (mentionsAny(sentence, names) || !mentionsAny(speakerContext(text, passage), names)) return sentence;
  const pronoun = SPEAKING_PRONOUN.exec(sentence);
  if (pronoun !== null) return `${sentence.slice(0, pronoun.index)}[${speaker.name}]${sentence.slice(pronoun.index + (pronoun[1] as string).length)}`;
  return `[${speaker.name}:] ${sentence}`;
}

/** "…,” he said", "she told reporters": the pronoun that stands for a quote's speaker. */
const SPEAKING_PRONOUN = /(?<=[,”"’]\s*)\b(he|she|they)(?=\s+(?:said|says|told|added|explained|wrote|tweeted|stated|continued|argued|noted|asked)\b)/i;

/** The quotation a passage lies in and the sentences just before it: where the article names a quote's speaker. */
function speakerContext(text: string, passage: Passage): string {
  let { start } = sentenceSpan(text, passage.offset, passage.span.length, true);
  const earlier: string[] = [];
  while (earlier.length < SENTENCES_BACK_TO_SPEAKER) {
    const before = text.slice(0, start).trimEnd();
    if (before === '') break;
    earlier.unshift(sentenceAround(text, before.length - 1, 1, false));
    start = sentenceSpan(text, before.length - 1, 1, false).start;
  }
  return [...earlier, passage.quotation ?? passage.sentence].join(' ');
}

/** The source with the sentences of more passages, in the article's order, each once; "…" between them. */
function withMorePassages(shown: string, passage: Passage, more: readonly Passage[]): string {
  const parts = [{ offset: passage.offset, sentence: shown }, ...more.map((p) => ({ offset: p.offset, sentence: p.sentence }))]
    .sort((a, b) => a.offset - b.offset)
    .map((p) => p.sentence)
    .filter((sentence, i, all) => all.indexOf(sentence) === i && !all.some((other) => other !== sentence && other.includes(sentence)));
  return parts.join(' … ');
}

/** Most sentences looked back for the one that names a quote's speaker ("Kaptur … . “…,” she said."). */
const SENTENCES_BACK_TO_SPEAKER = 2;

/**
 * The answer with the shorter forms that say the same (rule 10): "Memphis"
 * for "Memphis, Tennessee", "Raymond Martin" for "Raymond Martin of the
 * United States" (an actor's name before the rest).
 */
function withVariants(answer: CardAnswer, actors: ActorIndex): CardAnswer {
  if (answer.kind === 'actor' || answer.kind === 'date') return answer;
  // Each place where a name could end ("Raymond Martin| of the United States"), looked up, not every name tried;
  // an answer that is a name takes that actor's shorter forms too ("Xi" for Xi Jinping).
  const ends = [...answer.text.matchAll(/(?=,| of | from |$)/g)].map((m) => answer.text.slice(0, m.index));
  const named = ends.flatMap((prefix) => {
    const actor = actors.namedBy(prefix);
    if (actor === undefined) return [];
    // "Xi Jinping, using China's economic sway": "Xi" is as right as "Xi Jinping".
    return prefix === answer.text ? actors.names(actor) : [prefix, ...actors.names(actor)];
  });
  const accepted = [...new Set([...answer.accepted, ...answerVariants(answer.text), ...named])].filter((f) => f !== answer.text);
  return accepted.length === answer.accepted.length ? answer : { ...answer, accepted };
}

/** An answer as compared for "the same answer again": case and spacing aside. */
function fold(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** "120:245": where the one sentence of a passage lies, without widening to a quotation. */
function sentenceKey(text: string, passage: Passage): string {
  const { start, end } = sentenceSpan(text, passage.offset, passage.span.length, false);
  return `${start}:${end}`;
}

/**
 * "the CNN story of 20 February 2025", or with what is left of its title
 * ("the Wikinews story “South Korean police clamp down on protests against …
 * beef” (30 June 2008)"): identifies the story without naming an answer.
 */
function neutralCue(source: string | undefined, published: string | undefined, topic?: string): string {
  const outlet = source === undefined ? 'the' : `the ${source}`;
  if (topic !== undefined) return published === undefined ? `${outlet} story “${topic}”` : `${outlet} story “${topic}” (${longDate(published)})`;
  return published === undefined ? `${outlet} story` : `${outlet} story of ${longDate(published)}`;
}

/**
 * The title with every answer it gives away cut out ("US" for "Which country
 * …?" → "… protests against … beef"), or undefined when too little of it would
 * be left to say what the story is about ("What … fears most about …'s turn
 * toward …").
 */
function titleWithoutAnswers(title: string, cards: readonly Card[], actors: ActorIndex): string | undefined {
  let topic = foldForMatching(title);
  // Each round cuts one leaked form; a title has only so many words to cut.
  for (let round = 0; round < 32; round++) {
    const leak = cards.map((card) => leakedAnswer(card, actors, topic)).find((form) => form !== undefined);
    if (leak === undefined) {
      // Three words still say what happened; a title cut in three places is a riddle.
      const left = contentWords(topic.replaceAll(GAP, ' ')).length;
      const gaps = topic.split(GAP).length - 1;
      return topic === foldForMatching(title) || left < 3 || gaps > 2 ? undefined : topic;
    }
    const cut = cutWords(topic, leak);
    if (cut === topic) return undefined;
    topic = cut;
  }
  return undefined;
}

const GAP = '…';

/** The text with each occurrence of the phrase (or, failing that, of each of its words) replaced by "…". */
function cutWords(text: string, phrase: string): string {
  const cutOne = (t: string, p: string): string => {
    let out = t;
    for (let at = indexOfWords(out.toLowerCase(), p.toLowerCase()); at >= 0; at = indexOfWords(out.toLowerCase(), p.toLowerCase())) {
      // A possessive goes with its name: "Trump's turn" → "…'s turn" would read as a typo.
      // So does what continues a name: "Supreme Court| of the United States".
      const rest = out.slice(at + p.length);
      const end = at + p.length + (/^['’]s\b/.exec(rest) ?? /^ of (?:the )?(?:\p{Lu}[\p{L}.'-]*(?: |$))+/u.exec(rest) ?? [''])[0].length;
      out = `${out.slice(0, at)}${GAP}${out.slice(end)}`;
    }
    return out;
  };
  let out = cutOne(text, phrase);
  if (out === text) for (const word of phrase.split(/\s+/)) out = cutOne(out, word);
  // Neighbouring gaps are one gap: "… …" → "…".
  return out
    .replace(new RegExp(`${GAP}(?:[\\s,;:]*${GAP})+`, 'gu'), GAP)
    // A gap is a word of its own: "…contemplates" → "… contemplates".
    .replace(/(?<=[\p{L}\p{N}])…/gu, ' …')
    .replace(/…(?=[\p{L}\p{N}])/gu, '… ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The sentence that supports an item's cards. */
function passageOf(text: string, actors: ActorIndex, family: CardFamily, item: ItemOf[CardFamily]): Passage | undefined {
  switch (family) {
    case 'quotes':
      return (item as ItemOf['quotes']).passage;
    case 'terms':
      return definingPassage(text, item as ItemOf['terms']);
    case 'claims':
    case 'events':
    case 'facts':
      return (item as ItemOf['claims' | 'events' | 'terms' | 'facts']).evidence;
    case 'actors':
      return actors.roleSource(item as Actor)?.passage;
  }
}

function tagsOf(annotation: Annotation, family: CardFamily, itemTags: string[]): string[] {
  // Anki splits tags on white space, so none may contain it.
  const tags = [...annotation.deck.tags, ...itemTags, `newsdeck::${family}`].map((t) => t.trim().replace(/\s+/g, '-'));
  return [...new Set(tags)].filter((t) => t !== '');
}

/** Words of a definition, besides the term's own, that make a sentence say what the term means. */
const DEFINING_WORDS = 2;

/**
 * The sentence that gives a term's meaning (rule 12): the annotator's evidence
 * when it says some of it; else ("The federal DOMA case is scheduled …") the
 * sentence around it holding most words of the definition.
 */
function definingPassage(text: string, term: ItemOf['terms']): Passage | undefined {
  const evidence = term.evidence;
  if (evidence === undefined) return undefined;
  const own = new Set(contentWords(term.term));
  const meaning = new Set(contentWords(term.definition.split(/;\s*/)[0] ?? '').filter((w) => !own.has(w)));
  const score = (sentence: string): number => new Set(contentWords(sentence).filter((w) => meaning.has(w))).size;
  let best = { passage: evidence, score: score(evidence.sentence) };
  if (best.score < DEFINING_WORDS) {
    const end = Math.min(text.length, evidence.offset + DEFINITION_REACH);
    for (let at = Math.max(0, evidence.offset - DEFINITION_REACH); at < end; ) {
      const span = sentenceSpan(text, at, 1, false);
      const sentence = text.slice(span.start, span.end).trim();
      const found = score(sentence);
      if (found > best.score && sentence !== '') best = { passage: { span: sentence, sentence, offset: span.start + text.slice(span.start, span.end).indexOf(sentence) }, score: found };
      at = Math.max(span.end, at + 1);
    }
  }
  return withDefiningNeighbours(text, term, best.passage, meaning);
}

/**
 * The defining sentence with the ones beside it that it leans on: the sentence before, when it names the term
 * that "This effect …" stands for; the sentence after, when it tells more of the definition ("As the heat
 * escapes, …"). The back shows what supports the whole answer (rule 12); both are the article's own sentences.
 */
function withDefiningNeighbours(text: string, term: ItemOf['terms'], passage: Passage, meaning: ReadonlySet<string>): Passage {
  const here = sentenceSpan(text, passage.offset, Math.max(1, passage.span.length), false);
  if (text.slice(here.start, here.end).trim() !== passage.sentence) return passage;
  let { start, end } = here;
  if (!mentions(passage.sentence, term.term) && /^(?:This|These|It|Such)\b/.test(passage.sentence)) {
    const before = text.slice(0, start).trimEnd();
    const previous = before === '' ? undefined : sentenceSpan(text, before.length - 1, 1, false);
    if (previous !== undefined && mentions(text.slice(previous.start, previous.end), term.term)) start = previous.start;
  }
  const told = new Set(contentWords(text.slice(start, end)));
  const untold = [...meaning].filter((w) => !told.has(w));
  const after = text.slice(end).search(/\S/);
  if (untold.length >= DEFINING_WORDS && after >= 0 && !/\n\s*\n/.test(text.slice(end, end + after))) {
    const next = sentenceSpan(text, end + after, 1, false);
    const following = text.slice(next.start, next.end);
    const adds = new Set(contentWords(following).filter((w) => untold.includes(w))).size;
    // Two words of the definition are enough in a sentence that points back ("this sometimes fatal disease");
    // one that goes on to another subject must tell more ("… anthems for the civil rights movements").
    if (adds > DEFINING_WORDS || (adds === DEFINING_WORDS && /\b(?:this|these|such)\b/i.test(following))) end = next.end;
  }
  if (start === here.start && end === here.end) return passage;
  return { ...passage, sentence: text.slice(start, end).replace(/\s+/g, ' ').trim() };
}
