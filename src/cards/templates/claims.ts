import {
  answerKindOf,
  asSentence,
  capitalized,
  contentRoots,
  contentWords,
  defineTemplate,
  inSentence,
  lowerFirst,
  mentions,
  mentionsAny,
  numberClozes,
  thisOne,
  whoAsks,
  withoutFinalStop,
  withSubjectNamed,
  type Actor,
  type ActorIndex,
  type Annotation,
  type CardTemplate,
  type Claim,
  type Quote,
} from '../../templates/index.js';
import { quotesBySpeaker, speechKeys } from './quotes.js';

/** "According to NATO, China supplies …": attribution stays attribution (rule 5). */
export function attributed(claim: Claim, annotation: Annotation, actors: ActorIndex, text = claim.text): string {
  const sentence = asSentence(withoutLeadingThat(text));
  if (claim.claimant === 'article') return sentence;
  if (/^according to\b/i.test(sentence)) return sentence;
  const claimant = claim.claimant;
  const article = annotation.article.text;
  // "According to observers", not "Observers"; "According to the FDIC".
  const name = inSentence(claimant.name, article, claimant.kind);
  const who = actors.descriptive(claimant) ? lowerFirst(name, article) : capitalized(name);
  // "According to China, its trade …", not "According to China, China's trade …" (a person keeps the name: no "they" for one).
  const own = claimant.kind === 'person' ? ownPronoun(withoutLeadingThat(text), claim, actors) : masked(withoutLeadingThat(text), claimant, actors, true);
  const statement = lowerFirst(asSentence(withoutLeadingThat(own)), article);
  // "adding that he hopes his plan will serve as a blueprint": a hope told as "According to Nasheed, the plan
  // will serve" becomes his prediction; the article's own verb keeps it a hope (rule 5).
  const held = claim.stance === 'prediction' || claim.stance === 'assessment' ? HELD.exec(claim.evidence?.sentence ?? '') : null;
  if (held !== null) return `${who} ${(held[0] as string).toLowerCase()} that ${statement}`;
  return `According to ${who}, ${statement}`;
}

/** Verbs that make a statement someone's hope or fear, in the present the article tells it. */
const HELD = /\b(?:hopes|fears|expects|believes|doubts)\b/i;

/**
 * "According to Donald Trump, he could work with Xi", not "…, Trump could":
 * a claim that opens with its claimant's name takes the pronoun the article
 * itself uses for them in the claim's sentence; without one, the name stays
 * (a guess from a first name could make the card false).
 */
function ownPronoun(text: string, claim: Claim, actors: ActorIndex): string {
  if (claim.claimant === 'article' || claim.evidence === undefined) return text;
  const opening = actors.names(claim.claimant).find((n) => text.startsWith(`${n} `));
  if (opening === undefined) return text;
  const evidence = claim.evidence.sentence;
  const he = /\b(?:he|his|him)\b/i.test(evidence);
  const she = /\b(?:she|her)\b/i.test(evidence);
  if (he === she) return text;
  return `${he ? 'he' : 'she'}${text.slice(opening.length)}`;
}

/** "that the plan could pay …" → "the plan could pay …": an answer is a statement, not a clause. */
function withoutLeadingThat(text: string): string {
  return text.trim().replace(/^that\s+/i, '');
}

function disputedBy(claim: Claim): string | undefined {
  if (claim.disputedBy.length === 0) return undefined;
  return `Disputed by ${claim.disputedBy.map((a) => a.name).join(', ')}.`;
}

/** Quotes of the claimant whose words are the claim's evidence: the claim and the quote are one fact. */
export function quotesBehind(claim: Claim, annotation: Annotation): Quote[] {
  const evidence = claim.evidence;
  if (evidence === undefined || claim.claimant === 'article') return [];
  const claimant = claim.claimant;
  const [from, to] = [evidence.offset, evidence.offset + evidence.span.length];
  return quotesBySpeaker(annotation, claimant.id).filter((q) => {
    const [start, end] = [q.passage.offset, q.passage.offset + q.passage.span.length];
    return start < to && from < end;
  });
}

/**
 * Replaces the names of `actor` in `text` with "this country" etc., so a
 * question can mention it without naming it; in the actor's own claim, with a
 * pronoun ("Which country said that it is a neutral party?").
 */
