import fc from 'fast-check';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { CHECKPOINT_VERSION, readCheckpoint, replayLog, type Checkpoint } from '../../src/quiz/checkpoint.js';
import { dayClock } from '../../src/quiz/days.js';
import { replay, serializeHeader, serializeRecord, type LogRecord, type Replay } from '../../src/quiz/log.js';
import { checkpointPath, readAndReplayProgress } from '../../src/cli/progress.js';
import { createScheduler, GRADES, type Grade } from '../../src/quiz/scheduler.js';
import { sampleCards, tempDir, testIo } from './helpers.js';
import { fuzzRuns } from '../helpers/fuzz.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = new Date('2025-03-01T12:00:00Z').getTime();
const UTC = dayClock(0);

function logText(records: readonly LogRecord[]): string {
  return serializeHeader() + records.map(serializeRecord).join('');
}

const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');

/** True when an undo after `split` would cancel an answer before it (the one case a checkpoint cannot serve besides an early `now`). */
function undoCrosses(records: readonly LogRecord[], split: number): boolean {
  let prefix = 0;
  for (const r of records.slice(0, split)) {
    if (r.type === 'answer') prefix++;
    else if (r.type === 'undo' && prefix > 0) prefix--;
  }
  let suffix = 0;
  for (const r of records.slice(split)) {
    if (r.type === 'answer') suffix++;
    else if (r.type === 'undo') {
      if (suffix > 0) suffix--;
      else if (prefix > 0) return true;
    }
  }
  return false;
}

function newestBefore(records: readonly LogRecord[], split: number): number {
  return Math.max(-Infinity, ...records.slice(0, split).map((r) => r.at.getTime()));
}

/** Deep equality, with the order of the maps too (the session walks them). */
function expectSameReplay(actual: Replay | undefined, expected: Replay): void {
  expect(actual).toEqual(expected);
  expect([...(actual?.progress.keys() ?? [])]).toEqual([...expected.progress.keys()]);
  expect([...(actual?.buriedUntil.keys() ?? [])]).toEqual([...expected.buriedUntil.keys()]);
}

/** Random logs: answers, undos and buries of a few cards over several days, undos and buries now and then out of time order. */
const logArbitrary = fc
  .array(
    fc.record({
      kind: fc.constantFrom('answer', 'answer', 'answer', 'answer', 'undo', 'bury'),
      card: fc.constantFrom('a/q/1', 'a/q/2', 'a/c/3', 'b/t/4'),
      gapMinutes: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 60, max: 3 * 24 * 60 }), fc.integer({ min: -3 * 24 * 60, max: 0 })),
      grade: fc.constantFrom(...GRADES),
    }),
    { maxLength: 60 },
  )
  .map((steps) => {
    // Answers go forward in time (ts-fsrs refuses an answer before the last review); undos and buries may lie behind.
    let t = T0;
    return steps.map(({ kind, card, gapMinutes, grade }): LogRecord => {
      if (kind === 'answer') {
        t += Math.abs(gapMinutes) * 60_000;
        return { type: 'answer', card, at: new Date(t), grade: grade as Grade, mode: 'flip', ms: 1000 };
      }
      return { type: kind as 'undo' | 'bury', card, at: new Date(t + gapMinutes * 60_000) };
    });
  });

const clockArbitrary = fc.record({ offset: fc.integer({ min: -10, max: 14 }), rollover: fc.integer({ min: 0, max: 23 }) }).map(({ offset, rollover }) => dayClock(offset * 60, rollover));

