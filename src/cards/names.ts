/**
 * The article's actors, indexed once per annotation: every name each goes by,
 * whether the name is a proper name or only a description ("observers",
 * "Franklin's father"), and the demonyms that give a country away.
 */
import type { Actor, Annotation } from '../annotation/model.js';
import { foldForMatching, indexOfWords } from '../annotation/text-match.js';
import type { CardAnswer } from './card.js';
import { actorsNamedIn } from './name-index.js';
import { capitalisedInside, headNoun, insideQuotation, needsThe, possessive, termsOf } from './phrasing.js';
import { roleSource, searchableArticle, type RoleSource, type SearchableArticle } from './sources.js';
import { contentWords, mentionsAny } from './quality.js';

/** The article's actors, indexed once: their names, kinds and roles, as templates and the quality checks ask for them. */
export interface ActorIndex {
  readonly all: readonly Actor[];
  byId(id: string): Actor | undefined;
  /** The name, the aliases and the shorter forms a student may type ("Wang" for Wang Yi, "Goodall" for Chris Goodall). */
  names(actor: Actor): readonly string[];
  /**
   * Forms that give the actor away on a front: its names and, for a country,
   * its demonyms ("Scottish" for Scotland).
   */
  revealing(actor: Actor): readonly string[];
  /** The actor as a card's answer: its name, every name it goes by accepted. */
  answer(actor: Actor): CardAnswer;
  /** The one actor that {@link ActorIndex.names} gives this name, or undefined (no actor, or two). */
  namedBy(text: string): Actor | undefined;
  /**
   * True when a phrase is a name the article gives an actor: one of its names,
   * or a nickname its role quotes ("nicknamed “the Queen of Soul”"). The
   * actor's own cards ask it (rule 13).
   */
  namesAnActor(phrase: string): boolean;
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
    const all = [...new Set(actor.kind === 'person' ? [...own, ...shortForms(actor, text, wordOwners)] : [...own, ...shortNamesOf(actor.name)])];
    names.set(actor.id, all);
    revealing.set(actor.id, actor.kind === 'country' ? [...all, ...all.flatMap(demonymsOf)] : all);
    descriptive.set(actor.id, isDescriptive(actor.name, annotation.article.text));
  }
  // A name two actors share names neither of them for sure.
  const owners = new Map<string, Actor | null>();
  for (const actor of actors) {
    for (const name of names.get(actor.id) ?? []) {
      const owner = owners.get(name);
      owners.set(name, owner === undefined || owner?.id === actor.id ? actor : null);
    }
  }
  const allNames = new Set(owners.keys());
  const byTheName = (phrase: string): string => foldForMatching(phrase).toLowerCase().replace(/^the\s+/, '').trim();
  const nicknames = new Set([
    ...[...allNames].map(byTheName),
    ...actors.flatMap((a) => [...a.role.matchAll(/["“]([^"”]+)["”]/g)].map((m) => byTheName(m[1] as string))),
  ]);
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
    namedBy: (text) => owners.get(text) ?? undefined,
    namesAnActor: (phrase) => nicknames.has(byTheName(phrase)),
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

/**
 * A text written about the story's subject ("the label she signed with in
 * 1956", "the genre she focused on") names her on a card, where no sentence
 * before says who "she" is: the first pronoun becomes the name of the one
 * person the headline names.
 */
export function withSubjectNamed(text: string, actors: ActorIndex, title: string, self?: string): string {
  const subjects = actorsNamedIn(title, actors).filter((a) => a.kind === 'person' && a.id !== self);
  const subject = subjects.length === 1 ? subjects[0] : undefined;
  // A text that names her already ("… did Aretha Franklin tell Vogue …") has its "her" resolved.
  // So does a text that names another person: "Before his pivot, which leader had Trump suggested …?"
  const others = subject === undefined ? [] : actorsNamedIn(text, actors).filter((a) => a.kind === 'person' && a.id !== subject.id && !actors.descriptive(a));
  if (subject === undefined || others.length > 0 || mentionsAny(text, actors.names(subject))) return namedBeforePronoun(text, actors);
  // "the singer's publicist, who announced her death": the headline's singer is named where the role describes
  // her, and "her" then has someone to mean.
  const head = headNoun(subject.role);
  const described = head === undefined ? null : new RegExp(`\\bthe ${head}['’]s\\b`, 'i').exec(text);
  if (described !== null) return `${text.slice(0, described.index)}${possessive(subject.name)}${text.slice(described.index + described[0].length)}`;
  const pronoun = firstPronoun(text);
  if (pronoun === undefined) return text;
  // "… in Xi's power struggle, against which he sees Russia …": "he" is the person the text names before it,
  // not the headline's ("with her father's help" after the pronoun does not count).
  if (actorsNamedIn(text.slice(0, pronoun.at), actors).some((a) => a.kind === 'person' && a.id !== subject.id)) return text;
  return pronounNamed(text, pronoun, subject.name);
}

/** A text's first personal pronoun: where, its words (with the next one), and what it says of its person. */
interface Pronoun {
  at: number;
  whole: string;
  pronoun: string;
  female: boolean;
  /** "her father's help", "his plan": a possessive; "announced her death" too; "sang for her": not. */
  owner: boolean;
}

function firstPronoun(text: string): Pronoun | undefined {
  const match = /\b(she|he|her|his|him)\b(\s+\S+)?/i.exec(text);
  if (match === null) return undefined;
  const [whole, pronoun = '', next = ''] = match;
  const lower = pronoun.toLowerCase();
  return { at: match.index, whole, pronoun, female: lower === 'she' || lower === 'her', owner: lower === 'his' || (lower === 'her' && isNounOrAdjective(next)) };
}

/** The text with the pronoun replaced by the name, or by its possessive where the pronoun owns. */
function pronounNamed(text: string, { at, whole, pronoun, owner }: Pronoun, name: string): string {
  return text.slice(0, at) + whole.replace(pronoun, owner ? possessive(name) : name) + text.slice(at + whole.length);
}

/**
 * "Her song Respect won Franklin the Grammy" → "Franklin's song Respect won
 * her the Grammy": on a card, with no sentence before it, a pronoun before the
 * one person a text names can only mean that person, and English names a
 * person before it refers to them.
 */
export function namedBeforePronoun(text: string, actors: ActorIndex): string {
  // A description ("her father") is no name to put first: "her" in it is someone else.
  const people = actorsNamedIn(text, actors).filter((a) => a.kind === 'person');
  if (people.some((a) => actors.descriptive(a))) return text;
  const person = people.length === 1 ? people[0] : undefined;
  const pronoun = person === undefined ? undefined : firstPronoun(text);
  if (person === undefined || pronoun === undefined) return text;
  const named = actors
    .names(person)
    .map((name) => ({ name, at: indexOfWords(text, name) }))
    .filter((n) => n.at >= pronoun.at + pronoun.whole.length)
    .sort((a, b) => a.at - b.at || b.name.length - a.name.length)[0];
  // The name comes first already, or only inside the pronoun's own words.
  if (named === undefined || actorsNamedIn(text.slice(0, pronoun.at), actors).length > 0) return text;
  const { female } = pronoun;
  const after = text.slice(named.at + named.name.length);
  const ownerAfter = /^['’]s\b/.exec(after);
  // Where the name stood: "won Franklin the Grammy" → "won her"; "Franklin's father" → "her father"; "said Franklin
  // was" → "said she was".
  // "which leader had Trump suggested" → "had he suggested": after an auxiliary the name is the question's subject.
  const subject = isVerb(after) || AUXILIARY_BEFORE.test(text.slice(0, named.at));
  const standIn = ownerAfter !== null ? (female ? 'her' : 'his') : subject ? (female ? 'she' : 'he') : female ? 'her' : 'him';
  // The name stands after the pronoun's words, so the pronoun is where it was.
  const renamed = `${text.slice(0, named.at)}${standIn}${after.slice(ownerAfter?.[0].length ?? 0)}`;
  return pronounNamed(renamed, pronoun, named.name);
}

/** An auxiliary just before a name: in a question, the name is then the subject ("did Franklin sign"). */
const AUXILIARY_BEFORE = /\b(?:do|does|did|has|have|had|is|are|was|were|will|would|can|could|shall|should|may|might|must)\s+$/i;

function isNounOrAdjective(word: string): boolean {
  return word.trim() !== '' && (termsOf(word.trim())[0]?.tags.some((t) => t === 'Noun' || t === 'Adjective') ?? false);
}

function isVerb(rest: string): boolean {
  const word = /^\s+([\p{L}']+)/u.exec(rest)?.[1];
  return word !== undefined && (termsOf(word)[0]?.tags.includes('Verb') ?? false);
}

/** A medium the story's people talked to: a news agency, a website, a programme, a paper. */
const MEDIUM = /\b(news|agency|website|site|programme|program|show|newspaper|paper|broadcaster|magazine|journal|outlet|channel|station|radio|television|TV|wire|source|blog|podcast)\b/i;
/** Talking to a medium, as opposed to what it reported or published. */
const SPOKEN_TO = /\b(spoke|speaking|talked|told|interviewed|quoted|cited)\b/i;

/**
 * True when a role only tells how the story was sourced: "the news agency
 * Lynas spoke to", "the website Rozitis told about the findings". Which outlet
 * a speaker talked to is not the story (card-quality.md, worth learning);
 * what they told it ("the magazine she told that …") or what it reported is.
 */
export function onlySourcesTheStory(role: string): boolean {
  const spoken = SPOKEN_TO.exec(role);
  if (spoken === null || !MEDIUM.test(role.slice(0, spoken.index))) return false;
  return !/\bthat\b/i.test(role.slice(spoken.index));
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
 * The short names a body of three words or more goes by: its initials ("JPL"
 * for the Jet Propulsion Laboratory, "UNSC" for the United Nations Security
 * Council), and "UN" or "US" for the words they stand for ("UN Security
 * Council"). A student who types them means the body.
 */
function shortNamesOf(name: string): string[] {
  const words = name.replace(/^the\s+/i, '').split(/\s+/).filter((w) => !/^(of|for|and|the|on|in|&)$/i.test(w));
  if (words.length < 3 || !words.every((w) => /^\p{Lu}/u.test(w))) return [];
  const shortened = name.replace(/\bUnited Nations\b/, 'UN').replace(/\bUnited States\b/, 'US');
  return [words.map((w) => w[0]).join(''), ...(shortened === name ? [] : [shortened])];
}

/** Letters of a first word that is a given name rather than a family name written first (Wang, Zhou, Kim, Park). */
const LONG_GIVEN_NAME = 5;

/**
 * The shorter forms of a person's name a student may type: the family name the
 * article uses on its own, first ("Wang" of Wang Yi, "Lee" of Lee Myung-Bak) or
 * last ("Putin"); failing that, the last word of a name written given name
 * first ("Goodall" of Chris Goodall); and the name without its middle initials
 * ("Brian Brown" of Brian S. Brown). No word another actor shares (two
 * Kennedys): a shared short form would name the wrong person.
 */
function shortForms(actor: Actor, text: string, wordOwners: Map<string, Set<string>>): string[] {
  const words = actor.name.split(/\s+/).filter((w) => !NAME_TITLES.test(w) && !/^(Jr|Sr)\.?$/.test(w) && !/^[IVX]+$/.test(w));
  const initials = words.filter((w) => /^\p{Lu}\.$/u.test(w));
  const named = words.filter((w) => !initials.includes(w));
  const forms = initials.length > 0 && named.length >= 2 ? [named.join(' ')] : [];
  if (named.length < 2) return forms;
  const [first, last] = [named[0] as string, named[named.length - 1] as string];
  const usable = (word: string): boolean => word.length >= 2 && !/[.'’]$/.test(word) && (wordOwners.get(word)?.size ?? 0) <= 1;
  // A short form the article itself uses alone: "Wang" of Wang Yi, "Putin" of Vladimir Putin.
  if (usable(last) && usedAlone(text, last, words)) return [...forms, last];
  if (usable(first) && usedAlone(text, first, words)) return [...forms, first];
  // Unseen alone, the last word is a family name only in a name of two words that starts with a known given
  // name ("Chris Goodall") or with a long word ("Ildar Pomykalov"): the last word of "Wang Yi", "Kim Kyung Han"
  // or "Lee Myung-Bak" is a given name, and family names written first are short.
  const givenFirst = termsOf(first)[0]?.tags.includes('FirstName') === true || first.length >= LONG_GIVEN_NAME;
  if (usable(last) && givenFirst && named.length === 2 && !last.includes('-')) return [...forms, last];
  return forms;
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
  // Places a question names by their adjective: "lunar regolith" says where it was found.
  moon: ['lunar'],
  sun: ['solar'],
  earth: ['terrestrial'],
  mars: ['Martian'],
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
  const key = country.toLowerCase().replace(/^the\s+/, '');
  const forms = [...(IRREGULAR_DEMONYMS[key] ?? [])];
  const base = country.replace(/^the\s+/i, '');
  if (/\s/.test(base)) return forms;
  // Regular demonyms share the name's stem: Russia-n, Kore-an, Scot-tish, Ukrain-ian, Iran-ian.
  const stem = base.replace(/(ia|a|land|e|y)$/i, '');
  if (stem.length >= 3) forms.push(`${stem}n`, `${stem}an`, `${stem}ian`, `${stem}ish`, `${stem}s`, `${stem}tish`, `${stem}i`, `${stem}ese`);
  if (/a$/i.test(base)) forms.push(`${base}n`);
  return [...new Set(forms)];
}
