/**
 * Issue 13, items 1 and 10: no output file name that Anki imports as a
 * whole-collection restore, and no two decks sharing one file.
 */
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
