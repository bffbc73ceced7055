/**
 * Identities → Anki ids and guids. Everything here is a function of its
 * arguments only: no clock, no randomness (style.md point 6).
 */
import { createHash } from 'node:crypto';

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** A short hex content hash (64 bits: plenty to notice a change, small in the manifest). */
export function contentHash(value: unknown): string {
  return sha256(JSON.stringify(value)).subarray(0, 8).toString('hex');
}

/** Anki's base91 alphabet: the printable ASCII characters minus quotes, backslash and space. */
const BASE91 = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~';

/**
 * A note guid in the scheme of genanki's `guid_for`: the values joined with
 * `__`, SHA-256, the first 8 bytes read as a big-endian unsigned integer,
 * written in Anki's base91 (most significant digit first).
 */
export function guidFor(...values: string[]): string {
  let n = sha256(values.join('__')).readBigUInt64BE(0);
  let digits = '';
  do {
    digits = BASE91.charAt(Number(n % 91n)) + digits;
    n /= 91n;
  } while (n > 0n);
  return digits;
}

/**
 * Note and card ids are millisecond timestamps to Anki, and the importer
 * renumbers any id later than now + 1 day. Ours are hashes spread over a span
 * of the past (2010-01-01 to 2018-09), so they never are.
 */
export const ID_RANGE_START = 1_262_304_000_000;
export const ID_RANGE_SIZE = 2 ** 38;

/** An id in the past-timestamp range, from a namespaced key. */
export function pastTimestampId(namespace: string, key: string): number {
  const n = sha256(`newsdeck/${namespace}/${key}`).readUIntBE(0, 6);
  return ID_RANGE_START + (n % ID_RANGE_SIZE);
}

/**
 * A deck id from the deck name alone: a positive integer below 2^53, never 0
 * (aborts an import) or 1 (the Default deck, skipped by imports).
 */
export function deckIdFor(name: string): number {
  const n = Number(sha256(`newsdeck/deck/${name}`).readBigUInt64BE(0) >> 11n); // 53 bits
  return n < 2 ? n + 2 : n;
}

/**
 * Makes ids unique within a package, deterministically: the first key to
 * claim an id keeps it, later ones take the next free integer.
 */
export class IdAllocator {
  readonly #taken = new Set<number>();

  claim(id: number): number {
    let free = id;
    while (this.#taken.has(free)) free += 1;
    this.#taken.add(free);
    return free;
  }
}
