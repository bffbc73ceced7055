import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayClock } from '../../src/quiz/days.js';
import { replay, type LogRecord } from '../../src/quiz/log.js';
import { createScheduler } from '../../src/quiz/scheduler.js';
import { deckCounts, DEFAULT_LIMITS, startSession, step, type Screen, type SessionEvent, type SessionOptions, type Step } from '../../src/quiz/session.js';
import { optionOrder } from '../../src/quiz/shuffle.js';
import { eventForLine } from '../../src/quiz/input.js';
import { actorRole, claim, eventDate, fixtureCards, otherDeckCard, term, whoSaid } from './fixtures.js';
import { renderFeedback, renderScreen } from '../../src/quiz/render.js';
import { fuzzRuns } from '../helpers/fuzz.js';

const clock = dayClock(0);
const options = (extra: Partial<SessionOptions> = {}): SessionOptions => ({ scheduler: createScheduler(), clock, ...DEFAULT_LIMITS, ...extra });
const T0 = new Date('2025-03-01T09:00:00Z');
const at = (seconds: number): Date => new Date(T0.getTime() + seconds * 1000);
const empty = (now = T0) => replay([], createScheduler(), now, clock);

/** A line that picks the option `text` wherever this review shows it. */
const pick = (text: string) => (screen: Screen): string => String((screen.kind === 'question' ? (screen.choices ?? []) : []).indexOf(text) + 1);

/** Drives a session with lines (or lines made from the screen), as plain mode does; returns every step. */
function drive(first: Step, lines: (string | ((screen: Screen) => string))[], startSecond = 1): Step[] {
  const steps = [first];
  let current = first;
  lines.forEach((given, i) => {
    const line = typeof given === 'string' ? given : given(current.screen);
    const meaning = eventForLine(current.screen, line, at(startSecond + i * 2));
    if ('notice' in meaning) throw new Error(`line ${i} (${line}) not understood on ${current.screen.kind}: ${meaning.notice}`);
    current = step(current.state, meaning.event);
    steps.push(current);
  });
  return steps;
}

const records = (steps: Step[]): LogRecord[] => steps.flatMap((s) => s.records);

