import {
  backgroundNote,
  be,
  capitalized,
  actorsNamedIn,
  contentRoots,
  defineTemplate,
  headNoun,
  indexOfWords,
  inSentence,
  isNationOrDemonym,
  isPlural,
  mentionsAny,
  rootsShared,
  nounPhrase,
  onlySourcesTheStory,
  overlappingRoles,
  termsOf,
  whoAsks,
  withoutPartyCode,
  yearsIn,
  withSubjectNamed,
  type Actor,
  type ActorIndex,
  type Annotation,
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
function asOfStamp(actor: Actor, { asOf, annotation }: TemplateContext, answered = false): string | undefined {
  const head = headNoun(actor.role) ?? '';
  if (asOf === undefined || LASTING.test(head)) return undefined;
  // "The Democratic representative from Ohio (as of October 2008), who was not changing her no vote": an office
  // is held for a time even when the role tells an act too. Only on the back: in a question, "as of" reads as
  // the act's date.
  // "The one senator who did not vote on the bill" is told by its act alone: no office to date.
  if (describesAnAct(actor.role) && !(answered && OFFICE.test(head) && !/^the\s+(?:one|only|first|last)\b/i.test(actor.role))) return undefined;
  const published = Number(annotation.article.published?.slice(0, 4));
  const years = yearsIn(actor.role).map(Number);
  return years.some((year) => year < published) ? undefined : asOf;
}

/**
 * A role on the back, dated: "China's top diplomat (as of February 2025)". An office told with its act is
 * dated where the office is named, "The President (as of June 2008), who agreed in April to …": after the
 * act, the date would read as the act's.
 */
function withAsOf(role: string, asOf: string | undefined): string {
  if (asOf === undefined) return role;
  // Not before "that": ", that …" is no English.
  const act = /\s+(?:who|which|whose)\b/i.exec(role);
  if (act === null || act.index === 0) return `${role} (as of ${asOf})`;
  return `${role.slice(0, act.index).replace(/,$/, '')} (as of ${asOf}),${role.slice(act.index)}`;
}

/** Heads of roles that are offices, held for a time. */
const OFFICE =
  /^(?:representative|congressman|congresswoman|senator|president|vice-president|minister|secretary|governor|mayor|leader|chairman|chairwoman|chair|spokesman|spokeswoman|spokesperson|director|chief|ambassador|envoy|commissioner|premier|chancellor|diplomat|head)$/i;

/** Heads of roles that no later day can change: who wrote or founded a thing, who won, a family tie. */
const LASTING =
  /^(?:co-?)?(?:author|founder|inventor|creator|discoverer|winner|medall?ist|victim|survivor|witness|son|daughter|father|mother|parent|brother|sister|sibling|child|wife|husband|widow|widower|grandson|granddaughter|grandchild|native)$/;

/** True when a role holds a verb: it tells what the actor did or does, not a position. */
export function describesAnAct(role: string): boolean {
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
  if (isEpithet(actor.role, context.actors)) {
    context.advise({
      message: `no role cards for '${actor.id}': '${actor.role}' is an epithet, not its part in this story`,
      hint: 'give the role the story gives it (what it did or said here)',
    });
    return false;
  }
  const through = toldThroughAnother(actor, context);
  if (through !== undefined) {
    context.advise({
      message: `no role cards for '${actor.id}': its role is told through the role of '${through.id}', whose cards ask it`,
      hint: 'give it a role of its own in the story, or leave it (the other actor\'s cards stay)',
    });
    return false;
  }
  if (nationalOffice(actor.role)) {
    context.advise({
      message: `no role cards for '${actor.id}': who holds '${actor.role}' is general knowledge, not this story's fact`,
      hint: 'give the role the story gives it (what it did or said here), if it is worth a card',
    });
    return false;
  }
  if (roleInTitle(actor, context)) {
    context.advise({
      message: `no role cards for '${actor.id}': the headline, shown on every card, names it and says its role`,
      hint: 'nothing to add: its other cards stay',
    });
    return false;
  }
  if (passingMention(actor, context)) {
    context.advise({
      message: `no role cards for '${actor.id}': it is named once, beside others, and in no other item: a name in a list`,
      hint: 'give it a quote, claim or event of its own if the story is about it, or leave it',
    });
    return false;
  }
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
  // "invaded by Russia in 2022" of an article that never says 2022: the card would ask what the student knows
  // from elsewhere, and its source could not support it (rules 12 and 13).
  const { text, published } = context.annotation.article;
  const told = new Set(yearsIn(text));
  const foreign = yearsIn(actor.role).find((year) => year !== published?.slice(0, 4) && !told.has(year));
  if (foreign !== undefined) {
    context.advise({
      message: `no role cards for '${actor.id}': its role says ${foreign}, which the article does not`,
      hint: 'give the role in the article\'s own words: what the article tells of it',
    });
    return false;
  }
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

/** Words of its role a title that names the actor may say before the title answers the role card. */
const ROLE_WORDS_IN_TITLE = 2;

/**
 * True when the title, which every card shows as its cue, names the actor and
 * says part of its role beyond the name: "Singer Aretha Franklin, 'queen of
 * soul', dies" answers "Who is Aretha Franklin?"; "U.S. Senate approves revised
 * bailout package", "What is the U.S. Senate?" (rule 2).
 */
function roleInTitle(actor: Actor, context: TemplateContext): boolean {
  const title = context.annotation.article.title;
  if (!mentionsAny(title, context.actors.names(actor))) return false;
  const named = new Set(context.actors.names(actor).flatMap((n) => contentRoots(n)));
  const said = new Set(contentRoots(title));
  const role = new Set(contentRoots(actor.role).filter((r) => !named.has(r)));
  const shared = [...role].filter((r) => said.has(r)).length;
  // "the soul singer" of "Soul singer Aretha Franklin dies": a short role said whole counts as much.
  if (shared >= ROLE_WORDS_IN_TITLE || (shared > 0 && shared * 3 >= role.size * 2)) return true;
  // "protests against US beef" says of "the beef exporter whose first case …" the one word that tells it: a
  // word of the role right beside the name.
  return context.actors.names(actor).some((name) => {
    const at = indexOfWords(title, name);
    if (at < 0) return false;
    const beside = `${title.slice(0, at).split(/\s+/).filter((w) => w !== '').pop() ?? ''} ${title.slice(at + name.length).split(/\s+/).filter((w) => w !== '')[0] ?? ''}`;
    return contentRoots(beside).some((r) => role.has(r) && !context.actors.nameWords.has(r));
  });
}

/**
 * A role that only says what a country's highest office is ("the US
 * President", "the Chinese leader"): who holds it is general knowledge, not
 * the story's fact (rule 13). "The leader of the Maldives", the office the
 * story is about, is not this epithet of a head of state.
 */
function nationalOffice(role: string): boolean {
  const words = role.replace(/^the\s+/i, '').split(/\s+/);
  const office = /^(?:president|leader|prime minister|premier|king|queen|chancellor|monarch|emperor|head of state)$/i;
  for (let cut = 1; cut < words.length; cut += 1) {
    const place = words.slice(0, cut).join(' ');
    if (office.test(words.slice(cut).join(' ')) && isNationOrDemonym(place)) return true;
  }
  return false;
}

/**
 * A role that is only a superlative epithet ("the world's largest economy"):
 * a passing description no student would give for the actor's part in the
 * story, and general knowledge the other way round (rule 13).
 */
function isEpithet(role: string, actors: TemplateContext['actors']): boolean {
  const terms = termsOf(role);
  if (!terms.some((t) => t.tags.includes('Superlative'))) return false;
  if (terms.some((t) => t.tags.includes('Verb') || t.tags.includes('Value'))) return false;
  return actorsNamedIn(role, actors).length === 0;
}

/**
 * "the organization whose vice president explained …" beside "Vice President
 * of Taxpayers for Common Sense": a role told through another actor's role asks
 * that actor's fact again (rule 13).
 */
function toldThroughAnother(actor: Actor, context: TemplateContext): Actor | undefined {
  const whose = /\bwhose\s+((?:[\p{L}-]+\s+){0,2}?[\p{L}-]+)\s+(?=\p{Ll}+(?:ed|s)\b|was\b|is\b|gave\b|said\b)/iu.exec(actor.role);
  if (whose === null) return undefined;
  const held = (whose[1] as string).toLowerCase();
  return context.actors.all.find(
    (other) => other.id !== actor.id && new RegExp(`(?<![\\p{L}])${held.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'iu').test(other.role) && mentionsAny(other.role, context.actors.names(actor)),
  );
}

/**
 * True when an actor is only a name in a list: the article names it in one
 * sentence, beside other actors ("ninth place Ildar Pomykalov of Russia … and
 * Henry Wanyoike of Kenya"), and no quote, claim or event of the annotation
 * is its. Its name is trivia, not the story's fact (rule 13).
 */
function passingMention(actor: Actor, context: TemplateContext): boolean {
  const { annotation, actors } = context;
  if (inAnItem(annotation, actors).has(actor.id)) return false;
  const passage = actors.roleSource(actor)?.passage;
  if (passage === undefined) return false;
  const text = annotation.article.text;
  const start = text.lastIndexOf(passage.sentence, passage.offset);
  if (start < 0) return false;
  const end = start + passage.sentence.length;
  // Named anywhere else (the headline too), it is more than a name in a list; not inside another actor's name
  // ("Elton John" of "an Elton John AIDS Foundation event").
  for (const name of actors.names(actor)) {
    // The actors named around the mention, found through the index of names, not by trying every actor.
    const inLonger = (at: number): boolean =>
      actorsNamedIn(text.slice(Math.max(0, at - AROUND_A_NAME), at + name.length + AROUND_A_NAME), actors)
        .filter((other) => other.id !== actor.id)
        .flatMap((other) => actors.names(other))
        .some((n) => n.length > name.length && n.includes(name) && text.startsWith(n, at - n.indexOf(name)));
    for (let at = indexOfWords(text, name); at >= 0; at = indexOfWords(text, name, at + 1)) if ((at < start || at >= end) && !inLonger(at)) return false;
  }
  return actorsNamedIn(passage.sentence, actors).some((other) => other.id !== actor.id && other.kind === actor.kind);
}

/** Characters looked at on each side of a mention for a longer name that holds it. */
const AROUND_A_NAME = 80;

/**
 * The actors an item of the annotation is about: quote speakers, claimants,
 * disputers, the actors of events, and those a claim or a fact names ("With
 * whom did Weir share the top of the count?" → "Raymond Martin"). Gathered once
 * per annotation, not looked for item by item for every actor.
 */
const itemActors = new WeakMap<Annotation, Set<string>>();
function inAnItem(annotation: Annotation, actors: ActorIndex): Set<string> {
  let ids = itemActors.get(annotation);
  if (ids !== undefined) return ids;
  ids = new Set<string>();
  for (const q of annotation.quotes) ids.add(q.speaker.id);
  for (const c of annotation.claims) {
    if (c.claimant !== 'article') ids.add(c.claimant.id);
    for (const d of c.disputedBy) ids.add(d.id);
    for (const a of notListed(actorsNamedIn(`${c.text} ${c.answer ?? ''}`, actors))) ids.add(a.id);
  }
  for (const e of annotation.events) for (const a of e.actors) ids.add(a.id);
  for (const f of annotation.facts) for (const a of notListed(actorsNamedIn(`${f.question} ${f.answer}`, actors))) ids.add(a.id);
  itemActors.set(annotation, ids);
  return ids;
}

/**
 * The actors an item names, without those it only lists ("with others, such as Stevie Wonder, Elton John and
 * Lionel Richie"): three or more of one kind are a list, and a name in a list is no part of its own.
 */
function notListed(named: readonly Actor[]): Actor[] {
  return named.filter((a) => named.filter((b) => b.kind === a.kind).length < LISTED);
}
const LISTED = 3;

/** True when a role is one of many ("an aerospace engineer at Iowa State University"): no act of its own in the story. */
function oneOfMany(role: string): boolean {
  return (/^(?:an?|one)\s/i.test(role.trim()) && !describesAnAct(role)) || manyHold(role);
}

/** Heads of roles that many hold at once, "the" or not: "the 2000 Republican presidential candidate" was one of several. */
const MANY_HOLD = /^(?:candidate|contender|member|participant|delegate|competitor|hopeful)s?$/i;

function manyHold(role: string): boolean {
  return MANY_HOLD.test(headNoun(role) ?? '') && !describesAnAct(role);
}

/** The role as a role card answers it: "a 2000 Republican presidential candidate", not "the" one of several. */
function asAnswered(role: string): string {
  return manyHold(role) ? nounPhrase(role.replace(/^the\s+/i, '')) : role;
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
  return termsOf(role)[0]?.tags.includes('Verb') === true && !/^(the|a|an)\s/i.test(role) && !isVerbPhrase(role);
}

/**
 * A role that tells what the actor did, its verb first with an object: "announced the creation of the holiday".
 * Not a participle ("invaded by Russia", "elected president in 2008"): a finite verb takes a subject, "the
 * organization that announced …", and its question has no "was": "Which organization announced …?".
 */
function isVerbPhrase(role: string): boolean {
  const [verb, next] = termsOf(role);
  if (verb === undefined || next === undefined || !verb.tags.includes('Verb') || verb.tags.includes('Gerund')) return false;
  if (!verb.tags.includes('PastTense') && !verb.tags.includes('PresentTense')) return false;
  return next.tags.includes('Determiner') || next.tags.includes('Possessive') || next.tags.includes('Pronoun');
}

/**
 * What a role answering "What is Ukraine?" needs to be a noun phrase: "invaded by …" → "a country invaded by …";
 * "announced the creation …" → "the organization that announced the creation …".
 */
function asNoun(role: string, actor: Actor): string {
  if (isVerbPhrase(role)) return `${actor.kind === 'person' ? 'someone who' : `the ${actor.kind} that`} ${role}`;
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
    const asOf = asOfStamp(actor, context, true);
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
        back: withAsOf(capitalized(asAnswered(asNoun(resolvedRole(actor, context).trim(), actor))), asOf),
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
    // "What is the name of a group that opposes same-sex marriage?" has many right answers outside the story.
    const resolved = resolvedRole(actor, context);
    if (!anchored(resolved)) {
      context.advise({
        message: `no role → name card for '${actor.id}': its role '${actor.role}' names nothing of this story, so many others fit it`,
        hint: 'tie the role to the story (whom it speaks for, where, what it did here)',
      });
      return [];
    }
    // "Who was an aerospace engineer at Iowa State University?": a profession and a place fit many; only a role
    // that does something in the story points at one actor.
    if (oneOfMany(resolved)) {
      context.advise({
        message: `no role → name card for '${actor.id}': '${actor.role}' is one of many, with no act of its own in this story`,
        hint: 'say what it did in the story (who found, said or voted what), or leave it (the name → role card stays)',
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
    // "Ardern's party; in opposition in 2009, …": inside a question the parts of a role are joined by commas.
    const role = nounPhrase(resolved, context.annotation.article.text).replace(/,\s+who\b/, ' who').replace(/\s*;\s*/g, ', ');
    const plural = actor.kind === 'group' && isPlural(actor.role);
    // "Which group were Kyiv's supporters?" reads better as "Who were …?".
    // "Who is the athlete who shares the record?": a role told in the present is asked in the present.
    // compromise tags "was" a copula without a tense, and "changing" present: "who was not changing her vote" is past.
    const verbs = termsOf(actor.role).filter((t) => t.tags.includes('Verb') && !t.tags.includes('Gerund'));
    const past = (t: { text: string; tags: string[] }): boolean => t.tags.includes('PastTense') || /^(?:was|were|had|did)$/i.test(t.text);
    const present = verbs.length > 0 && !verbs.some(past) && verbs.some((t) => t.tags.includes('PresentTense') || /^(?:is|are|has|does)$/i.test(t.text));
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
        : isVerbPhrase(role)
          ? `${actor.kind === 'person' || plural ? 'Who' : whoAsks(actor.kind)} ${role}${stamp}?`
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
