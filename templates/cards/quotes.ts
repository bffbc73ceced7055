import { defineTemplate } from '../../src/cards/template.js';
import { namesOf, possessive, whoAsks } from '../../src/cards/phrasing.js';
import { normaliseForMatching, findSpan } from '../../src/annotation/text-match.js';
import { slugify } from '../../src/annotation/slug.js';

/** A whole sentence is "said"; a short phrase in quotation marks is "used". */
function saying(text: string): string {
  return text.split(/\s+/).length >= 4 ? 'said' : 'used the words';
}

/** "Who said “…” at a meeting of the UN Security Council?", with multiple choice. */
export const quoteSpeaker = defineTemplate({
  id: 'quote-speaker',
  family: 'quotes',
  description: '“Who said …?”, with the speaker as answer (multiple choice)',
  note: { type: 'qa', ord: 0 },
  make(quote) {
    const speaker = quote.speaker;
    const where = quote.context === undefined ? '' : ` ${quote.context}`;
    return [
      {
        kind: 'qa',
        front: `${whoAsks(speaker.kind)} ${saying(quote.text)} “${quote.text}”${where}?`,
        back: speaker.name,
        answer: { text: speaker.name, kind: 'actor', accepted: namesOf(speaker), actorId: speaker.id },
        choicesOfKind: speaker.kind,
        extra: `${speaker.name}: ${speaker.role}`,
      },
    ];
  },
});

/**
 * "What did Wang Yi say at a meeting of the UN Security Council?": only when the
 * quote has a context and no other quote of the same speaker shares it, so the
 * question has exactly one answer.
 */
export const quoteContent = defineTemplate({
  id: 'quote-content',
  family: 'quotes',
  description: '“What did X say …?” where the context identifies one quote',
  note: { type: 'qa', ord: 0 },
  make(quote, { annotation }) {
    if (quote.context === undefined) return [];
    const twins = annotation.quotes.filter((q) => q.speaker.id === quote.speaker.id && q.context === quote.context);
    if (twins.length !== 1) return [];
    const verb = quote.text.split(/\s+/).length >= 4 ? 'say' : 'call it';
    return [
      {
        kind: 'qa',
        front: verb === 'say' ? `What did ${quote.speaker.name} say ${quote.context}?` : `Which words of ${possessive(quote.speaker.name)} does the article quote ${quote.context}?`,
        back: `“${quote.text}”`,
        answer: { text: quote.text, kind: 'text', accepted: [] },
      },
    ];
  },
});

/** Words around a blank, so that the blank is answerable (card-quality.md rule 9). */
const MIN_WORDS_AROUND = 4;

/**
 * One cloze card per `cloze` word: the quote with that word blanked. A short
 * quote is shown inside its sentence of the article, so the blank has context.
 */
export const quoteCloze = defineTemplate({
  id: 'quote-cloze',
  family: 'quotes',
  description: 'the quote with one key word blanked (one card per cloze word)',
  note: { type: 'cloze', ord: 0 },
  make(quote) {
    return quote.cloze.flatMap((word) => {
      const inQuote = findSpan(normaliseForMatching(quote.text), word);
      if (inQuote === null) return [];
      const answer = quote.text.slice(inQuote.offset, inQuote.offset + inQuote.length);
      let before = `“${quote.text.slice(0, inQuote.offset)}`;
      let after = `${quote.text.slice(inQuote.offset + inQuote.length)}”`;
      const around = `${before} ${after}`.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
      if (around < MIN_WORDS_AROUND) {
        // Show the quote inside its sentence: the span is where the quote sits in the article.
        const { sentence, span } = quote.passage;
        const at = sentence.indexOf(span);
        if (at >= 0) {
          before = sentence.slice(0, at) + before.slice(1);
          after = after.slice(0, -1) + sentence.slice(at + span.length);
          // The article's own quotation marks sit around the span already.
        }
      }
      const speaker = quote.speaker.name;
      const where = quote.context === undefined ? '' : ` ${quote.context}`;
      return [
        {
          kind: 'cloze' as const,
          variant: slugify(word),
          before,
          after,
          front: `${before}[…]${after}`,
          back: `${before}${answer}${after}`,
          answer: { text: answer, kind: 'text' as const, accepted: [] },
          extra: `${speaker}${where}`,
        },
      ];
    });
  },
});
