import {
  asSentence,
  capitalized,
  contentWords,
  defineTemplate,
  indexOfWords,
  isAfter,
  longDate,
  lowerFirst,
  mainClause,
  mentions,
  mentionsAny,
  numberClozes,
  parseClause,
  pointInTime,
  questionOf,
  relativeTimes,
  tellsTime,
  whenAsks,
  whoAsks,
  withoutFinalStop,
  withoutTitle,
  withSubjectNamed,
  type ActorIndex,
  type Annotation,
  type CardTemplate,
  type NewsEvent,
  type PointInTime,
  type TemplateContext,
} from '../../templates/index.js';

/**
 * What happened, as a card can say it: "she" named as the story's subject, a name before its pronoun ("Her
 * song Respect won Franklin …" → "Franklin's song Respect won her …").
 */
function whatOf(event: NewsEvent, context: TemplateContext): string {
  return withSubjectNamed(event.what, context.actors, context.annotation.article.title);
}

/** "In what year did Franklin acquire the nickname …?"; a future event: "In what year will …?" */
function askWhen(event: NewsEvent, point: PointInTime, context: TemplateContext): string {
  const wh = whenAsks(point);
  const what = whatOf(event, context);
  // "On what date did Franklin die at home?", without the ", at about 9:50 am" that is part of the answer.
  const clause = parseClause(mainClause(what));
  if (clause !== undefined) return questionOf(wh, clause, context.annotation.article.text);
  const future = isAfter(point, context.annotation.article.published);
  return `${wh} ${future ? 'is this to happen' : 'did this happen'}? ${asSentence(what)}`;
}

/** "When did this happen? …" → the event's date; only for a `when` that is one date (rule 3). */
export const eventWhen: CardTemplate<'events'> = defineTemplate({
  id: 'event-when',
  family: 'events',
  description: 'when the event happened: a date, a month or a year (only when `when` is one)',
  generate(event, context) {
    const annotated = pointInTime(event.when);
    if (annotated === undefined) {
      context.advise({
        message: `event '${event.id}': '${event.when}' is not one date, so no card asks when`,
        hint: 'write `when` as an ISO date (2025-02-18), a month (2025-02 or "February 2025") or a year, if the article pins it',
      });
      return [];
    }
    // The source on the back must say when (rule 12): a sentence that does not leaves the date to another card.
    if (event.evidence !== undefined && !tellsTime(event.evidence.sentence)) {
      context.advise({
        message: `event '${event.id}': its evidence sentence does not say when, so no card asks when`,
        hint: 'give as evidence the sentence that says when it happened',
      });
      return [];
    }
    // Ask only as precisely as the article tells: a day it gives as "three years ago" is asked as a year
    // (the annotator's day is the answer the article cannot support).
    const point = dayInArticle(annotated, context.annotation.article.text) ? annotated : asYear(annotated);
    // "In what month …?" → "March" is the month asked; the story's year goes without saying.
    const month = point.precision === 'month' ? [point.shown.replace(/\s+\d{4}$/, '')] : [];
    const accepted = [...new Set([point.iso, event.when, ...month].filter((f) => f !== point.shown))];
    // What the article itself says counts as partly right (rule 10): "Saturday", "three years ago", and the year alone.
    const partial = [...new Set([...relativeTimes(event.evidence?.sentence ?? ''), ...partsOf(point, context.annotation.article.text)])];
    const front = askWhen(event, point, context);
    return [
      {
        kind: 'qa',
        front,
        back: point.shown,
        answer: { text: point.shown, kind: 'date', accepted, ...(partial.length > 0 && { partial }) },
        // The place on the back tells what the question did not ("… efforts in the state of Washington?" needs no "Where:").
        ...(event.where !== undefined && !mentions(front, event.where) && { extra: `Where: ${event.where}` }),
        asks: [`when:${event.id}`],
      },
    ];
  },
});

