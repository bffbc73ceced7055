import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesSource, MAX_LINE_BYTES, streamLines, type StreamLine } from '../../src/quiz/log-stream.js';
import { fuzzRuns } from '../helpers/fuzz.js';

/** The lines of `bytes` as decoding each line alone gives them: what streamLines must yield, however the bytes are cut. */
function reference(bytes: Uint8Array): StreamLine[] {
  const lines: StreamLine[] = [];
  let start = 0;
  for (let newline = bytes.indexOf(0x0a); newline !== -1; newline = bytes.indexOf(0x0a, start)) {
    const line = bytes.subarray(start, newline);
    lines.push({ text: line.length <= MAX_LINE_BYTES ? new TextDecoder().decode(line) : undefined, terminated: true, bytes: line.length });
    start = newline + 1;
  }
  if (start < bytes.length) {
    const line = bytes.subarray(start);
    lines.push({ text: line.length <= MAX_LINE_BYTES ? new TextDecoder().decode(line) : undefined, terminated: false, bytes: line.length });
  }
  return lines;
}

/** What streamLines yields for `bytes` cut into `chunkSize` pieces, and every byte it passed to `complete`. */
function streamed(bytes: Uint8Array, chunkSize: number): { lines: StreamLine[]; completed: Buffer } {
  const completed: Uint8Array[] = [];
  const lines = [...streamLines(bytesSource(bytes, chunkSize).chunks(0), (b) => completed.push(Uint8Array.from(b)))];
  return { lines, completed: Buffer.concat(completed) };
}

// Pieces a log line may be made of: ASCII records, other characters, a BOM, bytes that are not UTF-8, newlines.
const piece = fc.constantFrom(
  '{"v":1,"card":"a/quote-speaker/q1","at":"2025-03-01T12:00:00.000Z","grade":"good","mode":"flip","ms":1200}',
  'Zoë · 北京 · 🙂',
  '\ufeff',
  '\n',
  '\n',
  'x',
  '\u0000',
);
const bytesArb = fc
  .array(fc.oneof(piece.map((p) => Buffer.from(p, 'utf8')), fc.uint8Array({ minLength: 1, maxLength: 3 }).map((b) => Buffer.from(b))), { maxLength: 40 })
  .map((parts) => new Uint8Array(Buffer.concat(parts)));

describe('streamLines', () => {
  it('yields the lines that decoding each line alone gives, and hashes exactly the complete lines, for any cut', () => {
    fc.assert(
      fc.property(bytesArb, fc.integer({ min: 1, max: 300 }), (bytes, chunkSize) => {
        const { lines, completed } = streamed(bytes, chunkSize);
        expect(lines).toEqual(reference(bytes));
        const lastNewline = bytes.lastIndexOf(0x0a);
        expect(completed.equals(Buffer.from(bytes.subarray(0, lastNewline + 1)))).toBe(true);
      }),
      { numRuns: fuzzRuns(500) },
    );
  });

  it('passes over a line longer than MAX_LINE_BYTES inside one chunk, and reads the lines around it', () => {
    const long = 'y'.repeat(MAX_LINE_BYTES + 1);
    const bytes = new Uint8Array(Buffer.from(`short\n${long}\nafter\n`));
    const { lines } = streamed(bytes, bytes.length);
    expect(lines.map((l) => [l.text, l.bytes])).toEqual([
      ['short', 5],
      [undefined, MAX_LINE_BYTES + 1],
      ['after', 5],
    ]);
    expect(lines).toEqual(reference(bytes));
  });
});
