/**
 * Fair multiple choice (card-quality.md rule 8): other actors of the same
 * kind from the same article that the question itself does not rule out,
 * never an alias of the answer, in an order fixed by the card identity so
 * every student of a class sees the same card. With fewer than two fair
 * distractors the card has no options and is asked typed (rule 15).
 */
import type { Actor } from '../annotation/model.js';
import { foldForMatching, indexOfWords } from '../annotation/text-match.js';
import type { ActorIndex } from './names.js';
import { demonymsOf } from './names.js';
import { contentWords, mentionsAny } from './quality.js';
import { headNoun, termsOf } from './phrasing.js';
import type { ChoiceRequest } from './template.js';
import { fnv1a, fnv1aFrom } from './fnv1a.js';

// In fnv1a.ts, without this module's NLP imports, so that the quiz can seed its option order cheaply.
export { fnv1a };

/** Most distractors on a card. */
const DISTRACTORS = 3;
/** Fewest distractors that make a fair choice: two options are a coin toss. */
const MIN_DISTRACTORS = 2;

/** Why an actor is not a fair option, or undefined when it is. `front` is the cue, a line break and the question. */
export function unfairBecause(candidate: Actor, answer: Actor, front: string, request: ChoiceRequest, actors: ActorIndex): string | undefined {
  if (candidate.id === answer.id || candidate.kind !== request.kind) return 'not of the kind asked';
  const answerNames = actors.names(answer).map((n) => n.toLowerCase());
  const candidateNames = actors.names(candidate);
  if (candidateNames.some((n) => answerNames.includes(n.toLowerCase()))) return 'another name of the answer';
  if (mentionsAny(front, actors.revealing(candidate))) return 'named by the question';
  if (actors.descriptive(candidate) !== actors.descriptive(answer)) return 'a description beside a name';
  if (partOf(candidate, answer, actors)) return 'a part or container of the answer';
  if (request.byRole === true && rolesOverlap(candidate.role, answer.role)) return 'its own role also fits';
  // "the label she signed with …": only other labels are options; a magazine among labels is ruled out by the question.
  if (request.byRole === true) {
    const head = headOf(answer);
    if (head === undefined || headOf(candidate) !== head) return 'not the kind of thing the question names';
  }
  // "China's top diplomat", "China supports all efforts …": a place the question names rules out who has nothing to do with it.
  if (!sharesPlaces(front.slice(front.indexOf('\n') + 1), candidate, actors)) return 'ruled out by a place the question names';
  return undefined;
}

/** Fair options for a card, or undefined when fewer than two distractors are fair. */
export function fairChoices(answer: Actor, front: string, request: ChoiceRequest, identity: string, actors: ActorIndex): string[] | undefined {
  // Prefer options that share what the question says (other officials for "China's top diplomat").
  // Ranked first, judged after: the ranking is cheap, the fairness test is not, and a stable sort then a
  // filter gives the same order as a filter then the sort; only the first few fair ones are needed.
  const frontWords = new Set(contentWords(`${front} ${answer.role}`));
  const distractors: string[] = [];
  const enough = (actor: Actor): boolean => {
    if (unfairBecause(actor, answer, front, request, actors) === undefined) distractors.push(actor.name);
    return distractors.length === DISTRACTORS;
  };
  const first = firstRanked(answer, request.kind, frontWords, identity, actors);
  let done = first !== undefined && first.some(enough);
  // Past the first few (or where they are not found apart): the whole ranking, the first few skipped.
  if (!done && (first === undefined || first.length === FIRST_RANKED)) done = allRanked(answer, request.kind, frontWords, identity, actors).slice(first?.length ?? 0).some(enough);
  if (distractors.length < MIN_DISTRACTORS) return undefined;
  return orderedBy(`${identity}#choices`, [answer.name, ...distractors]);
}

/**
 * The other actors of the kind, most role words shared with the question
 * first, then in an order fixed by the card (FNV-1a of the identity and the
 * name), then by name.
 */