describe('session', () => {
  it('asks new cards in deck order, each in its default mode', () => {
    const first = startSession(fixtureCards, empty(), options(), T0);
    expect(first.screen.kind).toBe('question');
    if (first.screen.kind !== 'question') return;
    expect(first.screen.current.card.identity).toBe(whoSaid.identity);
    expect(first.screen.current.mode).toBe('choice');
    // The options in this review's order: shuffled from the card and its review count.
    expect(first.screen.choices).toEqual(optionOrder(whoSaid.identity, whoSaid.choices!, 0));
    expect([...first.screen.choices!].sort()).toEqual([...whoSaid.choices!].sort());
    expect(first.screen.counts).toEqual({ new: 6, learning: 0, due: 0 });
  });

  it('grades multiple choice from right/wrong and time, typed with a suggestion, flip by the learner', () => {
    const first = startSession(fixtureCards, empty(), options(), T0);
    // whoSaid (choice, Wang Yi picked 1 s after showing: Good, as a first answer is never Easy; its back until a key),
    // actorRole (typed), eventDate (typed), claim (flip)
    const steps = drive(first, [pick('Wang Yi'), '', 'Marco Rubio', '', '19 February 2025', '3', '', '2']);
    expect(records(steps).map((r) => (r.type === 'answer' ? [r.card, r.mode, r.grade] : r.type))).toEqual([
      [whoSaid.identity, 'choice', 'good'],
      ['pivot/actor-role/a1', 'typed', 'good'],
      [eventDate.identity, 'typed', 'good'], // suggestion Again overridden with 3
      [claim.identity, 'flip', 'hard'],
    ]);
    expect(steps[1]!.screen.kind).toBe('answered');
    const checked = steps[5]!.screen;
    expect(checked.kind === 'checked' && [checked.check.verdict, checked.check.suggested]).toEqual(['wrong', 'again']);
  });

  it('respects the daily limit of new cards, counting those already introduced today', () => {
    const first = startSession(fixtureCards, empty(), options({ newPerDay: 2 }), T0);
    expect(first.screen.kind === 'question' && first.screen.counts.new).toBe(2);
    const steps = drive(first, [pick('Wang Yi'), '', 'Marco Rubio', '']);
    // Both new cards are now in learning (due in 10 min): learn-ahead shows them, no third new card.
    const identities = records(steps).map((r) => r.card);
    expect(identities).toEqual([whoSaid.identity, 'pivot/actor-role/a1']);
    const restarted = startSession(fixtureCards, replay(records(steps), createScheduler(), at(3600), clock), options({ newPerDay: 2 }), at(3600));
    expect(restarted.screen.kind === 'question' && restarted.screen.counts.new).toBe(0);
  });

  it('respects the daily limit of reviews', () => {
    const s = createScheduler();
    const log: LogRecord[] = fixtureCards.map((c, i) => ({ type: 'answer', card: c.identity, at: at(i), grade: 'easy', mode: 'flip', ms: 1 }));
    const later = new Date('2025-03-20T09:00:00Z');
    const first = startSession(fixtureCards, replay(log, s, later, clock), options({ reviewsPerDay: 3 }), later);
    expect(first.screen.kind === 'question' && first.screen.counts).toEqual({ new: 0, learning: 0, due: 3 });
  });

  it('undo restores the card and asks it again; the log gets an undo record', () => {
    const first = startSession(fixtureCards, empty(), options(), T0);
    // whoSaid (choice, then a key past its back), then actorRole (typed, accepted with Enter), then undo.
    const steps = drive(first, [pick('Wang Yi'), '', 'Marco Rubio', '', 'u']);
    const last = steps[5]!;
    expect(last.records).toEqual([{ type: 'undo', card: actorRole.identity, at: at(9) }]);
    expect(last.screen.kind === 'question' && [last.screen.current.card.identity, last.screen.notice]).toEqual([actorRole.identity, 'Undone: this card is asked again.']);
    expect(last.state.progress.has(actorRole.identity)).toBe(false);
    expect(last.state.stats.answered).toBe(1);
  });

  it("marks with ✓ the option the session judged right, also when it is one of the answer's accepted forms", () => {
    // 'Wang' is accepted for Wang Yi: the option the card offers is that form, not the answer's text.
    const card = { ...whoSaid, choices: ['Sergey Lavrov', 'Wang', 'Donald Trump', 'Marco Rubio'] };
    for (const [chosen, right] of [['Wang', true], ['Marco Rubio', false]] as const) {
      const steps = drive(startSession([card], empty(), options(), T0), [pick(chosen)]);
      const answered = steps[1]!.screen;
      expect(answered.kind).toBe('answered');
      expect(answered.kind === 'answered' && answered.feedback.correct).toBe(right);
      const marks = renderScreen(answered, { color: false }).split('\n').filter((line) => /^[✓✗ ] \d\) /.test(line));
      expect(marks.filter((line) => line.startsWith('✓'))).toEqual([marks.find((line) => line.endsWith(') Wang'))]);
      expect(marks.filter((line) => line.startsWith('✗')).map((line) => line.slice(5))).toEqual(right ? [] : [chosen]);
    }
  });

  it('says which grade a multiple-choice pick gave, and its undo lets the learner grade the card instead', () => {
    const first = startSession(fixtureCards, empty(), options(), T0);
    // A wrong pick 1 s after showing: Again. Undo shows the answer with the grade buttons; 3 grades it Good.
    const steps = drive(first, [pick('Sergey Lavrov'), 'u', '3']);
    const picked = steps[1]!.screen;
    expect(picked.kind === 'answered' && renderFeedback(picked.feedback, { color: false })).toBe(
      'wrong: Wang Yi (you chose Sergey Lavrov) · Again (u to grade it yourself) · next in 1m',
    );
    const undone = steps[2]!;
    expect(undone.records).toEqual([{ type: 'undo', card: whoSaid.identity, at: at(3) }]);
    expect(undone.screen.kind).toBe('revealed');
    expect(undone.screen.kind === 'revealed' && [undone.screen.current.card.identity, undone.screen.notice]).toEqual([whoSaid.identity, 'Undone: grade this card yourself, 1-4.']);
    expect(undone.state.progress.has(whoSaid.identity)).toBe(false);
    // The answer keeps how it was asked and the time of the pick.
    expect(steps[3]!.records).toEqual([{ type: 'answer', card: whoSaid.identity, at: at(5), grade: 'good', mode: 'choice', ms: 1000 }]);
    expect(replay(records(steps), createScheduler(), at(6), clock).progress.get(whoSaid.identity)).toMatchObject({ answers: 1, again: 0 });
    const regraded = steps[3]!.screen;
    expect(regraded.kind === 'question' && regraded.feedback !== undefined && renderFeedback(regraded.feedback, { color: false })).toBe('right: Wang Yi · Good · next in 10m');
  });

  it('skip moves a card to the end of the session; bury hides it until tomorrow', () => {
    const first = startSession([whoSaid, claim, term], empty(), options(), T0);
    const steps = drive(first, ['s', 'b']);
    expect(steps[1]!.screen.kind === 'question' && steps[1]!.screen.current.card.identity).toBe(claim.identity);
    expect(steps[2]!.records).toEqual([{ type: 'bury', card: claim.identity, at: at(3) }]);
    expect(steps[2]!.screen.kind === 'question' && steps[2]!.screen.current.card.identity).toBe(term.identity);
    const restart = startSession([whoSaid, claim, term], replay(records(steps), createScheduler(), at(60), clock), options(), at(60));
    expect(deckCounts(restart.state, at(60))).toEqual([{ deck: 'News::Pivot', cards: 3, new: 2, learning: 0, due: 0 }]);
  });

  it('undo takes back a bury (the log gets an unbury record) and a skip, and asks the card again', () => {
    const first = startSession([whoSaid, claim, term], empty(), options(), T0);
    // Skip whoSaid, bury claim, then undo twice: claim is back (no longer buried), then whoSaid.
    const steps = drive(first, ['s', 'b', 'u', 'u']);
    expect(steps[2]!.records).toEqual([{ type: 'bury', card: claim.identity, at: at(3) }]);
    const unburied = steps[3]!;
    expect(unburied.records).toEqual([{ type: 'unbury', card: claim.identity, at: at(5) }]);
    expect(unburied.screen.kind === 'question' && [unburied.screen.current.card.identity, unburied.screen.notice]).toEqual([claim.identity, 'Undone: no longer buried; here it is again.']);
    expect(unburied.state.buriedUntil.has(claim.identity)).toBe(false);
    const unskipped = steps[4]!;
    expect(unskipped.records).toEqual([]);
    expect(unskipped.screen.kind === 'question' && [unskipped.screen.current.card.identity, unskipped.screen.notice]).toEqual([whoSaid.identity, 'Undone: the skipped card is asked now.']);
    expect(unskipped.state.skipped).toEqual([]);
    // A restart replays bury then unbury: the card can be asked today.
    const restart = startSession([whoSaid, claim, term], replay(records(steps), createScheduler(), at(60), clock), options(), at(60));
    expect(deckCounts(restart.state, at(60))).toEqual([{ deck: 'News::Pivot', cards: 3, new: 3, learning: 0, due: 0 }]);
  });

  it('shows the back of a pick until a key, and takes no skip or bury there', () => {
    const first = startSession([whoSaid, claim], empty(), options(), T0);
    const steps = drive(first, [pick('Wang Yi')]);
    const shown = steps[1]!.screen;
    expect(shown.kind).toBe('answered');
    expect(shown.kind === 'answered' && shown.current.card.identity).toBe(whoSaid.identity);
    const bury = step(steps[1]!.state, { type: 'bury', at: at(3) });
    expect([bury.records, bury.screen.kind === 'answered' && bury.screen.notice]).toEqual([[], 'This card is answered: any key for the next one, u to undo.']);
    const next = step(steps[1]!.state, { type: 'continue', at: at(3) });
    expect(next.screen.kind === 'question' && next.screen.current.card.identity).toBe(claim.identity);
  });

  it('checks text typed on a flip card as a typed answer, and suggests its grade', () => {
    const first = startSession([claim], empty(), options(), T0);
    const steps = drive(first, ['energy at a discount', '']);
    const checked = steps[1]!.screen;
    expect(checked.kind === 'checked' && [checked.check.verdict, checked.check.suggested, checked.current.typed]).toEqual(['right', 'good', 'energy at a discount']);
    expect(records(steps)).toEqual([{ type: 'answer', card: claim.identity, at: at(3), grade: 'good', mode: 'flip', ms: 1000 }]);
    const wrong = drive(startSession([claim], empty(), options(), T0), ['cheap weapons']);
    expect(wrong[1]!.screen.kind === 'checked' && wrong[1]!.screen.check.suggested).toBe('again');
  });

  it('shuffles the options per review, from the card and its review count, and the same after an undo', () => {
    const orders = [0, 1, 2, 3, 4, 5].map((n) => optionOrder(whoSaid.identity, whoSaid.choices!, n).join('|'));
    expect(new Set(orders).size).toBeGreaterThan(1);
    expect(optionOrder(whoSaid.identity, whoSaid.choices!, 3)).toEqual(optionOrder(whoSaid.identity, whoSaid.choices!, 3));
    const first = startSession([whoSaid], empty(), options(), T0);
    const choicesOf = (st: Step): readonly string[] | undefined => (st.screen.kind === 'question' ? st.screen.choices : undefined);
    // Again, then (a minute later, learning) asked again: the second review has the order of review 1.
    const steps = drive(first, [pick('Sergey Lavrov'), '']);
    expect(choicesOf(steps[0]!)).toEqual(optionOrder(whoSaid.identity, whoSaid.choices!, 0));
    const later = startSession([whoSaid], replay(records(steps), createScheduler(), at(120), clock), options(), at(120));
    expect(choicesOf(later)).toEqual(optionOrder(whoSaid.identity, whoSaid.choices!, 1));
  });

  it('counts per deck on the start screen', () => {
    const first = startSession(fixtureCards, empty(), options(), T0);
    expect(deckCounts(first.state, T0)).toEqual([
      { deck: 'News::Pivot', cards: 5, new: 5, learning: 0, due: 0 },
      { deck: otherDeckCard.deck, cards: 1, new: 1, learning: 0, due: 0 },
    ]);
  });

  it('quit ends with a summary of the session', () => {
    const first = startSession(fixtureCards, empty(), options(), T0);
    const steps = drive(first, [pick('Wang Yi'), '', 'wrong name', '', 'q']);
    const end = steps[steps.length - 1]!.screen;
    expect(end.kind).toBe('end');
    if (end.kind !== 'end') return;
    expect(end.summary.reason).toBe('quit');
    expect(end.summary.stats).toEqual({ answered: 2, correct: 1, byGrade: { again: 1, hard: 0, good: 1, easy: 0 }, answerMs: 3000 });
    expect(end.summary.nextDue).toEqual(new Date(at(7).getTime() + 60_000));
  });

  it('the state a session reaches is the state a replay of its log rebuilds (property)', () => {
    const event = fc.oneof(
      fc.constantFrom('', '1', '2', '3', '4', 'u', 's', 'b', 'Marco Rubio', 'x'),
      fc.constantFrom('18 February 2025', 'strategic realignment'),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), fc.integer({ min: 1, max: 4000 }), (lines, gap) => {
        let current = startSession(fixtureCards, empty(), options(), T0);
        const log: LogRecord[] = [];
        let t = T0.getTime();
        for (const line of lines) {
          if (current.screen.kind === 'end') break;
          t += gap * 1000;
          const meaning = eventForLine(current.screen, line, new Date(t));
          if ('notice' in meaning) continue;
          current = step(current.state, meaning.event as SessionEvent);
          log.push(...current.records);
        }
        const rebuilt = replay(log, createScheduler(), new Date(t), clock);
        expect(new Map([...rebuilt.progress].map(([k, v]) => [k, v.state]))).toEqual(new Map([...current.state.progress].map(([k, v]) => [k, v.state])));
        const restarted = startSession(fixtureCards, rebuilt, options(), new Date(t));
        expect(deckCounts(restarted.state, new Date(t))).toEqual(deckCounts({ ...current.state, skipped: [] }, new Date(t)));
      }),
      { numRuns: fuzzRuns(150) },
    );
  });
});
