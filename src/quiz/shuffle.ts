/**
 * Seeded shuffles: the quiz's option order (a new order at every review of a
 * card, the same order for the same review) and the exam's selection. Pure:
 * the same seed always gives the same order.
 */
import { fnv1a } from '../cards/fnv1a.js';

/** The largest seed: the generator's state is 32 bits. */
export const MAX_SEED = 0xffff_ffff;

/**
 * mulberry32: a tiny seeded PRNG (32-bit state), returning numbers in [0, 1).
 * Throws a RangeError for a seed that is not a whole number from 0 to
 * {@link MAX_SEED}, rather than wrapping it onto another seed's sequence.
 */
export function mulberry32(seed: number): () => number {
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new RangeError(`exam seed ${seed} is out of range: use a whole number from 0 to ${MAX_SEED}`);
  }
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A copy of `items` in a Fisher-Yates order drawn from `random`. */
export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = out[i] as T;
    out[i] = out[j] as T;
    out[j] = tmp;
  }
  return out;
}

/**
 * The options of a multiple-choice card as shown at its review number
 * `reviews` (answers so far, undone ones not counted): shuffled from the card
 * and that number, so that the learner meets a new order at every review
 * (and learns answers, not positions), and the same order after an undo.
 */
export function optionOrder(identity: string, options: readonly string[], reviews: number): string[] {
  return shuffle(options, mulberry32(fnv1a(`${identity}#${reviews}`)));
}
