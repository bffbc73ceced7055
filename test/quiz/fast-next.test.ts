import fc from 'fast-check';
import { createEmptyCard, fsrs, generatorParameters, Rating, type Card, type Grade } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { makeFastNext } from '../../src/quiz/fast-next.js';
import { fuzzRuns } from '../helpers/fuzz.js';

/**
 * The fast path must give exactly what ts-fsrs gives, for every kind of
 * history: new cards, learning and relearning steps (none, minutes, a day or
 * more), reviews and lapses, answers on the same day and years apart.
 */
const STEPS = [[], ['1m'], ['1m', '10m'], ['10m', '1d'], ['2d'], ['5m', '1h', '1d']] as const;
const GRADES: Grade[] = [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy];

const history = fc.array(
  fc.record({
    // From seconds to a few years, weighted towards the short gaps of learning steps.
    gapMs: fc.oneof(fc.integer({ min: 0, max: 3_600_000 }), fc.integer({ min: 0, max: 40 * 86_400_000 }), fc.integer({ min: 0, max: 1500 * 86_400_000 })),
    grade: fc.constantFrom(...GRADES),
  }),
  { minLength: 1, maxLength: 40 },
);

const settings = fc.record({
  retention: fc.constantFrom(0.7, 0.8, 0.9, 0.95, 0.99),
  learning: fc.constantFrom(...STEPS),
  relearning: fc.constantFrom(...STEPS),
  maximumInterval: fc.constantFrom(36500, 365, 30),
});

describe('the fast path of the scheduler', () => {
  it('gives the same card as ts-fsrs after every answer of any history', () => {
    fc.assert(
      fc.property(settings, history, (s, answers) => {
        const engine = fsrs(
          generatorParameters({
            request_retention: s.retention,
            enable_fuzz: false,
            enable_short_term: true,
            learning_steps: [...s.learning],
            relearning_steps: [...s.relearning],
            maximum_interval: s.maximumInterval,
          }),
        );
        const fast = makeFastNext(engine);
        let at = new Date('2024-01-01T08:00:00.000Z').getTime();
        let ours: Card = createEmptyCard(new Date(at));
        let theirs: Card = ours;
        for (const { gapMs, grade } of answers) {
          at += gapMs;
          ours = fast(ours, new Date(at), grade);
          theirs = engine.next(theirs, new Date(at), grade).card;
          expect(ours).toEqual(theirs);
        }
      }),
      { numRuns: fuzzRuns(1500) },
    );
  });

  it('leaves fuzzed scheduling to ts-fsrs itself', () => {
    const engine = fsrs(generatorParameters({ enable_fuzz: true }));
    const fast = makeFastNext(engine);
    const card = engine.next(createEmptyCard(new Date('2024-01-01T08:00:00Z')), new Date('2024-01-01T08:00:00Z'), Rating.Easy).card;
    const at = new Date('2024-02-01T08:00:00Z');
    expect(fast(card, at, Rating.Good)).toEqual(engine.next(card, at, Rating.Good).card);
  });
});
