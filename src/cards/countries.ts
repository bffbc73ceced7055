/**
 * The world's countries, from the world-countries data set (mledoze/countries,
 * ODbL): the demonyms that say where someone is from, and the region each
 * country lies in, so that "Tunisian" on a front is seen to give away "an African
 * record" (rule 2). Read once, at first use: most decks never ask.
 */
import { createRequire } from 'node:module';
import { foldForMatching, indexOfWords } from '../annotation/text-match.js';

interface CountryRecord {
  name: { common: string; official: string };
  altSpellings: string[];
  region: string;
  subregion: string;
  demonyms: { eng?: { f: string; m: string } };
}

/** The words that name a region or subregion, as an answer would use them ("African", "the Americas"). */
const REGION_WORDS: Readonly<Record<string, readonly string[]>> = {
  Africa: ['Africa', 'African'],
  Asia: ['Asia', 'Asian'],
  Europe: ['Europe', 'European'],
  Americas: ['Americas', 'American', 'Pan American', 'Pan-American'],
  Oceania: ['Oceania', 'Oceanian'],
  'North America': ['North America', 'North American'],
  'South America': ['South America', 'South American'],
  'Central America': ['Central America', 'Central American'],
  Caribbean: ['Caribbean'],
};

interface CountryIndex {
  /** Lower-cased demonym → the regions of its country. */
  regions: Map<string, readonly string[]>;
  /** The longest demonym, in words: how far a front is scanned from each word. */
  longest: number;
  /** Lower-cased names, other spellings and demonyms of every country, without dots ("us" for "U.S."). */
  nations: Set<string>;
}

let index: CountryIndex | undefined;

function countries(): CountryIndex {
  if (index !== undefined) return index;
  const records = createRequire(import.meta.url)('world-countries/countries.json') as CountryRecord[];
  const regions = new Map<string, readonly string[]>();
  const nations = new Set<string>();
  let longest = 1;
  for (const country of records) {
    for (const form of [country.name.common, country.name.official, ...country.altSpellings, country.demonyms.eng?.m ?? '', country.demonyms.eng?.f ?? '']) {
      if (form !== '') nations.add(nationKey(form));
    }
    const where = [country.region, country.subregion].filter((r) => REGION_WORDS[r] !== undefined);
    if (where.length === 0) continue;
    const demonyms = country.demonyms.eng === undefined ? [] : [country.demonyms.eng.m, country.demonyms.eng.f];
    // A demonym says where someone is from, and so from which region; a country named in passing ("Russia's
    // invasion of Ukraine") does not make "Europe" the answer.
    for (const form of demonyms) {
      if (form === '') continue;
      regions.set(form.toLowerCase(), where);
      longest = Math.max(longest, form.split(/\s+/).length);
    }
  }
  index = { regions, longest, nations };
  return index;
}

/**
 * The demonym on a front whose region the answer names
 * ("Tunisian" → "An African record"), or undefined. The front is looked up
 * word by word, never scanned once per country.
 */
export function regionGivenAway(front: string, answer: string): string | undefined {
  const folded = foldForMatching(answer);
  if (!Object.values(REGION_WORDS).some((words) => words.some((w) => indexOfWords(folded, w) >= 0))) return undefined;
  const { regions, longest } = countries();
  const words = foldForMatching(front).split(/[^\p{L}'-]+/u).filter((w) => w !== '');
  for (let start = 0; start < words.length; start++) {
    // Only a capitalised word opens a name or a demonym.
    if (!/^\p{Lu}/u.test(words[start] as string)) continue;
    for (let length = Math.min(longest, words.length - start); length >= 1; length--) {
      const form = words.slice(start, start + length).join(' ');
      const where = regions.get(form.toLowerCase());
      if (where?.some((region) => (REGION_WORDS[region] ?? []).some((w) => indexOfWords(folded, w) >= 0)) === true) return form;
    }
  }
  return undefined;
}

/** True when a text is the name of a country or its demonym: "US", "U.S.", "Chinese", "the United Kingdom". */
export function isNationOrDemonym(text: string): boolean {
  return countries().nations.has(nationKey(text.replace(/^the\s+/i, '')));
}

function nationKey(text: string): string {
  return foldForMatching(text).toLowerCase().replace(/\./g, '').replace(/['’]s$/, '').trim();
}
