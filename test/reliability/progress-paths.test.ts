/**
 * Issue 13, found item 8: `--progress` at a FIFO, a device or a folder is
 * refused at once (it used to hang on a FIFO and read /dev/zero without end),
 * and the review log is read line by line, never as one string (a log over
 * about 512 MB ended in "Cannot create a string longer than …"). The stream
 * reader is tested with tiny chunks, the same code path as a large file; the
 * 512 MB case was measured by hand (README, "Reliability").
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLogStream, replayLog } from '../../src/quiz/checkpoint.js';
import { dayClock } from '../../src/quiz/days.js';
import { bytesSource, MAX_LINE_BYTES, streamLines } from '../../src/quiz/log-stream.js';
import { parseLog, serializeHeader, serializeRecord, type LogRecord } from '../../src/quiz/log.js';
import { createScheduler, GRADES, type Grade } from '../../src/quiz/scheduler.js';
import { ensureBuilt, ROOT } from '../quiz/helpers.js';
import { tempFolder } from '../helpers/tmp.js';
import { fuzzRuns } from '../helpers/fuzz.js';

const T0 = Date.parse('2025-03-01T12:00:00Z');
const UTC = dayClock(0);

describe('--progress at something that is not a regular file', () => {
  it('is refused at once, saying what it is, by quiz, stats and progress repair (a FIFO, /dev/zero, /dev/null, a folder)', () => {
    ensureBuilt();
    const dir = tempFolder('newsdeck-progress-paths-');
    const fifo = join(dir, 'progress.fifo');
    execFileSync('mkfifo', [fifo]);
    // One process runs every case, each as the CLI would; the timeout turns a hang into a failure.
    const script = `
      const { main } = await import(${JSON.stringify(join(ROOT, 'dist/src/cli/main.js'))});
      const { PassThrough, Readable } = await import('node:stream');
      const out = [];
      for (const [command, path] of JSON.parse(process.argv[1])) {
        const stderr = new PassThrough();
        let text = '';
        stderr.on('data', (c) => (text += c));
        const io = { stdout: new PassThrough(), stderr, stdin: Readable.from([]), env: { NO_COLOR: '1', HOME: ${JSON.stringify(dir)} }, cwd: ${JSON.stringify(ROOT)}, now: () => new Date() };
        let status;
        try { status = await main(command === 'repair' ? ['progress', 'repair', '--progress', path, '--yes'] : [command, 'decks', '--progress', path, ...(command === 'quiz' ? ['--plain'] : [])], io); }
        catch (error) { status = 'threw ' + error.message; }
        await new Promise((r) => setImmediate(r));
        out.push({ command, path, status, text });
      }
      process.stdout.write(JSON.stringify(out));`;
    const cases = [
      ['quiz', fifo, 'a FIFO (named pipe)'],
      ['stats', fifo, 'a FIFO (named pipe)'],
      ['repair', fifo, 'a FIFO (named pipe)'],
      ['quiz', '/dev/zero', 'a device'],
      ['stats', '/dev/zero', 'a device'],
      ['quiz', '/dev/null', 'a device'],
      ['quiz', dir, 'a folder'],
    ] as const;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(cases.map(([c, p]) => [c, p]))], { encoding: 'utf8', timeout: 60_000, maxBuffer: 1 << 20 });
    expect(result.error, 'the CLI hung').toBeUndefined();
    expect(result.status, result.stderr).toBe(0);
    const outcomes = JSON.parse(result.stdout) as { command: string; path: string; status: number; text: string }[];
    for (const [i, [command, path, kind]] of cases.entries()) {
      const outcome = outcomes[i]!;
      expect(outcome.status, `${command} ${path}: ${outcome.text}`).toBe(1);
      expect(outcome.text).toContain(`cannot read the progress file ${path}: it is ${kind}, not a regular file`);
    }
  }, 90_000);
});

/** Random logs: answers, undos and buries, card ids with multi-byte characters (cut by small chunks), now and then a bad line. */
const logArbitrary = fc
  .array(
    fc.record({
      kind: fc.constantFrom('answer', 'answer', 'answer', 'undo', 'bury', 'bad'),
      card: fc.constantFrom('a/q/1', 'a/q/Zoë', 'b/t/Łódź-€', 'c/x/😀'),
      gap: fc.integer({ min: 1, max: 600 }),
      grade: fc.constantFrom(...GRADES),
    }),
    { maxLength: 40 },
  )
  .map((steps) => {
    let t = T0;
    return steps.map(({ kind, card, gap, grade }): string => {
      t += gap * 60_000;
      if (kind === 'bad') return '{"v":1,"card":\n';
      const record: LogRecord =
        kind === 'answer' ? { type: 'answer', card, at: new Date(t), grade: grade as Grade, mode: 'flip', ms: 900 } : { type: kind as 'undo' | 'bury', card, at: new Date(t) };
      return serializeRecord(record);
    });
  });

