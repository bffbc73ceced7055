/**
 * Issue 13, "what to prove" 7: every file newsdeck reads back (the output
 * folder's manifest and build journal, the review log and its checkpoint, the
 * template cache, the class file, an exam CSV), damaged five ways: cut in
 * half, garbage bytes, the wrong JSON (or YAML, CSV) shape, a byte order mark
 * in front, empty. Each is either read as what it is (a BOM, a cut log line,
 * an empty log), or refused with a message that names the file and says what
 * to do, and left as it was; a cache is passed over and rebuilt. Never a
 * crash, never a silent overwrite.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { readCheckpoint } from '../../src/quiz/checkpoint.js';
import { createScheduler } from '../../src/quiz/scheduler.js';
import { fakeIo } from '../helpers/io.js';
import { tempFolder } from '../helpers/tmp.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const SAMPLE = 'china-trump-russia-pivot';
const CARD = `${SAMPLE}/actor-reverse/keith-kellogg`;

const DAMAGES = ['cut in half', 'garbage bytes', 'wrong shape', 'BOM', 'empty'] as const;
type Damage = (typeof DAMAGES)[number];

function damaged(good: Buffer, damage: Damage, shape: string): Buffer {
  switch (damage) {
    case 'cut in half':
      return good.subarray(0, Math.floor(good.length / 2));
    case 'garbage bytes':
      return Buffer.from([0x00, 0xff, 0xfe, 0x13, 0x37, 0x80, 0x0a, 0x7b, 0x1b, 0x5b, 0x32, 0x4a]);
    case 'wrong shape':
      return Buffer.from(shape);
    case 'BOM':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), good]);
    case 'empty':
      return Buffer.alloc(0);
  }
}

async function run(cwd: string, args: string[]): Promise<{ status: number; out: string; err: string }> {
  const { io, stdout, stderr } = fakeIo({ cwd, stdin: ['q'], env: { HOME: cwd, XDG_CACHE_HOME: join(cwd, '.cache'), SOURCE_DATE_EPOCH: '1750000000', TZ: 'UTC' } });
  const status = await main(args, io);
  return { status, out: stdout(), err: stderr() };
}

function sampleFolder(): string {
  const dir = tempFolder('newsdeck-corrupt-');
  cpSync(join(ROOT, 'decks'), join(dir, 'decks'), { recursive: true });
  return dir;
}

const answerLine = (i: number): string =>
  JSON.stringify({ v: 1, card: CARD, at: new Date(Date.parse('2025-02-01T10:00:00Z') + i * 60_000).toISOString(), grade: 'good', mode: 'flip', ms: 1000 });

/** What a damaged file must give: read as it is (0), refused naming it (1, and left as it was), or passed over as a cache and rebuilt. */
type Outcome = { read: true } | { refused: RegExp } | { rebuilt: true };

interface Row {
  file: string;
  shape: string;
  /** Makes a folder where the file is good and the command reads it; returns the file's path and the command. */
  setup: () => Promise<{ dir: string; path: string; args: string[] }>;
  /** True when the file is whole and good again (for a cache). */
  valid?: (text: string) => boolean;
  outcomes: Record<Damage, Outcome>;
}

