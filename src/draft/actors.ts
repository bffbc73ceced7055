/**
 * Named people, organizations and countries of the article, each with the
 * role phrase the article attaches to it ("top diplomat Wang Yi", "Mohamed
 * Nasheed, the leader of the Maldives"), from compromise's tags (tokens.ts)
 * and the capitals of the text.
 */
import type { ActorKind } from '../annotation/index.js';
import { slugify } from '../annotation/slug.js';
import { bare, has, type Token } from './tokens.js';
import { insideQuotation, MONTH_NAMES, type ArticleLayout } from './text.js';

/** One place where the article names an actor. */
export interface Mention {
  start: number;
  end: number;
  name: string;
  /** Index of its first and last token. */
  first: number;
  last: number;
  /** Title words that stood before the name in the same run ("Senate Majority Leader"). */
  title?: { start: number; end: number };
  inQuote: boolean;
}

/** A mention as the reading found it: the tokens of its name and of the title before it. */
type ReadMention = Mention & { tokens: Token[]; titleTokens: Token[] };

export interface DraftActor {
  id: string;
  name: string;
  aliases: string[];
  kind: ActorKind;
  role?: string;
  /** Why the kind is a guess, when it is one. */
  kindGuess?: string;
  gender?: 'male' | 'female';
  mentions: Mention[];
}

export interface NameReading {
  actors: DraftActor[];
  /** Names the article uses that are no actor the drafter could place (cities, works, events), for a TODO. */
  otherNames: string[];
  /** Short names that fit several actors ("Kim"): the annotator decides. */
  ambiguous: { name: string; candidates: string[] }[];
}

/** Words that stand before a name as its title; they go to the role, not the name. */
const TITLES = new Set(
  'president vice prime minister secretary senator sen. representative rep. governor gov. mayor judge justice chancellor king queen prince princess pope general gen. colonel col. captain lieutenant sergeant dr. mr. mrs. ms. professor prof. chairman chairwoman speaker leader majority minority lady first ambassador envoy director chief commissioner sir dame lord'.split(' '),
);

/** Nouns for what a person is, which compromise does not all tag as Actor. */
const ROLE_NOUNS = new Set(
  'official officials observer observers spokesman spokeswoman spokesperson protester protesters expert experts analyst analysts minister leader president envoy diplomat senator representative resident residents authorities police officer officers critic critics activist activists chief head director secretary chairman governor mayor ambassador adviser advisers aide aides publicist singer environmentalist scientist scientists researcher researchers professor lawyer lawyers judge candidate founder executive reporter editor author player coach captain'.split(' '),
);

/** Words before a role that compromise may read as verbs ("Top" opening a sentence). */
const ROLE_ADJECTIVES = /^(top|senior|former|acting|deputy|veteran|then)$/i;

/** Words of an organization's name, or nouns that introduce one ("the news agency Yonhap"). */
const ORGANIZATION_WORDS = new Set(
  'senate house congress parliament council hall museum academy society center centre committee commission agency ministry department office bureau court party union association federation foundation institute institution university college school hospital bank fund company corporation corp. inc. ltd. group records network channel magazine newspaper times post news website administration army navy police nations organization organisation alliance league club team board authority service trust'.split(' '),
);

/** Countries the article may name by an abbreviation or another name that compromise does not tag as a country. */
const COUNTRY_NAMES: Record<string, string> = {
  US: 'United States',
  'U.S.': 'United States',
  USA: 'United States',
  'U.S.A.': 'United States',
  America: 'United States',
  UK: 'United Kingdom',
  'U.K.': 'United Kingdom',
  Britain: 'United Kingdom',
};

/** The head word of a country's formal name, which keeps "of" and a possessive inside the name. */
const COUNTRY_HEADS = /^(Republic|Kingdom|Federation|Emirates|States|Union)$/;