function masked(text: string, actor: Actor, actors: ActorIndex, own = false, instead?: string): string {
  const stand = instead ?? (own ? (actor.kind === 'person' || actor.kind === 'group' ? 'they' : 'it') : thisOne(actor.kind));
  const owner = instead !== undefined ? `${instead}'s` : own ? (stand === 'it' ? 'its' : 'their') : `${thisOne(actor.kind)}'s`;
  let result = text;
  // Names only: a demonym ("the Scottish prison") is left for the leak check to refuse.
  const names = [...actors.names(actor)].sort((a, b) => b.length - a.length);
  for (const name of names) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    result = result.replace(new RegExp(`(?<![\\p{L}\\p{N}])(?:the\\s+)?${escaped}(['’]s)?(?![\\p{L}\\p{N}])`, 'gu'), (_m, apostrophe: string | undefined) =>
      apostrophe ? owner : stand,
    );
  }
  return result;
}

/**
 * What the claimant claims, asked with the annotator's `question`: a question
 * made from the claim alone ("What did X say about Y?") would have several
 * right answers whenever X says more than one thing (rule 15).
 */
export const claimContent: CardTemplate<'claims'> = defineTemplate({
  id: 'claim-content',
  family: 'claims',
  description: 'the claim’s own `question`, answered as attribution ("According to NATO, …")',
  generate(claim, context) {
    const { annotation } = context;
    const front = claim.question === undefined ? undefined : withSubjectNamed(claim.question, context.actors, annotation.article.title);
    if (front === undefined) {
      context.advise({
        message: `claim '${claim.id}' has no question: no card asks what it says (a generic "What did X say?" has many right answers)`,
        hint: 'add `question:` (and `answer:`) to the claim, as a teacher would ask it',
      });
      return [];
    }
    const written = withoutFinalStop(withoutLeadingThat(claim.answer ?? claim.text));
    // "What record did Zhiou set?" → "An African record, with a time of 2:26:56": the measure is a second fact the
    // question does not ask (rule 1); the claim itself tells it on the back.
    const detail = claim.answer === undefined ? null : /^(.{3,}?),\s+(with\s[^,]*\d[^,]*)$/.exec(written);
    const asked = detail !== null && contentWords(detail[2] as string).some((w) => contentWords(front).includes(w));
    const answerText = detail === null || asked ? written : (detail[1] as string);
    const back = claim.answer === undefined ? attributed(claim, annotation, context.actors) : asSentence(answerText);
    const behind = quotesBehind(claim, annotation);
    // A cloze of the same quote that blanks words of this answer asks the same fact (rule 13).
    // "import oil" is in "savings on oil imports": the words' roots, not their forms.
    const answerRoots = new Set(contentRoots(answerText));
    const inAnswer = (w: string): boolean => mentions(answerText, w) || contentRoots(w).every((r, _i, roots) => roots.length > 0 && answerRoots.has(r));
    // So does a blank in another of the claimant's quotes that says the same ("not having to import oil").
    const spoken = claim.claimant === 'article' ? [] : quotesBySpeaker(annotation, claim.claimant.id);
    const clozes = spoken.flatMap((q) => q.cloze.filter(inAnswer).map((w) => `cloze:${q.id}:${w.toLowerCase()}`));
    const told = claim.answer === undefined ? undefined : claim.claimant !== 'article' ? attributed(claim, annotation, context.actors) : answerText !== written ? asSentence(claim.text) : undefined;
    const extraParts = [told, disputedBy(claim)];
    const extra = extraParts.filter((p) => p !== undefined).join(' ');
    return [
      {
        kind: 'qa',
        front,
        back,
        answer: { text: answerText, kind: answerKindOf(answerText), accepted: [] },
        ...(extra !== '' && { extra }),
        asks: [`claim:${claim.id}`, ...behind.map((q) => `content:${q.id}`), ...clozes],
        weight: 2,
      },
    ];
  },
});