export function allRanked(answer: Actor, kind: string, frontWords: ReadonlySet<string>, identity: string, actors: ActorIndex): Actor[] {
  const keyed = actors.all
    .filter((candidate) => candidate.id !== answer.id && candidate.kind === kind)
    .map((actor) => ({
      actor,
      score: roleWords(actor).filter((w) => frontWords.has(w)).length,
      key: fnv1a(`${identity}\u0000${actor.name}`),
    }));
  keyed.sort((a, b) => b.score - a.score || a.key - b.key || (a.actor.name < b.actor.name ? -1 : 1));
  return keyed.map((k) => k.actor);
}

/** Ranked options found without ranking them all: a card judges only its first few. */
const FIRST_RANKED = 12;

/** The actors of one kind, with what the ranking reads of each, gathered once per article. */
interface KindOptions {
  actors: Actor[];
  position: Map<string, number>;
  /** Positions by each word of their role, once per occurrence (the score counts repeated words). */
  byRoleWord: Map<string, number[]>;
  /** Scores of the card being ranked; zero between cards. */
  scores: Int32Array;
  /** False when two actors of the kind share a name: the ranking's last tie-break is then no total order. */
  uniqueNames: boolean;
}

const kindOptions = new WeakMap<ActorIndex, Map<string, KindOptions>>();

function optionsOfKind(kind: string, actors: ActorIndex): KindOptions {
  let byKind = kindOptions.get(actors);
  if (byKind === undefined) {
    byKind = new Map();
    kindOptions.set(actors, byKind);
  }
  let options = byKind.get(kind);
  if (options === undefined) {
    const ofKind = actors.all.filter((a) => a.kind === kind);
    const byRoleWord = new Map<string, number[]>();
    ofKind.forEach((actor, i) => {
      for (const w of roleWords(actor)) {
        const list = byRoleWord.get(w);
        if (list === undefined) byRoleWord.set(w, [i]);
        else list.push(i);
      }
    });
    options = {
      actors: ofKind,
      position: new Map(ofKind.map((a, i) => [a.id, i])),
      byRoleWord,
      scores: new Int32Array(ofKind.length),
      uniqueNames: new Set(ofKind.map((a) => a.name)).size === ofKind.length,
    };
    byKind.set(kind, options);
  }
  return options;
}

/**
 * The first FIRST_RANKED of {@link allRanked} (all of them when fewer), or
 * undefined when two actors of the kind share a name (only the sort's own
 * order will do then). Found through an index of role words: the scores come
 * from the actors that share a word with the question, and the card's hash is
 * computed only for the actors of the lowest score that can still be among the
 * first few. The ranking is a strict order, so these are the sort's first few.
 * A card still hashes every actor of that score (the order depends on the card:
 * see the README's Performance section).
 */