/** "Where was Franklin born?", when the annotation knows where. */
export const eventWhere: CardTemplate<'events'> = defineTemplate({
  id: 'event-where',
  family: 'events',
  description: 'where the event happened, when known',
  generate(event, context) {
    if (event.where === undefined) return [];
    // The source on the back must say where (rule 12), as the article names the place: "Munich" of "Munich
    // Security Conference, Munich, Germany" when the sentence says only "in Munich"; never "the Sino-Soviet
    // border" for "along their lengthy shared border", which only the annotator's knowledge adds.
    const said = event.evidence === undefined ? event.where : placeSaid(event.where, event.evidence.sentence);
    if (said === undefined) {
      context.advise({
        message: `event '${event.id}': its evidence sentence does not name '${event.where}', so no card asks where`,
        hint: 'write `where` as the article names the place, and give as evidence the sentence that names it',
      });
      return [];
    }
    // "Where did Franklin die at home?" asks a place the question already gives: the answer is where the home was.
    const what = whatOf(event, context).replace(/\s+(?:at|in)\s+(?:(?:her|his|their|its|the|a)\s+)?(?:own\s+)?(?:home|house|residence|apartment)\b(?=\s*(?:,|$))/i, '');
    const clause = parseClause(mainClause(what));
    const front = clause !== undefined ? questionOf('Where', clause, context.annotation.article.text) : `Where did this happen? ${asSentence(what)}`;
    return [
      {
        kind: 'qa',
        front,
        back: capitalized(said),
        // "Memphis, Tennessee": the city alone is right; "near Cheongwadae" without its preposition too.
        answer: { text: said, kind: 'text', accepted: placeForms(said) },
        extra: `When: ${longDate(event.when)}`,
        asks: [`where:${event.id}`],
      },
    ];
  },
});

/** The place as the sentence names it: the whole `where`, else its longest part between commas that the sentence holds. */
function placeSaid(where: string, sentence: string): string | undefined {
  // "near Cheongwadae, the President's house": the sentence names the place; "near" is the annotator's, and
  // true ("The President's house" alone would put the clash inside it).
  const bare = where.replace(PLACE_PREPOSITION, '');
  if (mentions(sentence, where) || mentions(sentence, bare)) return where;
  const preposition = PLACE_PREPOSITION.exec(where)?.[0] ?? '';
  const parts = bare.split(/,\s*/).map((p) => p.trim()).filter((p) => p !== '' && mentions(sentence, p));
  const part = parts.sort((a, b) => b.length - a.length)[0];
  return part === undefined ? undefined : `${preposition}${part}`;
}

/** A preposition that opens a place ("near", "in front of"): where it is, said of the place. */
const PLACE_PREPOSITION = /^(?:in front of|outside of|next to|close to|across from|in|at|on|near|outside|inside|from)\s+/i;

