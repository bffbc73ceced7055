/**
 * The article's actors, indexed once per annotation: every name each goes by,
 * whether the name is a proper name or only a description ("observers",
 * "Franklin's father"), and the demonyms that give a country away.
 */
import type { Actor, Annotation } from '../annotation/model.js';
import { foldForMatching, indexOfWords } from '../annotation/text-match.js';
import type { CardAnswer } from './card.js';
import { capitalisedInside, insideQuotation, needsThe, termsOf } from './phrasing.js';
import { roleSource, searchableArticle, type RoleSource, type SearchableArticle } from './sources.js';
import { contentWords } from './quality.js';

/** The article's actors, indexed once: their names, kinds and roles, as templates and the quality checks ask for them. */
export interface ActorIndex {
  readonly all: readonly Actor[];
  byId(id: string): Actor | undefined;
  /** The name, the aliases and a short form the article itself uses ("Wang" for Wang Yi). */
  names(actor: Actor): readonly string[];
  /**
   * Forms that give the actor away on a front: its names and, for a country,
   * its demonyms ("Scottish" for Scotland).
   */
  revealing(actor: Actor): readonly string[];
  /** The actor as a card's answer: its name, every name it goes by accepted. */
  answer(actor: Actor): CardAnswer;
  /** True when the text is one of the names {@link ActorIndex.names} gives some actor. */
  isName(text: string): boolean;
  /** Every word of every actor's names, lower-cased: words that name someone, not a role. */
  readonly nameWords: ReadonlySet<string>;
  /** The sentence that gives the actor's role, and how much of the role it says. */
  roleSource(actor: Actor): RoleSource | undefined;
  /** True when the name only describes ("observers", "Franklin's family"): no proper name to learn. */
  descriptive(actor: Actor): boolean;
  /**
   * The text with "the" before each name that takes it and is written bare
   * ("chairman of National Organization for Marriage" in an annotator's role).
   */
  withArticles(text: string): string;
}

/** Words before a name that are titles, not part of it. */
const NAME_TITLES = /^(Mr|Mrs|Ms|Dr|Rep|Sen|Gov|Gen|President|Senator|Representative|Minister|Judge|Justice|Prince|Princess|King|Queen|Sir|Dame|Lord|Lady|Environmentalist|Singer)\.?$/i;

/** "the Rep. Patrick Kennedy" → "Patrick Kennedy": a name as the article writes it, without the title before it. */
export function withoutTitle(phrase: string): string {
  const words = phrase.trim().split(/\s+/);
  let first = /^the$/i.test(words[0] ?? '') ? 1 : 0;
  if (words.length > first + 1 && NAME_TITLES.test(words[first] as string)) first++;
  return words.slice(first).join(' ');
}