export function firstRanked(answer: Actor, kind: string, frontWords: ReadonlySet<string>, identity: string, actors: ActorIndex): Actor[] | undefined {
  const options = optionsOfKind(kind, actors);
  if (!options.uniqueNames) return undefined;
  const { scores } = options;
  const own = options.position.get(answer.id) ?? -1;
  const touched: number[] = [];
  for (const w of frontWords) {
    for (const i of options.byRoleWord.get(w) ?? []) {
      if (i === own) continue;
      if ((scores[i] as number) === 0) touched.push(i);
      scores[i] = (scores[i] as number) + 1;
    }
  }
  // How many share each score; the lowest score still among the first few.
  const perScore: number[] = [];
  for (const i of touched) perScore[scores[i] as number] = (perScore[scores[i] as number] ?? 0) + 1;
  let lowest = perScore.length - 1;
  let above = 0;
  while (lowest > 0 && above + (perScore[lowest] ?? 0) < FIRST_RANKED) above += perScore[lowest--] ?? 0;
  // fnv1a(`${identity}\u0000${name}`), the identity's part hashed once.
  const seeded = fnv1aFrom(0x811c9dc5, `${identity}\u0000`);
  const ranked: { position: number; score: number; key: number }[] = [];
  const rank = (position: number): void => {
    const entry = { position, score: scores[position] as number, key: fnv1aFrom(seeded, (options.actors[position] as Actor).name) };
    if (ranked.length === FIRST_RANKED && !before(entry, ranked[FIRST_RANKED - 1] as typeof entry)) return;
    let at = ranked.length === FIRST_RANKED ? FIRST_RANKED - 1 : ranked.length;
    while (at > 0 && before(entry, ranked[at - 1] as typeof entry)) {
      ranked[at] = ranked[at - 1] as typeof entry;
      at--;
    }
    ranked[at] = entry;
  };
  const before = (a: { position: number; score: number; key: number }, b: { position: number; score: number; key: number }): boolean =>
    a.score !== b.score ? a.score > b.score : a.key !== b.key ? a.key < b.key : (options.actors[a.position] as Actor).name < (options.actors[b.position] as Actor).name;
  if (lowest > 0) {
    for (const i of touched) if ((scores[i] as number) >= lowest) rank(i);
  } else {
    for (let i = 0; i < options.actors.length; i++) if (i !== own) rank(i);
  }
  for (const i of touched) scores[i] = 0;
  return ranked.map((r) => options.actors[r.position] as Actor);
}

/** The content words of each actor's role, found once (every card with choices ranks every actor). */
const roleWordsOf = new WeakMap<Actor, string[]>();
function roleWords(actor: Actor): string[] {
  let words = roleWordsOf.get(actor);
  if (words === undefined) {
    words = contentWords(actor.role);
    roleWordsOf.set(actor, words);
  }
  return words;
}

/**
 * One name inside the other ("Elton John" / "Elton John AIDS Foundation"), or
 * one named in the other's role ("a province of China"): a part or a container.
 */
function partOf(candidate: Actor, answer: Actor, actors: ActorIndex): boolean {
  for (const a of actors.names(candidate)) {
    for (const b of actors.names(answer)) {
      const [x, y] = [foldForMatching(a).toLowerCase(), foldForMatching(b).toLowerCase()];
      if (indexOfWords(x, y) >= 0 || indexOfWords(y, x) >= 0) return true;
    }
  }
  return mentionsAny(candidate.role, actors.revealing(answer)) || mentionsAny(answer.role, actors.revealing(candidate));
}

/**
 * Two roles fit the same question when the words of one are all in the other
 * ("President" and "the United States President"; two "musicians mentioned").
 */
export function rolesOverlap(a: string, b: string): boolean {
  const x = new Set(contentWords(a));
  const y = new Set(contentWords(b));
  if (x.size === 0 || y.size === 0) return false;
  const inY = [...x].every((w) => y.has(w));
  const inX = [...y].every((w) => x.has(w));
  return inX || inY;
}

/** Role word sets of an article's actors, indexed once: which roles overlap is asked for every actor. */
interface RoleIndex {
  words: Set<string>[];
  /** Positions by their role's words, sorted and joined: the roles made of exactly those words. */
  byKey: Map<string, number[]>;
  /** Positions by each word of their role. */
  byWord: Map<string, number[]>;
}

const roleIndexes = new WeakMap<readonly Actor[], RoleIndex>();
const roleKey = (words: Iterable<string>): string => [...words].sort().join('\u0000');
/** Above this many words a role's subsets are too many to look up: its twins are found from its words' lists instead. */
const MAX_SUBSET_WORDS = 6;

/**
 * The actors of `all` other than `actor` whose role overlaps its role
 * (exactly `all.filter((o) => o.id !== actor.id && rolesOverlap(o.role, actor.role))`),
 * found through an index of role words instead of comparing every pair.
 */
