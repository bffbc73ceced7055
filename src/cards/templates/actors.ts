import {
  backgroundNote,
  be,
  capitalized,
  defineTemplate,
  headNoun,
  inSentence,
  isPlural,
  mentionsAny,
  rootsShared,
  nounPhrase,
  onlySourcesTheStory,
  overlappingRoles,
  termsOf,
  whoAsks,
  withoutPartyCode,
  withSubjectNamed,
  type Actor,
  type CardTemplate,
  type Quote,
  type TemplateContext,
} from '../../templates/index.js';
import { quotesBySpeaker, speechKeys } from './quotes.js';

/**
 * A role that is a position ("China's top diplomat") can change, so it is
 * stamped "as of" the article's date (rule 6); a role that tells what the
 * actor did ("who voted against the bill on Monday") or names an earlier year
 * is history already and gets no stamp.
 */
function asOfStamp(actor: Actor, { asOf, annotation }: TemplateContext): string | undefined {
  if (asOf === undefined || describesAnAct(actor.role) || LASTING.test(headNoun(actor.role) ?? '')) return undefined;
  const published = Number(annotation.article.published?.slice(0, 4));
  const years = (actor.role.match(/\b(1[0-9]|20)\d\d\b/g) ?? []).map(Number);
  return years.some((year) => year < published) ? undefined : asOf;
}

/** Heads of roles that no later day can change: who wrote or founded a thing, who won, a family tie. */
const LASTING =
  /^(?:co-?)?(?:author|founder|inventor|creator|discoverer|winner|medall?ist|victim|survivor|witness|son|daughter|father|mother|parent|brother|sister|sibling|child|wife|husband|widow|widower|grandson|granddaughter|grandchild|native)$/;

/** True when a role holds a verb: it tells what the actor did or does, not a position. */
function describesAnAct(role: string): boolean {
  if (/\b(who|whom|whose|that|which|where|when)\b/i.test(role)) return true;
  return termsOf(role).some((t) => (t.tags.includes('Verb') || t.tags.includes('PastTense')) && !t.tags.includes('Gerund'));
}



/** The role as a card shows it: no party code, and the headline's person named where the role says "she". */
function resolvedRole(actor: Actor, context: TemplateContext): string {
  return withSubjectNamed(withoutPartyCode(actor.role), context.actors, context.annotation.article.title, actor.id);
}

/** Words that make a role someone's expectation or report, not a fact: "likely to be the key swing vote". */
const HEDGED = /\b(likely|unlikely|expected to|thought to|believed|reportedly|alleged(ly)?|may|might|probably|possibly|presumably)\b/i;

/** True when an actor is worth a card of its own: a named actor whose role is part of the story. */
function worthAnActorCard(actor: Actor, context: TemplateContext): boolean {
  // "Who are the observers?" → "analysts the article cites": a tautology, not a fact (rule 13).
  if (context.actors.descriptive(actor) || onlySourcesTheStory(actor.role)) return false;
  // A role card states its role as fact; an expectation is a claim of whoever expects it (rule 5).
  const hedge = HEDGED.exec(actor.role);
  if (hedge !== null) {
    context.advise({
      message: `no role card for '${actor.id}': '${hedge[0]}' makes its role an opinion, which a role card would state as fact`,
      hint: 'give the role the article states as fact, and put the opinion in a claim with its claimant',
    });
    return false;
  }
  return true;
}

/** Share of a role's words that the sentence naming the actor must hold: a role the article does not give is not its fact. */
const MIN_SUPPORT = 0.5;

/** True when the article gives the role in a sentence that names the actor; otherwise tells the annotator. */
function roleInArticle(actor: Actor, context: TemplateContext): boolean {
  const source = context.actors.roleSource(actor);
  if (source !== undefined && source.support >= MIN_SUPPORT) return true;
  context.advise({
    message: `no role card for '${actor.id}': no sentence that names it says '${actor.role}'`,
    hint: 'write the role in the article\'s own words, or add the name the article uses as an alias',
  });
  return false;
}

/** The other actors whose role fits the same words ("President" and "the US President"). */
function roleTwins(actor: Actor, context: TemplateContext): Actor[] {
  return overlappingRoles(actor, context.actors.all);
}

/** Most words of a non-person role that still reads as a plain description ("the news agency"). */
const SHORT_ROLE = 8;

/**
 * True when a role points into the story: a definite one ("China's top
 * diplomat"), or an indefinite one with something definite ("a spokesman for
 * the protesters"), a name or a number. "a group that opposes same-sex
 * marriage" points at no one in particular.
 */
