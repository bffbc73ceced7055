/**
 * Issue 13, item 6: nothing a file holds (a review log, a checkpoint, a
 * manifest, an article) reaches the terminal as a control character: an
 * escape sequence in a card id must not retitle the window or clear the screen.
 */
import { createHash } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { localDayClock } from '../../src/cli/quiz.js';
import { replayLog } from '../../src/quiz/checkpoint.js';
import { createScheduler } from '../../src/quiz/scheduler.js';
import { fakeIo } from '../helpers/io.js';
import { tempFolder } from '../helpers/tmp.js';

const SAMPLE = 'china-trump-russia-pivot';
const CARD = `${SAMPLE}/actor-reverse/keith-kellogg`;
const repoDecks = new URL('../../decks/', import.meta.url).pathname;
const NOW = new Date('2026-01-01T00:00:00Z');

/** Every C0 and C1 control character and DEL, but the line break. */
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
/** An OSC that retitles the window, a CSI that clears the screen (as C1), a lone carriage return. */
const RETITLE = '\u001b]0;pwned\u0007';
const CLEAR = '\u009b2J';

function workspace(): string {
  const dir = tempFolder('newsdeck-escapes-');
  cpSync(repoDecks, join(dir, 'decks'), { recursive: true });
  return dir;
}

async function run(cwd: string, args: string[], stdin: string[] = []): Promise<{ status: number; out: string }> {
  const { io, stdout, stderr } = fakeIo({ cwd, env: { SOURCE_DATE_EPOCH: '1750000000' }, stdin, now: () => NOW });
  const status = await main(args, io);
  return { status, out: stdout() + stderr() };
}

function expectVisible(out: string, ...shownAs: string[]): void {
  expect(out).not.toMatch(RAW_CONTROL);
  for (const text of shownAs) expect(out).toContain(text);
}

const answer = (card: string, at: string, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ v: 1, card, at, grade: 'good', mode: 'flip', ms: 1000, ...extra });

describe('state files printed by stats and quiz', () => {
  it('shows a review log’s card ids and its bad lines with their control characters made visible', async () => {
    const dir = workspace();
    const log = join(dir, 'progress.jsonl');
    writeFileSync(
      log,
      [
        '{"newsdeck":"review-log","v":1}',
        answer(`gone${RETITLE}\r`, '2025-06-01T10:00:00.000Z'),
        answer(CARD, `2025-06-01${CLEAR}`),
        answer(CARD, '2025-06-01T10:01:00.000Z'),
        '',
      ].join('\n'),
    );
    for (const args of [
      ['stats', 'decks', '--progress', log],
      ['stats', 'decks', '--progress', log, '--json'],
      ['quiz', 'decks', '--plain', '--progress', log],
    ]) {
      const { status, out } = await run(dir, args, ['q']);
      expect(status, out).toBe(0);
      expectVisible(out, args.includes('--json') ? 'gone\\u001b]0;pwned\\u0007\\r' : 'gone\\u001b]0;pwned\\u0007\\u000d');
      if (!args.includes('--json')) expect(out).toContain('line 3 is skipped: "at" must be a UTC time from the years 2000-2200 as newsdeck writes it (e.g. 2025-03-01T12:00:00.000Z), got "2025-06-01\\u009b2J"');
    }
  });

  it('shows a checkpoint’s warnings made visible', async () => {
    const dir = workspace();
    const log = join(dir, 'progress.jsonl');
    const lines = ['{"newsdeck":"review-log","v":1}', '{"v":1}'];
    for (let i = 0; i < 5; i++) lines.push(answer(CARD, new Date(Date.parse('2025-06-01T10:00:00Z') + i * 60_000).toISOString()));
    const bytes = Buffer.from(lines.join('\n') + '\n');
    writeFileSync(log, bytes);
    // The checkpoint newsdeck would save for this log, with a warning a hostile hand rewrote.
    const replayed = replayLog(bytes, undefined, { scheduler: createScheduler({}), now: NOW, clock: localDayClock(NOW), checkpointAfter: 0 });
    if (!replayed.ok || replayed.value.checkpoint === undefined) throw new Error('expected a checkpoint');
    const checkpoint = JSON.parse(replayed.value.checkpoint()) as { warnings: { message: string }[]; check?: string };
    expect(checkpoint.warnings).toHaveLength(1);
    checkpoint.warnings[0]!.message = `line 2 ${RETITLE}${CLEAR}`;
    // A hostile hand recomputes the check that guards a checkpoint against damage.
    delete checkpoint.check;
    const body = JSON.stringify(checkpoint);
    writeFileSync(`${log}.checkpoint.json`, `${body.slice(0, -1)},"check":"${createHash('sha256').update(body).digest('hex')}"}\n`);
    // The quiz starts from the checkpoint (stats replays the whole log: it needs every answer).
    const { status, out } = await run(dir, ['quiz', 'decks', '--plain', '--progress', log], ['q']);
    expect(status, out).toBe(0);
    expectVisible(out, 'warning: ', 'line 2 \\u001b]0;pwned\\u0007\\u009b2J');
  });
});

