import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { sampleCards, tempDir, testIo } from './helpers.js';

/**
 * `newsdeck stats --json` on a log written by hand, with undos, an unknown
 * card and answers near midnight, read in two time zones. Every expected
 * number below is worked out by hand in the comments, not taken from a run.
 */
const cards = sampleCards();
const [c1, c2, c3, c4] = cards.map((c) => c.identity);
const line = (card: string, at: string, grade?: string): string =>
  grade === undefined ? JSON.stringify({ v: 1, undo: true, card, at }) : JSON.stringify({ v: 1, card, at, grade, mode: 'flip', ms: 1000 });
const LOG = [
  '{"newsdeck":"review-log","v":1}',
  line(c1!, '2025-03-01T09:00:00.000Z', 'easy'), // 1: new → review
  line(c2!, '2025-03-01T09:01:00.000Z', 'easy'), // 2: new → review
  line(c1!, '2025-03-08T12:00:00.000Z', 'good'), // 3: a review, remembered
  line(c2!, '2025-03-09T20:00:00.000Z', 'again'), // 4: a review, forgotten → relearning, due 20:10 (10 min step)
  line(c3!, '2025-03-09T20:05:00.000Z', 'good'), // 5: undone by 6
  line(c3!, '2025-03-09T20:06:00.000Z'), // 6: undo
  line(c3!, '2025-03-10T15:00:00.000Z', 'again'), // 7: new → learning, due 15:01 (1 min step)
  line(c4!, '2025-03-10T15:30:00.000Z', 'good'), // 8: undone by 9
  line(c4!, '2025-03-10T15:31:00.000Z'), // 9: undo
  line('gone/quote-speaker/q9', '2025-03-10T15:40:00.000Z', 'good'), // 10: a card no longer in the deck
].join('\n') + '\n';
const NOW = '2025-03-10T16:00:00Z';

async function stats(tz: string): Promise<Record<string, any>> {
  const progress = join(tempDir(), 'progress.jsonl');
  writeFileSync(progress, LOG);
  const io = testIo([], NOW, 0, { TZ: tz });
  expect(await main(['stats', 'decks', '--json', '--progress', progress], io)).toBe(0);
  expect(io.err()).toBe('');
  return JSON.parse(io.out());
}

describe('newsdeck stats --json, checked by hand', () => {
  it('in UTC: the study day began 2025-03-10 04:00 UTC', async () => {
    const r = await stats('UTC');
    expect([r.timeZone, r.offsetMinutes, r.atLocal]).toEqual(['UTC', 0, '2025-03-10 16:00']);
    const d = r.decks[0];
    expect(r.decks).toHaveLength(1);
    // Answers that count: 1, 2, 3, 4 and 7 (5 and 8 undone, 10 not in the deck); Again: 4 and 7.
    expect([d.answers, d.again]).toEqual([5, 2]);
    // Studied: c1 (review), c2 (relearning), c3 (learning); c4's only answer was undone, so it is unseen.
    expect([d.cards, d.unseen, d.inLearning, d.young + d.mature]).toEqual([cards.length, cards.length - 3, 2, 1]);
    // Today (from 04:00 UTC): only 7 counts (8 was undone), where counting every line would give 3.
    expect(d.answeredToday).toBe(1);
    // Reviews in 30 days: 3 (remembered) and 4 (forgotten).
    expect(d.retention).toEqual({ days: 30, reviews: 2, remembered: 1, rate: 0.5 });
    // The start screen's words: c3 (due 15:01) and c2 (due 20:10 yesterday) are learning now; of 20 new a day,
    // two were introduced today: c3 (7) and the card no longer in the deck (10), which still counts against the day's limit.
    expect([d.new, d.learning, d.due]).toEqual([18, 2, 0]);
    expect(d.forecast[0]).toBe(2);
    expect([d.nextDue, d.nextDueLocal]).toEqual(['2025-03-09T20:10:00.000Z', '2025-03-09 20:10']);
    // Study days 03-01, 03-08, 03-09 (answer 4 at 20:00) and 03-10: three in a row up to today.
    expect(r.overall.streak).toBe(3);
    expect(r.overall.answers).toBe(5);
    expect(r.unknown).toEqual(['gone/quote-speaker/q9']);
  });

  it('in Tokyo (UTC+9): the study day began 2025-03-10 04:00 JST, 19:00 UTC the day before', async () => {
    const r = await stats('Asia/Tokyo');
    expect([r.timeZone, r.offsetMinutes, r.atLocal]).toEqual(['Asia/Tokyo', 540, '2025-03-11 01:00']);
    const d = r.decks[0];
    // Today: 4 (05:00 JST) and 7 (00:00 JST on the 11th, before the 4 a.m. rollover); 5 and 8 undone.
    expect(d.answeredToday).toBe(2);
    // Study days (JST, 4 a.m.): 03-01 (1, 2 at 18:00), 03-08 (3 at 21:00), 03-10 (4 and 7): today only, as 03-09 has none.
    expect(r.overall.streak).toBe(1);
    expect([d.answers, d.again, d.new, d.learning, d.due]).toEqual([5, 2, 18, 2, 0]);
    expect([d.nextDue, d.nextDueLocal]).toEqual(['2025-03-09T20:10:00.000Z', '2025-03-10 05:10']);
  });

  it('the text report uses the same words as the quiz', async () => {
    const progress = join(tempDir(), 'progress.jsonl');
    writeFileSync(progress, LOG);
    const io = testIo([], NOW, 0, { TZ: 'UTC' });
    expect(await main(['stats', 'decks', '--progress', progress], io)).toBe(0);
    expect(io.out()).toContain('  today: new 18 · learning 2 · due 0 · answered 1\n');
    expect(io.out()).toContain('  answers 5 (right 60%) · retention (30 days) 50% of 2 reviews\n');
    expect(io.out()).toContain('All decks · streak 3 days\n');
  });
});
