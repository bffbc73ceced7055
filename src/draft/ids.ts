/**
 * Ids of drafted items, made from the article's words: a slug the annotator
 * can read, unique within its list.
 */
import { slugify } from '../annotation/slug.js';

/** Longest id made from an item's words: enough to tell items apart, short enough to type in a reference. */
const MAX_ID_LENGTH = 48;

/** Gives each item of one list its id: the slug of its words (or `fallback`), then -2, -3, … for an id already given. */
export function idMaker(fallback: string): (words: string) => string {
  const given = new Set<string>();
  return (words) => {
    const base = slugify(words).slice(0, MAX_ID_LENGTH).replace(/-$/, '') || fallback;
    let id = base;
    for (let n = 2; given.has(id); n++) id = `${base}-${n}`;
    given.add(id);
    return id;
  };
}