function anchored(role: string): boolean {
  const indefinite = /^(?:an?|some|one)\s+(.*)$/is.exec(role.trim());
  if (indefinite === null) return true;
  const rest = indefinite[1] ?? '';
  return /\b(?:the|this|these|those|its|their|his|her|our)\s/i.test(rest) || /\p{Lu}|\d/u.test(rest);
}

/** True when the title names the actor and says most of its role. */
function headlined(actor: Actor, context: TemplateContext): boolean {
  const title = context.annotation.article.title;
  return mentionsAny(title, context.actors.names(actor)) && rootsShared(actor.role, title) * 3 >= 2;
}

/** Share of a role's words that one of the actor's own quotes must hold for the role to be only what they said. */
const SAID_SHARE = 0.6;

/**
 * The actor's quotes that the role only retells ("a protester who could not
 * understand why the government tried to ban the rally" ← "I can't understand
 * why this government tries to ban our rally"): "Who was the protester who
 * …?" asks who said it, as the quote's speaker card does (rule 13).
 */
function toldInOwnWords(actor: Actor, context: TemplateContext): Quote[] {
  return quotesBySpeaker(context.annotation, actor.id).filter((q) => rootsShared(actor.role, q.text) >= SAID_SHARE);
}

/** A role that starts with a participle ("invaded by Russia in 2022"): no noun phrase of its own. */
function isParticiple(role: string): boolean {
  return termsOf(role)[0]?.tags.includes('Verb') === true && !/^(the|a|an)\s/i.test(role);
}

/** What a role answering "What is Ukraine?" needs to be a noun phrase: "invaded by …" → "a country invaded by …". */
function asNoun(role: string, actor: Actor): string {
  if (!isParticiple(role)) return role;
  return `${actor.kind === 'person' ? 'someone' : actor.kind === 'organization' ? 'an organization' : `a ${actor.kind}`} ${role}`;
}

/** Head nouns that only repeat what an actor's kind says. */
const KIND_NOUNS: Record<Exclude<Actor['kind'], 'person'>, RegExp> = {
  country: /^(?:country|state|nation|republic|kingdom|power|superpower)$/,
  organization: /^(?:organization|organisation|body|institution)$/,
  group: /^(?:group)$/,
};

/**
 * "the communist-era state that fought a border conflict" → "Which
 * communist-era state fought a border conflict"; undefined when the role has no
 * relative clause to ask with.
 */
function whichHead(role: string): string | undefined {
  const match = /^(?:the|a|an)\s+(.+?)\s+(?:that|which|who)\s+(\S.*)$/i.exec(role);
  if (match === null) return undefined;
  const [, head = '', rest = ''] = match;
  // The relative clause must begin with its verb ("that fought"), not a subject of its own ("that China fought").
  if (termsOf(rest)[0]?.tags.includes('Verb') !== true) return undefined;
  return `Which ${head} ${rest}`;
}

/**
 * "invaded by Russia in 2022, now facing a peace deal" after "Which country
 * was": the second participle needs its own verb ("and is now facing").
 */
function andNow(role: string, plural: boolean): string {
  return role.replace(/,\s+((?:now|still|currently)\s+)?(?=\p{L}+ing\b)/u, (_whole, adverb: string | undefined) => ` and ${plural ? 'are' : 'is'} ${adverb ?? ''}`);
}

/** Name → role: "Who is Wang Yi in this story?" → "China's top diplomat (as of February 2025)". */
export const actorRole: CardTemplate<'actors'> = defineTemplate({
  id: 'actor-role',
  family: 'actors',
  description: 'name → the role the article gives the actor',
  generate(actor, context) {
    if (!worthAnActorCard(actor, context)) return [];
    // "What role does Russia play?" has many right answers; a short description of a named body has one.
    if (!roleInArticle(actor, context)) return [];
    // A body described at length has one right answer only when no other actor fits the description;
    // then its name → role card goes with the role → name card (they share one Anki note).
    const described = describesAnAct(actor.role) || actor.role.split(/\s+/).length > SHORT_ROLE;
    if (actor.kind !== 'person' && described && roleTwins(actor, context).length > 0) return [];
    const asOf = asOfStamp(actor, context);
    const extra = backgroundNote(actor.note);
    const name = actor.name;
    const front =
      actor.kind === 'person'
        ? `Who is ${name} in this story?`
        : `What ${be(isPlural(name) && actor.kind === 'group', false)} ${inSentence(name, context.annotation.article.text, actor.kind)} in this story?`;
    return [
      {
        kind: 'qa',
        front,
        back: `${capitalized(asNoun(resolvedRole(actor, context).trim(), actor))}${asOf === undefined ? '' : ` (as of ${asOf})`}`,
        answer: { text: actor.role, kind: 'text', accepted: [] },
        ...(extra !== undefined && { extra }),
        // Three actors with one role ("one of the musicians mentioned") are one fact, asked once.
        asks: [`role:${actor.id}`, `role-text:${actor.role.trim().toLowerCase()}`],
      },
    ];
  },
});

