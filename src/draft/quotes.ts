/**
 * Direct quotes and their likely speakers. A quotation's speaker is read, in
 * this order, from "…," said X / "…," X said / X told … "…" / the subject of
 * the sentence / the speaker of the quotation before it; a pronoun ("he said")
 * stands for the last person named before it (of the right gender when
 * compromise knows the first name's). Whatever is not a "said" pattern is
 * marked for the annotator to check.
 */
import { slugify } from '../annotation/slug.js';
import type { DraftActor, NameReading } from './actors.js';
import { idMaker } from './ids.js';
import { has, type Token } from './tokens.js';
import { firstEndingAfter, insideQuotation, type ArticleLayout, type Quotation, type Span } from './text.js';

export interface DraftQuote {
  id: string;
  speaker: DraftActor;
  text: string;
  context?: string;
  /** Set when the speaker is a guess: what to check. */
  check?: string;
}

const SPEECH_VERBS = new Set(
  'said says say told tells tell stated states added adds asked wrote writes tweeted explained announced warned vowed insisted argued noted declared replied urged claimed reported continued suggested commented remarked voiced described promised pledged admitted acknowledged conceded saying telling adding responded answered'.split(' '),
);
const PERSONAL_PRONOUNS = /^(he|she|they)$/i;
const GROUP_NOUNS = /^(officials|observers|analysts|experts|protesters|demonstrators|critics|residents|lawmakers|authorities|diplomats|scientists|researchers|activists|officers|supporters|voters|citizens|workers|witnesses|sources|investigators|prosecutors|leaders|police)$/i;

function isSpeech(token: Token | undefined): boolean {
  return token !== undefined && SPEECH_VERBS.has(token.text.toLowerCase());
}

interface Speaker {
  actor: DraftActor;
  how: 'said' | 'subject' | 'continued' | 'nearest';
  /** Where the attribution's words end, for the context after it. */
  end?: number;
}