const ROWS: Row[] = [
  {
    file: 'out/newsdeck-manifest.json',
    shape: '[1, 2, 3]\n',
    async setup() {
      const dir = sampleFolder();
      expect((await run(dir, ['build', 'decks', '--out', 'out'])).status).toBe(0);
      return { dir, path: join(dir, 'out', 'newsdeck-manifest.json'), args: ['build', 'decks', '--out', 'out'] };
    },
    outcomes: {
      'cut in half': { refused: /^newsdeck build: out\/newsdeck-manifest\.json is not a manifest this version can read \(the manifest is not valid JSON .*\)\.\nRestore it from a backup, or build with --fresh/ },
      'garbage bytes': { refused: /^newsdeck build: out\/newsdeck-manifest\.json is not a manifest this version can read \(the manifest is not valid JSON .*\)\.\nRestore it from a backup, or build with --fresh/s },
      'wrong shape': { refused: /^newsdeck build: out\/newsdeck-manifest\.json is not a manifest this version can read \(it is not a newsdeck build manifest version 2: .*\)\.\nRestore it from a backup, or build with --fresh/ },
      BOM: { read: true },
      empty: { refused: /^newsdeck build: out\/newsdeck-manifest\.json is not a manifest this version can read \(the manifest is not valid JSON .*\)\.\nRestore it from a backup, or build with --fresh/ },
    },
  },
  {
    file: 'out/newsdeck-manifest.pending.json (the journal of a build killed mid-commit)',
    shape: '{"format": "something else"}\n',
    async setup() {
      const dir = sampleFolder();
      expect((await run(dir, ['build', 'decks', '--out', 'out'])).status).toBe(0);
      cpSync(join(dir, 'out', 'newsdeck-manifest.json'), join(dir, 'out', 'newsdeck-manifest.pending.json'));
      return { dir, path: join(dir, 'out', 'newsdeck-manifest.pending.json'), args: ['build', 'decks', '--out', 'out'] };
    },
    outcomes: Object.fromEntries(
      DAMAGES.map((d) => [d, d === 'BOM' ? { read: true } : { refused: /^newsdeck build: out\/newsdeck-manifest\.pending\.json is not a build journal this version can read; move it away and build again\n$/ }]),
    ) as Record<Damage, Outcome>,
  },
  {
    file: 'progress.jsonl (the review log)',
    shape: '[1, 2, 3]\n',
    async setup() {
      const dir = sampleFolder();
      const path = join(dir, 'progress.jsonl');
      writeFileSync(path, ['{"newsdeck":"review-log","v":1}', answerLine(0), answerLine(1)].join('\n') + '\n');
      return { dir, path, args: ['quiz', 'decks', '--plain', '--progress', path] };
    },
    outcomes: {
      'cut in half': { read: true },
      'garbage bytes': { refused: /progress\.jsonl:1: this is not a newsdeck review log: its first line should be \{"newsdeck":"review-log","v":1\}\. Choose another file with --progress, or move this one away\. The file was not changed\.\n$/ },
      'wrong shape': { refused: /progress\.jsonl:1: this is not a newsdeck review log: its first line should be \{"newsdeck":"review-log","v":1\}\. Choose another file with --progress, or move this one away\. The file was not changed\.\n$/ },
      BOM: { read: true },
      empty: { read: true },
    },
  },
  {
    file: 'progress.jsonl.checkpoint.json (the replay cache)',
    shape: '{"newsdeck":"replay-checkpoint","v":3,"cards":7}\n',
    async setup() {
      const dir = sampleFolder();
      const path = join(dir, 'progress.jsonl');
      writeFileSync(path, ['{"newsdeck":"review-log","v":1}', ...Array.from({ length: 1001 }, (_, i) => answerLine(i))].join('\n') + '\n');
      expect((await run(dir, ['stats', 'decks', '--progress', path])).status).toBe(0);
      expect(existsSync(`${path}.checkpoint.json`)).toBe(true);
      return { dir, path: `${path}.checkpoint.json`, args: ['stats', 'decks', '--progress', path, '--json'] };
    },
    valid: (text) => readCheckpoint(text, createScheduler({})) !== undefined,
    outcomes: Object.fromEntries(DAMAGES.map((d) => [d, { rebuilt: true }])) as Record<Damage, Outcome>,
  },
  {
    file: 'newsdeck.yaml (the class file)',
    shape: '- a list\n- not a mapping\n',
    async setup() {
      const parent = tempFolder('newsdeck-corrupt-class-');
      expect((await run(parent, ['init', '--class', 'k', '--name', 'K'])).status).toBe(0);
      const dir = join(parent, 'k');
      cpSync(join(ROOT, 'decks'), join(dir, 'annotations'), { recursive: true });
      return { dir, path: join(dir, 'newsdeck.yaml'), args: ['build'] };
    },
    outcomes: {
      // Cut after its `tags:` line, what is left is a class file (YAML cannot tell): the settings cut off take their defaults.
      'cut in half': { read: true },
      'garbage bytes': { refused: /^newsdeck build: cannot read the class file newsdeck\.yaml: .*\nFix or restore it \(see 'newsdeck init --class' for every setting\); nothing was written\n$/ },
      'wrong shape': { refused: /^newsdeck build: newsdeck\.yaml:1:1: the class file must be a mapping, e\.g\. `newsdeck: 1` and `class: Class 10B`\nfix the class file \(see 'newsdeck init --class' for every setting\); nothing was written\n$/ },
      BOM: { read: true },
      empty: { refused: /^newsdeck build: newsdeck\.yaml:1:1: the class file must be a mapping, e\.g\. `newsdeck: 1` and `class: Class 10B`\nfix the class file/ },
    },
  },
  {
    file: 'exam-7-ada.csv (an exam CSV)',
    shape: 'name,score\nAda,3\n',
    async setup() {
      const dir = tempFolder('newsdeck-corrupt-exam-');
      const path = join(dir, 'exam-7-ada.csv');
      writeFileSync(path, 'student,seed,question,card,asked,answer,result,seconds\r\nAda,7,1,a/b/c,Who?,x,wrong,3.3\r\nAda,7,2,a/b/d,When?,,unanswered,\r\n');
      return { dir, path, args: ['results', 'exam-7-ada.csv'] };
    },
    outcomes: {
      'cut in half': { refused: /^newsdeck results: exam-7-ada\.csv:2: expected 8 cells .*, found 2\. Use the file as newsdeck quiz --exam wrote it \(it may be cut short or edited\)\n$/ },
      'garbage bytes': { refused: /^newsdeck results: exam-7-ada\.csv:1: this is not an exam CSV of newsdeck quiz --exam: its first line should be student,seed,question,card,asked,answer,result,seconds\. Use the file as newsdeck quiz --exam wrote it/ },
      'wrong shape': { refused: /^newsdeck results: exam-7-ada\.csv:1: this is not an exam CSV of newsdeck quiz --exam/ },
      BOM: { read: true },
      empty: { refused: /^newsdeck results: exam-7-ada\.csv:1: this is not an exam CSV of newsdeck quiz --exam/ },
    },
  },
  {
    file: '~/.cache/newsdeck/templates/<key>/manifest.json (the template cache)',
    shape: '{"format": 1, "inputs": 5}\n',
    async setup() {
      const dir = sampleFolder();
      const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
      const block = readme.split('```ts\n').find((b) => b.startsWith('// my-templates/who-met.ts\n')) as string;
      mkdirSync(join(dir, 'my-templates'));
      writeFileSync(join(dir, 'my-templates', 'who-met.ts'), block.slice(0, block.indexOf('```')));
      const args = ['build', 'decks', '--out', 'out', '--templates', 'my-templates'];
      expect((await run(dir, args)).status).toBe(0);
      const cache = join(dir, '.cache', 'newsdeck', 'templates');
      const [entry] = readdirSync(cache);
      return { dir, path: join(cache, entry as string, 'manifest.json'), args };
    },
    valid: (text) => {
      try {
        return Array.isArray((JSON.parse(text) as { inputs?: unknown }).inputs);
      } catch {
        return false;
      }
    },
    outcomes: Object.fromEntries(DAMAGES.map((d) => [d, { rebuilt: true }])) as Record<Damage, Outcome>,
  },
];