/** Shorter forms of a place that are right too: the part before a comma, the place without "in"/"near", a city without "City". */
function placeForms(where: string): string[] {
  const bare = PLACE_PREPOSITION.test(where) ? where.replace(PLACE_PREPOSITION, '').replace(/^the\s+/i, '') : where;
  const first = bare.split(',')[0]?.trim() ?? bare;
  // "New York City" is New York; "Mexico City" is not Mexico: only a name of two words or more stands alone.
  const city = /^((?:\p{Lu}[\p{L}.'-]*\s+){2,})City$/u.exec(first)?.[1]?.trim();
  return [...new Set([bare, first, ...(city === undefined ? [] : [city])])].filter((f) => f !== where && f !== '');
}

/** The actor of an event who is the subject of its `what` ("Rep. Patrick Kennedy introduced …"), and the rest of it. */
function doerOf(event: NewsEvent, actors: ActorIndex): { actorId: string; predicate: string } | undefined {
  const clause = parseClause(event.what);
  if (clause === undefined) return undefined;
  const subject = withoutTitle(clause.subject);
  for (const actor of event.actors) {
    if (actors.names(actor).some((n) => n.toLowerCase() === subject.toLowerCase())) {
      const predicate = withoutFinalStop(event.what.slice(event.what.indexOf(clause.subject) + clause.subject.length).trim());
      return { actorId: actor.id, predicate };
    }
  }
  return undefined;
}

/**
 * Who did what (rule 14): "Who introduced H.R.1424, the bill the Senate later
 * used for the bailout?", from an event whose subject is one of its actors.
 */
export const eventActor: CardTemplate<'events'> = defineTemplate({
  id: 'event-actor',
  family: 'events',
  description: 'who did what: the actor who is the subject of the event',
  generate(event, context) {
    const doer = doerOf(event, context.actors);
    if (doer === undefined) return [];
    const actor = context.actors.byId(doer.actorId);
    if (actor === undefined || context.actors.descriptive(actor)) return [];
    // The person the story is about does most things in it: "Who was born?" → the title's subject teaches nothing.
    if (mentionsAny(context.annotation.article.title, context.actors.names(actor))) return [];
    if (contentWords(doer.predicate).length < 3) return [];
    const question = `${whoAsks(actor.kind)} ${doer.predicate}?`;
    return [
      {
        kind: 'qa',
        front: question,
        back: actor.name,
        answer: context.actors.answer(actor),
        choices: { kind: actor.kind },
        extra: `${longDate(event.when)}${event.where === undefined ? '' : `, ${event.where}`}`,
        // A role that is this very act ("who introduced H.R.1424 in 2007") is caught by the generator's who-is key.
        asks: [`who-did:${event.id}`],
      },
    ];
  },
});

/** A birth or a death: everything in a life comes after the one and before the other, so ordering them teaches nothing. */
function endOfLife(event: NewsEvent): boolean {
  return /\b(?:was|were) born\b|\b(?:died|dies|death)\b/i.test(event.what);
}

/** True when the article names the month, the weekday or the numeric date of a day or month. */
function dayInArticle(point: PointInTime, article: string): boolean {
  if (point.precision === 'year') return true;
  const [y, m, d] = point.iso.split('-').map(Number) as [number, number, number | undefined];
  const month = point.shown.replace(/^\d+\s+/, '').replace(/\s+\d{4}$/, '');
  if (indexOfWords(article, month) >= 0) return true;
  if (d === undefined) return false;
  const weekday = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()] as string;
  return indexOfWords(article, weekday) >= 0 || article.includes(`${m}/${d}/${y}`) || article.includes(`${d}/${m}/${y}`);
}

function asYear(point: PointInTime): PointInTime {
  return { precision: 'year', iso: point.iso.slice(0, 4), shown: point.iso.slice(0, 4) };
}

/** Words that give the order away: "the previous bill", "resume", "the first …". */
function tellsOrder(event: NewsEvent): boolean {
  return /\b(?:first|last|final|latest|previous|earlier|later|again|resumed?|resuming|after|before|then|subsequently|re-\w+)\b/i.test(event.what);
}

/**
 * "2022" for a day or a month, "18 February" for a day: parts of a date that
 * are right as far as they go; and the weekday, when the article names the
 * day by it ("Saturday's protests").
 */
function partsOf(point: PointInTime, article: string): string[] {
  if (point.precision === 'year') return [];
  const year = point.iso.slice(0, 4);
  if (point.precision === 'month') return [year];
  const [y, m, d] = point.iso.split('-').map(Number) as [number, number, number];
  const weekday = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()] as string;
  return [year, point.shown.replace(/\s+\d{4}$/, ''), ...(indexOfWords(article, weekday) >= 0 ? [weekday] : [])];
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** "on 25 March 1942", "in March 2009", "in 1956". */
function atTime(point: PointInTime): string {
  return `${point.precision === 'day' ? 'on' : 'in'} ${point.shown}`;
}

/** Two dates in a known order: "2008-06" is before "2008-06-29", but "2008" and "2008-06" cannot be ordered. */
function ordered(a: PointInTime, b: PointInTime): -1 | 1 | undefined {
  const n = Math.min(a.iso.length, b.iso.length);
  const [x, y] = [a.iso.slice(0, n), b.iso.slice(0, n)];
  if (x === y) return undefined;
  return x < y ? -1 : 1;
}

/** Each actor's events, in file order, gathered once per annotation: every dated event looks for its next one. */
const actorsEvents = new WeakMap<Annotation, Map<string, number[]>>();

/** The events of any of these actors, in file order (not every event of the article tried for every event). */
function eventsOf(annotation: Annotation, actorIds: ReadonlySet<string>): NewsEvent[] {
  let byActor = actorsEvents.get(annotation);
  if (byActor === undefined) {
    byActor = new Map();
    annotation.events.forEach((event, position) => {
      for (const id of new Set(event.actors.map((a) => a.id))) {
        const list = (byActor as Map<string, number[]>).get(id);
        if (list === undefined) (byActor as Map<string, number[]>).set(id, [position]);
        else list.push(position);
      }
    });
    actorsEvents.set(annotation, byActor);
  }
  const positions = new Set<number>();
  for (const id of actorIds) for (const position of byActor.get(id) ?? []) positions.add(position);
  return [...positions].sort((a, b) => a - b).map((position) => annotation.events[position] as NewsEvent);
}

/**
 * The order of events (rule 14): "Which happened first: …, or …?", for each
 * dated event and the one that follows it in time.
 */
export const eventOrder: CardTemplate<'events'> = defineTemplate({
  id: 'event-order',
  family: 'events',
  description: 'which of two dated events came first (each event and the next one in time)',
  generate(event, context) {
    const point = pointInTime(event.when);
    if (point === undefined || endOfLife(event) || tellsOrder(event)) return [];
    // Two events of the same actors make a sequence worth knowing; two unrelated background years do not.
    const actorsOf = new Set(event.actors.map((a) => a.id));
    const later = eventsOf(context.annotation, actorsOf)
      .filter((e) => !endOfLife(e) && !tellsOrder(e))
      .map((e) => ({ event: e, point: pointInTime(e.when) }))
      .filter((e): e is { event: NewsEvent; point: PointInTime } => e.point !== undefined && e.event.id !== event.id && ordered(point, e.point) === -1);
    // Background against the news itself ("an invasion in 2022, or this week's talks?") is no question.
    const published = context.annotation.article.published;
    const current = (p: PointInTime): boolean => published !== undefined && p.iso.slice(0, 7) >= published.slice(0, 7);
    if (later.length === 0) return [];
    later.sort((a, b) => (a.point.iso < b.point.iso ? -1 : a.point.iso > b.point.iso ? 1 : 0));
    const next = later[0] as { event: NewsEvent; point: PointInTime };
    if (current(next.point) && !current(point)) return [];
    // The next event must be the only one that close: two candidates on one date would be ambiguous to rank.
    if (later.some((e) => e !== next && ordered(e.point, next.point) === undefined)) return [];
    // The back must show when each happened (rule 12): a sentence that does not say it cannot support the order.
    const untimed = [event, next.event].find((e) => e.evidence !== undefined && !tellsTime(e.evidence.sentence));
    if (untimed !== undefined) {
      context.advise({
        message: `event '${untimed.id}': its evidence sentence does not say when, so no card asks the order of it and its neighbour in time`,
        hint: 'give as evidence the sentence that says when it happened',
      });
      return [];
    }
    const article = context.annotation.article.text;
    const first = withoutFinalStop(whatOf(event, context));
    const second = withoutFinalStop(whatOf(next.event, context));
    // Which is named first on the front is fixed by the pair, not always the earlier one.
    const swap = (event.id.length + next.event.id.length) % 2 === 1;
    const [a, b] = (swap ? [second, first] : [first, second]).map(mainClause) as [string, string];
    return [
      {
        kind: 'qa',
        front: `Which happened first: ${lowerFirst(a, article)}, or ${lowerFirst(b, article)}?`,
        back: `First, ${atTime(point)}: ${lowerFirst(first, article)}. Then, ${atTime(next.point)}: ${lowerFirst(second, article)}.`,
        answer: { text: first, kind: 'text', accepted: [] },
        // The back shows what dates each event (rule 12), not the first one's sentence alone.
        ...(next.event.evidence !== undefined && { alsoFrom: [next.event.evidence] }),
        listsAnswer: true,
        asks: [`order:${event.id}:${next.event.id}`],
      },
    ];
  },
});

/** Numbers from an event's evidence: "Around […] police buses blocked protesters …". */
export const eventNumber: CardTemplate<'events'> = defineTemplate({
  id: 'event-number',
  family: 'events',
  description: 'a number of the event’s sentence, blanked (how many, how much)',
  generate(event) {
    return numberClozes(event.evidence);
  },
});
