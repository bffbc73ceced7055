import {
  cutOutOfQuotation,
  capitalized,
  contentRoots,
  contentWords,
  defineTemplate,
  findSpan,
  indexOfWords,
  mentions,
  normaliseForMatching,
  nounPhrase,
  onlySourcesTheStory,
  slugify,
  termsOf,
  whoAsks,
  withoutFinalStop,
  type Annotation,
  type CardTemplate,
  type Quote,
} from '../../templates/index.js';

/**
 * Each speaker's quotes, in file order, grouped once per annotation: the role,
 * content and claim cards each ask for one speaker's quotes, and trying every
 * quote for every item grows with the square of the article.
 */
const speakersQuotes = new WeakMap<Annotation, Map<string, Quote[]>>();
export function quotesBySpeaker(annotation: Annotation, speakerId: string): readonly Quote[] {
  let bySpeaker = speakersQuotes.get(annotation);
  if (bySpeaker === undefined) {
    bySpeaker = new Map();
    for (const q of annotation.quotes) {
      const list = bySpeaker.get(q.speaker.id);
      if (list === undefined) bySpeaker.set(q.speaker.id, [q]);
      else list.push(q);
    }
    speakersQuotes.set(annotation, bySpeaker);
  }
  return bySpeaker.get(speakerId) ?? [];
}

/** A whole sentence is "said"; a short phrase in quotation marks, or one without a verb, is "used". */
function isPhrase(text: string): boolean {
  return text.split(/\s+/).length < 4 || !termsOf(text).some((t) => t.tags.includes('Verb'));
}

/** The quote as it sits inside a question: in curly marks, without the full stop that ends it. */
function quoted(text: string): string {
  return `“${withoutFinalStop(text)}”`;
}

/** A context that opens with a preposition ("at a meeting …", "in a tweet …") can open the question. */
function opensWithPreposition(context: string): boolean {
  const first = termsOf(context)[0];
  return first !== undefined && (first.tags.includes('Preposition') || /^(during|after|before|while|when|upon|following)$/i.test(first.text));
}

/**
 * The question with the context where English puts it: "In a tweet on her
 * death, who said “…”?"; "Who said “…”, explaining why …?".
 */
export function withContext(question: string, context: string | undefined): string {
  if (context === undefined) return `${question}?`;
  const ctx = withoutFinalStop(context.trim());
  // "Which words did Xi use when describing Putin …?", not "… use, describing Putin …?".
  if (termsOf(ctx)[0]?.tags.includes('Gerund') === true) return `${question} when ${ctx}?`;
  if (!opensWithPreposition(ctx)) return `${question}, ${ctx}?`;
  // A short prepositional context opens the question; a long one, with a comma of its own, closes it.
  const lowered = `${question.charAt(0).toLowerCase()}${question.slice(1)}`;
  if (!ctx.includes(',')) return `${capitalized(ctx)}, ${lowered}?`;
  // "at a panel in Munich, on what the US hoped": where opens the question, what about closes it.
  const [where = '', ...rest] = ctx.split(/,\s+/);
  const about = rest.join(', ');
  if (rest.length === 1 && opensWithPreposition(about)) return `${capitalized(where)}, ${lowered} ${about}?`;
  return `${question} ${ctx}?`;
}

/**
 * True when every quotation a sentence opens, it closes: a sentence cut inside a quotation is no cloze text,
 * nor one whose marks the source closed for it ("… loved ones. …”").
 */