describe('a damaged file newsdeck reads back', () => {
  for (const row of ROWS) {
    it(`${row.file}: ${DAMAGES.join(', ')}`, async () => {
      const { dir, path, args } = await row.setup();
      const good = readFileSync(path);
      // What the command gives with the good file (what a rebuilt cache must give again).
      const expected = row.valid === undefined ? undefined : await run(dir, args);
      if (expected !== undefined) expect(expected.status, expected.err).toBe(0);
      for (const damage of DAMAGES) {
        const bytes = damaged(good, damage, row.shape);
        writeFileSync(path, bytes);
        const outcome = row.outcomes[damage];
        const result = await run(dir, args);
        const what = `${row.file}, ${damage}: ${result.err}`;
        expect(result.err, what).not.toMatch(/internal error|TypeError|at .*\.ts:\d+/);
        if ('refused' in outcome) {
          expect(result.status, what).toBe(1);
          expect(result.err, what).toMatch(outcome.refused);
          expect(readFileSync(path).equals(bytes), `${what}: the file was changed`).toBe(true);
        } else if ('read' in outcome) {
          expect(result.status, what).toBe(0);
        } else {
          // A cache: passed over, the same result as with a good one, and whole again afterwards.
          expect(result.status, what).toBe(0);
          expect(result.out, what).toBe(expected?.out);
          expect(row.valid?.(readFileSync(path, 'utf8')), `${what}: the cache was not rebuilt`).toBe(true);
        }
        writeFileSync(path, good);
      }
    }, 120_000);
  }
});
