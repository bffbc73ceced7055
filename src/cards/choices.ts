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
  // The first few ranked, then (while too few of them are fair) four times as many, the ones judged skipped:
  // the whole ranking is made only where two actors of the kind share a name.
  let judged = 0;
  for (let count = FIRST_RANKED; ; count *= 4) {
    const first = firstRanked(answer, request.kind, frontWords, identity, actors, count);
    const ranked = first ?? allRanked(answer, request.kind, frontWords, identity, actors);
    if (ranked.slice(judged).some(enough) || first === undefined || first.length < count) break;
    judged = first.length;
  }
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
  /** The positions whose score the card being ranked raised from zero, first `touchedCount` of them. */
  touched: Int32Array;
  /** False when two actors of the kind share a name: the ranking's last tie-break is then no total order. */
  uniqueNames: boolean;
  /**
   * The UTF-16 code units of the names end to end, the actor at position i from nameStarts[i] to
   * nameStarts[i + 1]: every card hashes a share of all the names, so they are read from one array.
   */
  nameCodes: Uint16Array;
  nameStarts: Int32Array;
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
    const nameStarts = new Int32Array(ofKind.length + 1);
    ofKind.forEach((actor, i) => (nameStarts[i + 1] = (nameStarts[i] as number) + actor.name.length));
    const nameCodes = new Uint16Array(nameStarts[ofKind.length] as number);
    ofKind.forEach((actor, i) => {
      for (let c = 0; c < actor.name.length; c++) nameCodes[(nameStarts[i] as number) + c] = actor.name.charCodeAt(c);
    });
    options = {
      actors: ofKind,
      position: new Map(ofKind.map((a, i) => [a.id, i])),
      byRoleWord,
      scores: new Int32Array(ofKind.length),
      touched: new Int32Array(ofKind.length),
      uniqueNames: new Set(ofKind.map((a) => a.name)).size === ofKind.length,
      nameCodes,
      nameStarts,
    };
    byKind.set(kind, options);
  }
  return options;
}

/**
 * The first `count` of {@link allRanked} (all of them when fewer), or
 * undefined when two actors of the kind share a name (only the sort's own
 * order will do then). Found through an index of role words: the scores come
 * from the actors that share a word with the question, and the card's hash is
 * computed only for the actors of the lowest score that can still be among the
 * first few. The ranking is a strict order, so these are the sort's first few.
 * A card still hashes every actor of that score (the order depends on the card:
 * see the README's Performance section).
 */
export function firstRanked(answer: Actor, kind: string, frontWords: ReadonlySet<string>, identity: string, actors: ActorIndex, count: number = FIRST_RANKED): Actor[] | undefined {
  const options = optionsOfKind(kind, actors);
  if (!options.uniqueNames) return undefined;
  const { scores, touched, nameCodes, nameStarts } = options;
  const own = options.position.get(answer.id) ?? -1;
  let touchedCount = 0;
  for (const w of frontWords) {
    const list = options.byRoleWord.get(w);
    if (list === undefined) continue;
    for (let j = 0; j < list.length; j++) {
      const i = list[j] as number;
      if (i === own) continue;
      if ((scores[i] as number) === 0) touched[touchedCount++] = i;
      scores[i] = (scores[i] as number) + 1;
    }
  }
  // How many share each score; the lowest score still among the first few.
  const perScore: number[] = [];
  for (let t = 0; t < touchedCount; t++) {
    const score = scores[touched[t] as number] as number;
    perScore[score] = (perScore[score] ?? 0) + 1;
  }
  let lowest = perScore.length - 1;
  let above = 0;
  while (lowest > 0 && above + (perScore[lowest] ?? 0) < count) above += perScore[lowest--] ?? 0;
  // fnv1a(`${identity}\u0000${name}`), the identity's part hashed once, the name's from the code units.
  const seeded = fnv1aFrom(0x811c9dc5, `${identity}\u0000`);
  // The best so far, best first, in typed arrays: most of a card's actors are only hashed and turned away,
  // and a card that allocated for each of them would spend its time collecting garbage.
  const most = Math.min(count, options.actors.length);
  const ranked: Ranked = { positions: new Int32Array(most), scores: new Int32Array(most), keys: new Uint32Array(most), size: 0 };
  // Above zero, the actors of the lowest score and better are among those touched; at zero, every actor is.
  const candidates = lowest > 0 ? touchedCount : options.actors.length;
  for (let t = 0; t < candidates; t++) {
    const position = lowest > 0 ? (touched[t] as number) : t;
    const score = scores[position] as number;
    if (position === own || score < lowest) continue;
    const full = ranked.size === most;
    if (full && score < (ranked.scores[most - 1] as number)) continue;
    let key = seeded;
    for (let c = nameStarts[position] as number, end = nameStarts[position + 1] as number; c < end; c++) key = Math.imul(key ^ (nameCodes[c] as number), 0x01000193);
    key >>>= 0;
    if (full && !ahead(options.actors, ranked, position, score, key, most - 1)) continue;
    let at = full ? most - 1 : ranked.size++;
    for (; at > 0 && ahead(options.actors, ranked, position, score, key, at - 1); at--) {
      ranked.positions[at] = ranked.positions[at - 1] as number;
      ranked.scores[at] = ranked.scores[at - 1] as number;
      ranked.keys[at] = ranked.keys[at - 1] as number;
    }
    ranked.positions[at] = position;
    ranked.scores[at] = score;
    ranked.keys[at] = key;
  }
  for (let t = 0; t < touchedCount; t++) scores[touched[t] as number] = 0;
  return Array.from(ranked.positions.subarray(0, ranked.size), (position) => options.actors[position] as Actor);
}

/** The best-ranked actors of a card so far, best first. */
interface Ranked {
  positions: Int32Array;
  scores: Int32Array;
  keys: Uint32Array;
  size: number;
}

/** True when the actor at `position`, of this score and key, ranks before the one ranked at `at`. */
function ahead(actors: readonly Actor[], ranked: Ranked, position: number, score: number, key: number, at: number): boolean {
  const other = ranked.scores[at] as number;
  if (score !== other) return score > other;
  const otherKey = ranked.keys[at] as number;
  if (key !== otherKey) return key < otherKey;
  return (actors[position] as Actor).name < (actors[ranked.positions[at] as number] as Actor).name;
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

function pushTo(lists: Map<string, number[]>, key: string, position: number): void {
  const list = lists.get(key);
  if (list === undefined) lists.set(key, [position]);
  else list.push(position);
}

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
      // Pushed, not copied: a word of thousands of roles ("minister") would be copied thousands of times.
      pushTo(built.byKey, key, position);
      for (const w of words) pushTo(built.byWord, w, position);
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