export function readQuotes(layout: ArticleLayout, tokens: Token[], names: NameReading): { quotes: DraftQuote[]; groups: DraftActor[]; singles: string[] } {
  const { text } = layout;
  const groups: DraftActor[] = [];
  const outside = (t: Token): boolean => !insideQuotation(layout, t.start, t.end);
  const actorOfToken = new Map<number, DraftActor>();
  for (const actor of names.actors) {
    for (const m of actor.mentions) if (!m.inQuote) for (let i = m.first; i <= m.last; i++) actorOfToken.set(i, actor);
  }

  /** A plural group before a speech verb or at a sentence's start ("Chinese officials", "observers"): a group actor. */
  const groupAt = (index: number): DraftActor | undefined => {
    const head = tokens[index];
    if (head === undefined || !GROUP_NOUNS.test(head.text) || !outside(head)) return undefined;
    let from = index;
    while (from > 0 && index - from < 2) {
      const previous = tokens[from - 1] as Token;
      if (previous.sentence !== head.sentence || previous.after !== ' ' || !(has(previous, 'Demonym', 'Adjective') || /^\p{Lu}/u.test(previous.text)) || has(previous, 'Determiner', 'Pronoun')) break;
      from--;
    }
    const name = text.slice((tokens[from] as Token).start, head.end);
    const id = slugify(name);
    let group = groups.find((g) => g.id === id) ?? names.actors.find((a) => a.id === id);
    if (group === undefined) {
      group = { id, name, aliases: [], kind: 'group', mentions: [] };
      groups.push(group);
    }
    return group;
  };

  const speakerAtToken = (index: number): DraftActor | undefined => actorOfToken.get(index) ?? groupAt(index);

  /** The actor named last before `offset` outside quotations, of those `fits` accepts. */
  const lastNamedBefore = (offset: number, fits: (actor: DraftActor) => boolean = () => true): DraftActor | undefined => {
    let best: { at: number; actor: DraftActor } | undefined;
    for (const actor of [...names.actors, ...groups]) {
      if (!fits(actor)) continue;
      for (const m of actor.mentions) if (!m.inQuote && m.start < offset && (best === undefined || m.start > best.at)) best = { at: m.start, actor };
    }
    return best?.actor;
  };

  /** The last person named before `offset`, outside quotations, of the pronoun's gender when known. */
  const antecedent = (offset: number, pronoun: string): DraftActor | undefined => {
    const wanted = /^she$/i.test(pronoun) ? 'female' : /^he$/i.test(pronoun) ? 'male' : undefined;
    return lastNamedBefore(offset, (actor) => (wanted !== undefined ? actor.kind === 'person' && (actor.gender === undefined || actor.gender === wanted) : actor.kind !== 'person'));
  };

  const who = (index: number): DraftActor | undefined => {
    const token = tokens[index] as Token;
    return PERSONAL_PRONOUNS.test(token.text) ? antecedent(token.start, token.text) : speakerAtToken(index);
  };

  // Groups that say something outside quotations too ("observers say", "Government officials said").
  tokens.forEach((token, i) => {
    if (GROUP_NOUNS.test(token.text) && isSpeech(tokens[i + 1]) && outside(token)) groupAt(i);
  });

  const sentenceOf = (offset: number): Span => {
    const sentence = layout.sentences[firstEndingAfter(layout.sentences, offset)];
    return sentence !== undefined && sentence.start <= offset ? sentence : { start: offset, end: offset };
  };
  const tokensIn = (from: number, to: number): number[] => {
    const found: number[] = [];
    const first = firstEndingAfter(tokens, from);
    for (let i = first < 0 ? tokens.length : first; i < tokens.length && (tokens[i] as Token).start < to; i++) {
      const t = tokens[i] as Token;
      if (t.start >= from && t.end <= to && outside(t)) found.push(i);
    }
    return found;
  };
  const doubles = layout.quotations.filter((o) => o.marks === 'double');
  const doubleIndex = new Map(doubles.map((o, i) => [o, i]));

  const attribute = (q: Quotation): Speaker | undefined => {
    const opening = sentenceOf(q.start - 1);
    const closing = sentenceOf(Math.min(q.end, text.length - 1));
    const at = doubleIndex.get(q) ?? -1;
    const nextOpen = doubles[at + 1];
    const tail = tokensIn(q.end, Math.min(closing.end, nextOpen === undefined ? Infinity : nextOpen.start - 1));
    // The head starts after the quotation before this one, when that one is in the same sentence.
    const before = doubles[at - 1];
    const headStart = before !== undefined && before.end >= opening.start ? before.end : opening.start;
    const head = tokensIn(headStart, q.start - 1);
    // "…," said Senate Majority Leader Harry Reid.
    if (isSpeech(tokens[tail[0] as number])) {
      for (const i of tail.slice(1, 8)) {
        const actor = who(i);
        if (actor !== undefined) return { actor, how: 'said', end: endOfMention(i) };
      }
    }
    // "…," top diplomat Wang Yi said / "…," she said / "…," Nasheed told Newshour.
    const verbAt = tail.slice(0, 9).findIndex((i) => isSpeech(tokens[i]));
    if (verbAt > 0) {
      for (const i of tail.slice(0, verbAt).reverse()) {
        const actor = who(i);
        if (actor !== undefined) return { actor, how: 'said', end: (tokens[tail[verbAt] as number] as Token).end };
      }
    }
    // Barack Obama tweeted, "…" / Keith Kellogg told a panel … that the US hoped "to force".
    const headVerb = [...head].reverse().find((i) => isSpeech(tokens[i]));
    if (headVerb !== undefined) {
      // The nearest person before the verb, else the nearest actor: "Bong Wie, an engineer at Iowa State University, noted:".
      const before = head.filter((i) => i < headVerb).reverse().map(who);
      const actor = before.find((a) => a?.kind === 'person') ?? before.find((a) => a !== undefined);
      if (actor !== undefined) return { actor, how: 'said' };
    }
    // A second quotation of one sentence ("to force" Putin into actions he was "uncomfortable with"): the first one's speaker.
    const earlier = quotes.at(-1);
    if (earlier !== undefined && previous !== undefined && previous.end >= opening.start && previous.how !== 'nearest') return { actor: earlier.speaker, how: previous.how };
    // The subject of the sentence: the first person it names before the quotation, else the first actor.
    const actors = head.map(who);
    const subject = actors.find((a) => a?.kind === 'person') ?? actors.find((a) => a !== undefined);
    if (subject !== undefined) return { actor: subject, how: 'subject' };
    return undefined;
  };

  const endOfMention = (index: number): number => {
    const actor = actorOfToken.get(index);
    const mention = actor?.mentions.find((m) => m.first <= index && index <= m.last);
    return mention?.end ?? (tokens[index] as Token).end;
  };

  const quotes: DraftQuote[] = [];
  const quoteId = idMaker('quote');
  const singles: string[] = [];
  let previous: { speaker: DraftActor; paragraph: number; end: number; how: Speaker['how'] } | undefined;
  for (const q of layout.quotations) {
    if (q.marks === 'single') {
      singles.push(text.slice(q.start, q.end));
      continue;
    }
    let speaker = attribute(q);
    if (speaker === undefined && previous !== undefined && (previous.paragraph === q.paragraph || previous.paragraph === q.paragraph - 1)) {
      speaker = { actor: previous.speaker, how: 'continued' };
    }
    if (speaker === undefined) {
      // The last actor named before the quotation: a guess to check.
      speaker = { actor: lastNamedBefore(q.start) ?? unknownSpeaker(groups), how: 'nearest' };
    }
    const context = speaker.end === undefined ? undefined : contextAfter(text.slice(speaker.end, sentenceOf(Math.min(q.end, text.length - 1)).end));
    const check = checkNote(speaker, q.paragraph, previous);
    previous = { speaker: speaker.actor, paragraph: q.paragraph, end: q.end, how: speaker.how };
    for (const piece of piecesOf(layout, q)) {
      const id = quoteId(`${shortName(speaker.actor)} ${piece.split(/\s+/).slice(0, 4).join(' ')}`);
      quotes.push({ id, speaker: speaker.actor, text: piece, ...(context !== undefined ? { context } : {}), ...(check !== undefined ? { check } : {}) });
    }
  }
  return { quotes, groups, singles };
}

