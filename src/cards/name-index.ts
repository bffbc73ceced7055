/**
 * Which actors a text names, found through an index of one word of every
 * name instead of trying every actor's names on every card (issue 12:
 * that loop made card generation quadratic in the actors of an article).
 * The answer is exactly `actors.all.filter((a) => mentionsAny(text, actors.names(a)))`:
 * the index only picks the candidates, `mentionsAny` still decides.
 */
import { foldForMatching } from '../annotation/text-match.js';
import type { Actor } from '../annotation/model.js';
import type { ActorIndex } from './names.js';
import { mentionsAny } from './quality.js';

/** A word character as `indexOfWords` sees it: one UTF-16 unit at a time. */
const WORD_CHAR = /[\p{L}\p{N}]/u;

interface FirstWords {
  /** Actor positions in `all` by the longest word of one of their names (folded, lower-cased). */
  byWord: Map<string, number[]>;
  /** Actors with a name the index cannot key (no letters, or a short all-capitals name matched by case). */
  always: number[];
}

const indexes = new WeakMap<ActorIndex, FirstWords>();

/** The maximal runs of word characters, cut where `indexOfWords` cuts a word. */
function wordRuns(text: string): string[] {
  const runs: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const word = i < text.length && WORD_CHAR.test(text[i] as string);
    if (word && start < 0) start = i;
    else if (!word && start >= 0) {
      runs.push(text.slice(start, i));
      start = -1;
    }
  }
  return runs;
}

function firstWords(actors: ActorIndex): FirstWords {
  let index = indexes.get(actors);
  if (index !== undefined) return index;
  index = { byWord: new Map(), always: [] };
  // As mentionsIn compares: folded, lower-cased. A match starts and ends at word boundaries and the
  // needle's inner runs are cut by its own marks, so every word run of the needle is a word run of
  // the text, and any one of them will do as the key.
  const needles = actors.all.map((actor) => {
    let always = false;
    const runsOf: string[][] = [];
    for (const name of actors.names(actor)) {
      const trimmed = name.trim();
      if (trimmed.length < 2) continue; // never matches (quality.ts mentionsIn)
      const runs = wordRuns(foldForMatching(trimmed).toLowerCase());
      if ((trimmed.length <= 3 && trimmed === trimmed.toUpperCase()) || runs.length === 0) always = true;
      else runsOf.push(runs);
    }
    return { always, runsOf };
  });
  // How many actors have a name with each word: the key is the rarest word of a name, so that a text
  // naming one "Østergaard" of thousands tries the few actors of its rarest word, not every Østergaard.
  const actorsWith = new Map<string, number>();
  for (const { runsOf } of needles) for (const run of new Set(runsOf.flat())) actorsWith.set(run, (actorsWith.get(run) ?? 0) + 1);
  const rarer = (a: string, b: string): string => {
    const [x, y] = [actorsWith.get(a) as number, actorsWith.get(b) as number];
    return y < x || (y === x && b.length >= a.length) ? b : a;
  };
  needles.forEach(({ always, runsOf }, position) => {
    if (always) {
      index.always.push(position);
      return;
    }
    for (const key of new Set(runsOf.map((runs) => runs.reduce(rarer)))) {
      const list = index.byWord.get(key);
      if (list === undefined) index.byWord.set(key, [position]);
      else list.push(position);
    }
  });
  indexes.set(actors, index);
  return index;
}

/** The actors whose names `text` mentions, in the order of `actors.all`. */
export function actorsNamedIn(text: string, actors: ActorIndex): Actor[] {
  const index = firstWords(actors);
  const candidates = new Set(index.always);
  for (const word of new Set(wordRuns(foldForMatching(text).toLowerCase()))) {
    for (const position of index.byWord.get(word) ?? []) candidates.add(position);
  }
  return [...candidates]
    .sort((a, b) => a - b)
    .map((position) => actors.all[position] as Actor)
    .filter((actor) => mentionsAny(text, actors.names(actor)));
}
