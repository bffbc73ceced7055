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
  actors.all.forEach((actor, position) => {
    const keys = new Set<string>();
    let always = false;
    for (const name of actors.names(actor)) {
      const trimmed = name.trim();
      if (trimmed.length < 2) continue; // never matches (quality.ts mentionsIn)
      // As mentionsIn compares: folded, lower-cased. A match starts and ends at word boundaries and the
      // needle's inner runs are cut by its own marks, so every word run of the needle is a word run of
      // the text: the longest (the last of equals, a family name) is the rarest key at hand.
      const needle = foldForMatching(trimmed).toLowerCase();
      const runs = wordRuns(needle);
      if ((trimmed.length <= 3 && trimmed === trimmed.toUpperCase()) || runs.length === 0) always = true;
      else keys.add(runs.reduce((a, b) => (b.length >= a.length ? b : a)));
    }
    if (always) index.always.push(position);
    else for (const key of keys) index.byWord.set(key, [...(index.byWord.get(key) ?? []), position]);
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
