import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { numberedButtons } from '../../src/quiz/render.js';
import { createScheduler, formatInterval, parseGrade, type Grade } from '../../src/quiz/scheduler.js';

const GOLDEN = fileURLToPath(new URL('./golden/intervals.json', import.meta.url));

/**
 * Fixed grade sequences replayed at fixed times (golden file: rerun with UPDATE_GOLDEN=1 to re-record, then review the diff). Each answer is given when
 * the card falls due, plus `lateMs` (so elapsed time is not always exactly the interval).
 */
const SCRIPTS: { name: string; retention: number; lateMs: number; grades: Grade[] }[] = [
  { name: 'all good', retention: 0.9, lateMs: 0, grades: ['good', 'good', 'good', 'good', 'good', 'good', 'good'] },
  { name: 'easy start', retention: 0.9, lateMs: 0, grades: ['easy', 'good', 'easy', 'good'] },
  { name: 'learning with again and hard', retention: 0.9, lateMs: 30_000, grades: ['again', 'again', 'hard', 'good', 'good', 'good'] },
  { name: 'lapse and relearn', retention: 0.9, lateMs: 3_600_000, grades: ['good', 'good', 'good', 'again', 'good', 'good', 'hard', 'good'] },
  { name: 'retention 0.8', retention: 0.8, lateMs: 0, grades: ['good', 'good', 'good', 'good', 'good'] },
  { name: 'retention 0.97', retention: 0.97, lateMs: 0, grades: ['good', 'good', 'good', 'good', 'good'] },
];

interface GoldenStep {
  grade: Grade;
  at: string;
  phase: string;
  due: string;
  interval: string;
  buttons: string;
}

function run(script: (typeof SCRIPTS)[number]): GoldenStep[] {
  const scheduler = createScheduler({ retention: script.retention });
  let at = new Date('2025-03-01T09:00:00.000Z');
  let state = scheduler.initial(at);
  const steps: GoldenStep[] = [];
  for (const grade of script.grades) {
    const buttons = numberedButtons(scheduler.preview(state, at));
    state = scheduler.answer(state, grade, at);
    steps.push({ grade, at: at.toISOString(), phase: state.phase, due: state.due.toISOString(), interval: formatInterval(state.due.getTime() - at.getTime()), buttons });
    at = new Date(state.due.getTime() + script.lateMs);
  }
  return steps;
}

describe('scheduler', () => {
  it('accepts an answer dated before the previous one (a clock set back) as given at that previous time', () => {
    const scheduler = createScheduler();
    const first = new Date('2025-03-01T09:00:00.000Z');
    const answered = scheduler.answer(scheduler.answer(scheduler.initial(first), 'good', first), 'good', new Date('2025-03-02T09:00:00.000Z'));
    const earlier = new Date('2025-02-01T09:00:00.000Z');
    const next = scheduler.answer(answered, 'good', earlier);
    expect(next).toEqual(scheduler.answer(answered, 'good', answered.lastReview ?? earlier));
    expect(scheduler.preview(answered, earlier).map((o) => o.grade)).toEqual(['again', 'hard', 'good', 'easy']);
  });

  it('replays fixed grade sequences to the recorded golden intervals', () => {
    const actual = Object.fromEntries(SCRIPTS.map((s) => [s.name, run(s)]));
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, JSON.stringify(actual, null, 2) + '\n');
    expect(actual).toEqual(JSON.parse(readFileSync(GOLDEN, 'utf8')));
  });

  it('shows the interval each button would give for a new card', () => {
    const scheduler = createScheduler();
    const now = new Date('2025-03-01T09:00:00Z');
    expect(numberedButtons(scheduler.preview(scheduler.initial(now), now))).toBe('1 Again 1m · 2 Hard 6m · 3 Good 10m · 4 Easy 8d');
  });

  it('gives shorter review intervals for a higher desired retention', () => {
    const now = new Date('2025-03-01T09:00:00Z');
    const interval = (retention: number): number => {
      const s = createScheduler({ retention });
      return s.answer(s.initial(now), 'easy', now).scheduledDays;
    };
    expect(interval(0.95)).toBeLessThan(interval(0.9));
    expect(interval(0.9)).toBeLessThan(interval(0.8));
  });

  it('is deterministic with fuzz on (seeded from the review and the card)', () => {
    const a = run({ ...SCRIPTS[0]!, retention: 0.9 });
    const fuzzed = (): string[] => {
      const s = createScheduler({ fuzz: true });
      let at = new Date('2025-03-01T09:00:00Z');
      let state = s.initial(at);
      const dues: string[] = [];
      for (let i = 0; i < 8; i++) {
        state = s.answer(state, 'good', at);
        dues.push(state.due.toISOString());
        at = state.due;
      }
      return dues;
    };
    expect(fuzzed()).toEqual(fuzzed());
    expect(a.length).toBe(7);
  });

  it('refuses a retention outside 0.7-0.99 with a message saying what to use', () => {
    expect(() => createScheduler({ retention: 1.2 })).toThrow(/out of range: use a number from 0.7 to 0.99/);
    expect(() => createScheduler({ retention: Number.NaN })).toThrow(RangeError);
  });

  it('formats intervals as Anki does', () => {
    expect([30_000, 60_000, 6 * 60_000, 3 * 3_600_000, 4 * 86_400_000, 45 * 86_400_000, 800 * 86_400_000].map(formatInterval)).toEqual([
      '1m', '1m', '6m', '3h', '4d', '1.5mo', '2.2y',
    ]);
  });

  it('reads grades as numbers or names', () => {
    expect(['1', '2', '3', '4', 'Again', ' good ', 'EASY', 'x', ''].map(parseGrade)).toEqual([
      'again', 'hard', 'good', 'easy', 'again', 'good', 'easy', undefined, undefined,
    ]);
    // Names of Object.prototype are no grades, nor are numbers around 1-4.
    expect(['constructor', '__proto__', 'toString', 'hasOwnProperty', '0', '5', '01', '1.0'].map(parseGrade)).toEqual(Array(8).fill(undefined));
  });
});
