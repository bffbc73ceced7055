/**
 * A review log read as a stream of lines: a log grows for years, and one over
 * about 512 MB cannot be one string in V8 ("Cannot create a string longer
 * than …"), nor one Buffer past 2 GB. Pure: the bytes come from a source the
 * caller makes (src/cli/progress.ts reads the file; tests pass bytes).
 */

/** The bytes of a log from a position on, in chunks of any size. */
export interface LogSource {
  chunks(from: number): Iterable<Uint8Array>;
}

/** Bytes in memory as a source, cut into `chunkSize` pieces (small ones in tests: the same code path as a large file). */
export function bytesSource(bytes: Uint8Array, chunkSize = 1 << 16): LogSource {
  return {
    *chunks(from: number) {
      for (let at = from; at < bytes.length; at += chunkSize) yield bytes.subarray(at, Math.min(bytes.length, at + chunkSize));
    },
  };
}

/** No line newsdeck writes comes near this: a longer one is passed over unread (a file that is not ours, /dev/zero). */
export const MAX_LINE_BYTES = 1 << 20;

/** One line of the stream, without its newline. */
export interface StreamLine {
  /** The line's text; undefined for a line longer than MAX_LINE_BYTES, passed over unread. */
  text: string | undefined;
  /** False for a last line without a newline. */
  terminated: boolean;
  bytes: number;
  /** A last line without a newline whose bytes went to `complete` all the same (it was too long to hold back). */
  hashed?: true;
}

const NEWLINE = 0x0a;
const decoder = new TextDecoder('utf-8');

/**
 * The lines of `chunks`, decoded one at a time (a newline byte is never part
 * of a multi-byte UTF-8 character, so cutting at it is safe). `complete` is
 * called with every byte up to and including each newline, in order (to hash
 * the complete lines while reading them); the bytes of a last line without a
 * newline are held back from it, unless that line is too long to hold (then
 * the line says `hashed`).
 */
export function* streamLines(chunks: Iterable<Uint8Array>, complete?: (bytes: Uint8Array) => void): Generator<StreamLine> {
  // The bytes of the line being read that came in earlier chunks: kept to decode (and to hash once its newline comes).
  let parts: Uint8Array[] = [];
  let pending = 0;
  // Past MAX_LINE_BYTES a line's bytes are only counted, and hashed at once.
  let tooLong = false;
  const take = (last: Uint8Array, terminated: boolean): StreamLine => {
    const bytes = pending + last.length;
    let text: string | undefined;
    if (!tooLong && bytes <= MAX_LINE_BYTES) text = decoder.decode(parts.length === 0 ? last : Buffer.concat([...parts, last]));
    const line: StreamLine = { text, terminated, bytes };
    if (!terminated && tooLong) line.hashed = true;
    parts = [];
    pending = 0;
    tooLong = false;
    return line;
  };
  for (const chunk of chunks) {
    let start = 0;
    const last = chunk.lastIndexOf(NEWLINE);
    if (last !== -1) {
      if (complete !== undefined) for (const part of parts) complete(part);
      // The line begun in earlier chunks.
      if (pending > 0) {
        const end = chunk.indexOf(NEWLINE);
        const line = take(chunk.subarray(0, end), true);
        start = end + 1;
        yield line;
      }
      // The lines that begin and end in this chunk: decoded at once, then cut (a log is mostly ASCII).
      const whole = chunk.subarray(start, Math.max(start, last));
      const text = start <= last ? decoder.decode(whole) : '';
      // As long as its bytes, the text has a character per byte (ASCII, or a byte that is not UTF-8 each), so
      // offsets in it are offsets in the bytes, and each line's text is what decoding that line alone gives.
      // Else (other characters, or a BOM, which decode() drops at the start) each line is decoded alone.
      if (start > last) {
        // The chunk's only newline ended that line.
      } else if (text.length === whole.length) {
        for (let from = 0; from <= text.length; ) {
          let newline = text.indexOf('\n', from);
          if (newline === -1) newline = text.length;
          const bytes = newline - from;
          yield { text: bytes <= MAX_LINE_BYTES ? text.slice(from, newline) : undefined, terminated: true, bytes };
          from = newline + 1;
        }
        start = last + 1;
      } else {
        for (let newline = chunk.indexOf(NEWLINE, start); newline !== -1 && newline <= last; newline = chunk.indexOf(NEWLINE, start)) {
          const line = take(chunk.subarray(start, newline), true);
          start = newline + 1;
          yield line;
        }
      }
    }
    if (complete !== undefined && start > 0) complete(chunk.subarray(0, start));
    const rest = chunk.subarray(start);
    if (rest.length === 0) continue;
    pending += rest.length;
    if (tooLong) {
      complete?.(rest);
    } else if (pending > MAX_LINE_BYTES) {
      tooLong = true;
      if (complete !== undefined) {
        for (const part of parts) complete(part);
        complete(rest);
      }
      parts = [];
    } else {
      // A copy: the caller may reuse the chunk's memory for the next read.
      parts.push(Uint8Array.from(rest));
    }
  }
  if (pending > 0) yield take(new Uint8Array(0), false);
}
