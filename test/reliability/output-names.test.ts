/**
 * Issue 13, items 1 and 10: no output file name that Anki imports as a
 * whole-collection restore, and no two decks sharing one file. "What to
 * prove" 3: hostile deck, class and student names and article ids never
 * write outside the output folder and give portable file names; text_file
 * never leaves the project root.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { writeFilesAtomic } from '../../src/cli/files.js';
import { isCollectionPackageName, oneDeckStem } from '../../src/cli/output-names.js';
import { openPackage } from '../anki/read-package.js';
import { fakeIo } from '../helpers/io.js';
import { tempFolder } from '../helpers/tmp.js';

const SAMPLE = 'china-trump-russia-pivot';
const repoDecks = new URL('../../decks/', import.meta.url).pathname;

/** A copy of decks/ whose article id is `id`. */
function workspaceWithId(id: string): string {
  const dir = tempFolder('newsdeck-names-');
  cpSync(repoDecks, join(dir, 'decks'), { recursive: true });
  const yaml = join(dir, 'decks', `${SAMPLE}.yaml`);
  writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(`id: ${SAMPLE}`, `id: ${id}`));
  return dir;
}

async function build(cwd: string, ...extra: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const { io, stdout, stderr } = fakeIo({ cwd, env: { SOURCE_DATE_EPOCH: '1750000000' } });
  const status = await main(['build', 'decks', '--out', 'out', ...extra], io);
  return { status, stdout: stdout(), stderr: stderr() };
}

describe('output file names Anki would import as a whole collection', () => {
  it('knows the names of Anki 2.1.16, today’s Anki and AnkiDroid, whatever their case', () => {
    for (const name of ['collection.apkg', 'Collection.APKG', 'backup-plan.apkg', 'BACKUP-2025.apkg', 'x.colpkg']) {
      expect(isCollectionPackageName(name), name).toBe(true);
    }
    for (const name of ['collections.apkg', 'my-collection.apkg', 'backup.apkg', 'backups-plan.apkg', 'deck_backup-plan.apkg', 'deck_collection.apkg']) {
      expect(isCollectionPackageName(name), name).toBe(false);
    }
  });

  for (const id of ['collection', 'backup-plan']) {
    it(`builds article id '${id}' into a package of another name, says so, and keeps the note identities`, async () => {
      const dir = workspaceWithId(id);
      const result = await build(dir);
      expect(result.status, result.stderr).toBe(0);
      const files = readdirSync(join(dir, 'out')).sort();
      expect(files).toEqual([`deck_${id}.apkg`, 'newsdeck-manifest.json']);
      for (const file of files) expect(isCollectionPackageName(file)).toBe(false);
      expect(result.stdout).toContain(`wrote out/deck_${id}.apkg:`);
      expect(result.stdout).toContain(`not ${id}.*: Anki imports a package named ${id}.apkg as a backup that replaces the student's whole collection`);
      // Only the file is renamed: the manifest still keys every note by the article's own id.
      const manifest = JSON.parse(readFileSync(join(dir, 'out', 'newsdeck-manifest.json'), 'utf8')) as { notes: Record<string, unknown> };
      const identities = Object.keys(manifest.notes);
      expect(identities.length).toBeGreaterThan(0);
      for (const identity of identities) expect(identity.startsWith(`${id}/`), identity).toBe(true);
    });
  }

  it('renames a --one-deck name whose slug is special too', async () => {
    const dir = workspaceWithId(SAMPLE);
    const result = await build(dir, '--one-deck', 'Backup: week 1');
    expect(result.status, result.stderr).toBe(0);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['deck_backup-week-1.apkg', 'newsdeck-manifest.json']);
    const pkg = await openPackage(readFileSync(join(dir, 'out', 'deck_backup-week-1.apkg')));
    const names = Object.values(pkg.colJson('decks')).map((d) => (d as { name: string }).name);
    pkg.close();
    // The deck students see keeps the name the teacher gave.
    expect(names.some((n) => n.startsWith('Backup: week 1::'))).toBe(true);
  });
});

