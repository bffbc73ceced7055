import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayClock } from '../../src/quiz/days.js';
import { LOG_HEADER_LINE, parseLog, replay, serializeHeader, serializeRecord, type LogRecord } from '../../src/quiz/log.js';
import { createScheduler, GRADES, isoDate, type Grade } from '../../src/quiz/scheduler.js';
import { fuzzRuns } from '../helpers/fuzz.js';

const UTC = dayClock(0);
const t = (iso: string): Date => new Date(iso);

function logText(records: LogRecord[]): string {
  return serializeHeader() + records.map(serializeRecord).join('');
}

const answer = (card: string, at: string, grade: Grade = 'good'): LogRecord => ({
  type: 'answer',
  card,
  at: t(at),
  grade,
  mode: 'flip',
  ms: 1000,
});

describe('review log format', () => {
  it('writes one JSON line per record after a header line', () => {
    const text = logText([
      answer('a/b/c', '2025-03-01T12:00:00Z'),
      { type: 'undo', card: 'a/b/c', at: t('2025-03-01T12:00:05Z') },
      { type: 'bury', card: 'a/b/d', at: t('2025-03-01T12:01:00Z') },
    ]);
    expect(text).toBe(
      [
        '{"newsdeck":"review-log","v":1}',
        '{"v":1,"card":"a/b/c","at":"2025-03-01T12:00:00.000Z","grade":"good","mode":"flip","ms":1000}',
        '{"v":1,"undo":true,"card":"a/b/c","at":"2025-03-01T12:00:05.000Z"}',
        '{"v":1,"bury":true,"card":"a/b/d","at":"2025-03-01T12:01:00.000Z"}',
        '',
      ].join('\n'),
    );
  });

  it('round-trips any records (property)', () => {
    const record = fc.oneof(
      fc.record({
        type: fc.constant('answer' as const),
        card: fc.string({ minLength: 1 }),
        at: fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        grade: fc.constantFrom(...GRADES),
        mode: fc.constantFrom('flip' as const, 'choice' as const, 'typed' as const),
        ms: fc.nat(10_000_000),
      }),
      fc.record({ type: fc.constantFrom('undo' as const, 'bury' as const), card: fc.string({ minLength: 1 }), at: fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }) }),
    );
    fc.assert(
      fc.property(fc.array(record, { maxLength: 30 }), (records) => {
        const parsed = parseLog(logText(records));
        expect(parsed).toEqual({ ok: true, records, warnings: [], endsWithNewline: true });
      }),
    );
  });

  it('reads a torn last line with a warning, and says the next append needs a newline', () => {
    const full = logText([answer('a/b/c', '2025-03-01T12:00:00Z'), answer('a/b/d', '2025-03-01T12:01:00Z')]);
    const torn = full.slice(0, full.length - 20);
    const parsed = parseLog(torn);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.records.map((r) => r.card)).toEqual(['a/b/c']);
    expect(parsed.endsWithNewline).toBe(false);
    expect(parsed.warnings).toEqual([{ code: 'torn-line', line: 3, message: 'line 3 is incomplete (an answer interrupted while being saved) and is skipped' }]);
  });

  it('skips an unreadable line in the middle with a warning (e.g. an old torn line)', () => {
    const text = serializeHeader() + '{"v":1,"card":"a/b/c","at":"2025-03-01T12\n' + serializeRecord(answer('a/b/d', '2025-03-01T12:01:00Z'));
    const parsed = parseLog(text);
    expect(parsed.ok && parsed.records.length).toBe(1);
    expect(parsed.ok && parsed.warnings.map((w) => [w.code, w.line])).toEqual([['bad-line', 2]]);
  });

  it('skips, with a warning, a line whose time is not a UTC time as newsdeck writes it or lies outside the years 2000-2200', () => {
    const line = (at: string): string => `{"v":1,"card":"a/b/c","at":${JSON.stringify(at)},"grade":"good","mode":"flip","ms":1000}\n`;
    const bad = [
      '+275760-09-13T00:00:00.000Z', // the last time a Date can hold: its due date would overflow
      'March 1, 2025 12:00', // read in local time by Date.parse
      '2025-03-01T13:00:00+01:00',
      '2025-03-01 12:00:00Z',
      '2025-02-30T12:00:00.000Z', // Date.parse rolls it over to March 2
      '1999-12-31T23:59:59.999Z',
      '2201-01-01T00:00:00.000Z',
    ];
    const good = ['2025-03-01T12:00:00.000Z', '2025-03-01T12:00:01Z', '2000-01-01T00:00:00.000Z', '2200-12-31T23:59:59.999Z'];
    const parsed = parseLog(serializeHeader() + [...bad, ...good].map(line).join(''));
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.records.map((r) => r.at.toISOString())).toEqual(['2025-03-01T12:00:00.000Z', '2025-03-01T12:00:01.000Z', '2000-01-01T00:00:00.000Z', '2200-12-31T23:59:59.999Z']);
    expect(parsed.warnings.map((w) => [w.code, w.line])).toEqual(bad.map((_, i) => ['bad-line', i + 2]));
    expect(parsed.warnings[1]?.message).toBe(
      'line 3 is skipped: "at" must be a UTC time from the years 2000-2200 as newsdeck writes it (e.g. 2025-03-01T12:00:00.000Z), got "March 1, 2025 12:00"',
    );
  });

  it('refuses a file that is not ours, by code and message', () => {
    for (const text of ['card,answer\nx,y\n', '{"some":"json"}\n', '\u0000\u0001binary', '[1,2,3]\n']) {
      const parsed = parseLog(text);
      expect(parsed.ok).toBe(false);
      if (parsed.ok) continue;
      expect(parsed.error.code).toBe('not-a-review-log');
      expect(parsed.error.message).toBe(
        `this is not a newsdeck review log: its first line should be ${LOG_HEADER_LINE}. Choose another file with --progress, or move this one away`,
      );
    }
  });

  it('refuses a log written by a newer version', () => {
    const parsed = parseLog('{"newsdeck":"review-log","v":1}\n{"v":2,"card":"x","at":"2025-03-01T00:00:00Z"}\n');
    expect(parsed.ok ? undefined : parsed.error.code).toBe('newer-version');
  });
});

