/** FNV-1a, 32 bits: a stable, well-spread hash of a string (not for security); also seeds the quiz's option order. */
export function fnv1a(text: string): number {
  return fnv1aFrom(0x811c9dc5, text);
}

/** FNV-1a continued from the hash of a prefix: fnv1aFrom(fnv1a(a), b) === fnv1a(a + b). */
export function fnv1aFrom(hash: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
