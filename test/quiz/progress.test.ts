import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitError } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { ProgressWriter } from '../../src/cli/progress.js';
import { parseLog, serializeHeader, serializeRecord, type LogRecord } from '../../src/quiz/log.js';
import { promptedIo, rightAnswersFor, sampleCards, tempDir, testIo } from './helpers.js';

const START = '2025-03-01T12:00:00Z';
const answer = (card: string, second: number): LogRecord => ({ type: 'answer', card, at: new Date(Date.parse(START) + second * 1000), grade: 'good', mode: 'flip', ms: 1000 });
const NO_LOG = { exists: false, endsWithNewline: true };

function records(path: string): LogRecord[] {
  const parsed = parseLog(readFileSync(path, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error.message);
  expect(parsed.warnings).toEqual([]);
  return parsed.records;
}

/** What `fn` throws (it must throw). */
function thrown(fn: () => void): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('ProgressWriter', () => {
  it('two sessions that started without a log both keep their answers (the second appends to the log the first created)', () => {
    const path = join(tempDir(), 'deep', 'er', 'progress.jsonl');
    const first = new ProgressWriter(path, NO_LOG);
    const second = new ProgressWriter(path, NO_LOG);
    first.append([answer('a/q/1', 1)]);
    second.append([answer('b/q/2', 2)]);
    first.append([answer('a/q/3', 3)]);
    expect(readFileSync(path, 'utf8').startsWith(serializeHeader())).toBe(true);
    expect(records(path).map((r) => r.card)).toEqual(['a/q/1', 'b/q/2', 'a/q/3']);
  });

  it('appends after a file created meanwhile that is still empty, and a second header is ignored', () => {
    const path = join(tempDir(), 'progress.jsonl');
    writeFileSync(path, '');
    new ProgressWriter(path, NO_LOG).append([answer('a/q/1', 1)]);
    // The session that created the empty file writes its header and answer after ours.
    writeFileSync(path, serializeHeader() + serializeRecord(answer('b/q/2', 2)), { flag: 'a' });
    expect(records(path).map((r) => r.card)).toEqual(['a/q/1', 'b/q/2']);
  });

  it('refuses to append to a file created meanwhile that is not a review log, and leaves it alone', () => {
    const path = join(tempDir(), 'progress.jsonl');
    const writer = new ProgressWriter(path, NO_LOG);
    writeFileSync(path, 'name,score\n');
    const error = thrown(() => writer.append([answer('a/q/1', 1)]));
    expect(error).toBeInstanceOf(ExitError);
    expect((error as ExitError).status).toBe(1);
    expect((error as ExitError).message).toMatch(new RegExp(`^cannot save to the review log ${path}: it was created by something else during this session \\(this is not a newsdeck review log`));
    expect((error as ExitError).message).toMatch(/\nThis answer was NOT saved; everything answered before it is in the log\.$/);
    expect(readFileSync(path, 'utf8')).toBe('name,score\n');
  });

  it('a log deleted during the session is not recreated without its header: the answer is reported as not saved', () => {
    const path = join(tempDir(), 'progress.jsonl');
    const writer = new ProgressWriter(path, NO_LOG);
    writer.append([answer('a/q/1', 1)]);
    rmSync(path);
    const error = thrown(() => writer.append([{ type: 'bury', card: 'a/q/1', at: new Date(START) }]));
    expect((error as ExitError).status).toBe(1);
    expect((error as ExitError).message).toBe(
      `cannot save to the review log ${path}: ENOENT: no such file or directory, open '${path}'.\nThis bury was NOT saved; everything answered before it is in the log.`,
    );
    expect(() => readFileSync(path)).toThrow(/ENOENT/);
  });
});

describe('two quizzes on one log at the same time (issue 13, what to prove 6)', () => {
  it('both work: every answer of each is in the log, no line damaged, and the next start counts them all', async () => {
    const progress = join(tempDir(), 'progress.jsonl');
    writeFileSync(progress, serializeHeader() + serializeRecord(answer('elsewhere/q/1', 0)));
    const { lines, answered } = rightAnswersFor(sampleCards(), 4, new Date(START));
    const four = [...lines.slice(0, answered.indexOf(4) + 1), 'q'];
    // Both sessions run at once in this process: their prompts, and so their appends, interleave.
    const first = promptedIo(four, START);
    const second = promptedIo(four, START, 700);
    const statuses = await Promise.all([main(['quiz', 'decks', '--plain', '--progress', progress], first), main(['quiz', 'decks', '--plain', '--progress', progress], second)]);
    expect(statuses, first.err() + second.err()).toEqual([0, 0]);
    const saved = records(progress);
    expect(saved.filter((r) => r.type === 'answer')).toHaveLength(1 + 4 + 4);
    const stats = testIo([]);
    expect(await main(['stats', 'decks', '--progress', progress, '--json'], stats), stats.err()).toBe(0);
    expect(stats.err()).toBe('');
  });
});

describe('newsdeck quiz --plain when the log cannot be written', () => {
  it('ends with exit 1 and says the answer was not saved, where and why (the log replaced by a folder after the first answer)', async () => {
    const progress = join(tempDir(), 'progress.jsonl');
    const { lines, answered } = rightAnswersFor(sampleCards(), 2, new Date(START));
    const firstDone = answered.indexOf(1);
    const steps: (string | (() => string))[] = [...lines.slice(0, firstDone + 1)];
    steps.push(() => {
      expect(records(progress)).toHaveLength(1);
      rmSync(progress);
      mkdirSync(progress);
      return lines[firstDone + 1]!;
    });
    steps.push(...lines.slice(firstDone + 2), 'q');
    const io = promptedIo(steps, START);
    expect(await main(['quiz', 'decks', '--plain', '--progress', progress], io)).toBe(1);
    expect(io.err()).toBe(
      `newsdeck quiz: cannot save to the review log ${progress}: EISDIR: illegal operation on a directory, open '${progress}'.\n` +
        'This answer was NOT saved; everything answered before it is in the log.\n',
    );
  });
});

describe('newsdeck quiz --plain and Ctrl-C (SIGINT)', () => {
  it('ends the session like q, with the end screen and exit 130, and stops listening afterwards', async () => {
    const progress = join(tempDir(), 'progress.jsonl');
    const { lines, answered } = rightAnswersFor(sampleCards(), 1, new Date(START));
    const before = process.listeners('SIGINT');
    let added = 0;
    const io = promptedIo(
      [
        ...lines.slice(0, answered.indexOf(1) + 1),
        () => {
          const ours = process.listeners('SIGINT').filter((l) => !before.includes(l));
          added = ours.length;
          for (const listener of ours) listener('SIGINT');
        },
      ],
      START,
    );
    expect(await main(['quiz', 'decks', '--plain', '--progress', progress], io)).toBe(130);
    expect(added).toBe(1);
    expect(process.listeners('SIGINT')).toEqual(before);
    expect(io.out()).toMatch(/Session saved\.\nAnswered 1 · correct 100%/);
    expect(records(progress)).toHaveLength(1);
  });
});

describe('newsdeck progress repair', () => {
  const good = (card: string, second: number): string => serializeRecord(answer(card, second));
  const torn = '{"v":1,"card":"a/q/9","at":"2025-03-0';

  it('moves a torn last line to <log>.torn after asking, and the quiz no longer warns', async () => {
    const path = join(tempDir(), 'progress.jsonl');
    const text = serializeHeader() + good('a/q/1', 1) + good('a/q/2', 2) + torn;
    writeFileSync(path, text);
    const quiz = promptedIo(['q']);
    await main(['quiz', 'decks', '--plain', '--progress', path], quiz);
    expect(quiz.err()).toContain(`newsdeck: to move it aside (into ${path}.torn): newsdeck progress repair --progress ${path}`);
    writeFileSync(path, text); // as it was before the quiz (which appended nothing)
    const no = testIo(['n']);
    expect(await main(['progress', 'repair', '--progress', path], no)).toBe(0);
    expect(no.out()).toContain('Nothing was changed.');
    expect(readFileSync(path, 'utf8')).toBe(text);
    const yes = testIo(['y']);
    expect(await main(['progress', 'repair', '--progress', path], yes)).toBe(0);
    expect(yes.out()).toContain(`${path}: line 4 is incomplete (an answer interrupted while being saved) and is skipped:\n  ${torn}\n`);
    expect(yes.out()).toContain(`Moved 1 line to ${path}.torn; the log keeps its 2 readable records.`);
    expect(readFileSync(path, 'utf8')).toBe(serializeHeader() + good('a/q/1', 1) + good('a/q/2', 2));
    expect(readFileSync(`${path}.torn`, 'utf8')).toBe(torn + '\n');
    const after = promptedIo(['q']);
    await main(['quiz', 'decks', '--plain', '--progress', path], after);
    expect(after.err()).toBe('');
  });

  it('also moves a damaged line inside the log (a torn line the quiz appended after); --yes does not ask', async () => {
    const path = join(tempDir(), 'progress.jsonl');
    writeFileSync(path, serializeHeader() + good('a/q/1', 1) + torn + '\n' + good('a/q/2', 2));
    const io = promptedIo([]);
    expect(await main(['progress', 'repair', '--yes', '--progress', path], io)).toBe(0);
    expect(records(path).map((r) => r.card)).toEqual(['a/q/1', 'a/q/2']);
    expect(readFileSync(`${path}.torn`, 'utf8')).toBe(torn + '\n');
  });

  it('says when there is nothing to repair, and refuses a file that is not a log', async () => {
    const path = join(tempDir(), 'progress.jsonl');
    const clean = promptedIo([]);
    expect(await main(['progress', 'repair', '--progress', path], clean)).toBe(0);
    expect(clean.out()).toBe(`${path}: no review log here yet; nothing to repair.\n`);
    writeFileSync(path, serializeHeader() + good('a/q/1', 1));
    const fine = promptedIo([]);
    expect(await main(['progress', 'repair', '--progress', path], fine)).toBe(0);
    expect(fine.out()).toBe(`${path}: every line is readable; nothing to repair.\n`);
    writeFileSync(path, 'name,score\n');
    const other = promptedIo([]);
    expect(await main(['progress', 'repair', '--yes', '--progress', path], other)).toBe(1);
    expect(readFileSync(path, 'utf8')).toBe('name,score\n');
    const usage = promptedIo([]);
    expect(await main(['progress', 'fix'], usage)).toBe(2);
    expect(usage.err()).toContain("the progress command is 'repair'");
  });
});