function quotesClosed(sentence: string): boolean {
  return !cutOutOfQuotation(sentence) && (sentence.match(/"/g) ?? []).length % 2 === 0 && (sentence.match(/“/g) ?? []).length === (sentence.match(/”/g) ?? []).length;
}

/** Pronouns and words of the speaker's role in a context narrow the options to the speaker. */
function revealsSpeaker(context: string, role: string): boolean {
  if (/\b(he|she|his|her|him|hers|himself|herself)\b/i.test(context)) return true;
  // "a protester who …" and "speaking for the protesters" share a word, in the singular.
  const singular = (w: string): string => w.replace(/(?<=[^s])s$/, '');
  const roleWords = new Set(contentWords(role).map(singular));
  return contentWords(context).some((w) => roleWords.has(singular(w)));
}

/**
 * The keys under which "who said this?" is asked: one speaker card per speech,
 * not one per sentence of it (rule 13). A speech is what one speaker says in
 * one context, or in one paragraph of the article.
 */
export function speechKeys(quote: Quote, articleText: string): string[] {
  const paragraph = paragraphNumber(articleText, quote.passage.offset);
  return [`speaker:${quote.speaker.id}:${(quote.context ?? quote.id).toLowerCase()}`, `speaker:${quote.speaker.id}:paragraph-${paragraph}`];
}

/** Fewest words of content in a short phrase whose speaker a card asks. */
const MIN_PHRASE_WORDS = 2;

/** "At a meeting of the UN Security Council, who said “…”?", the speaker typed. */
export const quoteSpeaker: CardTemplate<'quotes'> = defineTemplate({
  id: 'quote-speaker',
  family: 'quotes',
  description: '“Who said …?”, one per speech, with the speaker typed as the answer',
  generate(quote, context) {
    const speaker = quote.speaker;
    // "Who said it?" → "observers": a description, not a name worth learning (rule 13).
    if (context.actors.descriptive(speaker)) return [];
    // "Which website said …?": the outlet a story quotes is its sourcing, not its content.
    if (onlySourcesTheStory(speaker.role)) return [];
    const phrase = isPhrase(quote.text);
    // "Who used the words “to force”?": one word of content is anyone's word, not a speaker's to learn.
    if (phrase && contentWords(quote.text).length < MIN_PHRASE_WORDS) return [];
    // The context often restates who the speaker is ("speaking for the protesters", "his country's plan"):
    // a sentence stands on its own and keeps it for the back; a short phrase needs it, when it is safe.
    const safe = quote.context !== undefined && !revealsSpeaker(quote.context, speaker.role) ? quote.context : undefined;
    if (phrase && safe === undefined) return [];
    const verb = phrase ? 'used the words' : 'said';
    return [
      {
        kind: 'qa',
        front: withContext(`${whoAsks(speaker.kind)} ${verb} ${quoted(quote.text)}`, phrase ? safe : undefined),
        back: speaker.name,
        // Typed, never multiple choice: a quote's own words rule speakers out by what they mean ("the police
        // crackdown is too harsh" is no minister's; "Senate Democrats and Republicans … we" no Representative's),
        // which no list of same-kind actors can be checked against (rule 8).
        answer: context.actors.answer(speaker),
        // "Kim Kyung Han, South Korea's justice minister, after the violent clashes of Saturday night".
        extra: `${speaker.name}, ${nounPhrase(speaker.role)}${quote.context === undefined || phrase || revealsSpeaker(quote.context, speaker.role) ? '' : `, ${withoutFinalStop(quote.context)}`}`,
        asks: [...speechKeys(quote, context.annotation.article.text), `speaker-of:${quote.id}`],
      },
    ];
  },
});

/**
 * "What did Wang Yi say at a meeting of the UN Security Council?": only when the
 * quote has a context and no other quote of the same speaker shares it, so the
 * question has exactly one answer.
 */
export const quoteContent: CardTemplate<'quotes'> = defineTemplate({
  id: 'quote-content',
  family: 'quotes',
  description: '“What did X say …?” for the one quote of a speaker that has no cloze cards',
  generate(quote, { annotation }) {
    // Its cloze cards ask the words already; a speaker with several quotes would give several right answers.
    if (quote.context === undefined || quote.cloze.length > 0) return [];
    if (quotesBySpeaker(annotation, quote.speaker.id).length !== 1) return [];
    const question = isPhrase(quote.text) ? `Which words did ${quote.speaker.name} use` : `What did ${quote.speaker.name} say`;
    return [
      {
        kind: 'qa',
        front: withContext(question, quote.context),
        back: `“${quote.text}”`,
        answer: { text: quote.text, kind: 'text', accepted: [] },
        asks: [`content:${quote.id}`],
      },
    ];
  },
});

/** Adverbs of degree: "really prepared" asks "prepared", with "really" left standing before the gap. */
const DEGREE = /^(really|very|greatly|so|quite|too|extremely|highly|fully|deeply|truly|totally|completely)\s+(?=\S)/i;

/** The blank without an adverb of degree in front: a student who remembers "prepared" remembered the word. */
function withoutDegree(text: string, span: { offset: number; length: number }): { offset: number; length: number } {
  const degree = DEGREE.exec(text.slice(span.offset, span.offset + span.length));
  return degree === null ? span : { offset: span.offset + degree[0].length, length: span.length - degree[0].length };
}

/** Words that open each item of a list: "our darkness and our light, our […]", "even […], even babies". */
const LIST_OPENERS = /^(?:our|their|his|her|my|your|its|even|every|no)$/i;
/** Words on each side of a blank where a list's other items are looked for. */
const LIST_REACH = 10;

/**
 * Why the words around a blank give it away, or undefined: one item of a list
 * (any item fits), or a blank whose key word stands beside it ("You can […] of
 * Starbucks and buy shares" → "sell your shares").
 */
function givenAway(answer: string, before: string, after: string): string | undefined {
  const words = (text: string): string[] => text.split(/\s+/).map((w) => w.replace(/[^\p{L}\p{N}'’-]/gu, '').toLowerCase()).filter((w) => w !== '');
  const left = words(before);
  const opener = left[left.length - 1];
  if (opener !== undefined && LIST_OPENERS.test(opener) && [...left.slice(-LIST_REACH - 1, -1), ...words(after).slice(0, LIST_REACH)].includes(opener)) {
    return 'is one item of a list';
  }
  const key = contentWords(answer).length > 1 ? contentRoots(answer).pop() : undefined;
  if (key !== undefined && contentRoots(`${before} ${after}`).includes(key)) return `has its word '${key}' beside the blank`;
  return undefined;
}

/**
 * True when a blank is the whole complement of "be" and a word of this quote
 * only: "There will be […]", "this plan is going to be […]", "is a […]". Any
 * word of the kind fits ("hiccups", "problems", "setbacks"), so the card tests
 * a guess (rule 9). A number, a name, a verb in "-ing" ("was […] than it
 * should be" → "rotating faster") and a term the article uses elsewhere
 * ("rubble piles") are facts of the story, and stay.
 */
function isOpenPredicate(answer: string, before: string, article: string): boolean {
  if (/[\p{N}]|(?:^|\s)\p{Lu}/u.test(answer) || /^\S+ing\b/i.test(answer)) return false;
  if (!/\b(?:be|is|are|was|were|been|being|am)\s+(?:(?:a|an|the)\s+)?$/i.test(before) && !/['’](?:s|re)\s+(?:(?:a|an|the)\s+)?$/i.test(before)) return false;
  const key = contentWords(answer).pop();
  if (key === undefined) return true;
  // "rubble piles" here, "a rubble pile" elsewhere: the singular counts.
  let uses = 0;
  for (const form of new Set([key, key.replace(/(?<=[^s])s$/, '')])) {
    for (let at = indexOfWords(article, form); at >= 0 && uses < 2; at = indexOfWords(article, form, at + 1)) uses += 1;
  }
  return uses < 2;
}

/** True when a blank is one adverb ("directly", "quickly"). */
function isLoneAdverb(answer: string): boolean {
  const terms = termsOf(answer);
  return terms.length === 1 && (terms[0]?.tags.includes('Adverb') ?? false);
}

/** Words around a blank, so that the blank is answerable (card-quality.md rule 9). */
const MIN_WORDS_AROUND = 6;
/** Words of a quote long enough for two cloze cards. */
const LONG_QUOTE = 20;
/** Meaningful words that must be left around a blank. */
const MIN_CONTENT_AROUND = 3;

/**
 * One cloze card per `cloze` word: the quote with that word blanked. A short
 * quote is shown inside its sentence of the article, so the blank has context.
 */
export const quoteCloze: CardTemplate<'quotes'> = defineTemplate({
  id: 'quote-cloze',
  family: 'quotes',
  description: 'the quote with one key word blanked (one card per cloze word)',
  generate(quote, context) {
    // The exact words of a speaker the article does not name ("Franklin's family", "Wolf's husband") are
    // stock phrases of grief or praise far more often than facts of the story.
    if (context.actors.descriptive(quote.speaker)) {
      if (quote.cloze.length > 0) {
        context.advise({
          message: `quote '${quote.id}': no cloze card, its speaker '${quote.speaker.id}' is not named (the words of "${quote.speaker.name}" are seldom the story's facts)`,
          hint: 'ask what it says in a claim or a fact instead',
        });
      }
      return [];
    }
    // A second blank in a short quote asks the same words again; a long quote has room for two.
    const length = quote.text.split(/\s+/).length;
    return quote.cloze.slice(0, length >= LONG_QUOTE ? 2 : 1).flatMap((word) => {
      if (contentWords(word).length === 0) {
        context.advise({
          message: `the cloze word '${word}' of quote '${quote.id}' is a stop word: no card blanks it`,
          hint: 'blank a key term of the quote instead (a name, a number, a telling word)',
        });
        return [];
      }
      const found = findSpan(normaliseForMatching(quote.text), word);
      if (found === null) return [];
      // "greatly […] the bill" asks for the obvious word after "greatly": the blank takes the adverb of degree
      // too, and the word alone is right.
      const answer = quote.text.slice(found.offset, found.offset + found.length);
      const bare = withoutDegree(quote.text, found);
      const bareWord = quote.text.slice(bare.offset, bare.offset + bare.length);
      const blanked = { before: quote.text.slice(0, found.offset), after: quote.text.slice(found.offset + found.length) };
      const given = givenAway(answer, blanked.before, blanked.after);
      if (given !== undefined) {
        context.advise({
          message: `the cloze word '${word}' of quote '${quote.id}' ${given}: a student would guess it`,
          hint: 'blank a key term of the quote that the story teaches',
        });
        return [];
      }
      // The story's topic ("carbon-neutral" in a story titled so) is known before the card is read; an adverb
      // alone ("avoid interacting with it […]" → "directly") is a guess, not a fact.
      // Judged on the word without its adverb of degree, as before the adverb went into the blank ("very quickly").
      const guessable = mentions(context.annotation.article.title, bareWord)
        ? 'is the story\'s topic, in its title'
        : isLoneAdverb(bareWord)
          ? 'is an adverb alone'
          : isOpenPredicate(answer, blanked.before, context.annotation.article.text)
            ? 'is all that follows "be": almost any word fills it'
            : undefined;
      if (guessable !== undefined) {
        context.advise({
          message: `the cloze word '${word}' of quote '${quote.id}' ${guessable}: a student would guess it`,
          hint: 'blank a key term of the quote that the story teaches',
        });
        return [];
      }
      // "Aretha helped define the […]" → "Queen of Soul": a nickname the actor's cards ask already (rule 13).
      if (context.actors.namesAnActor(answer)) {
        context.advise({
          message: `the cloze word '${word}' of quote '${quote.id}' is a name of an actor: its actor cards ask it already`,
          hint: 'blank another key term of the quote',
        });
        return [];
      }
      let before = `“${blanked.before}`;
      let after = `${blanked.after}”`;
      const around = `${before} ${after}`.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
      const { sentence, span } = quote.passage;
      // Show a short quote inside its sentence, when the sentence says more than the quote.
      const at = sentence.indexOf(span);
      const inSentence =
        around < MIN_WORDS_AROUND && contentWords(sentence).length - contentWords(span).length >= 3 && !sentence.startsWith('…') && at >= 0 && quotesClosed(sentence);
      if (inSentence) {
        // "He vowed to …": the sentence's pronoun becomes the speaker's name, the card having no sentence before it.
        before = (sentence.slice(0, at) + before.slice(1)).replace(/^(He|She|They)\b/, quote.speaker.name);
        after = after.slice(0, -1) + sentence.slice(at + span.length);
      }
      // Rule 9: enough words around the blank to answer it.
      if (contentWords(`${before} ${after}`).length < MIN_CONTENT_AROUND) {
        context.advise({
          message: `quote '${quote.id}' is too short to blank '${word}': too few words would be left around the gap`,
          hint: 'blank a word of a longer quote, or leave `cloze` out for this one',
        });
        return [];
      }
      // Say who speaks, so that "she" and "we" in the quote have someone to refer to.
      if (!inSentence) before = `${quote.speaker.name}: ${before}`;
      const where = quote.context === undefined ? '' : `, ${withoutFinalStop(quote.context)}`;
      return [
        {
          kind: 'cloze' as const,
          variant: slugify(word),
          before,
          after,
          front: `${before}[…]${after}`,
          back: `${before}${answer}${after}`,
          answer: { text: answer, kind: /\d/.test(answer) ? ('number' as const) : ('text' as const), accepted: bareWord === answer ? [] : [bareWord] },
          extra: `${quote.speaker.name}${where}`,
          asks: [`cloze:${quote.id}:${answer.toLowerCase()}`],
          // Of two blanks in one sentence only one is kept: a number or a name is the fact to learn, before a phrase.
          ...(/\d|\p{Lu}/u.test(answer) && { weight: 1.1 }),
        },
      ];
    });
  },
});

/** Where the blank lines of the last article looked at end: found once, not once per quote (issue 12). */
let breaks: { text: string; ends: number[] } | undefined;

/**
 * The paragraph (1, 2, …) an offset lies in: exactly
 * `text.slice(0, offset).split(/\n[ \t]*\n/).length`, one more than the blank
 * lines that end by the offset (one that runs past it is not one before it).
 */
export function paragraphNumber(text: string, offset: number): number {
  if (breaks?.text !== text) breaks = { text, ends: [...text.matchAll(/\n[ \t]*\n/g)].map((m) => m.index + m[0].length) };
  const { ends } = breaks;
  let low = 0;
  let high = ends.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((ends[middle] as number) <= offset) low = middle + 1;
    else high = middle;
  }
  return low + 1;
}