describe('replay checkpoint', () => {
  it('checkpoint at any line boundary + replay of the rest equals the full replay (property)', () => {
    fc.assert(
      fc.property(logArbitrary, fc.nat(), fc.boolean(), fc.oneof(fc.integer({ min: -3 * DAY, max: 3 * DAY }), fc.integer({ min: -2 * DAY, max: 0 })), clockArbitrary, fc.boolean(), (records, splitSeed, nearSplit, nowOffset, clock, fuzz) => {
        const scheduler = createScheduler({ fuzz });
        const split = splitSeed % (records.length + 1);
        // `now` near the newest record of the checkpoint (where what counts today is hardest to tell) or of the whole log.
        const base = nearSplit && split > 0 ? newestBefore(records, split) : Math.max(T0, ...records.map((r) => r.at.getTime()));
        const now = new Date(base + nowOffset);
        const expected = replay(records, scheduler, now, clock);
        // A checkpoint saved for the prefix, then the whole log read with it.
        const prefixText = logText(records.slice(0, split));
        const saved = replayLog(bytes(prefixText), undefined, { scheduler, now, clock, checkpointAfter: -1 });
        if (!saved.ok) throw new Error(saved.error.message);
        // None is offered when its newest record is more than a day after `now`: it could never serve.
        expect(saved.value.checkpoint === undefined).toBe(newestBefore(records, split) > now.getTime() + DAY);
        const read = replayLog(bytes(logText(records)), saved.value.checkpoint?.(), { scheduler, now, clock, checkpointAfter: Infinity });
        if (!read.ok) throw new Error(read.error.message);
        expectSameReplay(read.value.replayed, expected);
        // The checkpoint is passed over only in the documented cases: an undo that reaches into it, or a
        // `now` more than a day before the newest record (a clock set back), when only a full replay is exact.
        if (read.value.from === 'log') expect(undoCrosses(records, split) || now.getTime() < newestBefore(records, records.length) - DAY).toBe(true);
        expect(read.value.seen).toEqual([...new Set(records.filter((r) => r.type === 'answer').map((r) => r.card))]);
      }),
      { numRuns: fuzzRuns(1000) },
    );
  });

  it('with onAnswer (stats), replays the whole log once and tells every answer that counts, as replay does (property)', () => {
    fc.assert(
      fc.property(
        logArbitrary,
        fc.constantFrom(-1, 0, 5, Infinity),
        fc.boolean(),
        fc.integer({ min: -2 * 24 * 60, max: 24 * 60 }),
        fc.nat(60),
        (records, checkpointAfter, unterminated, nowMinutes, split) => {
          const base = createScheduler();
          let answered = 0;
          // The scheduler's answer() runs once per answer replayed: counts the replays.
          const scheduler = new Proxy(base, { get: (target, key) => (key === 'answer' ? (...a: Parameters<typeof base.answer>) => (answered++, target.answer(...a)) : Reflect.get(target, key)) });
          const newest = Math.max(T0, ...records.map((r) => r.at.getTime()));
          const now = new Date(newest + nowMinutes * 60_000);
          const clock = UTC;
          const text = logText(records);
          // A checkpoint of a prefix is there, as stats finds one the quiz saved; it cannot tell past answers.
          const prefix = replayLog(bytes(logText(records.slice(0, split))), undefined, { scheduler: base, now, clock, checkpointAfter: -1 });
          const checkpointText = prefix.ok ? prefix.value.checkpoint?.() : undefined;
          const told: unknown[] = [];
          const read = replayLog(bytes(unterminated ? text.replace(/\n$/, '') : text), checkpointText, {
            scheduler,
            now,
            clock,
            checkpointAfter,
            onAnswer: (record, before) => told.push([record, before]),
          });
          if (!read.ok) throw new Error(read.error.message);
          const expected: unknown[] = [];
          const replayed = replay(records, base, now, clock, (record, before) => expected.push([record, before]));
          expectSameReplay(read.value.replayed, replayed);
          expect(read.value.from).toBe('log');
          expect(told).toEqual(expected);
          // Once, but where the replay of the complete lines (the checkpoint's) cannot serve `now`: an unterminated
          // last line's undo cancels one of its answers, or `now` is more than a day before the newest record.
          const givenUp = (unterminated && undoCrosses(records, records.length - 1)) || now.getTime() < newestBefore(records, records.length) - DAY;
          if (!givenUp) expect(answered).toBe(expected.length);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('can never change what the log says: a damaged checkpoint (a digit, a byte, a cut, another log\'s) gives the full replay or is passed over (property, issue 13)', () => {
    const scheduler = createScheduler({});
    fc.assert(
      fc.property(logArbitrary, logArbitrary, fc.nat(), fc.nat(), fc.constantFrom('digit', 'byte', 'cut', 'other-log'), (records, other, split, at, damage) => {
        if (records.length === 0) return;
        const now = new Date(Math.max(T0, ...records.map((r) => r.at.getTime())) + HOUR);
        const options = { scheduler, now, clock: UTC };
        const prefix = records.slice(0, 1 + (split % records.length));
        const made = replayLog(bytes(damage === 'other-log' ? logText(other) : logText(prefix)), undefined, { ...options, checkpointAfter: -1 });
        if (!made.ok) throw new Error(made.error.message);
        const text = made.value.checkpoint?.();
        if (text === undefined) return;
        let damaged = text;
        if (damage === 'digit') {
          // Change one digit of a number (a count, a stability, a time): still JSON, still the same shape.
          const digits = [...text.matchAll(/\d/g)].map((m) => m.index);
          const i = digits[at % digits.length]!;
          damaged = text.slice(0, i) + String((Number(text[i]) + 1 + (at % 9)) % 10) + text.slice(i + 1);
        } else if (damage === 'byte') {
          const i = at % text.length;
          damaged = text.slice(0, i) + String.fromCharCode((text.charCodeAt(i) + 1 + (at % 50)) % 128) + text.slice(i + 1);
        } else if (damage === 'cut') {
          damaged = text.slice(0, at % text.length);
        }
        const read = replayLog(bytes(logText(records)), damaged, { ...options, checkpointAfter: Infinity });
        if (!read.ok) throw new Error(read.error.message);
        expectSameReplay(read.value.replayed, replay(records, scheduler, now, UTC));
        expect(read.value.seen).toEqual([...new Set(records.filter((r) => r.type === 'answer').map((r) => r.card))]);
      }),
      { numRuns: fuzzRuns(400), seed: 613 },
    );
  });

  it('a log with a torn last line: the checkpoint covers the complete lines, warnings stay as a full read gives them', () => {
    const scheduler = createScheduler();
    const records: LogRecord[] = Array.from({ length: 30 }, (_, i) => ({ type: 'answer', card: `c/q/${i % 4}`, at: new Date(T0 + i * HOUR), grade: 'good', mode: 'flip', ms: 1 }));
    const good = logText(records);
    const text = good.replace(serializeRecord(records[3]!), '{"v":1,"card":"c/q/3","at":"2025\n') + '{"v":1,"card":"c/q/1","at":"2025-03-03T00:00:00.0';
    const now = new Date(T0 + 40 * HOUR);
    const options = { scheduler, now, clock: UTC };
    const cold = replayLog(bytes(text), undefined, { ...options, checkpointAfter: 10 });
    if (!cold.ok) throw new Error(cold.error.message);
    expect(cold.value.warnings.map((w) => [w.code, w.line])).toEqual([
      ['bad-line', 5],
      ['torn-line', 32],
    ]);
    const checkpoint = JSON.parse(cold.value.checkpoint!()) as Checkpoint;
    expect(checkpoint.log).toMatchObject({ bytes: text.lastIndexOf('\n') + 1, lines: 31 });
    expect(checkpoint.warnings.map((w) => w.line)).toEqual([5]);
    const warm = replayLog(bytes(text), cold.value.checkpoint?.(), { ...options, checkpointAfter: 10 });
    if (!warm.ok) throw new Error(warm.error.message);
    expect(warm.value.from).toBe('checkpoint');
    expect(warm.value.warnings).toEqual(cold.value.warnings);
    expect(warm.value.endsWithNewline).toBe(false);
    expect(warm.value.checkpoint).toBeUndefined();
    expectSameReplay(warm.value.replayed, cold.value.replayed);
  });

  it('is ignored when the log was edited before its end (hash mismatch)', () => {
    const scheduler = createScheduler();
    const records: LogRecord[] = Array.from({ length: 20 }, (_, i) => ({ type: 'answer', card: `c/q/${i % 3}`, at: new Date(T0 + i * HOUR), grade: 'good', mode: 'flip', ms: 1 }));
    const now = new Date(T0 + 30 * HOUR);
    const options = { scheduler, now, clock: UTC, checkpointAfter: 5 };
    const first = replayLog(bytes(logText(records)), undefined, options);
    if (!first.ok) throw new Error('unreadable');
    const edited = records.map((r, i) => (i === 2 && r.type === 'answer' ? { ...r, grade: 'again' as const } : r));
    const second = replayLog(bytes(logText(edited)), first.value.checkpoint?.(), options);
    if (!second.ok) throw new Error('unreadable');
    expect(second.value.from).toBe('log');
    expectSameReplay(second.value.replayed, replay(edited, scheduler, now, UTC));
    expect(second.value.replayed.progress.get('c/q/2')?.again).toBe(1);
    expect(second.value.checkpoint?.()).not.toBe(first.value.checkpoint?.());
  });

  it('is ignored when the scheduler differs (another retention) or the version is not ours', () => {
    const records: LogRecord[] = Array.from({ length: 20 }, (_, i) => ({ type: 'answer', card: `c/q/${i % 3}`, at: new Date(T0 + i * DAY), grade: 'good', mode: 'flip', ms: 1 }));
    const now = new Date(T0 + 30 * DAY);
    const at90 = createScheduler({ retention: 0.9 });
    const at80 = createScheduler({ retention: 0.8 });
    const made = replayLog(bytes(logText(records)), undefined, { scheduler: at90, now, clock: UTC, checkpointAfter: 5 });
    if (!made.ok) throw new Error('unreadable');
    const text = made.value.checkpoint!();
    expect(readCheckpoint(text, at90)).toBeDefined();
    expect(readCheckpoint(text, at80)).toBeUndefined();
    expect(readCheckpoint(text, createScheduler({ fuzz: true }))).toBeUndefined();
    expect(readCheckpoint(text, createScheduler({ learningSteps: ['5m'] }))).toBeUndefined();
    expect(readCheckpoint(text.replace(`"v":${CHECKPOINT_VERSION},`, `"v":${CHECKPOINT_VERSION + 1},`), at90)).toBeUndefined();
    const read = replayLog(bytes(logText(records)), text, { scheduler: at80, now, clock: UTC });
    if (!read.ok) throw new Error('unreadable');
    expect(read.value.from).toBe('log');
    expectSameReplay(read.value.replayed, replay(records, at80, now, UTC));
    expect(read.value.replayed.progress.get('c/q/0')?.state.due).not.toEqual(made.value.replayed.progress.get('c/q/0')?.state.due);
  });

  it('an undo that cancels an answer inside the checkpoint falls back to a full replay, with the right result', () => {
    const scheduler = createScheduler();
    const prefix: LogRecord[] = Array.from({ length: 12 }, (_, i) => ({ type: 'answer', card: `c/q/${i % 3}`, at: new Date(T0 + i * 60_000), grade: 'good', mode: 'flip', ms: 1 }));
    const suffix: LogRecord[] = [{ type: 'undo', card: 'c/q/2', at: new Date(T0 + 20 * 60_000) }];
    const all = [...prefix, ...suffix];
    const now = new Date(T0 + HOUR);
    const saved = replayLog(bytes(logText(prefix)), undefined, { scheduler, now, clock: UTC, checkpointAfter: 5 });
    if (!saved.ok) throw new Error('unreadable');
    const read = replayLog(bytes(logText(all)), saved.value.checkpoint?.(), { scheduler, now, clock: UTC, checkpointAfter: 5 });
    if (!read.ok) throw new Error('unreadable');
    expect(read.value.from).toBe('log');
    expectSameReplay(read.value.replayed, replay(all, scheduler, now, UTC));
    expect(read.value.replayed.undone).toBe(1);
    expect(read.value.replayed.progress.get('c/q/2')?.answers).toBe(3);
  });
});

describe('replay checkpoint file', () => {
  const scheduler = createScheduler();
  const now = new Date(T0 + 2000 * 60_000);
  const records: LogRecord[] = Array.from({ length: 1500 }, (_, i) => ({ type: 'answer', card: `c/q/${i % 7}`, at: new Date(T0 + i * 60_000), grade: GRADES[i % 4]!, mode: 'flip', ms: 1 }));

  it('is written beside the log after a long replay, used next time, and the log is never touched', () => {
    const path = join(tempDir(), 'progress.jsonl');
    writeFileSync(path, logText(records));
    const before = readFileSync(path);
    const first = readAndReplayProgress(path, { scheduler, now, clock: UTC });
    expect(first.from).toBe('log');
    expect(existsSync(checkpointPath(path))).toBe(false); // saved once the first question is up
    first.saveCheckpoint();
    expect(existsSync(checkpointPath(path))).toBe(true);
    const second = readAndReplayProgress(path, { scheduler, now, clock: UTC });
    expect(second.from).toBe('checkpoint');
    expectSameReplay(second.replayed, first.replayed);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('a corrupt checkpoint is ignored and rewritten', () => {
    const path = join(tempDir(), 'progress.jsonl');
    writeFileSync(path, logText(records));
    for (const junk of ['{"newsdeck":"replay-checkp', 'null', '[]', '{"newsdeck":"replay-checkpoint","v":1}', '\u0000\u0001']) {
      writeFileSync(checkpointPath(path), junk);
      const read = readAndReplayProgress(path, { scheduler, now, clock: UTC });
      expect(read.from).toBe('log');
      expectSameReplay(read.replayed, replay(records, scheduler, now, UTC));
      read.saveCheckpoint();
      expect(readCheckpoint(readFileSync(checkpointPath(path), 'utf8'), scheduler)).toBeDefined();
    }
  });

  it('a checkpoint that is a folder (unwritable, unreadable) is no error', () => {
    const path = join(tempDir(), 'progress.jsonl');
    writeFileSync(path, logText(records));
    mkdirSync(join(checkpointPath(path), 'x'), { recursive: true });
    const read = readAndReplayProgress(path, { scheduler, now, clock: UTC });
    expectSameReplay(read.replayed, replay(records, scheduler, now, UTC));
    expect(() => read.saveCheckpoint()).not.toThrow();
  });
});

describe('newsdeck quiz --plain with a checkpoint', () => {
  const START = '2025-03-01T12:00:00Z';
  const cards = sampleCards();

  it('a second start, from the checkpoint, shows the same start screen, warnings and unknown cards', async () => {
    const dir = tempDir();
    const progress = join(dir, 'progress.jsonl');
    const start = new Date(START).getTime() - 40 * DAY;
    const records: LogRecord[] = [{ type: 'answer', card: 'old-article/quote-speaker/q9', at: new Date(start), grade: 'good', mode: 'choice', ms: 900 }];
    for (let i = 0; i < 1600; i++) {
      const card = cards[(i * 7) % Math.min(cards.length, 60)]!.identity;
      records.push({ type: 'answer', card, at: new Date(start + i * 36 * 60_000), grade: GRADES[(i * 5) % 4]!, mode: 'flip', ms: 1000 });
      if (i % 97 === 0) records.push({ type: 'undo', card, at: new Date(start + i * 36 * 60_000 + 1000) });
    }
    records.push({ type: 'bury', card: cards[0]!.identity, at: new Date(new Date(START).getTime() - HOUR) });
    const text = logText(records).replace(serializeRecord(records[5]!), '{"v":1,"card":\n') + '{"v":1,"card":"x","at":"2025-';
    writeFileSync(progress, text);
    const run = async (): Promise<{ out: string; err: string }> => {
      const io = testIo(['q'], START);
      expect(await main(['quiz', 'decks', '--plain', '--progress', progress], io)).toBe(0);
      return { out: io.out().split('── ')[0]!, err: io.err() };
    };
    expect(existsSync(checkpointPath(progress))).toBe(false);
    const first = await run();
    expect(existsSync(checkpointPath(progress))).toBe(true);
    const saved = readFileSync(checkpointPath(progress), 'utf8');
    const second = await run();
    expect(readFileSync(checkpointPath(progress), 'utf8')).toBe(saved); // used as it was, not rewritten
    expect(second).toEqual(first);
    expect(first.out).toContain('1 reviewed card is no longer in these decks (kept in the log): old-article/quote-speaker/q9');
    expect(first.err).toContain('line 7 is not valid JSON and is skipped');
    expect(first.err).toContain('is incomplete (an answer interrupted while being saved) and is skipped');
    expect(readFileSync(progress, 'utf8')).toBe(text);
    // stats, which replays the whole log (it needs every answer), finds the same card no longer in the decks.
    const stats = testIo([], START);
    expect(await main(['stats', 'decks', '--progress', progress, '--json'], stats)).toBe(0);
    expect(JSON.parse(stats.out()).unknown).toEqual(['old-article/quote-speaker/q9']);
  });

  it('writes no checkpoint for a file that is not ours', async () => {
    const progress = join(tempDir(), 'notes.csv');
    writeFileSync(progress, 'name,score\n' + 'ada,3\n'.repeat(2000));
    expect(await main(['quiz', 'decks', '--plain', '--progress', progress], testIo(['q']))).toBe(1);
    expect(existsSync(checkpointPath(progress))).toBe(false);
  });
});