function checkNote(speaker: Speaker, paragraph: number, previous: { paragraph: number } | undefined): string | undefined {
  const name = speaker.actor.name;
  switch (speaker.how) {
    case 'said':
      return undefined;
    case 'subject':
      return `speaker: ${name} is the subject of the sentence, not named with "said"; check who says it`;
    case 'continued':
      return previous?.paragraph === paragraph ? undefined : `speaker: ${name} spoke the quotation before; check that this one is theirs too`;
    case 'nearest':
      return speaker.actor.id === UNKNOWN_ID ? 'speaker: no one is named near this quotation; add the speaker as an actor' : `speaker: no "said" nor a subject found; ${name} is only the last actor named before it`;
  }
}

const UNKNOWN_ID = 'unknown-speaker';

function unknownSpeaker(groups: DraftActor[]): DraftActor {
  let actor = groups.find((g) => g.id === UNKNOWN_ID);
  if (actor === undefined) {
    actor = { id: UNKNOWN_ID, name: 'unknown speaker', aliases: [], kind: 'group', mentions: [] };
    groups.push(actor);
  }
  return actor;
}

/** The name the article shortens an actor to ("Xi", "Nasheed"), else the last word of the name, for quote ids. */
function shortName(actor: DraftActor): string {
  const short = [...actor.aliases].sort((a, b) => a.length - b.length)[0];
  if (short !== undefined && !short.includes(' ')) return short;
  return actor.name.split(/\s+/).filter((w) => !/^(Jr|Sr)\.?$/.test(w)).at(-1) ?? actor.name;
}

/** "at a meeting of the United Nations Security Council Tuesday": where or to whom, right after the attribution. */
function contextAfter(rest: string): string | undefined {
  const m = /^\s*(?:(?:said|told|stated)\s+)?((?:at|in|to|during|before|from|on)\s[^,;:"“”]+?)\s*(?=[,.;:]|$)/u.exec(rest.replace(/\s+/g, ' '));
  if (m === null) return undefined;
  const context = (m[1] as string).trim();
  return context.split(' ').length >= 2 && context.split(' ').length <= 16 ? context : undefined;
}

/**
 * The sentences of a quotation, each a quote of its own (the dev-set
 * annotators' practice: one card per sentence), trimmed of the comma that
 * hands over to "said" and, for a phrase that is no sentence, of the full stop.
 */
function piecesOf(layout: ArticleLayout, q: Quotation): string[] {
  const { text } = layout;
  const pieces: string[] = [];
  const sentences = layout.sentences.filter((s) => s.end > q.start && s.start < q.end);
  const bounds = sentences.length === 0 ? [{ start: q.start, end: q.end }] : sentences.map((s) => ({ start: Math.max(s.start, q.start), end: Math.min(s.end, q.end) }));
  for (const { start, end } of bounds) {
    let piece = text.slice(start, end).replace(/\s+/g, ' ').trim();
    piece = piece.replace(/^["“”‘’']+/u, '').replace(/["“”]+$/u, '').trim();
    piece = piece.replace(/[,;:\s]+$/u, '');
    if (!/^\p{Lu}/u.test(piece)) piece = piece.replace(/\.$/, '');
    if (/[\p{L}\p{N}]/u.test(piece)) pieces.push(piece);
  }
  return pieces;
}