export function overlappingRoles(actor: Actor, all: readonly Actor[]): Actor[] {
  let index = roleIndexes.get(all);
  if (index === undefined) {
    const built: RoleIndex = { words: all.map((a) => new Set(contentWords(a.role))), byKey: new Map(), byWord: new Map() };
    built.words.forEach((words, position) => {
      if (words.size === 0) return;
      const key = roleKey(words);
      built.byKey.set(key, [...(built.byKey.get(key) ?? []), position]);
      for (const w of words) built.byWord.set(w, [...(built.byWord.get(w) ?? []), position]);
    });
    roleIndexes.set(all, built);
    index = built;
  }
  const own = new Set(contentWords(actor.role));
  if (own.size === 0) return [];
  const found = new Set<number>();
  // Roles whose words are all in this one: one lookup per subset of its words.
  const words = [...own];
  if (words.length <= MAX_SUBSET_WORDS) {
    for (let mask = 1; mask < 1 << words.length; mask++) {
      for (const position of index.byKey.get(roleKey(words.filter((_, i) => (mask & (1 << i)) !== 0))) ?? []) found.add(position);
    }
  } else {
    for (const w of words) for (const position of index.byWord.get(w) ?? []) if ([...(index.words[position] as Set<string>)].every((x) => own.has(x))) found.add(position);
  }
  // Roles that hold all of its words: among those that hold its rarest one.
  const rarest = words.map((w) => index.byWord.get(w) ?? []).reduce((a, b) => (b.length < a.length ? b : a));
  for (const position of rarest) if (words.every((w) => (index.words[position] as Set<string>).has(w))) found.add(position);
  return [...found]
    .sort((a, b) => a - b)
    .map((position) => all[position] as Actor)
    .filter((other) => other.id !== actor.id);
}

/**
 * A question that names a place ("China's top diplomat", "a Scottish prison")
 * rules out the options that have nothing to do with it: a candidate must be
 * tied to every place the question names, by its name, role or note.
 */
function sharesPlaces(front: string, candidate: Actor, actors: ActorIndex): boolean {
  const places = placesIn(front);
  if (places.length === 0) return true;
  const about = `${actors.names(candidate).join(' ')} ${candidate.role} ${candidate.note ?? ''}`;
  return places.every((place) => mentionsAny(about, [place, ...demonymsOf(place), ...stemForms(place)]));
}

/** The head noun of each actor's role, found once: every card asked by role judges many candidates. */
const headsOf = new WeakMap<Actor, { head: string | undefined }>();
function headOf(actor: Actor): string | undefined {
  let found = headsOf.get(actor);
  if (found === undefined) {
    found = { head: headNoun(actor.role) };
    headsOf.set(actor, found);
  }
  return found.head;
}

/** The last question's places: every candidate of one card is judged against the same question. */
let lastPlaces: { text: string; places: string[] } | undefined;

/** Places and nationalities compromise finds in a text ("China's" → China, "Chinese" → Chinese). */
function placesIn(text: string): string[] {
  if (lastPlaces?.text !== text) lastPlaces = { text, places: findPlaces(text) };
  return lastPlaces.places;
}

function findPlaces(text: string): string[] {
  const places: string[] = [];
  for (const term of termsOf(text)) {
    if (!term.tags.some((t) => t === 'Country' || t === 'Demonym' || t === 'City' || t === 'Region')) continue;
    const word = term.text.replace(/['’]s?$/, '').replace(/[^\p{L}.-]/gu, '');
    if (word.length >= 3) places.push(word);
  }
  return [...new Set(places)];
}

/** "Chinese" → China-like stems: a demonym and its country share the first four letters. */
function stemForms(word: string): string[] {
  const stem = word.slice(0, 4);
  return stem.length === 4 ? [`${stem}a`, `${stem}`, `${stem}an`, `${stem}ese`, `${stem}ia`, `${stem}ian`, `${stem}land`] : [];
}

/** The values in an order that depends only on `seed` and the values themselves (the same for every student). */
function orderedBy(seed: string, values: string[]): string[] {
  const keyed = values.map((value) => ({ value, key: fnv1a(`${seed}\u0000${value}`) }));
  keyed.sort((a, b) => a.key - b.key || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return keyed.map((k) => k.value);
}
