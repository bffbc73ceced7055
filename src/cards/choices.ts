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
  for (const actor of rankedOptions(answer, request.kind, frontWords, identity, actors)) {
    if (unfairBecause(actor, answer, front, request, actors) !== undefined) continue;
    distractors.push(actor.name);
    if (distractors.length === DISTRACTORS) break;
  }
  if (distractors.length < MIN_DISTRACTORS) return undefined;
  return orderedBy(`${identity}#choices`, [answer.name, ...distractors]);
}

/** The actors of one kind, with what the ranking reads of each, gathered once per article. */
interface KindOptions {
  actors: Actor[];
  roleWords: string[][];
  /** False when two actors of the kind share a name: the ranking's last tie-break is then not a total order. */
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
    options = { actors: ofKind, roleWords: ofKind.map(roleWords), uniqueNames: new Set(ofKind.map((a) => a.name)).size === ofKind.length };
    byKind.set(kind, options);
  }
  return options;
}

/** Ranked options looked at in one pass before sorting them all: a card judges only its first few. */
const FIRST_RANKED = 12;

/**
 * The other actors of the kind, most role words shared with the question
 * first, then in an order fixed by the card (FNV-1a of the identity and the
 * name), then by name: exactly the order of sorting them all, but the first
 * few are found in one pass, and the rest sorted only when a card judges past
 * them. Each card still visits every actor of the kind once (the order depends
 * on the card: see the README's Performance section).
 */
function* rankedOptions(answer: Actor, kind: string, frontWords: ReadonlySet<string>, identity: string, actors: ActorIndex): Generator<Actor> {
  const options = optionsOfKind(kind, actors);
  const count = options.actors.length;
  const scores = new Int32Array(count);
  const keys = new Uint32Array(count);
  // fnv1a(`${identity}\u0000${name}`), the identity's part hashed once.
  const seeded = fnv1aFrom(0x811c9dc5, `${identity}\u0000`);
  for (let i = 0; i < count; i++) {
    const actor = options.actors[i] as Actor;
    if (actor.id === answer.id) {
      scores[i] = -1;
      continue;
    }
    let score = 0;
    for (const w of options.roleWords[i] as string[]) if (frontWords.has(w)) score++;
    scores[i] = score;
    keys[i] = fnv1aFrom(seeded, actor.name);
  }
  const before = (a: number, b: number): boolean =>
    (scores[a] as number) !== (scores[b] as number)
      ? (scores[a] as number) > (scores[b] as number)
      : (keys[a] as number) !== (keys[b] as number)
        ? (keys[a] as number) < (keys[b] as number)
        : (options.actors[a] as Actor).name < (options.actors[b] as Actor).name;
  if (options.uniqueNames) {
    // The first few in one pass: a short list kept in order.
    const first: number[] = [];
    for (let i = 0; i < count; i++) {
      if ((scores[i] as number) < 0) continue;
      if (first.length === FIRST_RANKED && !before(i, first[FIRST_RANKED - 1] as number)) continue;
      let at = first.length === FIRST_RANKED ? FIRST_RANKED - 1 : first.length;
      while (at > 0 && before(i, first[at - 1] as number)) {
        first[at] = first[at - 1] as number;
        at--;
      }
      first[at] = i;
    }
    for (const i of first) yield options.actors[i] as Actor;
    if (first.length < FIRST_RANKED) return;
  }
  // Past the first few (or with two actors of one name, where only the sort's own order will do): sort them all.
  const all: number[] = [];
  for (let i = 0; i < count; i++) if ((scores[i] as number) >= 0) all.push(i);
  all.sort((a, b) => (scores[b] as number) - (scores[a] as number) || (keys[a] as number) - (keys[b] as number) || ((options.actors[a] as Actor).name < (options.actors[b] as Actor).name ? -1 : 1));
  for (const i of options.uniqueNames ? all.slice(FIRST_RANKED) : all) yield options.actors[i] as Actor;
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

/** FNV-1a, 32 bits: a stable, well-spread hash of a string (not for security); also seeds the quiz's option order. */
export function fnv1a(text: string): number {
  return fnv1aFrom(0x811c9dc5, text);
}

/** FNV-1a continued from the hash of a prefix: fnv1aFrom(fnv1a(a), b) === fnv1a(a + b). */
function fnv1aFrom(hash: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
