/**
 * English for cards: every question is built as a sentence from parts that
 * compromise (a maintained English NLP library) has parsed, never by pasting an
 * annotation's text after a fixed prefix (card-quality.md rule 11). One place
 * for the vocabulary of card English: question words, determiners, titles,
 * months and dates, attribution verbs.
 */
import nlp from 'compromise';
import type { ActorKind } from '../annotation/model.js';
import { indexOfWords } from '../annotation/text-match.js';
import { longDate, MONTHS, pointInTime, type PointInTime } from './dates.js';

// The dates live in dates.ts, without compromise, so that the quiz can show them without loading it.
export { longDate, monthYear, pointInTime, yearsIn, type PointInTime } from './dates.js';

/** "Who", "Which organization", … (card-quality.md rule 7). */
export function whoAsks(kind: ActorKind): string {
  switch (kind) {
    case 'person':
      return 'Who';
    case 'organization':
      return 'Which organization';
    case 'country':
      return 'Which country';
    case 'group':
      return 'Which group';
  }
}

/** "this person", "this organization", … for masking an answer inside a question. */
export function thisOne(kind: ActorKind): string {
  return kind === 'person' ? 'this person' : `this ${kind}`;
}

interface TermJson {
  text: string;
  tags: string[];
}

/** What the cards read of one parse: the terms with compromise's tags, and the root of each word. */
interface Parse {
  terms: TermJson[];
  roots: string[];
}

/**
 * Parses already made: a deck asks about the same roles and names many times, and most texts
 * whose terms are read have their roots read too (one parse gives both; the roots leave the
 * tags as they are). The oldest goes when the cache is full, so an article of any size keeps
 * the texts of its last few items.
 */
const parses = new Map<string, Parse>();
const PARSED_KEPT = 5_000;

function parseOf(text: string): Parse {
  let parse = parses.get(text);
  if (parse === undefined) {
    const doc = nlp(text);
    doc.compute('root');
    const json = doc.json() as { terms: { text: string; tags: string[]; normal: string; root?: string }[] }[];
    parse = {
      terms: json.flatMap((s) => s.terms.map((t) => ({ text: t.text, tags: t.tags }))),
      roots: json.flatMap((s) => s.terms.map((t) => (t.root ?? t.normal).toLowerCase())),
    };
    if (parses.size >= PARSED_KEPT) parses.delete(parses.keys().next().value as string);
    parses.set(text, parse);
  }
  return parse;
}

/** The terms of a short text with compromise's tags. */
export function termsOf(text: string): TermJson[] {
  return parseOf(text).terms;
}

/**
 * The root of each word of a text, lower-cased: "savings on oil imports" →
 * saving, on, oil, import, so that "import oil" is found in it (rule 13).
 */
export function rootsOf(text: string): string[] {
  return parseOf(text).roots;
}

/** True when a name or noun phrase is grammatically plural ("Chinese officials", "Franklin's sons"). */
export function isPlural(phrase: string): boolean {
  const terms = termsOf(phrase.replace(/\s*\([^)]*\)\s*$/, ''));
  // The head of an English noun phrase is its last noun before a preposition ("representatives of the government").
  const cut = terms.findIndex((t, i) => i > 0 && t.tags.includes('Preposition'));
  const head = (cut > 0 ? terms.slice(0, cut) : terms).filter((t) => t.tags.includes('Noun')).at(-1);
  if (head === undefined) return false;
  if (head.tags.includes('Plural')) return !/(ss|us|is)$/i.test(head.text);
  return false;
}

/** "is"/"are"/"was"/"were" for a subject. */
export function be(plural: boolean, past: boolean): string {
  if (past) return plural ? 'were' : 'was';
  return plural ? 'are' : 'is';
}

/** Words that open a noun phrase that needs no article of its own. */
const DETERMINERS = new Set(
  'a an the this that these those its their his her our my your one two three four five six seven eight nine ten some any each every another many several most both all no'.split(
    ' ',
  ),
);

/**
 * Title words: capitalised before a name ("Senate Majority Leader Harry Reid")
 * but written in lower case when the title stands alone in a sentence.
 */
const TITLE_WORDS = new Set(
  'president vice prime minister leader majority minority secretary general spokesman spokeswoman spokesperson representative senator governor mayor chairman chairwoman chair director chief executive ambassador envoy deputy foreign justice first lady head commander founder editor publicist king queen associate assistant attorney solicitor chancellor premier'.split(
    ' ',
  ),
);

/**
 * A role as a noun phrase fit for the middle of a sentence: "Senate Majority
 * Leader" → "the Senate majority leader", "China's top diplomat" unchanged,
 * "a spokesman for the protesters" unchanged.
 */
