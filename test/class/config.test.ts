/**
 * The class file and the class folder: what `init --class` writes, what every
 * command then reads from newsdeck.yaml, and the project root that
 * `text_file` may not leave.
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseClassFile } from '../../src/class/config.js';
import { progressReporter } from '../../src/class/progress.js';
import { openPackage } from '../anki/read-package.js';
import { tempFolder } from '../helpers/tmp.js';
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';
import { fakeIo } from '../helpers/io.js';
import { classFolder, editAnnotation, indexOf, run, SAMPLE } from './class-folder.js';

describe('the class file', () => {
  it('fills in every default from the two required settings', () => {
    const parsed = parseClassFile('newsdeck: 1\nclass: Class 10B\n');
    expect(parsed).toEqual({
      ok: true,
      settings: {
        name: 'Class 10B',
        deckPrefix: 'Class 10B',
        annotations: ['annotations'],
        cards: ['actors', 'quotes', 'claims', 'events', 'terms', 'facts'],
        tags: [],
        outputs: { folder: 'out', formats: ['apkg'], package: 'one' },
        exam: {},
      },
    });
  });

  it('reports each mistake with its line and column', () => {
    const parsed = parseClassFile('newsdeck: 1\nclass: Class 10B\ncards: [actors, qoutes]\noutputs:\n  folder: ../elsewhere\n  pakage: one\n');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const byLine = parsed.errors.map((e) => `${e.line}:${e.col} ${e.message}`);
    expect(byLine).toContainEqual(expect.stringMatching(/^3:17 'cards\.1': /));
    expect(byLine).toContainEqual(expect.stringMatching(/^5:11 'outputs\.folder': a path inside the class folder/));
    expect(byLine).toContainEqual("6:3 unknown key 'pakage' in 'outputs'; the keys allowed here are: folder, formats, package");
  });

  it('refuses a version it does not read, YAML aliases and a file that is not a mapping', () => {
    expect(parseClassFile('newsdeck: 2\nclass: A\n').ok).toBe(false);
    expect(parseClassFile('newsdeck: 1\nclass: &a A\ndeck_prefix: *a\n').ok).toBe(false);
    expect(parseClassFile('- a list\n').ok).toBe(false);
  });
});

describe('newsdeck init --class', () => {
  it('writes a class file every command reads, and never overwrites it', async () => {
    const dir = tempFolder('newsdeck-init-');
    const first = await run(dir, ['init', '--class', 'week', '--name', 'Class 10B']);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain("wrote week/newsdeck.yaml (class 'Class 10B')");
    const text = readFileSync(join(dir, 'week', 'newsdeck.yaml'), 'utf8');
    expect(parseClassFile(text).ok).toBe(true);
    writeFileSync(join(dir, 'week', 'newsdeck.yaml'), `${text}# the teacher's own line\n`);
    const again = await run(dir, ['init', '--class', 'week']);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('week/newsdeck.yaml exists already');
    expect(readFileSync(join(dir, 'week', 'newsdeck.yaml'), 'utf8')).toContain("# the teacher's own line");
    expect((await run(dir, ['init'])).status).toBe(2);
  });
});

describe('commands in a class folder', () => {
  it('quiz takes the class’s annotations, and its exam settings for --seed and --count', async () => {
    const dir = await classFolder(['maldives-carbon-neutral']);
    const classFile = join(dir, 'newsdeck.yaml');
    writeFileSync(classFile, readFileSync(classFile, 'utf8').replace('  questions: 20', '  questions: 3\n  seed: "7"'));
    const { io, stdout, stderr } = fakeIo({ cwd: dir, stdin: ['q'] });
    const status = await main(['quiz', '--plain', '--exam', '--student', 'Ada', '--progress', join(dir, 'progress.jsonl')], io);
    expect(status, stderr()).toBe(0);
    expect(stdout()).toContain('Exam: seed 7, 3 questions');
    // The CSV lists the three questions, unanswered after the student quit.
    expect(readFileSync(join(dir, 'exam-7-ada.csv'), 'utf8').trim().split('\n')).toHaveLength(4);
  });


  it('check, run inside the folder or given it, checks the class’s annotations', async () => {
    const dir = await classFolder();
    const inside = await run(dir, ['check']);
    expect(inside.status, inside.stdout + inside.stderr).toBe(0);
    expect(inside.stdout).toContain(`annotations/${SAMPLE}.yaml: ok`);
    expect(inside.stdout.match(/: ok:/g)).toHaveLength(5);
    const given = await run(join(dir, '..'), ['check', 'class-10b']);
    expect(given.status).toBe(0);
    expect(given.stdout).toContain(`class-10b/annotations/${SAMPLE}.yaml: ok`);
  });

  it('applies the class’s card families, tags and deck prefix', async () => {
    const dir = await classFolder([]);
    writeFileSync(join(dir, 'newsdeck.yaml'), 'newsdeck: 1\nclass: Class 10B\ndeck_prefix: "10B::Week 1"\ncards: [actors]\ntags: [class-10b]\n');
    const built = await run(dir, ['build']);
    expect(built.status, built.stderr).toBe(0);
    expect(built.stdout).toMatch(/wrote out\/class-10b\.apkg: \d+ cards \(actors \d+\)/);
    const pkg = await openPackage(readFileSync(join(dir, 'out', 'class-10b.apkg')));
    const tags = pkg.rows('select tags from notes').map((r) => String(r.tags));
    const decks = Object.values(pkg.colJson('decks')).map((d) => (d as { name: string }).name);
    pkg.close();
    for (const tag of tags) expect(tag).toContain(' class-10b ');
    expect(decks.filter((d) => d !== 'Default').every((d) => d === '10B' || d.startsWith('10B::Week 1'))).toBe(true);
  });

  it('reports a broken class file with its position, and writes nothing', async () => {
    const dir = await classFolder([]);
    writeFileSync(join(dir, 'newsdeck.yaml'), 'newsdeck: 1\nclass: Class 10B\noutput:\n  folder: out\n');
    const result = await run(dir, ['build']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("newsdeck.yaml:3:1: unknown key 'output' in the class file; the keys allowed here are: newsdeck, class, deck_prefix, annotations, cards, tags, templates, outputs, exam");
    expect(result.stderr).toContain('nothing was written');
  });
});

describe('text_file and the project root', () => {
  it('refuses a text file above the class folder, and a link out of it', async () => {
    const dir = await classFolder([]);
    writeFileSync(join(dir, '..', 'secret.txt'), 'not for cards');
    editAnnotation(dir, SAMPLE, (doc) => doc.setIn(['article', 'text_file'], '../../secret.txt'));
    const above = await run(dir, ['check']);
    expect(above.status).toBe(1);
    expect(above.stdout).toContain("text-file-outside: text_file '../../secret.txt' is outside the project root");
    symlinkSync(join(dir, '..', 'secret.txt'), join(dir, 'articles', 'link.txt'));
    editAnnotation(dir, SAMPLE, (doc) => doc.setIn(['article', 'text_file'], '../articles/link.txt'));
    const link = await run(dir, ['check']);
    expect(link.status).toBe(1);
    expect(link.stdout).toContain('it is a link to a file outside the project root');
  });

  it('without a class file, takes the folder named on the command line as the root', async () => {
    const dir = tempFolder('newsdeck-root-');
    mkdirSync(join(dir, 'course', 'annotations'), { recursive: true });
    mkdirSync(join(dir, 'course', 'articles'), { recursive: true });
    writeFileSync(join(dir, 'course', 'articles', 'a.txt'), 'Wang Yi spoke.');
    const yaml = (file: string): string => `format: 1\narticle:\n  id: a\n  title: A\n  text_file: ${file}\nactors:\n  - id: wang-yi\n    name: Wang Yi\n    kind: person\n    role: China's top diplomat\n`;
    writeFileSync(join(dir, 'course', 'annotations', 'a.yaml'), yaml('../articles/a.txt'));
    expect((await run(dir, ['check', 'course'])).status).toBe(0);
    // Named by itself, the annotations folder is the root: its sibling is outside.
    const narrow = await run(dir, ['check', 'course/annotations']);
    expect(narrow.status).toBe(1);
    expect(narrow.stdout).toContain('is outside the project root');
  });
});

describe('was: old-id', () => {
  it('is refused when another item has that id, or it is the item’s own', async () => {
    const dir = await classFolder([]);
    editAnnotation(dir, SAMPLE, (doc) => {
      doc.setIn(['claims', indexOf(doc, 'claims', 'china-putins-lifeline'), 'was'], 'pivot-upended-us-policy');
      doc.setIn(['claims', indexOf(doc, 'claims', 'xi-lost-europe-trust'), 'was'], 'xi-lost-europe-trust');
    });
    const result = await run(dir, ['check']);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/duplicate-id: 'was: pivot-upended-us-policy' is the id of claims\[\d+\] \(line \d+\); two items would share one card identity/);
    expect(result.stdout).toContain("duplicate-id: 'was: xi-lost-europe-trust' is the item's own id");
  });
});

describe('progress of a build of many articles', () => {
  it('prints plain lines when stderr is not a terminal', async () => {
    const dir = await classFolder();
    const result = await run(dir, ['build']);
    expect(result.status).toBe(0);
    expect(result.stderr.split('\n').filter((l) => /^articles \d\/5: annotations\//.test(l))).toHaveLength(5);
  });

  it('redraws one bar in place on a terminal, and clears it at the end', () => {
    const stream = Object.assign(new PassThrough(), { isTTY: true });
    let text = '';
    stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const progress = progressReporter(stream, 8, 'articles', true);
    for (let i = 0; i < 8; i++) progress.tick(`annotations/${i}.yaml`);
    progress.done();
    stream.end();
    expect(text).not.toContain('\n');
    expect(text).toContain('\r[############............] 4/8 articles annotations/3.yaml\u001b[K');
    expect(text.endsWith('\r\u001b[K')).toBe(true);
    // A few articles: no progress at all.
    const quiet = Object.assign(new PassThrough(), { isTTY: true });
    progressReporter(quiet, 3, 'articles', true).tick('a');
    expect(quiet.read()).toBeNull();
  });
});

