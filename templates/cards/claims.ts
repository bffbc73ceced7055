import type { Actor, Claim } from '../../src/annotation/model.js';
import { defineTemplate } from '../../src/cards/template.js';
import { accordingTo, asSentence, lowerFirst, namesOf, possessive, thisOne, whoAsks, withoutFinalStop } from '../../src/cards/phrasing.js';

/** The claim as an attributed statement: "According to NATO, China supplies …". */
function attributed(claim: Claim, article: string, text = asSentence(claim.answer ?? claim.text)): string {
  if (claim.claimant === 'article') return text;
  // An answer written by the annotator may already carry its attribution.
  if (/^according to\b/i.test(text)) return text;
  return `${accordingTo(claim.claimant)}, ${lowerFirst(text, article)}`;
}

function disputedBy(claim: Claim): string | undefined {
  if (claim.disputedBy.length === 0) return undefined;
  return `Disputed by ${claim.disputedBy.map((a) => a.name).join(', ')}.`;
}

/**
 * What the claimant claims. Without a `question`, the template asks for "the
 * accusation NATO makes", which is one answer only when that claimant makes no
 * other claim of that stance; otherwise the item needs its own `question`.
 */
export const claimContent = defineTemplate({
  id: 'claim-content',
  family: 'claims',
  description: 'what the claimant claims, as attribution',
  note: { type: 'qa', ord: 0 },
  make(claim, { annotation }) {
    let front = claim.question;
    if (front === undefined) {
      const claimantId = claim.claimant === 'article' ? 'article' : claim.claimant.id;
      const twins = annotation.claims.filter((c) => (c.claimant === 'article' ? 'article' : c.claimant.id) === claimantId && c.stance === claim.stance);
      if (twins.length !== 1) return [];
      front =
        claim.claimant === 'article'
          ? `What ${claim.stance} does the article itself make?`
          : `What ${claim.stance} does ${claim.claimant.name} make in this story?`;
    }
    const back = attributed(claim, annotation.article.text);
    const dispute = disputedBy(claim);
    return [
      {
        kind: 'qa',
        front,
        back,
        answer: { text: withoutFinalStop(claim.answer ?? claim.text), kind: 'text', accepted: [] },
        ...(dispute !== undefined && { extra: dispute }),
      },
    ];
  },
});

/** Replaces the names of `actor` in `text` with "this country" etc., so a question can mention it without naming it. */
function masked(text: string, actor: Actor): string {
  let result = text;
  const names = namesOf(actor).sort((a, b) => b.length - a.length);
  for (const name of names) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    result = result.replace(new RegExp(`\\b${escaped}(['’]s)?\\b`, 'g'), (_m, possessive: string | undefined) =>
      possessive ? `${thisOne(actor.kind)}'s` : thisOne(actor.kind),
    );
  }
  return result;
}

/** "Which organization makes this accusation: …?" (not for the article's own claims). */
export const claimClaimant = defineTemplate({
  id: 'claim-claimant',
  family: 'claims',
  description: 'who makes the claim (multiple choice)',
  note: { type: 'qa', ord: 0 },
  make(claim, { annotation }) {
    if (claim.claimant === 'article') return [];
    const claimant = claim.claimant;
    const statement = withoutFinalStop(masked(claim.text, claimant));
    return [
      {
        kind: 'qa',
        front: `${whoAsks(claimant.kind)} makes this ${claim.stance}: ${statement}?`,
        back: claimant.name,
        answer: { text: claimant.name, kind: 'actor', accepted: namesOf(claimant), actorId: claimant.id },
        choicesOfKind: claimant.kind,
        extra: attributed(claim, annotation.article.text, asSentence(claim.text)),
      },
    ];
  },
});

/** "Which country disputes NATO's accusation that this country …?", when exactly one actor disputes it. */
export const claimDisputer = defineTemplate({
  id: 'claim-disputer',
  family: 'claims',
  description: 'who disputes the claim, when one actor does',
  note: { type: 'qa', ord: 0 },
  make(claim, { annotation }) {
    const [disputer, ...others] = claim.disputedBy;
    if (disputer === undefined || others.length > 0) return [];
    const whose = claim.claimant === 'article' ? "the article's" : possessive(claim.claimant.name);
    const statement = withoutFinalStop(lowerFirst(masked(claim.text, disputer), annotation.article.text));
    return [
      {
        kind: 'qa',
        front: `${whoAsks(disputer.kind)} disputes ${whose} ${claim.stance} that ${statement}?`,
        back: disputer.name,
        answer: { text: disputer.name, kind: 'actor', accepted: namesOf(disputer), actorId: disputer.id },
        choicesOfKind: disputer.kind,
        extra: attributed(claim, annotation.article.text, asSentence(claim.text)),
      },
    ];
  },
});