describe('--one-deck names the slug cannot spell', () => {
  it('gives different non-Latin names different files, and names Anki takes for one deck the same file', () => {
    const names = ['Класс 10Б', 'Класс 10А', 'Κλάση 10Β', '十年级', '十一年级', 'Straße', '!!!', '???'];
    const stems = names.map(oneDeckStem);
    expect(new Set(stems).size).toBe(names.length);
    for (const stem of stems) expect(stem).toMatch(/^[a-z0-9-]+-[0-9a-f]{8}$/);
    expect(stems).not.toContain('deck');
    // Anki compares deck names case-folded: one deck, so one file and one manifest.
    expect(oneDeckStem('КЛАСС 10Б')).toBe(oneDeckStem('Класс 10Б'));
    // Names the slug spells keep their plain, documented file name.
    expect(oneDeckStem('Class 10B')).toBe('class-10b');
    expect(oneDeckStem('Société 2')).toBe('societe-2');
  });

  it('writes two non-Latin class decks side by side instead of one over the other', async () => {
    const dir = workspaceWithId(SAMPLE);
    expect((await build(dir, '--one-deck', 'Класс 10А')).status).toBe(0);
    expect((await build(dir, '--one-deck', 'Класс 10Б')).status).toBe(0);
    const packages = readdirSync(join(dir, 'out')).filter((f) => f.endsWith('.apkg'));
    expect(packages).toHaveLength(2);
    expect(packages).not.toContain('deck.apkg');
  });
});