export function indexActors(annotation: Annotation): ActorIndex {
  const text = foldForMatching(annotation.article.text);
  const actors = annotation.actors;
  const byId = new Map(actors.map((a) => [a.id, a]));
  // Every word of every actor's full name, to keep a short form one actor's alone.
  const wordOwners = new Map<string, Set<string>>();
  for (const actor of actors) {
    for (const name of [actor.name, ...actor.aliases]) {
      for (const word of name.split(/\s+/)) {
        const owners = wordOwners.get(word) ?? new Set<string>();
        owners.add(actor.id);
        wordOwners.set(word, owners);
      }
    }
  }
  const names = new Map<string, string[]>();
  const revealing = new Map<string, string[]>();
  const descriptive = new Map<string, boolean>();
  for (const actor of actors) {
    const own = [actor.name, ...actor.aliases];
    const short = actor.kind === 'person' ? shortForm(actor, text, wordOwners) : undefined;
    const all = [...new Set(short === undefined ? own : [...own, short])];
    names.set(actor.id, all);
    revealing.set(actor.id, actor.kind === 'country' ? [...all, ...all.flatMap(demonymsOf)] : all);
    descriptive.set(actor.id, isDescriptive(actor.name, annotation.article.text));
  }
  const allNames = new Set([...names.values()].flat());
  const articleBefore = theNames(annotation);
  const sources = new Map<string, RoleSource | undefined>();
  let searchable: SearchableArticle | undefined;
  return {
    all: actors,
    nameWords: new Set([...allNames].flatMap((n) => contentWords(n))),
    roleSource: (actor) => {
      searchable ??= searchableArticle(annotation);
      if (!sources.has(actor.id)) sources.set(actor.id, roleSource(searchable, actor, revealing.get(actor.id) ?? [actor.name]));
      return sources.get(actor.id);
    },
    byId: (id) => byId.get(id),
    isName: (text) => allNames.has(text),
    names: (actor) => names.get(actor.id) ?? [actor.name],
    answer: (actor) => ({ text: actor.name, kind: 'actor', accepted: [...(names.get(actor.id) ?? [actor.name])], actorId: actor.id }),
    revealing: (actor) => revealing.get(actor.id) ?? [actor.name],
    descriptive: (actor) => descriptive.get(actor.id) ?? false,
    withArticles: (text) => (articleBefore === undefined ? text : text.replace(articleBefore, (name: string, _n, at: number, whole: string) => {
      const before = whole.slice(0, at);
      // Only where a bare name stands as a noun phrase: after a preposition, or opening the text; never
      // inside a quotation (the speaker's words), nor as an adjective ("a young People's Republic", "Senate Democrats").
      const opening = /^\s*$/.test(before);
      if (!opening && !/\b(of|for|by|with|at|to|from|in|on|and|or|about|against|into|as|than|between|like|under|over|via)\s+$/i.test(before)) return name;
      if (/^\s+\p{Lu}/u.test(whole.slice(at + name.length)) || insideQuotation(before)) return name;
      return `${opening ? 'The' : 'the'} ${name}`;
    })),
  };
}

/** One pattern for every name of a body that the article writes after "the" (see inSentence). */
function theNames(annotation: Annotation): RegExp | undefined {
  const text = annotation.article.text;
  const names = annotation.actors
    .filter((a) => a.kind !== 'person')
    .flatMap((a) => [a.name, ...a.aliases].filter((n) => needsThe(n, text, a.kind)));
  if (names.length === 0) return undefined;
  const escaped = [...new Set(names)].sort((a, b) => b.length - a.length).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
}

/**
 * The short form of a person's name that the article uses on its own: the
 * family name, first ("Wang" of Wang Yi, "Lee" of Lee Myung-Bak) or last
 * ("Putin"). None when the article never uses one alone, or when another actor
 * shares it (two Kennedys): a shared short form would name the wrong person.
 */
function shortForm(actor: Actor, text: string, wordOwners: Map<string, Set<string>>): string | undefined {
  const words = actor.name.split(/\s+/).filter((w) => !NAME_TITLES.test(w) && !/^(Jr|Sr)\.?$/.test(w) && !/^[IVX]+$/.test(w));
  if (words.length < 2) return undefined;
  const [first, last] = [words[0] as string, words[words.length - 1] as string];
  const usable = (word: string): boolean => word.length >= 2 && !/[.'’]$/.test(word) && (wordOwners.get(word)?.size ?? 0) <= 1;
  // Only a short form the article itself uses alone: "Wang" of Wang Yi, "Putin" of Vladimir Putin. Taking the
  // last word unseen would accept a given name ("Yi", "Han" of Kim Kyung Han) as the person.
  if (usable(last) && usedAlone(text, last, words)) return last;
  if (usable(first) && usedAlone(text, first, words)) return first;
  return undefined;
}

/** True when `word` occurs in the text outside the full name it belongs to. */
function usedAlone(text: string, word: string, nameWords: string[]): boolean {
  const full = nameWords.join(' ');
  for (let at = indexOfWords(text, word); at >= 0; at = indexOfWords(text, word, at + 1)) {
    const around = text.slice(Math.max(0, at - full.length - 1), at + full.length + 1);
    if (!around.includes(full)) return true;
  }
  return false;
}

/**
 * True when a name only describes its bearer: its head word is written in
 * lower case ("Franklin's family", "Government officials"), or the article
 * writes it so inside its sentences ("Protesters" / "the protesters").
 */
function isDescriptive(name: string, article: string): boolean {
  const head = name.replace(/\s*\([^)]*\)\s*$/, '').split(/\s+/).at(-1) ?? '';
  if (head === '' || /^[\p{Ll}]/u.test(head)) return true;
  if (/^\p{Lu}{2,}/u.test(head) || /\d/.test(head)) return false;
  const lower = head.toLowerCase();
  const inLower = indexOfWords(article, lower) >= 0;
  const capitalInside = capitalisedInside(article, head);
  if (inLower && !capitalInside) return true;
  if (capitalInside) return false;
  if (name.split(/\s+/).length > 1) return false;
  return !(termsOf(name)[0]?.tags.includes('ProperNoun') ?? false);
}