const CONNECTORS = new Set(['of', 'for', 'and', 'the', 'de', 'du', 'van', 'von', 'al', 'bin']);
const PRONOUN_OR_FUNCTION = /^(I|A|An|The|This|That|These|Those|It|He|She|They|We|You|His|Her|Its|Their|Our|My|But|And|Or|So|If|In|On|At|As|By|For|Of|To|After|Before|When|While|Just|Now|Then|Per|According|Over|Around|Days|Nevertheless|However)$/;
const MONTH = new RegExp(`^(?:${MONTH_NAMES})$`);
const SPEECH_CONTEXT = /\b(said|says|say|told|tells|stated|reported|reports|according to|tweeted|wrote|announced)\s*$/i;

function lower(word: string): string {
  return word.toLowerCase();
}

function isCapitalised(token: Token): boolean {
  return /^\p{Lu}/u.test(token.text) && !/\d/.test(token.text);
}

function isTitle(token: Token): boolean {
  if (has(token, 'FirstName', 'LastName', 'MaleName', 'FemaleName')) return false;
  return has(token, 'Honorific') || TITLES.has(lower(token.text)) || (has(token, 'Actor') && !has(token, 'ProperNoun', 'Person'));
}

function isRoleNoun(token: Token | undefined): boolean {
  if (token === undefined) return false;
  return has(token, 'Actor', 'Honorific') || ROLE_NOUNS.has(lower(bare(token.text))) || TITLES.has(lower(token.text));
}