/** "Which country said that …?" of a disputed claim: which side of the dispute says what. */
export const claimClaimant: CardTemplate<'claims'> = defineTemplate({
  id: 'claim-claimant',
  family: 'claims',
  description: 'who makes a disputed claim, against who disputes it (multiple choice when fair)',
  generate(claim, context) {
    // "Who said that …?" of an undisputed claim asks what its content card's "According to X" and the
    // claimant's own role or quote cards say already (rule 13); in a dispute, which side says what is the fact.
    if (claim.claimant === 'article' || claim.disputedBy.length === 0) return [];
    const claimant = claim.claimant;
    if (context.actors.descriptive(claimant)) return [];
    const { annotation } = context;
    const statement = lowerFirst(withoutFinalStop(withoutLeadingThat(masked(claim.text, claimant, context.actors, true))), annotation.article.text);
    const behind = quotesBehind(claim, annotation);
    return [
      {
        kind: 'qa',
        front: `${whoAsks(claimant.kind)} said that ${statement}?`,
        back: claimant.name,
        answer: context.actors.answer(claimant),
        choices: { kind: claimant.kind },
        extra: [attributed(claim, annotation, context.actors), disputedBy(claim)].join(' '),
        // The quote's speaker card asks this already when the claim is the quote's words (rule 13).
        asks: [`claimant:${claim.id}`, ...behind.flatMap((q) => [...speechKeys(q, annotation.article.text), `speaker-of:${q.id}`]), ...sidesOf(claim, claimant)],
      },
    ];
  },
});

/**
 * "Which side of the dispute between NATO and China is this one?": NATO's accusation disputed by China and
 * China's reply disputed by NATO make the claimant of one the disputer of the other, the same fact twice.
 */
function sidesOf(claim: Claim, answer: Actor): string[] {
  if (claim.claimant === 'article') return [];
  const claimant = claim.claimant;
  return claim.disputedBy.map((d) => `dispute:${[claimant.id, d.id].sort().join('|')}:${answer.id}`);
}

/** "According to NATO, this country supplies …. Which country disputes this?", when exactly one actor does. */
export const claimDisputer: CardTemplate<'claims'> = defineTemplate({
  id: 'claim-disputer',
  family: 'claims',
  description: 'who disputes the claim, when one actor does',
  generate(claim, context) {
    const [disputer, ...others] = claim.disputedBy;
    if (disputer === undefined || others.length > 0 || context.actors.descriptive(disputer)) return [];
    // The back must show who disputes it (rule 12): a claim's sentence that does not name the disputer ("…
    // organized by a small faction," said the minister) leaves the answer to the annotator's word alone.
    if (claim.evidence !== undefined && !mentionsAny(claim.evidence.quotation ?? claim.evidence.sentence, context.actors.names(disputer))) {
      context.advise({
        message: `no disputer card for '${claim.id}': its evidence does not name '${disputer.id}', who disputes it`,
        hint: 'give as evidence a passage that names both sides, or add the disputer\'s own words as a claim',
      });
      return [];
    }
    const { annotation } = context;
    const hidden = masked(claim.text, disputer, context.actors);
    // The disputer is the claim's own subject ("NATO accused China …"): say so, rather than "this country … disputes this".
    const subjectOfClaim = hidden !== claim.text;
    const statement = attributed(claim, annotation, context.actors, subjectOfClaim ? masked(claim.text, disputer, context.actors, false, `one ${disputer.kind === 'person' ? 'person' : disputer.kind}`) : hidden);
    // Said as a statement, then asked: no "disputes X's denial that …" double negative (rule 11).
    const lead = claim.claimant === 'article' ? `The article says: ${statement}` : statement;
    const question = subjectOfClaim ? `That ${disputer.kind} disputes it. ${whoAsks(disputer.kind)} is it?` : `${whoAsks(disputer.kind)} disputes this?`;
    if (mentionsAny(lead, context.actors.revealing(disputer))) return [];
    return [
      {
        kind: 'qa',
        front: `${lead} ${question}`,
        back: disputer.name,
        answer: context.actors.answer(disputer),
        choices: { kind: disputer.kind },
        extra: attributed(claim, annotation, context.actors),
        asks: [`disputer:${claim.id}`, ...sidesOf(claim, disputer)],
      },
    ];
  },
});

/** Numbers from a claim's evidence: "Over […] protesters and police officers were injured …". */
export const claimNumber: CardTemplate<'claims'> = defineTemplate({
  id: 'claim-number',
  family: 'claims',
  description: 'a number of the claim’s sentence, blanked (how many, how much)',
  generate(claim, context) {
    return numberClozes(claim.evidence, claim.claimant === 'article' ? undefined : attributed(claim, context.annotation, context.actors));
  },
});