describe('replay', () => {
  const scheduler = createScheduler();

  it('rebuilds each card by replaying its answers through the scheduler', () => {
    const records = [answer('x', '2025-03-01T12:00:00Z', 'good'), answer('y', '2025-03-01T12:00:10Z', 'again'), answer('x', '2025-03-01T12:10:00Z', 'good')];
    const r = replay(records, scheduler, t('2025-03-01T13:00:00Z'), UTC);
    let expected = scheduler.initial(t('2025-03-01T12:00:00Z'));
    expected = scheduler.answer(expected, 'good', t('2025-03-01T12:00:00Z'));
    expected = scheduler.answer(expected, 'good', t('2025-03-01T12:10:00Z'));
    expect(r.progress.get('x')?.state).toEqual(expected);
    expect(r.progress.get('x')?.answers).toBe(2);
    expect(r.progress.get('y')?.again).toBe(1);
    expect(r.today).toEqual({ newCards: 2, reviews: 0 });
  });

  it('undo cancels the latest answer not yet cancelled, whatever its card', () => {
    const records: LogRecord[] = [
      answer('x', '2025-03-01T12:00:00Z'),
      answer('y', '2025-03-01T12:01:00Z'),
      { type: 'undo', card: 'y', at: t('2025-03-01T12:02:00Z') },
      { type: 'undo', card: 'x', at: t('2025-03-01T12:03:00Z') },
      answer('x', '2025-03-01T12:04:00Z', 'easy'),
      { type: 'undo', card: 'x', at: t('2025-03-01T12:05:00Z') },
      { type: 'undo', card: 'x', at: t('2025-03-01T12:06:00Z') }, // nothing left to undo: ignored
    ];
    const r = replay(records, scheduler, t('2025-03-01T13:00:00Z'), UTC);
    expect(r.progress.size).toBe(0);
    expect(r.answers).toBe(0);
    expect(r.undone).toBe(3);
  });

  it('a bury lasts until the next study day (4 a.m. local)', () => {
    const records: LogRecord[] = [{ type: 'bury', card: 'x', at: t('2025-03-01T12:00:00Z') }];
    expect(replay(records, scheduler, t('2025-03-02T03:59:00Z'), UTC).buriedUntil.get('x')).toEqual(t('2025-03-02T04:00:00Z'));
    expect(replay(records, scheduler, t('2025-03-02T04:00:00Z'), UTC).buriedUntil.has('x')).toBe(false);
    // In UTC+2 the study day starts at 02:00 UTC.
    expect(replay(records, scheduler, t('2025-03-01T20:00:00Z'), dayClock(120)).buriedUntil.get('x')).toEqual(t('2025-03-02T02:00:00Z'));
  });

  it('counts today only from the start of the study day', () => {
    const records = [answer('x', '2025-03-01T03:00:00Z'), answer('y', '2025-03-01T05:00:00Z')];
    expect(replay(records, scheduler, t('2025-03-01T06:00:00Z'), UTC).today.newCards).toBe(1);
  });
});

describe('isoDate', () => {
  it('reads exactly the times Date.toISOString writes, with or without milliseconds', () => {
    // The reference: Date's parser, then a round trip that refuses rolled-over days.
    const reference = (text: string): number | undefined => {
      const date = new Date(text);
      if (Number.isNaN(date.getTime())) return undefined;
      const canonical = date.toISOString();
      return canonical === text || canonical === `${text.slice(0, -1)}.000Z` ? date.getTime() : undefined;
    };
    fc.assert(
      fc.property(fc.date({ min: new Date('1000-01-01'), max: new Date('9999-12-31'), noInvalidDate: true }), fc.boolean(), (date, withMs) => {
        const text = withMs ? date.toISOString() : date.toISOString().replace(/\.\d{3}Z$/, 'Z');
        expect(isoDate(text)?.getTime()).toBe(reference(text));
      }),
      { numRuns: fuzzRuns(2000) },
    );
    for (const text of ['2025-02-29T00:00:00Z', '2025-02-30T00:00:00.000Z', '2025-04-31T00:00:00Z', '2025-13-01T00:00:00Z', '2025-01-01T24:00:00Z', '2100-02-29T00:00:00Z']) {
      expect(isoDate(text), text).toBeUndefined();
    }
    expect(isoDate('2024-02-29T23:59:59.999Z')?.toISOString()).toBe('2024-02-29T23:59:59.999Z');
  });
});
