import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { localDayClock } from '../../src/cli/quiz.js';
import { parseLog, replay, type AnswerRecord, type LogRecord } from '../../src/quiz/log.js';
import { createScheduler } from '../../src/quiz/scheduler.js';
import { fakeIo } from '../helpers/io.js';
import { answersCoveringModes, rightAnswersFor, sampleCards, tempDir, testIo } from './helpers.js';

const START = '2025-03-01T12:00:00Z';
const cards = sampleCards();
/** The first answers of a session that ask in all three modes (the deck's order decides how many). */
const MODES = answersCoveringModes(cards, new Date(START));
const rightAnswers = (n: number): { lines: string[]; asked: [string, string][] } => rightAnswersFor(cards, n, new Date(START));
/** Every card of the sample is new today in the two sessions that ask in all three modes. */
const ALL_NEW = ['--new-per-day', String(cards.length)];
const rightAnswersAllNew = (n: number): { lines: string[]; asked: [string, string][] } => rightAnswersFor(cards, n, new Date(START), cards.length);

function answers(path: string): LogRecord[] {
  const parsed = parseLog(readFileSync(path, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.records;
}

describe('newsdeck quiz --plain', () => {
  it('runs a whole session from stdin lines and logs one line per answer', async () => {
    const progress = join(tempDir(), 'progress.jsonl');
    const { lines, asked } = rightAnswersAllNew(MODES);
    expect(new Set(asked.map(([, mode]) => mode))).toEqual(new Set(['flip', 'choice', 'typed']));
    const io = testIo([...lines, 'q']);
    expect(await main(['quiz', 'decks', '--plain', '--progress', progress, ...ALL_NEW], io)).toBe(0);
    const records = answers(progress) as AnswerRecord[];
    expect(records.map((r) => [r.card, r.mode])).toEqual(asked);
    expect(records.every((r) => r.grade !== 'again')).toBe(true);
    expect(readFileSync(progress, 'utf8').split('\n')[0]).toBe('{"newsdeck":"review-log","v":1}');
    const out = io.out();
    expect(out).not.toMatch(/\u001b/);
    expect(out).toContain(`Current Affairs::China and Trump's turn toward Russia  ${String(cards.length).padStart(5)}  ${String(cards.length).padStart(5)}         0      0`);
    expect(out).toContain('1 Again 1m · 2 Hard 6m · 3 Good 10m · 4 Easy 8d');
    // A multiple-choice pick is graded at once; its back says with what and why (a first answer is never Easy).
    // (The sample's choice cards have three options or four: either way a first right pick 1 s after showing is Good.)
    expect(out).toMatch(/\nright in 1\.0 s: [^\n]+ · Good \((right of 3 options, so not timed|right within 3 s, but a first answer is never Easy); u to grade it yourself\) · next in 10m\n/);
    expect(out).toContain('> Any key: next · u: undo, grade it yourself · q: quit');
    expect(out).toMatch(new RegExp(`Session saved\\.\\nAnswered ${MODES} · correct 100% · time (\\d+m )?\\d+s`));
  });

  it('a restart shows the due counts from the log and continues where it stopped', async () => {
    const progress = join(tempDir(), 'progress.jsonl');
    const { lines } = rightAnswersAllNew(MODES);
    await main(['quiz', 'decks', '--plain', '--progress', progress, ...ALL_NEW], testIo([...lines, 'q']));
    // 15 minutes later the cards in learning are due again; the rest of the new cards are left today.
    const io = testIo(['q'], '2025-03-01T12:15:00Z');
    expect(await main(['quiz', 'decks', '--plain', '--progress', progress, ...ALL_NEW], io)).toBe(0);
    // A right multiple-choice answer within 3 s is Easy: that card went to review (due in days), the rest are learning.
    const learning = (answers(progress) as AnswerRecord[]).filter((r) => r.grade !== 'easy').length;
    expect(io.out()).toContain(`Russia  ${String(cards.length).padStart(5)}  ${String(cards.length - MODES).padStart(5)}  ${String(learning).padStart(8)}      0`);
    const first = answers(progress)[0]!.card;
    const askedFirst = io.out().split('── ')[1]!;
    expect(askedFirst).toContain(cards.find((c) => c.identity === first)!.front.slice(0, 30));
  });

  it("takes ':constructor', ':toString' and ':__proto__' as typed answers, not commands, and 'constructor' as no grade", async () => {
    const progress = join(tempDir(), 'progress.jsonl');
    // Each typed answer is checked (wrong), then Enter takes the suggested grade.
    const typed = testIo([':constructor', '', ':toString', '', ':__proto__', '', 'q']);
    expect(await main(['quiz', 'decks', '--plain', '--mode', 'typed', '--progress', progress], typed)).toBe(0);
    const records = answers(progress) as AnswerRecord[];
    expect(records.map((r) => [r.type, r.mode, r.grade])).toEqual([
      ['answer', 'typed', 'again'],
      ['answer', 'typed', 'again'],
      ['answer', 'typed', 'again'],
    ]);
    expect(typed.out()).toMatch(/Session saved\.\nAnswered 3 /);

    const flipProgress = join(tempDir(), 'progress.jsonl');
    // A flip card's back shown, 'constructor' and '__proto__' are asked again as grades; then 2 is Hard.
    const flip = testIo(['', 'constructor', '__proto__', '2', 'q']);
    expect(await main(['quiz', 'decks', '--plain', '--mode', 'flip', '--progress', flipProgress], flip)).toBe(0);
    expect(flip.out().split('Grade with 1-4: 1 again, 2 hard, 3 good, 4 easy.').length - 1).toBe(2);
    expect((answers(flipProgress) as AnswerRecord[]).map((r) => [r.mode, r.grade])).toEqual([['flip', 'hard']]);
  });

  it('ends cleanly at the end of input, like q', async () => {
    const progress = join(tempDir(), 'progress.jsonl');
    const io = testIo(rightAnswers(1).lines);
    expect(await main(['quiz', 'decks', '--plain', '--progress', progress], io)).toBe(0);
    expect(io.out()).toContain('End of input: session saved.');
    expect(answers(progress)).toHaveLength(1);
  });

  it('undo appends an undo record and asks the card again', async () => {
    const progress = join(tempDir(), 'progress.jsonl');
    const { lines, asked } = rightAnswers(1);
    const io = testIo([...lines, 'u', 'q']);
    await main(['quiz', 'decks', '--plain', '--progress', progress], io);
    expect(answers(progress).map((r) => r.type)).toEqual(['answer', 'undo']);
    expect(io.out()).toContain('Undone: this card is asked again.');
    expect(replay(answers(progress), createScheduler(), new Date(START), localDayClock(new Date(START))).progress.has(asked[0]![0])).toBe(false);
  });

  it('reads a torn last line with a warning and appends on a new line', async () => {
    const progress = join(tempDir(), 'progress.jsonl');
    const { lines } = rightAnswers(2);
    await main(['quiz', 'decks', '--plain', '--progress', progress], testIo([...lines, 'q']));
    const text = readFileSync(progress, 'utf8');
    writeFileSync(progress, text.slice(0, -25)); // the second answer cut short, no newline
    const io = testIo([...rightAnswers(1).lines, 'q'], '2025-03-01T12:30:00Z');
    expect(await main(['quiz', 'decks', '--plain', '--progress', progress], io)).toBe(0);
    expect(io.err()).toContain(`newsdeck: warning: ${progress}: line 3 is incomplete (an answer interrupted while being saved) and is skipped`);
    const after = readFileSync(progress, 'utf8').split('\n');
    expect(after[2]).toBe(text.split('\n')[2]!.slice(0, -24)); // the torn line stays as it was
    expect(JSON.parse(after[3]!)).toMatchObject({ v: 1, mode: expect.any(String) });
  });

  it('refuses a progress file that is not ours, with exit 1, and leaves it untouched', async () => {
    const progress = join(tempDir(), 'notes.csv');
    const bytes = Buffer.from('name,score\nada,3\n');
    writeFileSync(progress, bytes);
    const io = testIo(['', '3', 'q']);
    expect(await main(['quiz', 'decks', '--plain', '--progress', progress], io)).toBe(1);
    expect(io.err()).toBe(
      `newsdeck quiz: ${progress}:1: this is not a newsdeck review log: its first line should be {"newsdeck":"review-log","v":1}. Choose another file with --progress, or move this one away. The file was not changed.\n`,
    );
    expect(readFileSync(progress).equals(bytes)).toBe(true);
  });

  it('reports reviewed cards that are no longer in the decks, and keeps them in the log', async () => {
    const progress = join(tempDir(), 'progress.jsonl');
    const gone = '{"v":1,"card":"old-article/quote-speaker/q9","at":"2025-02-27T10:00:00.000Z","grade":"good","mode":"choice","ms":900}\n';
    writeFileSync(progress, '{"newsdeck":"review-log","v":1}\n' + gone);
    const io = testIo([...rightAnswers(1).lines, 'q']);
    await main(['quiz', 'decks', '--plain', '--progress', progress], io);
    expect(io.out()).toContain('1 reviewed card is no longer in these decks (kept in the log): old-article/quote-speaker/q9');
    expect(readFileSync(progress, 'utf8').split('\n')[1]).toBe(gone.trim());
  });

  it('uses $XDG_DATA_HOME/newsdeck/progress.jsonl by default, else ~/.local/share', async () => {
    const xdg = tempDir();
    await main(['quiz', 'decks', '--plain'], testIo([...rightAnswers(1).lines, 'q'], START, 1000, { XDG_DATA_HOME: xdg }));
    expect(answers(join(xdg, 'newsdeck', 'progress.jsonl'))).toHaveLength(1);
    const home = tempDir();
    await main(['quiz', 'decks', '--plain'], testIo([...rightAnswers(1).lines, 'q'], START, 1000, { HOME: home }));
    expect(answers(join(home, '.local/share/newsdeck/progress.jsonl'))).toHaveLength(1);
  });

  it('rejects bad options with exit 2 and a message saying what is expected', async () => {
    const cases: [string[], string][] = [
      [['--mode', 'oral'], "--mode must be one of flip, choice, typed, got 'oral'"],
      [['--retention', '1.5'], "--retention must be a number from 0.7 to 0.99 (e.g. 0.9), got '1.5'"],
      [['--new-per-day', 'many'], "--new-per-day must be a whole number, got 'many'"],
      [['--exam', '--seed', '3'], '--exam needs --seed N and --count K, e.g. --exam --seed 7 --count 10 (in a class folder, the class file\'s exam: seed and questions)'],
      [['--seed', '3'], '--seed, --count, --student and --csv belong to exam mode: add --exam'],
      [['--exam', '--seed', '3', '--count', '2'], '--exam needs --student NAME (it names the results file), e.g. --student "Ada Lovelace"'],
      [['--exam', '--seed', '3', '--count', '2', '--student', ' ? '], "--student must be a name with letters or digits, got ' ? '"],
      [['--exam', '--seed', '4294967303', '--count', '3'], "--seed must be a whole number from 0 to 4294967295, got '4294967303'"],
      [['--exam', '--seed=-7', '--count', '3'], "--seed must be a whole number from 0 to 4294967295, got '-7'"],
      [['--exam', '--seed', '7.5', '--count', '3'], "--seed must be a whole number from 0 to 4294967295, got '7.5'"],
    ];
    for (const [args, message] of cases) {
      const io = testIo([]);
      expect(await main(['quiz', 'decks', '--plain', ...args], io)).toBe(2);
      expect(io.err()).toBe(`newsdeck quiz: ${message}\n`);
    }
  });

  it('--mode typed asks every card by typing; --retention changes the intervals shown', async () => {
    const io = testIo(['q']);
    await main(['quiz', 'decks', '--plain', '--mode', 'typed', '--progress', join(tempDir(), 'p.jsonl')], io);
    expect(io.out()).toContain('> Type the answer · :u :s :b :q · :? help');
    const io2 = testIo(['', 'q']);
    await main(['quiz', 'decks', '--plain', '--mode', 'flip', '--retention', '0.8', '--progress', join(tempDir(), 'p.jsonl')], io2);
    const easy = /1 Again 1m · 2 Hard 6m · 3 Good 10m · 4 Easy (\d+)d/.exec(io2.out());
    expect(Number(easy?.[1])).toBeGreaterThan(8); // 8d at the default retention 0.9
  });
});

describe('newsdeck quiz --exam', () => {
  it('asks a seeded selection, writes a CSV, and schedules nothing', async () => {
    const dir = tempDir();
    const csv = join(dir, 'results.csv');
    const progress = join(dir, 'progress.jsonl');
    const run = async (): Promise<string> => {
      const io = testIo(Array.from({ length: 8 }, () => 's'), START, 1500);
      expect(await main(['quiz', 'decks', '--plain', '--exam', '--seed', '42', '--count', '3', '--student', 'Ada', '--csv', csv, '--progress', progress], io)).toBe(0);
      const text = readFileSync(csv, 'utf8');
      rmSync(csv);
      return text;
    };
    const first = await run();
    expect(await run()).toBe(first);
    const rows = first.trimEnd().split('\r\n');
    expect(rows[0]).toBe('student,seed,question,card,asked,answer,result,seconds');
    expect(rows).toHaveLength(4);
    expect(rows.slice(1).every((r) => r.endsWith(',unanswered,'))).toBe(true);
    expect(existsSync(progress)).toBe(false);
  });

  it('defaults the CSV to exam-<seed>-<student>.csv in the working directory, every question listed', async () => {
    const cwd = tempDir();
    const io = { ...testIo(['q']), cwd };
    expect(await main(['quiz', join(process.cwd(), 'decks'), '--plain', '--exam', '--seed', '5', '--count', '2', '--student', 'Zoë Ng'], io)).toBe(0);
    const rows = readFileSync(join(cwd, 'exam-5-zoe-ng.csv'), 'utf8').trimEnd().split('\r\n');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toMatch(/^Zoë Ng,5,1,.*,unanswered,$/);
  });
});

describe('a log with a time out of range or not as newsdeck writes it', () => {
  // Cards of the deck: their due dates are computed (and the first one's overflowed).
  const extreme = `{"v":1,"card":"${cards[0]!.identity}","at":"+275760-09-13T00:00:00.000Z","grade":"good","mode":"choice","ms":900}\n`;
  const local = `{"v":1,"card":"${cards[1]!.identity}","at":"March 1, 2025 12:00","grade":"good","mode":"choice","ms":900}\n`;
  const repairHint = (progress: string, what: string): string =>
    `newsdeck: to move ${what} aside (into ${progress}.torn): newsdeck progress repair --progress ${progress}\n`;
  const warning = (progress: string, line: number, at: string): string =>
    `newsdeck: warning: ${progress}: line ${line} is skipped: "at" must be a UTC time from the years 2000-2200 as newsdeck writes it (e.g. 2025-03-01T12:00:00.000Z), got "${at}"\n`;

  it('stats skips those lines with a warning', async () => {
    const progress = join(tempDir(), 'progress.jsonl');
    writeFileSync(progress, '{"newsdeck":"review-log","v":1}\n' + extreme + local);
    const io = testIo([], START);
    expect(await main(['stats', 'decks', '--progress', progress, '--json'], io)).toBe(0);
    expect(io.err()).toBe(warning(progress, 2, '+275760-09-13T00:00:00.000Z') + warning(progress, 3, 'March 1, 2025 12:00') + repairHint(progress, 'them'));
    expect(JSON.parse(io.out()).unknown).toEqual([]);
  });

  it('quiz skips those lines with a warning, and shows its end screen', async () => {
    const progress = join(tempDir(), 'progress.jsonl');
    writeFileSync(progress, '{"newsdeck":"review-log","v":1}\n' + extreme);
    const io = testIo([...rightAnswers(1).lines, 'q']);
    expect(await main(['quiz', 'decks', '--plain', '--progress', progress], io)).toBe(0);
    expect(io.err()).toBe(warning(progress, 2, '+275760-09-13T00:00:00.000Z') + repairHint(progress, 'it'));
    // Local time (TZ=UTC here).
    expect(io.out()).toMatch(/Next due: in 10m \(2025-03-01 12:1\d\)/);
  });
});

describe('newsdeck stats', () => {
  it('rejects a bad --retention with exit 2 and the message quiz gives', async () => {
    for (const value of ['1.5', 'high', '']) {
      const io = testIo([]);
      expect(await main(['stats', 'decks', '--retention', value], io)).toBe(2);
      expect(io.err()).toBe(`newsdeck stats: --retention must be a number from 0.7 to 0.99 (e.g. 0.9), got '${value}'\n`);
    }
  });

  it('prints progress per deck as JSON', async () => {
    const progress = join(tempDir(), 'progress.jsonl');
    const { lines, asked } = rightAnswers(3);
    await main(['quiz', 'decks', '--plain', '--progress', progress], testIo([...lines, 'q']));
    // A first answer is never Easy: every right answer is still learning, due today.
    const io = testIo([], '2025-03-01T12:30:00Z');
    expect(await main(['stats', 'decks', '--progress', progress, '--json'], io)).toBe(0);
    const report = JSON.parse(io.out());
    expect(asked).toHaveLength(3);
    expect(report.decks).toEqual([
      expect.objectContaining({
        file: join('decks', 'china-trump-russia-pivot.yaml'),
        deck: "Current Affairs::China and Trump's turn toward Russia",
        cards: cards.length,
        new: 17,
        learning: 3,
        due: 0,
        unseen: cards.length - 3,
        inLearning: 3,
        young: 0,
        mature: 0,
        answers: 3,
        again: 0,
        answeredToday: 3,
        forecast: [3, 0, 0, 0, 0, 0, 0],
      }),
    ]);
    expect(report.unknown).toEqual([]);
    const text = testIo([], '2025-03-01T12:30:00Z');
    await main(['stats', 'decks', '--progress', progress], text);
    expect(text.out()).toContain(`  cards ${cards.length}: unseen ${cards.length - 3} · in learning 3 · young 0 · mature 0`);
  });
});

describe('newsdeck quiz with a clock the log cannot keep', () => {
  it('refuses to start rather than save answers the next start would drop', async () => {
    const progress = join(tempDir(), 'p.jsonl');
    const { io, stderr } = fakeIo({ now: () => new Date(0) });
    expect(await main(['quiz', 'decks', '--plain', '--progress', progress], io)).toBe(1);
    expect(stderr()).toContain('the system clock says 1970-01-01T00:00:00.000Z; answers can be kept only for times from 2000 to 2200');
    expect(existsSync(progress)).toBe(false);
  });
});