export function nounPhrase(role: string, article = ''): string {
  const trimmed = role.trim().replace(/[.;,]+$/, '');
  const words = trimmed.split(/\s+/);
  const first = words[0] ?? '';
  let quoted = false;
  const lowerWords = words.map((word, i) => {
    const inQuotes = quoted || /^["“‘']/.test(word);
    if (/^["“‘']/.test(word)) quoted = true;
    if (/["”’']$/.test(word)) quoted = false;
    // Only the words of a title lose their capital; names, places and quoted nicknames keep theirs.
    if (inQuotes || !/^[A-Z][a-z]+$/.test(word) || !TITLE_WORDS.has(word.toLowerCase())) return word;
    // "President Lee" keeps the capital before a name.
    const next = words[i + 1];
    if (next !== undefined && /^[A-Z]/.test(next) && !TITLE_WORDS.has(next.toLowerCase()) && !/^(Of|For)$/.test(next)) return word;
    return word.toLowerCase();
  });
  const phrase = lowerWords.join(' ');
  if (DETERMINERS.has(first.toLowerCase())) return lowerFirstWord(phrase, first);
  // "China's top diplomat", "Aretha Franklin's publicist": a possessive name opens the phrase as its article.
  if (/['’]s?$/.test(first) || /^(?:\p{Lu}[\p{L}.-]*\s+){0,3}\p{Lu}[\p{L}.-]*['’]s\s/u.test(trimmed)) return phrase;
  const terms = termsOf(trimmed);
  if (terms[0]?.tags.includes('Possessive')) return phrase;
  // "invaded by Russia in 2022": a participle phrase, not a noun phrase, takes no article.
  if (terms[0]?.tags.includes('Verb') && !terms[0].tags.includes('Noun')) return phrase;
  // A title is one of a kind ("the Senate majority leader"), and so is a bare plural ("the representatives of …");
  // any other bare noun is one of many ("a 2000 Republican presidential candidate", "an environmentalist").
  const head = headNoun(trimmed);
  if (head === undefined || TITLE_WORDS.has(head) || isPlural(trimmed)) return `the ${phrase}`;
  // "a Māori Party member", "a British singer": a name or a people's adjective keeps its capital after "a".
  return `${/^[aeiou]/i.test(phrase) && !/^(one|uni|eu)/i.test(phrase) ? 'an' : 'a'} ${TITLE_WORDS.has(first.toLowerCase()) ? lowerFirstWord(phrase, first) : lowerFirst(phrase, article)}`;
}

function lowerFirstWord(phrase: string, first: string): string {
  return first === first.toLowerCase() ? phrase : first.toLowerCase() + phrase.slice(first.length);
}

/**
 * Lower-cases the first word so the text can continue a sentence ("According
 * to NATO, China …" keeps China; "The plan …" becomes "the plan …"). A word is
 * taken for a name when the article writes it with a capital inside a sentence,
 * or compromise knows it as a person, place or organization.
 */
export function lowerFirst(text: string, article = ''): string {
  const first = /^[\p{L}][\p{L}'’.-]*/u.exec(text)?.[0] ?? '';
  if (first === '' || first === 'I' || /^I['’]/.test(first)) return text;
  if (first.length > 1 && first === first.toUpperCase()) return text;
  const lower = first.toLowerCase();
  if (first === lower) return text;
  // "Near-Earth asteroid" → "near-Earth asteroid": only the word's own first part loses its capital.
  const hyphen = first.indexOf('-');
  const lowered = (hyphen > 0 ? first.slice(0, hyphen).toLowerCase() + first.slice(hyphen) : lower) + text.slice(first.length);
  const bare = first.replace(/['’]s$/, '');
  if (DETERMINERS.has(lower) || COMMON_OPENERS.has(lower)) return lowered;
  // The article is the best witness: a word it capitalises inside a sentence is a name ("Soviet", "Congress").
  if (capitalisedInside(article, bare)) return text;
  if (article !== '' && indexOfWords(article, bare.toLowerCase()) >= 0) return lowered;
  // Otherwise compromise, reading the word in its clause: a common noun or a verb loses its capital.
  const tags = termsOf(text.split(/[,;:]/)[0] ?? text)[0]?.tags ?? [];
  return tags.some((t) => NAME_TAGS.has(t)) || tags.includes('ProperNoun') || PROPER_ADJECTIVES.has(lower) ? text : lowered;
}

/** Adjectives that keep their capital (compromise tags them like "bitter"); demonyms are tagged apart. */
const PROPER_ADJECTIVES = new Set(
  'soviet western eastern northern southern republican democratic communist socialist labour conservative liberal catholic protestant muslim jewish christian islamic arab latin nordic baltic sino'.split(' '),
);

const NAME_TAGS = new Set(['Person', 'Place', 'Organization', 'Country', 'City', 'FirstName', 'LastName', 'Acronym', 'Demonym']);
const COMMON_OPENERS = new Set('there it he she they we earmarks imports protests police people being building cutting'.split(' '));

/** True when `word` is written with a capital somewhere inside a sentence of `article`. */
export function capitalisedInside(article: string, word: string): boolean {
  if (article === '' || word === '') return false;
  for (let at = indexOfWords(article, word); at >= 0; at = indexOfWords(article, word, at + 1)) {
    const before = article.slice(Math.max(0, at - 3), at);
    // Not at the start of a sentence or line, where every word has a capital.
    if (at > 0 && !/(^|[.!?]["”’]?\s+|\n\s*|["“‘]\s*)$/u.test(before) && /[\p{L},;]\s$/u.test(before)) return true;
  }
  return false;
}

/** "the role" → "The role". */
export function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "Chinese officials'" / "Keith Kellogg's". */
export function possessive(name: string): string {
  return /s$/.test(name) ? `${name}'` : `${name}'s`;
}

/** Removes one trailing full stop (or comma) so the text can sit inside a question. */
export function withoutFinalStop(text: string): string {
  return text.trim().replace(/[.,;:。]+$/u, '');
}

/**
 * The clause that tells what happened, without the phrases around it:
 * "With her father's help, Franklin signed …" → "Franklin signed …";
 * "Franklin signed with Atlantic Records, where she focused on soul" →
 * "Franklin signed with Atlantic Records". Two such texts side by side in one
 * question ("Which happened first: …, or …?") read as one sentence only when
 * their own commas are gone.
 */
export function mainClause(text: string): string {
  let clause = withoutFinalStop(text);
  // An opening phrase without a verb of its own, before the comma that closes it.
  const opening = /^([^,]{1,60}),\s+/.exec(clause);
  if (opening !== null) {
    const terms = termsOf(opening[1] as string);
    const prepositional = terms[0]?.tags.includes('Preposition') === true;
    if (prepositional && !terms.some((t) => t.tags.includes('Verb'))) clause = clause.slice(opening[0].length);
  }
  // A relative clause, a trailing phrase or a second clause ("…, and over 200 were injured") after the last
  // comma: what happened is told before it.
  return clause.replace(/,\s+(where|which|whose|who|when|while|at|on|during|after|before|with|and|but)\b[^,]*$/i, '');
}

/** A role without a politician's party and district code: "the Representative (RI-1) who …" → "the Representative who …". */
export function withoutPartyCode(role: string): string {
  return role.replace(/\s*\((?:[A-Z]{1,2}-)?[A-Z]{1,3}(?:-\d{1,2})?\)/g, '');
}

/** Ensures the text ends like a sentence. */
export function asSentence(text: string): string {
  const trimmed = capitalized(text.trim());
  // A quoted phrase answers as it was said: "“normal trade”", not "“normal trade”.".
  if (/^["“‘][^"“”]*["”’]$/u.test(trimmed)) return trimmed;
  return /[.!?…]["”’)]?$/u.test(trimmed) ? trimmed : `${withoutFinalStop(trimmed)}.`;
}


/**
 * An actor's name inside a sentence: "the United States", "the FDIC", "NATO".
 * The article decides: a name it writes after "the" takes "the" here too.
 */
export function inSentence(name: string, article: string, kind: ActorKind): string {
  if (/^the\s/i.test(name)) return `the ${name.slice(4)}`;
  if (kind === 'person') return name;
  const folded = spacesFolded(article);
  const withThe = indexOfWords(folded, `the ${name}`) >= 0 || indexOfWords(folded, `The ${name}`) >= 0;
  const bare = countBare(folded, name);
  if (withThe && bare === 0) return `the ${name}`;
  if (!withThe && bare > 0) return name;
  // A singular common noun at the head ("University of Tennessee research team") takes "the";
  // "Franklin's family" has its determiner already.
  const head = name.split(/\s+/).at(-1) ?? '';
  if (/^\p{Ll}/u.test(head) && !isPlural(name) && !/^\S+['’]s\s/.test(name)) return `the ${name}`;
  return takesThe(name) ? `the ${name}` : name;
}

/**
 * The article with its runs of white space made one space, kept for the last
 * article asked about: every actor's name and every card asks of the same one,
 * and folding it again for each would cost its length each time.
 */
let lastFolded: { article: string; folded: string } | undefined;
function spacesFolded(article: string): string {
  if (lastFolded?.article !== article) lastFolded = { article, folded: article.replace(/\s+/g, ' ') };
  return lastFolded.folded;
}

/** True when a name not written with its "the" needs one inside a sentence ({@link inSentence} decides). */
export function needsThe(name: string, article: string, kind: ActorKind): boolean {
  return !/^the\s/i.test(name) && inSentence(name, article, kind).startsWith('the ');
}

/**
 * Names English writes after "the" whatever the article does: bodies named by
 * what they are ("the National Organization for Marriage", "the Defense of
 * Marriage Act") and names built on "of" or "for" ("the Walk to Freedom").
 */
export function takesThe(name: string): boolean {
  if (/^the\s/i.test(name)) return false;
  return (
    /\b(Union|Council|Nations|Republic|Kingdom|States|Emirates|Netherlands|Philippines|Assembly|Commission|Conference|House|Senate|Department|Ministry|Foundation|Organi[sz]ation|Institute|Institution|Museum|Hall|Court|Committee|Agency|Association|Society|League|Alliance|Federation|Coalition|Office|Board|Authority|Bureau|Service|Network|Party|Army|Navy|Bank|Fund|Movement|Act|Treaty|Accord|Convention|Protocol|Walk|Games|Olympics|Paralympics|Prize|government|police)\b/.test(name) ||
    /^(United|Soviet|European)\b/.test(name) ||
    /^\p{Lu}\S*(?: \p{Lu}\S*)* (?:of|for|to|on) \p{Lu}/u.test(name)
  );
}

/**
 * How often `name` occurs in the article as a bare name: not after "the", and
 * not used as an adjective after "a" or "an" ("an Elton John AIDS Foundation
 * event" says nothing about the name alone).
 */
function countBare(article: string, name: string): number {
  let count = 0;
  for (let at = indexOfWords(article, name); at >= 0; at = indexOfWords(article, name, at + 1)) {
    // "the 1963 Detroit Walk to Freedom", "the federal Defense of Marriage Act": the name after "the" too.
    // "Ardern's Labour Party" (a possessive stands for "the") and "Māori Party Member of Parliament" (a name
    // used as an adjective) say nothing of the name alone.
    const before = article.slice(Math.max(0, at - 24), at);
    if (/\b(the|an?)\s(?:[\d\p{Ll}][\p{L}\d-]*\s)?$/iu.test(before) || /['’]s\s$/u.test(before)) continue;
    if (/^\s\p{Lu}/u.test(article.slice(at + name.length, at + name.length + 2))) continue;
    count++;
  }
  return count;
}

/** "$110 billion", "74 yeas to 25 nays", "about 9:50 am": a short answer that is a number, to be typed exactly (rule 10). */
export function answerKindOf(answer: string): 'number' | 'text' {
  return /^\D{0,12}\d[\d,.]*\D{0,20}$/.test(answer) ? 'number' : 'text';
}

/** Words before a quantity that hedge it: the quantity alone is just as right. */
const HEDGES = /^(?:by\s+)?(?:about|around|approximately|roughly|nearly|almost|some|an estimated|over|under|just over|just under|more than|less than|fewer than|no more than|at least|at most|up to|as many as|as much as|as few as|as little as)\s+/i;
/** Most words of the part before a comma that may stand for the whole answer. */
const HEAD_WORDS = 4;

/**
 * Shorter forms of an answer that say the same fact, for typed answers (rule
 * 10): "Memphis, Tennessee" → "Memphis"; "58%, an all time high" → "58%";
 * "about 9:50 am" → "9:50 am"; "six feet (1.8 metres)" → "six feet",
 * "1.8 metres"; "18 or 19 miles" → "18 or 19". A short form must still hold
 * the answer's name or number, so it never accepts less than the fact.
 */
export function answerVariants(answer: string): string[] {
  const found = new Set<string>();
  // "74 yeas to 25 nays." is read without its full stop; the answer itself is no variant of it.
  const whole = answer.trim().replace(/[.,;:]+$/, '');
  const add = (form: string, depth: number): void => {
    const trimmed = form.trim().replace(/[.,;:]+$/, '');
    if (trimmed === '' || trimmed === answer || trimmed === whole || found.has(trimmed)) return;
    found.add(trimmed);
    for (const more of shorter(trimmed, depth + 1)) add(more, depth + 1);
  };
  for (const form of shorter(whole, 0)) add(form, 0);
  return [...found];
}

const wordCount = (text: string): number => text.split(/\s+/).length;

function shorter(answer: string, depth: number): string[] {
  const forms: string[] = [];
  const hedged = HEDGES.exec(answer);
  // "By 7%" is "7%" too.
  const by = /^by\s+(?=\d)/i.exec(answer);
  if (by !== null) forms.push(answer.slice(by[0].length));
  if (hedged !== null && /\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|hundred)\b/i.test(answer) && wordCount(answer) <= HEAD_WORDS + 2) forms.push(answer.slice(hedged[0].length));
  const parenthesis = /^(.+?)\s*\(([^()]+)\)\s*$/.exec(answer);
  if (parenthesis !== null && wordCount(parenthesis[1] as string) <= HEAD_WORDS + 2 && wordCount(parenthesis[2] as string) <= HEAD_WORDS) {
    forms.push(parenthesis[1] as string, parenthesis[2] as string);
  }
  // "45, 46 percent": the range as it is usually written ("45-46%", "45 to 46 percent").
  const pair = /^(\d[\d.]*),\s(\d[\d.]*)\s?(percent|per cent|%)$/.exec(answer);
  if (pair !== null) {
    const [, a, b] = pair;
    forms.push(`${a}-${b} percent`, `${a} to ${b} percent`, `${a}-${b}%`, `${a}–${b}%`);
  }
  // "US$1.1 billion", "$1.1 billion" and "1.1 billion dollars" are one sum; the currency's sign is not the fact.
  const money = /^(US|A|C|NZ|HK)?\$\s?(\d[\d.,]*(?:\s(?:million|billion|trillion))?)$/.exec(answer);
  if (money !== null && depth === 0) {
    const [, country, sum] = money;
    forms.push(`${sum} dollars`, ...(country === undefined ? [] : [`$${sum}`, `${country} $${sum}`, `${sum} ${country} dollars`]));
  }
  // "38 percent" and "38%" are one number, either way round (also once a hedge is gone: "as much as 7%" → "7%").
  const percent = /^(.*\d)\s?(?:percent|per cent)$/.exec(answer);
  if (percent !== null) forms.push(`${percent[1]}%`);
  const sign = /^(.*\d)%$/.exec(answer);
  if (sign !== null) forms.push(`${sign[1]} percent`, `${sign[1]} per cent`);
  // "74 yeas to 25 nays" is the vote "74-25", "74 to 25".
  const tally = /^(\d+)\s+\p{L}+\s+(?:to|and|against)\s+(\d+)\s+\p{L}+$/u.exec(answer);
  if (tally !== null && depth === 0) forms.push(`${tally[1]}-${tally[2]}`, `${tally[1]}–${tally[2]}`, `${tally[1]} to ${tally[2]}`);
  // "3/5" and "three-fifths" are one share, either way round.
  forms.push(...fractionForms(answer));
  const comma = answer.indexOf(', ');
  if (comma > 0) {
    const head = answer.slice(0, comma);
    const rest = answer.slice(comma + 2);
    // A name or a quantity before an apposition ("58%, an all time high"); not a list of numbers ("45, 46 percent").
    const quantity = /\d/.test(head) && !/^\d/.test(rest);
    const name = /^\p{Lu}[\p{L}'’.-]*(?:\s\p{Lu}[\p{L}'’.-]*)*$/u.test(head);
    if (wordCount(head) <= HEAD_WORDS && (quantity || name)) forms.push(head);
  }
  // "18 or 19 miles": the answer's number without its unit, as the question names the unit; never without
  // its size ("1.1 billion") or its time of day ("9:50 am"), and not a number inside a shorter form.
  const unit = depth === 0 ? /^([^\p{L}]*\d(?:\s(?:or|to|and)\s[^\p{L}]*\d)?)\s+(\p{L}[\p{L}.]*(?:\s\p{L}[\p{L}.]*)?)$/u.exec(answer) : null;
  if (unit !== null && !/^(hundred|thousand|million|billion|trillion|percent|per cent|am|pm|a\.m|p\.m)\b/i.test(unit[2] as string)) forms.push(unit[1] as string);
  return forms;
}

const SMALL_NUMBERS = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const DENOMINATORS = ['', '', 'half', 'third', 'quarter', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

/** "3/5" ↔ "three-fifths", "three fifths"; "1/2" ↔ "one half", "a half"; "2/3" ↔ "two-thirds". */
function fractionForms(answer: string): string[] {
  const digits = /^(\d{1,2})\/(\d{1,2})$/.exec(answer);
  if (digits !== null) {
    const [n, d] = [Number(digits[1]), Number(digits[2])];
    if (n < 1 || n > 10 || d < 2 || d > 10 || n >= d) return [];
    const unit = d === 2 ? (n === 1 ? 'half' : 'halves') : `${DENOMINATORS[d]}${n === 1 ? '' : 's'}`;
    const word = SMALL_NUMBERS[n] as string;
    return [`${word}-${unit}`, `${word} ${unit}`, ...(n === 1 ? [`a ${unit}`] : [])];
  }
  const words = /^(a|one|two|three|four|five|six|seven|eight|nine)[\s-](half|halves|thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)$/i.exec(answer);
  if (words === null) return [];
  const n = words[1]?.toLowerCase() === 'a' ? 1 : SMALL_NUMBERS.indexOf((words[1] as string).toLowerCase());
  const unit = (words[2] as string).toLowerCase().replace(/s$/, '').replace(/^halve$/, 'half');
  const d = DENOMINATORS.indexOf(unit);
  return d > n ? [`${n}/${d}`] : [];
}

// ── Dates ─────────────────────────────────────────────────────────────────

/** "When", "In what year", "In what month", "On what date" for a date's precision. */
export function whenAsks(point: PointInTime): string {
  switch (point.precision) {
    case 'day':
      return 'On what date';
    case 'month':
      return 'In what month';
    case 'year':
      return 'In what year';
  }
}

/** True when `point` lies after the article's date: the event is still to come. */
export function isAfter(point: PointInTime, published: string | undefined): boolean {
  if (published === undefined) return false;
  return point.iso.slice(0, Math.min(point.iso.length, published.length)) > published.slice(0, point.iso.length);
}

/** A part of a note that tells what the article leaves out: a remark to the annotator's reader, not a fact. */
const ABOUT_THE_ARTICLE = /\b(?:not (?:named|mentioned|given|identified|said) in the (?:article|story|text)|the (?:article|story|text) (?:gives only|gives no|does not|doesn't|never|only)\b)/i;

/**
 * A note as background for a card's back (the format: "optional background
 * for the answer side"): its parts that only say what the article leaves out
 * ("Not named in the article; he helped organize …") are dropped, so the
 * back states facts. Undefined when nothing is left.
 */
export function backgroundNote(note: string | undefined): string | undefined {
  if (note === undefined) return undefined;
  const kept = note
    .split(/;\s+/)
    .filter((part) => !ABOUT_THE_ARTICLE.test(part))
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (kept.length === 0) return undefined;
  return capitalized(kept.join('; '));
}

/** True when the text so far has opened a quotation it has not closed. */
export function insideQuotation(before: string): boolean {
  const straight = (before.match(/"/g) ?? []).length;
  return straight % 2 === 1 || (before.match(/“/g) ?? []).length > (before.match(/”/g) ?? []).length;
}

/** A time told by its date: "on 18 February 2025", "in the days before 20 February 2025", "in 2009", "in March 2009". */
const DATED_TIME = new RegExp(
  `\\b(?:on|in|before|during)\\s+(?:the\\s+(?:days?|weeks?|months?)\\s+(?:before|after)\\s+)?(?:\\d{1,2}\\s+)?(?:(?:${MONTHS.join('|')})\\s+)?(?:1[0-9]|20)\\d\\d\\b`,
);

/**
 * "What have Chinese officials voiced … in the days before 20 February 2025?" → "What had …": a present perfect
 * speaks of now, and a date puts it in the past (rule 11: tense). "since 1999" goes with the present perfect and
 * stays; so do quotations.
 */
export function perfectBeforeDate(text: string): string {
  const dated = DATED_TIME.exec(text);
  if (dated === null || insideQuotation(text.slice(0, dated.index))) return text;
  const terms = termsOf(text);
  const at = terms.findIndex((t, i) => /^(?:have|has)$/i.test(t.text) && terms.slice(i + 1, i + 5).some((n) => n.tags.includes('PastTense') || n.tags.includes('Participle')));
  if (at < 0) return text;
  // The at-th "have"/"has" of the text, as a word: compromise's terms come in the text's order.
  let seen = -1;
  const index = terms.slice(0, at + 1).filter((t) => /^(?:have|has)$/i.test(t.text)).length - 1;
  return text.replace(/\b(have|has)\b/gi, (word: string, _w: string, offset: number) => {
    seen++;
    if (seen !== index || insideQuotation(text.slice(0, offset))) return word;
    return /^H/.test(word) ? 'Had' : 'had';
  });
}

/** Time words that only mean something on the day the story appeared. */
const DATED_WORDS = /\b(?:(earlier|later) )?(this|last|next) (week|month|year)\b|\b(today|yesterday|tomorrow)\b/gi;

/**
 * The annotator's "this week" or "yesterday" made a date (rule 6: a card read
 * months later must still be true): "scheduled to address two cases this
 * week" → "… in the week of 24 March 2013". Quotations keep their words.
 */
export function datedRelative(text: string, published: string | undefined): string {
  const point = published === undefined ? undefined : pointInTime(published);
  if (point?.precision !== 'day') return text;
  const [year, monthNumber, dayOfMonth] = point.iso.split('-').map(Number) as [number, number, number];
  // Shown as every other date of a card is: "28 February 2013", "March 2013".
  const dayShown = (offset: number): string => longDate(new Date(Date.UTC(year, monthNumber - 1, dayOfMonth + offset)).toISOString().slice(0, 10));
  const monthShown = (offset: number): string => longDate(new Date(Date.UTC(year, monthNumber - 1 + offset, 1)).toISOString().slice(0, 7));
  return text.replace(DATED_WORDS, (words: string, side: string | undefined, which: string | undefined, unit: string | undefined, day: string | undefined, at: number) => {
    if (insideQuotation(text.slice(0, at))) return words;
    // "on" or "in" only where no preposition stands before the words already.
    const preposition = /\b(on|in|of|by|until|since|from|to|before|after|during)\s+$/i.test(text.slice(0, at));
    const lead = (p: string): string => (preposition ? '' : `${p} `);
    if (day !== undefined) {
      const offset = { today: 0, yesterday: -1, tomorrow: 1 }[day.toLowerCase() as 'today'];
      return `${lead('on')}${dayShown(offset)}`;
    }
    const shift = { this: 0, last: -1, next: 1 }[(which as string).toLowerCase() as 'this'];
    const prefix = side === undefined ? '' : `${side.toLowerCase()} `;
    switch ((unit as string).toLowerCase()) {
      case 'week':
        return shift === 0 ? `${prefix}${lead('in')}the week of ${dayShown(0)}` : `${prefix}${lead('in')}the week ${shift < 0 ? 'before' : 'after'} ${dayShown(0)}`;
      case 'month':
        return `${prefix}${lead('in')}${monthShown(shift)}`;
      default:
        return `${prefix}${lead('in')}${year + shift}`;
    }
  });
}

/** Words of the article that place an event in time without a date ("Tuesday", "three years ago"). */
const RELATIVE_TIME =
  /\b(?:(?:on |last |this |next )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?: (?:morning|afternoon|evening|night))?|(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\d+) (?:days?|weeks?|months?|years?|decades?) (?:ago|earlier|later)|(?:last|this|next) (?:week|month|year)|yesterday|today|tomorrow|days earlier)\b/gi;

/** The article's own words for a time, in the sentence that reports an event (rule 10: they count as partly right). */
export function relativeTimes(sentence: string): string[] {
  return [...new Set([...sentence.matchAll(RELATIVE_TIME)].map((m) => m[0]))];
}

/** A year, a month by name or short name, or a numeric date: a sentence with one says when. */
const MONTH_OR_YEAR = new RegExp(`\\b(?:(?:1[0-9]|20)\\d\\ds?|${MONTHS.join('|')}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\b|\\b\\d{1,2}/\\d{1,2}/\\d{2,4}\\b`);

/** True when a sentence says when: a year, a month, a date, or the article's own words for a time ("on Sunday"). */
export function tellsTime(sentence: string): boolean {
  return MONTH_OR_YEAR.test(sentence) || relativeTimes(sentence).length > 0;
}

// ── Questions from clauses ────────────────────────────────────────────────

interface VerbJson {
  text: string;
  offset: { start: number; length: number };
  verb: { auxiliary: string; infinitive: string; root: string; negative: boolean; grammar: { tense?: string; copula?: boolean; form?: string } };
}

/** A clause split at its main verb: "Franklin | signed | a contract …". */
export interface ParsedClause {
  subject: string;
  /** The auxiliary that moves in a question ("was", "could", "did"). */
  auxiliary: string;
  /** The rest of the verb group after the auxiliary ("born", "sign"). */
  verb: string;
  rest: string;
}

const SUBJECT_PRONOUNS = /^(it|he|she|they|we|i|you|this|that|there)$/i;
const BE_FORMS = /^(is|are|was|were|am)$/i;
const AUXILIARIES = /^(is|are|was|were|am|has|have|had|will|would|can|could|may|might|shall|should|must|do|does|did)$/i;

/**
 * Splits a simple declarative clause at its main verb, with compromise's
 * parse, or undefined when the clause is not one it can take apart safely (a
 * leading adverbial, a pronoun subject, a negation).
 */
export function parseClause(clause: string): ParsedClause | undefined {
  // A short opening adverbial ("With her father's help, Franklin signed …") moves to the end of the question.
  const opening = /^((?:with|after|before|during|in|on|at|for|despite|under|following)\b[^,]{0,60}),\s+(.+)$/i.exec(withoutFinalStop(clause));
  if (opening !== null) {
    const inner = parseClause(opening[2] as string);
    return inner === undefined ? undefined : { ...inner, rest: `${inner.rest}${inner.rest === '' ? '' : ','} ${lowerFirst(opening[1] as string)}`.trim() };
  }
  const text = withoutFinalStop(clause);
  const verbs = nlp(text).verbs().json({ offset: true }) as VerbJson[];
  for (const v of verbs) {
    const start = v.offset.start;
    if (start === 0) continue; // a sentence-initial noun misread as a verb ("Imports of …")
    if (v.offset.length === 0) continue; // the "has" compromise reads into a possessive ("Ardern's Labour Party won")
    const subject = text.slice(0, start).trim();
    if (subject === '' || /[,;:]/.test(subject) || SUBJECT_PRONOUNS.test(subject)) return undefined;
    if (v.verb.negative) return undefined;
    const group = text.slice(start, start + v.offset.length);
    // A second clause after ", and" ("…, and over 200 were injured") or with a subject of its own ("… and it was
    // reopened") is another fact: the question keeps the first.
    const rest = text.slice(start + v.offset.length).trim().split(/,\s+and\s+|\s+and\s+(?=(?:it|he|she|they|we|there)\s+\p{Ll})/u)[0] as string;
    // A noun misread as a verb ("Imports of U.S. beef were banned"): the real verb follows.
    if (AUXILIARIES.test(rest.split(/\s+/)[0] ?? '')) continue;
    const words = group.split(/\s+/);
    const firstWord = words[0] ?? '';
    if (AUXILIARIES.test(firstWord) && words.length > 1) {
      return { subject, auxiliary: firstWord.toLowerCase(), verb: words.slice(1).join(' '), rest };
    }
    if (BE_FORMS.test(firstWord)) return { subject, auxiliary: firstWord.toLowerCase(), verb: '', rest };
    // "openly supported" → "did … openly support"; any other adverb inside the group ("later used"): leave it alone.
    const adverb = words.length === 2 && /^\p{Ll}+ly$/u.test(firstWord) ? `${firstWord} ` : '';
    if (words.length > 1 && adverb === '') return undefined;
    const tense = v.verb.grammar.tense;
    const infinitive = v.verb.infinitive;
    if (infinitive === '' || /\s/.test(infinitive)) return undefined;
    const plural = isPlural(subject);
    const auxiliary = tense === 'PastTense' ? 'did' : plural ? 'do' : 'does';
    if (tense !== 'PastTense' && tense !== 'PresentTense') return undefined;
    // "… raided the offices and confiscated materials": the second verb follows "did" too.
    // Reported speech keeps its tense after "did": "did he announce that it would …".
    const reported = tense === 'PastTense' && /^that\b/i.test(rest) ? rest.replace(/\bwill\b/g, 'would').replace(/\bcan\b/g, 'could') : rest;
    return { subject, auxiliary, verb: `${adverb}${infinitive}`, rest: reported.replace(/\band (\p{Ll}+ed)\b/gu, (_m, verb: string) => `and ${nlp(verb).verbs().toInfinitive().text() || verb}`) };
  }
  return undefined;
}

/**
 * "Franklin signed with Atlantic" + "When" → "When did Franklin sign with
 * Atlantic?"; "Franklin was born" → "When was Franklin born?". The subject
 * keeps its capitals when it is a name.
 */
export function questionOf(wh: string, clause: ParsedClause, article = ''): string {
  const subject = lowerFirst(clause.subject, article);
  return `${wh} ${[clause.auxiliary, subject, clause.verb, clause.rest].filter((p) => p !== '').join(' ')}?`;
}


/**
 * The head noun of a role, singular and lower-cased: "the label she signed
 * with in 1956" → "label", "the chamber of Congress …" → "chamber",
 * "China's top diplomat" → "diplomat". Undefined when there is none ("one of
 * the musicians …").
 */
export function headNoun(role: string): string | undefined {
  const terms = termsOf(role);
  let head: TermJson | undefined;
  for (const [i, term] of terms.entries()) {
    const stop =
      i > 0 &&
      (term.tags.includes('Preposition') ||
        term.tags.includes('Pronoun') ||
        term.tags.includes('Verb') ||
        // compromise sometimes tags "of" in a title as a noun ("Vice President of …").
        /^(who|whom|whose|that|which|where|when|of|for|at|in|on|with|from|to|by)$/i.test(term.text));
    if (stop) break;
    if (term.tags.includes('Noun') && !term.tags.includes('Possessive') && !term.tags.includes('Pronoun')) head = term;
    if (/[,;:]$/.test(term.text)) break;
  }
  if (head === undefined) return undefined;
  const word = head.text.replace(/[^\p{L}-]/gu, '').toLowerCase();
  if (word === '' || DETERMINERS.has(word)) return undefined;
  return head.tags.includes('Plural') ? (nlp(word).nouns().toSingular().text() || word) : word;
}