/** Reads every named actor of the article. */
export function readNames(layout: ArticleLayout, tokens: Token[]): NameReading {
  const { text } = layout;
  // Words written with a capital inside a sentence somewhere: a sentence's first word is a name only if it is one elsewhere too.
  const capitalInside = new Set<string>();
  const lowerSomewhere = new Set<string>();
  for (const token of tokens) {
    if (isCapitalised(token) && !token.initial) capitalInside.add(bare(token.text));
    if (/^\p{Ll}/u.test(token.text)) lowerSomewhere.add(token.text);
  }
  const nameLike = (token: Token): boolean => {
    if (!isCapitalised(token) || has(token, 'Date', 'WeekDay', 'Month', 'Pronoun', 'Determiner', 'Value')) return false;
    if (PRONOUN_OR_FUNCTION.test(token.text) || MONTH.test(token.text)) return false;
    if (!token.initial) return true;
    if (has(token, 'Person', 'FirstName', 'LastName', 'Country', 'Organization', 'Acronym')) return true;
    const word = bare(token.text);
    return capitalInside.has(word) && !lowerSomewhere.has(lower(word));
  };
  // A sentence's first word that opens a name ("Bong Wie, an aerospace engineer"): a noun right before a capitalised word.
  const opensName = (token: Token, next: Token | undefined): boolean =>
    token.initial && isCapitalised(token) && next !== undefined && /^ $/.test(token.after) && next.sentence === token.sentence && isCapitalised(next) && !next.initial &&
    !has(token, 'Verb', 'Adverb', 'Preposition', 'Conjunction', 'Determiner', 'Pronoun', 'Adjective', 'Plural', 'Date', 'Value') && !PRONOUN_OR_FUNCTION.test(token.text) && !MONTH.test(token.text);

  const mentions: ReadMention[] = [];
  const index = new Map(tokens.map((t, i) => [t, i]));
  for (let i = 0; i < tokens.length; i++) {
    if (!nameLike(tokens[i] as Token) && !opensName(tokens[i] as Token, tokens[i + 1])) continue;
    // A run of capitalised words joined by single spaces (and "of", "for", "and", "the" between capitals).
    let j = i;
    while (j + 1 < tokens.length) {
      const current = tokens[j] as Token;
      const next = tokens[j + 1] as Token;
      if (!/^ $/.test(current.after) || next.sentence !== current.sentence) break;
      // A possessive ends a name ("Trump’s Ukraine peace efforts"), except in a country's ("People’s Republic of China").
      if (/['’]s$/u.test(current.text) && !COUNTRY_HEADS.test(next.text)) break;
      if (nameLike(next) && !next.initial) {
        j++;
        continue;
      }
      const after = tokens[j + 2];
      // "and" joins two single words only ("Rock and Roll"), not two names ("Marriott International and Thomson Reuters").
      const andJoins = next.text !== 'and' || (j === i || !/^ $/.test((tokens[j - 1] as Token).after) || CONNECTORS.has((tokens[j - 1] as Token).text));
      if (CONNECTORS.has(next.text) && andJoins && /^ $/.test(next.after) && after !== undefined && nameLike(after) && !after.initial) {
        j += 2;
        continue;
      }
      break;
    }
    const run = tokens.slice(i, j + 1);
    i = j;
    for (const piece of splitRun(run)) {
      let titleEnd = 0;
      // Title words lead; a demonym or country before a title is part of it ("US President", "Russian President").
      // So is a body's name before a title ("Senate Majority Leader", "Justice Minister").
      // Any word but a name before a title is part of it ("Democratic Senator", "Associate Justice").
      const modifiesTitle = (t: Token): boolean => !has(t, 'FirstName', 'LastName', 'MaleName', 'FemaleName');
      while (titleEnd < piece.length - 1 && (isTitle(piece[titleEnd] as Token) || (modifiesTitle(piece[titleEnd] as Token) && isTitle(piece[titleEnd + 1] as Token)))) titleEnd++;
      if (titleEnd > 0 && piece.slice(titleEnd).every(isTitle)) titleEnd = 0;
      if (titleEnd > 0 && CONNECTORS.has((piece[titleEnd] as Token).text)) {
        titleEnd++;
        // "Secretary of State Hillary Rodham Clinton": the word after "of" belongs to the title when a name follows it.
        const after = piece[titleEnd + 1];
        if (after !== undefined && (has(after, 'FirstName', 'Person') || (has(piece[titleEnd], 'Place') && titleEnd + 2 < piece.length)) && !has(piece[titleEnd], 'FirstName', 'Person')) titleEnd++;
      }
      // A nationality before a name is no part of it ("Japanese Masahiro Okamura").
      while (titleEnd < piece.length - 1 && isDemonym([piece[titleEnd] as Token])) titleEnd++;
      const nameTokens = piece.slice(titleEnd);
      const titleTokens = piece.slice(0, titleEnd);
      if (nameTokens.length === 0) continue;
      const firstToken = nameTokens[0] as Token;
      const lastToken = nameTokens.at(-1) as Token;
      const name = bare(text.slice(firstToken.start, lastToken.end));
      // A title alone ("the President's house") names no one the drafter can tell.
      if (name.length < 2 || isDemonym(nameTokens)) continue;
      const mention = {
        start: firstToken.start,
        end: firstToken.start + name.length,
        name,
        first: index.get(firstToken) as number,
        last: index.get(lastToken) as number,
        inQuote: insideQuotation(layout, firstToken.start, lastToken.end),
        tokens: nameTokens,
        titleTokens,
        ...(titleTokens.length > 0 ? { title: { start: (titleTokens[0] as Token).start, end: (titleTokens.at(-1) as Token).end } } : {}),
      };
      mentions.push(mention);
    }
  }

  // Group by name, then fold short forms into the one longer name they are part of.
  const byName = new Map<string, typeof mentions>();
  for (const mention of mentions) byName.set(mention.name, [...(byName.get(mention.name) ?? []), mention]);
  const names = [...byName.keys()];
  const canonical = new Map<string, string>();
  const ambiguous: NameReading['ambiguous'] = [];
  // "Aretha Louise Franklin" is the "Aretha Franklin" of the rest of the article.
  for (const name of names) {
    const words = name.split(' ');
    if (words.length < 3 || canonical.has(name)) continue;
    const shorter = names.filter((other) => other !== name && other.split(' ').length === 2 && other.split(' ')[0] === words[0] && other.split(' ')[1] === words.at(-1));
    if (shorter.length === 1) canonical.set(name, shorter[0] as string);
  }

  for (const name of names) {
    const country = COUNTRY_NAMES[name];
    if (country !== undefined) {
      canonical.set(name, country);
      continue;
    }
    const words = name.split(' ');
    // A country keeps its own actor: "Russia" is not short for "Soviet Russia".
    if (words.length !== 1 || (byName.get(name) ?? []).some((m) => m.tokens.every((t) => has(t, 'Country')))) continue;
    const longer = names.filter((other) => {
      // A name used only inside quotations is no actor to fold into.
      if (other === name || canonical.has(other) || (byName.get(other) ?? []).every((m) => m.inQuote)) return false;
      const parts = other.split(' ').filter((w) => !/^(Jr|Sr)\.?$/.test(w));
      return parts.length > 1 && (parts[0] === name || parts.at(-1) === name);
    });
    if (longer.length === 1) canonical.set(name, longer[0] as string);
    else if (longer.length > 1) ambiguous.push({ name, candidates: longer });
  }
  const ambiguousNames = new Set(ambiguous.map((a) => a.name));

  const groups = new Map<string, typeof mentions>();
  for (const [name, list] of byName) {
    if (ambiguousNames.has(name)) continue;
    // A title alone ("the President's house") names no one, unless it is a surname the article gives in full ("King").
    if (!name.includes(' ') && TITLES.has(lower(name)) && !canonical.has(name)) continue;
    const target = canonical.get(name) ?? name;
    groups.set(target, [...(groups.get(target) ?? []), ...list]);
  }

  const actors: DraftActor[] = [];
  const otherNames: string[] = [];
  const usedIds = new Set<string>();
  for (const [name, list] of groups) {
    list.sort((a, b) => a.start - b.start);
    if (list.every((m) => m.inQuote)) {
      otherNames.push(name);
      continue;
    }
    const decided = kindOf(name, list, tokens, text);
    if (decided === undefined) {
      otherNames.push(name);
      continue;
    }
    const aliases = [...new Set(list.map((m) => m.name).filter((n) => n !== name))];
    let id = slugify(name) || 'actor';
    for (let n = 2; usedIds.has(id); n++) id = `${slugify(name)}-${n}`;
    usedIds.add(id);
    const actor: DraftActor = { id, name, aliases, kind: decided.kind, mentions: list, ...(decided.guess ? { kindGuess: decided.guess } : {}) };
    const gender = genderOf(list);
    if (gender !== undefined) actor.gender = gender;
    const role = roleOf(list, tokens, layout);
    if (role !== undefined) actor.role = role;
    actors.push(actor);
  }
  return { actors, otherNames, ambiguous };
}

/** A run with "of"/"and" inside is one name only when it is an organization's ("Rock and Roll Hall of Fame"); else its parts. */
function splitRun(run: Token[]): Token[][] {
  if (!run.some((t) => CONNECTORS.has(t.text))) return [run];
  if (run.some((t) => COUNTRY_HEADS.test(t.text))) return [run];
  const organization =
    run.some((t) => has(t, 'Organization') || ORGANIZATION_WORDS.has(lower(t.text))) || run.some((t, i) => isTitle(t) && CONNECTORS.has(run[i + 1]?.text ?? ''));
  if (organization) return [run];
  const pieces: Token[][] = [[]];
  for (const token of run) {
    if (CONNECTORS.has(token.text)) pieces.push([]);
    else (pieces.at(-1) as Token[]).push(token);
  }
  return pieces.filter((p) => p.length > 0);
}

/** "Chinese", "British", "Soviet": adjectives of nationality, no actor by themselves. */
function isDemonym(tokens: Token[]): boolean {
  // "South Korean": a direction before the adjective.
  if (tokens.length === 2 && /^(North|South|East|West|Northern|Southern|Eastern|Western)$/.test((tokens[0] as Token).text)) return isDemonym(tokens.slice(1));
  if (tokens.length !== 1) return false;
  const token = tokens[0] as Token;
  if (has(token, 'Demonym')) return true;
  if (has(token, 'Person', 'FirstName', 'LastName', 'Country')) return false;
  return token.text.length >= 5 && /^\p{Lu}\p{L}+(?:ish|ese|ian|can|ean|ern|iet)$/u.test(token.text);
}

function kindOf(name: string, list: readonly ReadMention[], tokens: Token[], text: string): { kind: ActorKind; guess?: string } | undefined {
  if (Object.values(COUNTRY_NAMES).includes(name)) return { kind: 'country' };
  const words = name.split(' ').map(lower);
  const countryMentions = list.filter((m) => m.tokens.every((t) => has(t, 'Country'))).length;
  if (countryMentions * 2 > list.length) return { kind: 'country' };
  if (words.some((w) => ORGANIZATION_WORDS.has(w))) return { kind: 'organization' };
  if (/^[A-Z]{2,6}$/.test(name) || list.some((m) => m.titleTokens.length > 0 && CONNECTORS.has((m.titleTokens.at(-1) as Token).text))) return { kind: 'organization' };
  // A first or last name outweighs compromise's Organization, which it gives "Trump" in "the Trump administration".
  const named = list.some((m) => m.tokens.some((t) => has(t, 'FirstName', 'LastName', 'MaleName', 'FemaleName')));
  if (!named && list.some((m) => m.tokens.some((t) => has(t, 'Organization')))) return { kind: 'organization' };
  const personTags = named || list.some((m) => m.tokens.some((t) => has(t, 'Person') && !has(t, 'Honorific')));
  // "Bong Wie, an aerospace engineer at …": an apposition that says what someone is.
  const apposed = list.some((m) => {
    if (!/^,\s+(?:the|a|an)\s/u.test((tokens[m.last] as Token).after + (tokens[m.last + 1]?.text ?? '') + ' ')) return false;
    for (let i = m.last + 2; i < Math.min(tokens.length, m.last + 8); i++) {
      // "the President's house" says what a place is, not a person.
      if (isRoleNoun(tokens[i]) && !/['’]s$/u.test((tokens[i] as Token).text)) return true;
      if (/[,;:.]/.test((tokens[i] as Token).after)) break;
    }
    return false;
  });
  const titled = apposed || list.some((m) => m.titleTokens.length > 0 || isRoleNoun(tokens[m.first - 1] as Token));
  if (personTags || titled) return { kind: 'person' };
  if (list.every((m) => m.tokens.every((t) => has(t, 'Place')))) return undefined;
  // A noun that introduces an organization ("the news agency Yonhap", "the group AntiMadCow", "Vogue magazine").
  for (const m of list) {
    const before = tokens[m.first - 1];
    const after = tokens[m.last + 1];
    if ((before && ORGANIZATION_WORDS.has(lower(before.text))) || (after && ORGANIZATION_WORDS.has(lower(after.text)) && /^ $/.test((tokens[m.last] as Token).after))) return { kind: 'organization' };
  }
  // Someone who reports or is told something: an outlet or a person; the annotator decides.
  for (const m of list) {
    const lead = text.slice(Math.max(0, m.start - 40), m.start);
    const follow = text.slice(m.end, m.end + 12);
    if (SPEECH_CONTEXT.test(lead) || /^\s+(reported|said|says|stated)\b/.test(follow)) {
      return { kind: 'organization', guess: `'${name}' reports or is told something: an organization (news outlet) or a person?` };
    }
  }
  return undefined;
}

/**
 * The gender compromise knows of a first name, trusted only where the name
 * reads as first name then surname: in "Kim Kyung Han" Kim is the surname
 * (compromise takes it for a woman's first name).
 */
function genderOf(list: readonly { tokens: Token[]; name: string }[]): 'male' | 'female' | undefined {
  const westernOrder = (name: string): boolean => {
    const words = name.split(' ');
    return words.length === 2 || (words.length > 2 && /^(Jr|Sr)\.?$/.test(words.at(-1) as string));
  };
  const first = list.filter((m) => westernOrder(m.name)).map((m) => m.tokens[0]).find((t) => has(t, 'MaleName', 'FemaleName'));
  if (first === undefined) return undefined;
  return has(first, 'FemaleName') ? 'female' : 'male';
}

/** Most words a role phrase may have. */
const MAX_ROLE_WORDS = 24;

/**
 * How the article identifies the actor at its first mention that says so:
 * an apposition after the name (", the leader of the Maldives"), the words
 * before it ("top diplomat", "Senate Majority Leader"), or an apposition
 * before it ("One protester, Kim In-seok").
 */
function roleOf(list: readonly ReadMention[], tokens: Token[], layout: ArticleLayout): string | undefined {
  const { text } = layout;
  for (const mention of list) {
    if (mention.inQuote) continue;
    const last = tokens[mention.last] as Token;
    // ", the leader of the Maldives," after the name.
    const apposition = /^,\s+((?:the|a|an|one|his|her|its|their)\s[^,.;:()"“”]+)/u.exec(text.slice(last.end, last.end + 300));
    if (apposition !== null && (apposition[1] as string).split(/\s+/).length <= MAX_ROLE_WORDS) return apposition[1] as string;
    // The words right before the name that make one noun phrase with it.
    let from = mention.first;
    while (from > 0) {
      const previous = tokens[from - 1] as Token;
      if (previous.sentence !== last.sentence || !/^(?:\s*|-)$/.test(previous.after.replace(/^[’']s?/u, ''))) break;
      if (has(previous, 'Verb', 'Preposition', 'Conjunction', 'Date', 'Adverb') && !isRoleNoun(previous) && !ROLE_ADJECTIVES.test(previous.text)) break;
      if (has(previous, 'Pronoun') && !/^(his|her|its|their)$/i.test(previous.text)) break;
      from--;
      if (has(previous, 'Determiner') || /^(his|her|its|their)$/i.test(previous.text)) break;
      if (mention.first - from >= 8) break;
    }
    const lead = tokens.slice(from, mention.first);
    // "Vice President of Taxpayers for Common Sense" is the role of the person after it, not of the organization.
    if (lead.some(isRoleNoun) && !CONNECTORS.has((lead.at(-1) as Token).text)) {
      const start = (lead[0] as Token).start;
      const end = (lead.at(-1) as Token).end;
      const phrase = text.slice(start, end).replace(/\s+/g, ' ');
      // A sentence's first word loses its capital unless it is a name ("Top US diplomat" → "top US diplomat").
      return lead[0]?.initial && !has(lead[0], 'ProperNoun', 'Acronym', 'Demonym') ? phrase.charAt(0).toLowerCase() + phrase.slice(1) : phrase;
    }
    // "Vice President of Taxpayers for Common Sense, Steve Ellis" and "One protester, Kim In-seok".
    const before = tokens[mention.first - 1];
    if (before !== undefined && /^,\s$/.test(before.after) && before.sentence === last.sentence) {
      let start = mention.first - 1;
      while (start > 0 && (tokens[start - 1] as Token).sentence === last.sentence && !/[,;:"“”]/u.test((tokens[start - 1] as Token).after)) start--;
      const clause = tokens.slice(start, mention.first);
      if (clause.length <= 8 && clause.some(isRoleNoun) && !clause.some((t) => has(t, 'Verb') && !isRoleNoun(t))) {
        return text.slice((clause[0] as Token).start, (clause.at(-1) as Token).end);
      }
    }
  }
  return undefined;
}
