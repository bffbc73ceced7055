/**
 * The words of the article with compromise's part-of-speech and name tags,
 * as offsets into the original text. compromise (already the cards' English
 * library) knows first and last names, honorifics, role nouns ("diplomat",
 * "President"), countries, places, organizations and demonyms; the drafter
 * reads names, roles and speakers from these tags.
 */
import nlp from 'compromise';
import type { ArticleLayout, Span } from './text.js';

export interface Token extends Span {
  /** The word as written (a hyphenated name is one token: "Dae-hyun"). */
  text: string;
  /** compromise's tags: Person, FirstName, Honorific, Actor, Country, Place, Organization, Verb… */
  tags: Set<string>;
  /** What stands between this token and the next one (spaces, punctuation). */
  after: string;
  /** Index of its sentence in `layout.sentences`. */
  sentence: number;
  /** First word of its sentence, or the first after an opening quotation mark. */
  initial: boolean;
}

interface CompromiseTerm {
  text: string;
  tags: string[];
  pre: string;
  post: string;
  offset: { start: number; length: number };
}

/** Tags that say a term is a country or a place, which a hyphen between two of them does not join ("Russia-China"). */
const PLACE_TAGS = ['Country', 'Place'];

/** The tokens of every body paragraph, in text order. */
export function tokenize(layout: ArticleLayout): Token[] {
  const tokens: Token[] = [];
  const { text } = layout;
  let sentence = 0;
  for (const paragraph of layout.paragraphs) {
    const slice = text.slice(paragraph.start, paragraph.end);
    const terms = (nlp(slice).json({ offset: true }) as { terms: CompromiseTerm[] }[]).flatMap((s) => s.terms);
    for (let i = 0; i < terms.length; i++) {
      const term = terms[i] as CompromiseTerm;
      const start = paragraph.start + term.offset.start;
      let end = start + term.offset.length;
      const tags = new Set(term.tags);
      // compromise splits "Dae-hyun" and "Myung-Bak" in two; a hyphen between two places ("Russia-China") stays a break.
      while (i + 1 < terms.length && (terms[i] as CompromiseTerm).post === '-' && (terms[i + 1] as CompromiseTerm).pre === '') {
        const next = terms[i + 1] as CompromiseTerm;
        // Two capitalised parts of which one is a place are two names: "Russia-Ukraine", "Russia-China".
        if (/^\p{Lu}/u.test(next.text) && (PLACE_TAGS.some((t) => tags.has(t)) || next.tags.some((t) => PLACE_TAGS.includes(t)))) break;
        end = paragraph.start + next.offset.start + next.offset.length;
        for (const t of next.tags) tags.add(t);
        i++;
      }
      // compromise leaves the full stop of an abbreviation outside the term ("Jr", "Rep"): it is part of the word.
      // So is an initial's ("Patrick J. Egan", "Brian S. Brown").
      if ((tags.has('Abbreviation') || /^\p{Lu}$/u.test(text.slice(start, end))) && text[end] === '.') end++;
      tokens.push({ start, end, text: text.slice(start, end), tags, after: '', sentence: 0, initial: false });
    }
  }
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const next = tokens[i + 1];
    token.after = text.slice(token.end, next?.start ?? token.end);
    while (sentence + 1 < layout.sentences.length && (layout.sentences[sentence + 1] as Span).start <= token.start) sentence++;
    token.sentence = sentence;
    const previous = tokens[i - 1];
    const sentenceStart = (layout.sentences[sentence] as Span).start;
    const lead = text.slice(previous === undefined || previous.end < sentenceStart ? sentenceStart : previous.end, token.start);
    token.initial = previous === undefined || previous.sentence !== sentence || previous.end <= sentenceStart || /(?:^|\s)["“‘]$/u.test(lead);
  }
  return tokens;
}

/** The token's word without a possessive ending: "Trump’s" → "Trump". */
export function bare(word: string): string {
  return word.replace(/['’]s$/u, '').replace(/(?<=s)['’]$/u, '');
}

export function has(token: Token | undefined, ...tags: string[]): boolean {
  return token !== undefined && tags.some((t) => token.tags.has(t));
}