/** Demonyms whose stem differs from the country's name. */
const IRREGULAR_DEMONYMS: Record<string, string[]> = {
  'united states': ['American', 'Americans', 'US', 'U.S.'],
  us: ['American', 'Americans'],
  'u.s.': ['American', 'Americans'],
  america: ['American', 'Americans'],
  'united kingdom': ['British', 'Briton', 'Britons', 'UK', 'U.K.'],
  uk: ['British'],
  britain: ['British', 'Briton'],
  france: ['French'],
  netherlands: ['Dutch'],
  switzerland: ['Swiss'],
  wales: ['Welsh'],
  ireland: ['Irish'],
  spain: ['Spanish', 'Spaniard'],
  germany: ['German', 'Germans'],
  greece: ['Greek', 'Greeks'],
  thailand: ['Thai'],
  philippines: ['Filipino', 'Philippine'],
  'soviet union': ['Soviet', 'Soviets'],
  china: ['Chinese', 'Sino'],
  "people's republic of china": ['Chinese'],
  japan: ['Japanese'],
  vietnam: ['Vietnamese'],
  portugal: ['Portuguese'],
  denmark: ['Danish', 'Dane'],
  sweden: ['Swedish', 'Swede'],
  finland: ['Finnish', 'Finn'],
  poland: ['Polish', 'Pole'],
  turkey: ['Turkish', 'Turk'],
  iraq: ['Iraqi'],
  israel: ['Israeli'],
  pakistan: ['Pakistani'],
  maldives: ['Maldivian'],
  'the maldives': ['Maldivian'],
  'new zealand': ['New Zealander', 'Kiwi'],
  'south korea': ['South Korean', 'Korean'],
  'north korea': ['North Korean'],
};

/**
 * "Scotland" → Scottish, Scots; "Russia" → Russian; "the United States" →
 * American: the adjectives and people-nouns that name a country without its
 * name (rule 2: a demonym gives the answer away).
 */
export function demonymsOf(country: string): string[] {
  const key = country.toLowerCase();
  const forms = [...(IRREGULAR_DEMONYMS[key] ?? [])];
  const base = country.replace(/^the\s+/i, '');
  if (/\s/.test(base)) return forms;
  // Regular demonyms share the name's stem: Russia-n, Kore-an, Scot-tish, Ukrain-ian, Iran-ian.
  const stem = base.replace(/(ia|a|land|e|y)$/i, '');
  if (stem.length >= 3) forms.push(`${stem}n`, `${stem}an`, `${stem}ian`, `${stem}ish`, `${stem}s`, `${stem}tish`, `${stem}i`, `${stem}ese`);
  if (/a$/i.test(base)) forms.push(`${base}n`);
  return [...new Set(forms)];
}
