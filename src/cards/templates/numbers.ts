import type { Passage } from '../../annotation/model.js';
import { slugify } from '../../annotation/slug.js';
import type { CardDraft } from '../template.js';

/**
 * Quantities worth asking: money, counts, shares, measures ("$110 billion",
 * "80,000", "3/5", "1.5 megawatts", "over 200"). Bare years are dates, left to
 * the event cards; small numbers without a unit are rarely worth a card.
 */
const QUANTITY =
  /(?<![\p{L}\p{N}/.,:-])(?:(?:US|A|C|NZ|HK)?\$|€|£|¥)?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?:\s(?:million|billion|trillion))?(?:\s?(?:%|percent|per cent))?|(?<![\p{L}\p{N}/.,:-])(?:(?:US|A|C|NZ|HK)?\$|€|£|¥)\d+(?:\.\d+)?(?:\s(?:million|billion|trillion))?|(?<![\p{L}\p{N}/.,:-])\d+(?:\.\d+)?(?:\s(?:million|billion|trillion))?\s?(?:%|percent|per cent)|(?<![\p{L}\p{N}/.,:-])\d+\/\d+(?![\p{L}\p{N}/])|(?<![\p{L}\p{N}/.,:-])\d+(?:\.\d+)?\s(?:million|billion|trillion|megawatts?|kilowatts?|gigawatts?|kilometres?|kilometers?|miles?|metres?|meters?|feet|tonnes?|tons?)\b|(?<![\p{L}\p{N}/.,:-])\d{2,3}(?![\p{L}\p{N}/:-]|[.,]\d)/gu;

/** The key under which a quantity of a sentence is asked (one fact, one card: rule 13). */
export function quantityKey(sentence: string, quantity: string): string {
  return `number:${sentence.toLowerCase()}:${quantity.replace(/\s+(?:million|billion|trillion).*$/i, '').replace(/[^\d./]/g, '')}`;
}

/** The quantities of a text, as written. */
export function quantitiesIn(text: string): string[] {
  return [...text.matchAll(QUANTITY)].map((m) => m[0]).filter((q) => !/^(1[5-9]|20)\d\d$/.test(q));
}

/**
 * One cloze card per quantity of the evidence sentence: "Over […] protesters
 * and police officers were injured in Saturday's protests." The number must
 * be typed (rule 10: numbers must be right).
 */
export function numberClozes(passage: Passage | undefined, extra?: string): CardDraft[] {
  if (passage === undefined || passage.sentence.startsWith('…')) return [];
  const sentence = passage.sentence;
  // Only sentences that state something: not a headline, not a quote's own words torn from it.
  if (!/[.!?]["”’)]?$/.test(sentence)) return [];
  // "It allowed to calculate …": a card has no sentence before it to say what "it" is.
  if (/^(?:It|This|That|These|Those|They|He|She)\b/.test(sentence)) return [];
  const seen = new Set<string>();
  const drafts: CardDraft[] = [];
  for (const match of sentence.matchAll(QUANTITY)) {
    const quantity = match[0];
    if (/^(1[5-9]|20)\d\d$/.test(quantity) || seen.has(quantity)) continue;
    seen.add(quantity);
    const at = match.index;
    const before = sentence.slice(0, at);
    const after = sentence.slice(at + quantity.length);
    // Another copy of the same number around the blank would answer it; so would the same quantity
    // in other units beside it ("six feet (1.8 metres)").
    if (before.includes(quantity) || after.includes(quantity)) continue;
    if (/^\s*\(\s*[\d$€£]/.test(after) || /\d[^()]{0,20}\(\s*$/.test(before)) continue;
    // Not a part of a name ("Apollo 17", "Division 2") or an error bar ("±19%").
    if (/\S\s+\p{Lu}[\p{L}.-]*\s$/u.test(before) && !/[$€£%]|illion/.test(quantity)) continue;
    if (/[±+-]\s*$/.test(before)) continue;
    drafts.push({
      kind: 'cloze',
      variant: slugify(quantity) || 'number',
      before,
      after,
      front: `${before}[…]${after}`,
      back: sentence,
      answer: { text: quantity, kind: 'number', accepted: [] },
      ...(extra !== undefined && { extra }),
      // One number blanked per sentence: a second cloze of the sentence would print the first one's answer.
      asks: [quantityKey(sentence, quantity), `number-cloze:${sentence.toLowerCase()}`],
      weight: 0,
    });
  }
  return drafts;
}