describe('two outputs of one write that are one file where case does not count', () => {
  it('refuses before writing anything', () => {
    const dir = tempFolder('newsdeck-names-');
    expect(() =>
      writeFilesAtomic([
        { path: join(dir, 'Class.apkg'), data: 'one' },
        { path: join(dir, 'class.apkg'), data: 'two' },
      ]),
    ).toThrow(/refusing to write both .*Class\.apkg and .*class\.apkg: where case does not count they are one file.*nothing was changed/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses the same path twice', () => {
    const dir = tempFolder('newsdeck-names-');
    expect(() =>
      writeFilesAtomic([
        { path: join(dir, 'a.apkg'), data: 'one' },
        { path: join(dir, 'a.apkg'), data: 'two' },
      ]),
    ).toThrow(/refusing to write .*a\.apkg twice/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------
// Issue 13, "what to prove" 3: hostile names never write outside the output folder and give portable file names.

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(dir, join(prefix, e.name)) : [join(prefix, e.name)],
  );
}

/** A file name any file system takes: short, no separators, no device name of Windows, no trailing dot or space. */
function expectPortable(name: string): void {
  expect(name, name).toMatch(/^[a-z0-9][a-z0-9._-]*$/);
  expect(Buffer.byteLength(name), name).toBeLessThanOrEqual(255);
  expect(name.split('.')[0], name).not.toMatch(/^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i);
  expect(name, name).not.toMatch(/[. ]$/);
  expect(isCollectionPackageName(name), name).toBe(false);
}

const HOSTILE_NAMES = ['../../x', '/etc/passwd', '..', 'CON', 'nul', 'Lpt1', 'C:\\Windows\\x', 'a:b', 'Class\n10B', 'n'.repeat(300), 'Ünïcödé ' + 'ß'.repeat(290)];

describe('hostile --one-deck and class names', () => {
  it.each(HOSTILE_NAMES.map((n) => [JSON.stringify(n).slice(0, 40), n]))('build --one-deck %s writes portable names inside the output folder only', async (_shown, name) => {
    const dir = workspaceWithId(SAMPLE);
    const before = filesUnder(dir).sort();
    const result = await build(dir, '--one-deck', name, '--format', 'apkg,handout');
    expect(result.status, result.stderr).toBe(0);
    const written = filesUnder(dir).filter((f) => !before.includes(f));
    // The package, its manifest and the handout (HTML and Markdown): the longest suffixes.
    expect(written.length, written.join(' ')).toBe(4);
    for (const file of written) {
      expect(file.startsWith('out/'), file).toBe(true);
      expectPortable(file.slice('out/'.length));
    }
  });

  it('keeps two long names that differ only at their end in two files', () => {
    const a = oneDeckStem(`${'n'.repeat(300)}a`);
    const b = oneDeckStem(`${'n'.repeat(300)}b`);
    expect(a).not.toBe(b);
    for (const stem of [a, b]) expectPortable(`${stem}.handout.html.4194304.tmp`);
  });

  it('names a class package after a hostile class name inside the class output folder', async () => {
    const dir = workspaceWithId(SAMPLE);
    writeFileSync(join(dir, 'newsdeck.yaml'), `newsdeck: 1\nclass: ${JSON.stringify(`../../${'x'.repeat(300)}`)}\nannotations: [decks]\noutputs:\n  package: one\n`);
    const { io, stderr } = fakeIo({ cwd: dir, env: { SOURCE_DATE_EPOCH: '1750000000' } });
    expect(await main(['build'], io), stderr()).toBe(0);
    const written = filesUnder(dir).filter((f) => !f.startsWith('decks/') && f !== 'newsdeck.yaml');
    expect(written.length).toBe(2);
    for (const file of written) {
      expect(file.startsWith('out/'), file).toBe(true);
      expectPortable(file.slice('out/'.length));
    }
  });
});

describe('hostile article ids', () => {
  it.each(['con', 'nul', 'aux', 'com1', 'lpt9', 'prn'])('builds id %s into deck_<id>.* and says why', async (id) => {
    const dir = workspaceWithId(id);
    const result = await build(dir, '--format', 'apkg,quizlet');
    expect(result.status, result.stderr).toBe(0);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual([`deck_${id}.apkg`, `deck_${id}.quizlet.txt`, 'newsdeck-manifest.json']);
    expect(result.stdout).toContain(`Windows keeps the name ${id} for a device`);
  });

  it('builds a 300-character id into a file name every file system takes', async () => {
    const id = 'a-'.repeat(149) + 'z';
    const dir = workspaceWithId(id);
    const result = await build(dir, '--format', 'apkg,anki-text,quizlet,review,handout');
    expect(result.status, result.stderr).toBe(0);
    for (const file of readdirSync(join(dir, 'out'))) expectPortable(file);
  });

  it.each(['../../x', '/etc/passwd', 'a:b', 'CON', 'x\ny', ' x'])('refuses id %j at its place, writing nothing', async (id) => {
    const dir = workspaceWithId(SAMPLE);
    const yaml = join(dir, 'decks', `${SAMPLE}.yaml`);
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(`id: ${SAMPLE}`, () => `id: ${JSON.stringify(id)}`));
    const result = await build(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^decks/${SAMPLE}\\.yaml:5:7: invalid-id: `, 'm'));
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});

describe('hostile student names', () => {
  it.each(['../../x', '/etc/passwd', 'CON', 'a:b', 's'.repeat(300)])('an exam for %j writes one portable CSV in the working folder', async (student) => {
    const dir = workspaceWithId(SAMPLE);
    const { io, stderr } = fakeIo({ cwd: dir, stdin: ['q'], env: { SOURCE_DATE_EPOCH: '1750000000' } });
    expect(await main(['quiz', 'decks', '--plain', '--exam', '--seed', '5', '--count', '2', '--student', student], io), stderr()).toBe(0);
    const written = filesUnder(dir).filter((f) => !f.startsWith('decks/'));
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^exam-5-[a-z0-9-]+\.csv$/);
    expectPortable(written[0]!);
  });
});

describe('text_file that leaves the project or is no regular file', () => {
  const cases: [string, (dir: string) => string, RegExp][] = [
    ['an absolute path', () => '/etc/passwd', /text-file-outside: text_file '\/etc\/passwd' is outside the project root/],
    ['a device', () => '/dev/zero', /text-file-outside: text_file '\/dev\/zero' is outside the project root/],
    ['.. past the root', () => '../../etc/passwd', /text-file-outside: text_file '..\/..\/etc\/passwd' is outside the project root/],
    ['a Windows drive', () => 'C:\\Windows\\win.ini', /text-file-outside: /],
    ['a link out of the root', (dir) => (symlinkSync('/etc/hostname', join(dir, 'decks', 'link.txt')), 'link.txt'), /text-file-outside: text_file 'link.txt' is outside the annotation's folder: it is a link to a file outside the annotation's folder/],
    ['a link to a device', (dir) => (symlinkSync('/dev/zero', join(dir, 'decks', 'zero.txt')), 'zero.txt'), /text-file-outside: .*it is a link to a file outside/],
    ['a FIFO', (dir) => (execFileSync('mkfifo', [join(dir, 'decks', 'fifo.txt')]), 'fifo.txt'), /text-file-missing: cannot read text_file 'fifo.txt': it is a FIFO \(named pipe\), not a regular file/],
    ['a folder', (dir) => (mkdirSync(join(dir, 'decks', 'sub')), 'sub'), /text-file-missing: cannot read text_file 'sub': it is a folder/],
  ];
  it.each(cases)('refuses %s with its place and a clear message', async (_what, make, message) => {
    const dir = workspaceWithId(SAMPLE);
    const yaml = join(dir, 'decks', `${SAMPLE}.yaml`);
    const name = make(dir);
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(`text_file: ${SAMPLE}.txt`, () => `text_file: ${JSON.stringify(name)}`));
    const { io, stdout, stderr } = fakeIo({ cwd: dir });
    expect(await main(['check', 'decks'], io)).toBe(1);
    expect(stdout() + stderr()).toMatch(new RegExp(`decks/${SAMPLE}\\.yaml:9:14: `));
    expect(stdout() + stderr()).toMatch(message);
  });
});
