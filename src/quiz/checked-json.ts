import { createHash } from 'node:crypto';

/**
 * The caches beside a review log (the replay checkpoint, the deck cache) are
 * JSON files that end with the SHA-256 of the JSON before that field
 * (`"check"`): one damaged in any way (a digit changed on disk, a cut, an
 * edit) fails the check and is ignored, so that a cache can never change
 * what the log or the annotations say.
 */

/** The SHA-256 of bytes, in hex. */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** `value` (an object) as the text of a checked file: its JSON with the check field last. */
export function checkedJson(value: object): string {
  const body = JSON.stringify(value);
  return `${body.slice(0, -1)},"check":"${sha256(Buffer.from(body, 'utf8'))}"}\n`;
}

const CHECK_FIELD = /,"check":"([0-9a-f]{64})"\}\n?$/;

/** The JSON of a checked file whose check field matches it; undefined when none does. */
export function checkedBody(text: string): string | undefined {
  const check = CHECK_FIELD.exec(text);
  if (check === null) return undefined;
  const body = text.slice(0, check.index) + '}';
  return sha256(Buffer.from(body, 'utf8')) === check[1] ? body : undefined;
}