describe('the review log read as a stream', () => {
  const scheduler = createScheduler({});
  const now = new Date(T0 + 40 * 600 * 60_000);

  it('gives what the whole text gives, for any chunk size, torn last line or not, with and without a checkpoint (property)', () => {
    fc.assert(
      fc.property(logArbitrary, fc.integer({ min: 1, max: 97 }), fc.nat(30), (lines, chunkSize, tornAt) => {
        let text = serializeHeader() + lines.join('');
        if (tornAt > 0 && text.length > tornAt) text = text.slice(0, text.length - (tornAt % 20) - 1);
        const bytes = Buffer.from(text, 'utf8');
        const whole = parseLog(text);
        const streamed = parseLogStream(bytesSource(bytes, chunkSize));
        expect(streamed.ok).toBe(whole.ok);
        if (!whole.ok || !streamed.ok) return;
        expect(streamed.records).toEqual(whole.records);
        expect(streamed.warnings).toEqual(whole.warnings);
        expect(streamed.endsWithNewline).toBe(whole.endsWithNewline);
        // The checkpoint made while streaming covers exactly the complete lines, and serves a later read.
        const options = { scheduler, now, clock: UTC, checkpointAfter: -1 };
        const inOne = replayLog(bytes, undefined, options);
        const inChunks = replayLog(bytesSource(bytes, chunkSize), undefined, options);
        if (!inOne.ok || !inChunks.ok) throw new Error('refused');
        expect(inChunks.value.replayed).toEqual(inOne.value.replayed);
        const checkpoint = inChunks.value.checkpoint?.();
        expect(checkpoint).toBe(inOne.value.checkpoint?.());
        if (checkpoint === undefined) return;
        const resumed = replayLog(bytesSource(bytes, chunkSize), checkpoint, { ...options, checkpointAfter: Infinity });
        if (!resumed.ok) throw new Error('refused');
        // (A last line without a newline that is an undo reaching into the checkpoint is replayed from the start, as documented.)
        if (inOne.value.endsWithNewline) expect(resumed.value.from).toBe('checkpoint');
        expect(resumed.value.replayed).toEqual(inOne.value.replayed);
        expect(resumed.value.warnings).toEqual(inOne.value.warnings);
      }),
      { numRuns: fuzzRuns(150), seed: 1313 },
    );
  });

  it('passes over a line too long to be a record without holding it, and reads on', () => {
    const answer = serializeRecord({ type: 'answer', card: 'a/q/1', at: new Date(T0), grade: 'good', mode: 'flip', ms: 1 });
    const long = 'x'.repeat(MAX_LINE_BYTES + 10);
    const bytes = Buffer.from(serializeHeader() + answer + long + '\n' + answer, 'utf8');
    const parsed = parseLogStream(bytesSource(bytes, 4096));
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.records).toHaveLength(2);
    expect(parsed.warnings).toEqual([{ code: 'bad-line', line: 3, message: `line 3 is ${MAX_LINE_BYTES + 10} bytes long, far longer than any record and is skipped` }]);
    const lines = [...streamLines(bytesSource(bytes, 4096).chunks(0))];
    expect(lines.map((l) => l.text?.length)).toEqual([serializeHeader().length - 1, answer.length - 1, undefined, answer.length - 1]);
  });

  it('refuses a file that is not a log after reading its first megabyte only, whatever its size', () => {
    let read = 0;
    const endless = {
      *chunks() {
        const zeros = new Uint8Array(1 << 16);
        for (;;) {
          read += zeros.length;
          yield zeros;
        }
      },
    };
    const parsed = parseLogStream(endless);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.code).toBe('not-a-review-log');
    expect(read).toBeLessThanOrEqual(MAX_LINE_BYTES + (1 << 16) * 2);
  });

  it('reads a log that starts with a byte order mark (an editor added it) as the log it is', () => {
    const answer = serializeRecord({ type: 'answer', card: 'a/q/1', at: new Date(T0), grade: 'good', mode: 'flip', ms: 1 });
    const text = '\ufeff' + serializeHeader() + answer;
    const whole = parseLog(text);
    const streamed = parseLogStream(bytesSource(Buffer.from(text, 'utf8'), 2));
    expect(whole.ok && whole.records.length).toBe(1);
    expect(streamed.ok && streamed.records.length).toBe(1);
  });
});