describe('manifests printed by build', () => {
  it('shows a manifest’s note identities made visible', async () => {
    const dir = workspace();
    expect((await run(dir, ['build', 'decks', '--out', 'out'])).status).toBe(0);
    const path = join(dir, 'out', 'newsdeck-manifest.json');
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as { notes: Record<string, unknown> };
    manifest.notes[`${SAMPLE}/gone${RETITLE}`] = {
      guid: 'abcdefghij',
      hash: '0000000000000000',
      mod: 1_700_000_000,
      package: SAMPLE,
      type: 'qa',
      fields: [`Gone${RETITLE}`, 'Back', '', '', '', ''],
      tags: '',
      decks: { '0': 'Some deck' },
    };
    writeFileSync(path, JSON.stringify(manifest));
    const { status, out } = await run(dir, ['build', 'decks', '--out', 'out']);
    expect(status, out).toBe(0);
    expectVisible(out, `retired  ${SAMPLE}/gone\\u001b]0;pwned\\u0007: Gone\\u001b]0;pwned\\u0007`);
  });

  it('shows the snippet of a manifest that is not JSON made visible', async () => {
    const dir = workspace();
    expect((await run(dir, ['build', 'decks', '--out', 'out'])).status).toBe(0);
    writeFileSync(join(dir, 'out', 'newsdeck-manifest.json'), `{"notes": ${RETITLE}\r${CLEAR}}`);
    const { status, out } = await run(dir, ['build', 'decks', '--out', 'out']);
    expect(status).toBe(1);
    expectVisible(out, 'is not a manifest this version can read', '\\u001b');
  });
});

describe('articles printed by check, preview and quiz', () => {
  it('never passes a lone carriage return of the article to the terminal', async () => {
    const dir = workspace();
    const textPath = join(dir, 'decks', `${SAMPLE}.txt`);
    const text = readFileSync(textPath, 'utf8');
    expect(text).toContain('Days earlier, the Trump');
    writeFileSync(textPath, text.replace('Days earlier, the Trump', 'Days earlier,\rthe Trump').replace(/\n/g, '\r'));
    for (const args of [['check', 'decks'], ['preview', 'decks'], ['preview', 'decks', '--json'], ['quiz', 'decks', '--plain', '--progress', join(dir, 'p.jsonl')]]) {
      const { status, out } = await run(dir, args, ['', '3', 'q']);
      expect(status, out).toBe(0);
      expectVisible(out);
    }
    const { out } = await run(dir, ['preview', 'decks']);
    expect(out).toContain('Days earlier, the Trump administration’s Russia-Ukraine envoy Keith Kellogg');
  });

  it('refuses an article with an escape sequence, naming it without sending it', async () => {
    const dir = workspace();
    const textPath = join(dir, 'decks', `${SAMPLE}.txt`);
    writeFileSync(textPath, readFileSync(textPath, 'utf8').replace('Days earlier, the Trump', () => `Days earlier, ${RETITLE}the Trump`));
    for (const args of [['check', 'decks'], ['preview', 'decks'], ['build', 'decks', '--out', 'out'], ['quiz', 'decks', '--plain']]) {
      const { status, out } = await run(dir, args);
      expect(status, out).toBe(1);
      expectVisible(out, 'control character U+001B');
    }
  });
});