/**
 * Role → name, only when no other actor of the article has a role that fits
 * the same words, so that there is exactly one right answer (rule 3).
 */
export const actorReverse: CardTemplate<'actors'> = defineTemplate({
  id: 'actor-reverse',
  family: 'actors',
  description: 'role → name, when no other actor has that role; multiple choice when fair',
  generate(actor, context) {
    if (!worthAnActorCard(actor, context)) return [];
    if (!roleInArticle(actor, context)) return [];
    // "Who was the US soul singer nicknamed “the Queen of Soul”?" of a story headlined "Singer Aretha Franklin,
    // 'queen of soul', dies": the headline asks and answers it.
    if (headlined(actor, context)) {
      context.advise({
        message: `no role → name card for '${actor.id}': the headline gives both its name and its role`,
        hint: 'nothing to add: the name → role card stays',
      });
      return [];
    }
    // "What is the name of a group that opposes same-sex marriage?" has many right answers outside the story.
    const resolved = resolvedRole(actor, context);
    if (!anchored(resolved)) {
      context.advise({
        message: `no role → name card for '${actor.id}': its role '${actor.role}' names nothing of this story, so many others fit it`,
        hint: 'tie the role to the story (whom it speaks for, where, what it did here)',
      });
      return [];
    }
    const twins = roleTwins(actor, context);
    if (twins.length > 0) {
      context.advise({
        message: `no role → name card: the role of '${actor.id}' also fits ${twins.map((t) => `'${t.id}'`).join(', ')}`,
        hint: 'give each actor a role that tells them apart, or leave it (the name → role card stays)',
      });
      return [];
    }
    const asOf = asOfStamp(actor, context);
    const extra = backgroundNote(actor.note);
    const said = toldInOwnWords(actor, context);
    // Past tense whenever the article has a date: the role is what it was then.
    // "Who was the publicist who announced …?": in a question the clause tells the one asked for, without a comma.
    const role = nounPhrase(resolved).replace(/,\s+who\b/, ' who');
    const plural = actor.kind === 'group' && isPlural(actor.role);
    // "Which group were Kyiv's supporters?" reads better as "Who were …?".
    // "Who is the athlete who shares the record?": a role told in the present is asked in the present.
    const verbs = termsOf(actor.role).filter((t) => t.tags.includes('Verb'));
    const present = verbs.length > 0 && verbs.every((t) => !t.tags.includes('PastTense')) && verbs.some((t) => t.tags.includes('PresentTense'));
    const verb = be(plural, context.asOf !== undefined && !present);
    const stamp = asOf === undefined ? '' : `, as of ${asOf}`;
    // "Who was the Senate majority leader?"; a body is asked by name: "What was the name of the label she signed with?"
    // A role that is a participle phrase ("invaded by Russia in 2022") follows the verb directly.
    const participle = isParticiple(role);
    // "Which country was the communist-era state that fought …?" says the kind twice: "Which communist-era state fought …?"
    const kindHead = actor.kind !== 'person' && KIND_NOUNS[actor.kind].test(headNoun(role) ?? '') ? whichHead(role) : undefined;
    const front =
      kindHead !== undefined
        ? `${kindHead}${stamp}?`
        : actor.kind === 'person' || plural
          ? `Who ${verb} ${role}${stamp}?`
          : participle || actor.kind === 'country'
            ? `${whoAsks(actor.kind)} ${verb} ${participle ? andNow(role, plural) : role}${stamp}?`
            : `What ${verb} the name of ${role}${stamp}?`;
    return [
      {
        kind: 'qa',
        front,
        back: actor.name,
        answer: context.actors.answer(actor),
        choices: { kind: actor.kind, byRole: true },
        ...(extra !== undefined && { extra }),
        // Of "Who was the protester who …?" and "Who said “…”?", the quote's own card stays.
        ...(said.length > 0 && { weight: 0.9 }),
        asks: [`who-is:${actor.id}`, ...said.flatMap((q) => [`speaker-of:${q.id}`, ...speechKeys(q, context.annotation.article.text)])],
      },
    ];
  },
});
