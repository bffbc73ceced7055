/**
 * The output folder's one manifest: committed with the packages as one
 * (issue 13, point 3), refused when it is missing or not the folder's own,
 * keyed by note identity so that regrouping keeps every note's history, and
 * a package of another deck with the same file name never overwritten.
 */
import { cpSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openPackage } from '../anki/read-package.js';
import { tempFolder } from '../helpers/tmp.js';
import { classFolder, editAnnotation, indexOf, run, SAMPLE } from './class-folder.js';

/** Two articles are enough for the folder's rules, and keep these tests quick. */
const SMALL = ['maldives-carbon-neutral'];

const T1 = 1_750_000_000;
const T2 = T1 + 86_400;

interface Manifest {
  packages: Record<string, { sha256: string; deck: string }>;
  notes: Record<string, { guid: string; mod: number; package: string; retired?: true }>;
}
const manifestOf = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'out', 'newsdeck-manifest.json'), 'utf8')) as Manifest;
const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** The folder's manifest describes exactly the packages on disk: their hashes, and each note's mod. */
async function expectConsistent(dir: string): Promise<void> {
  const out = join(dir, 'out');
  const manifest = manifestOf(dir);
  const files = readdirSync(out);
  expect(files.filter((f) => f.endsWith('.tmp') || f.includes('pending'))).toEqual([]);
  for (const file of files.filter((f) => f.endsWith('.apkg'))) {
    const stem = file.slice(0, -5);
    expect(manifest.packages[stem]?.sha256, file).toBe(sha(join(out, file)));
    const pkg = await openPackage(readFileSync(join(out, file)));
    const byGuid = new Map(Object.values(manifest.notes).filter((n) => n.package === stem).map((n) => [n.guid, n.mod]));
    for (const row of pkg.rows('select guid, mod from notes')) expect(row.mod, String(row.guid)).toBe(byGuid.get(String(row.guid)));
    pkg.close();
  }
}

function editSample(dir: string): void {
  editAnnotation(dir, SAMPLE, (doc) => {
    doc.setIn(['actors', indexOf(doc, 'actors', 'wang-yi'), 'role'], "China's foreign minister");
    doc.deleteIn(['claims', indexOf(doc, 'claims', 'china-putins-lifeline')]);
  });
}

/**
 * A class folder built at T1 and its sample edited, and a copy of it rebuilt at
 * T2: the copy's package and manifest are what the interrupted build made.
 */
async function builtAndEditedCopy(): Promise<{ dir: string; copy: string }> {
  const dir = await classFolder(SMALL);
  expect((await run(dir, ['build'], T1)).status).toBe(0);
  const copy = join(tempFolder('newsdeck-copy-'), 'class');
  cpSync(dir, copy, { recursive: true });
  editSample(copy);
  expect((await run(copy, ['build'], T2)).status).toBe(0);
  editSample(dir);
  return { dir, copy };
}

describe('package and manifest commit as one', () => {
  it('recovers a build killed between renaming the package and the manifest: the manifest then describes the new package', async () => {
    const { dir, copy } = await builtAndEditedCopy();
    // The state a kill leaves after the package's rename: new package, old manifest, the journal beside them.
    cpSync(join(copy, 'out', 'class-10b.apkg'), join(dir, 'out', 'class-10b.apkg'));
    cpSync(join(copy, 'out', 'newsdeck-manifest.json'), join(dir, 'out', 'newsdeck-manifest.pending.json'));
    const again = await run(dir, ['build'], T2 + 100);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toContain('a build was interrupted after writing packages');
    // Nothing left to change: the retired note was shipped, the edit is known; nothing is stale.
    expect(again.stdout).toMatch(/notes: 0 added, 0 changed, \d+ unchanged, 0 retired/);
    await expectConsistent(dir);
  });

  it('undoes a build killed before any package was renamed: the old manifest stays, and the next build ships the changes', async () => {
    const { dir, copy } = await builtAndEditedCopy();
    // The state a kill leaves after the journal, before any rename: the journal beside the old package and manifest.
    cpSync(join(copy, 'out', 'newsdeck-manifest.json'), join(dir, 'out', 'newsdeck-manifest.pending.json'));
    const again = await run(dir, ['build'], T2);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).not.toContain('interrupted');
    expect(again.stdout).toMatch(/notes: \d+ added, [1-9]\d* changed, \d+ unchanged, [1-9]\d* retired/);
    await expectConsistent(dir);
  });
});

describe('a folder whose manifest is missing or not its own', () => {
  it('refuses a folder with packages but no manifest, unless --fresh', async () => {
    const dir = await classFolder(SMALL);
    expect((await run(dir, ['build'], T1)).status).toBe(0);
    rmSync(join(dir, 'out', 'newsdeck-manifest.json'));
    const refused = await run(dir, ['build'], T2);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('out has packages (class-10b.apkg) but no newsdeck-manifest.json');
    expect(refused.stderr).toContain('--fresh');
    const fresh = await run(dir, ['build', '--fresh'], T2);
    expect(fresh.status, fresh.stderr).toBe(0);
    expect(fresh.stdout).toMatch(/notes: \d+ added, 0 changed, 0 unchanged/);
  });

  it('refuses another folder’s manifest (its packages are not the files beside it)', async () => {
    const dir = await classFolder(SMALL);
    const other = await classFolder(SMALL);
    expect((await run(dir, ['build'], T1)).status).toBe(0);
    editSample(other);
    expect((await run(other, ['build'], T1)).status).toBe(0);
    cpSync(join(other, 'out', 'newsdeck-manifest.json'), join(dir, 'out', 'newsdeck-manifest.json'));
    const refused = await run(dir, ['build'], T2);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('out/class-10b.apkg is not the package newsdeck-manifest.json describes');
  });

  it('refuses a manifest mod beyond 2106 (a time in milliseconds read as seconds)', async () => {
    const dir = await classFolder(SMALL);
    expect((await run(dir, ['build'], T1)).status).toBe(0);
    const path = join(dir, 'out', 'newsdeck-manifest.json');
    const manifest = manifestOf(dir);
    const first = Object.values(manifest.notes)[0];
    if (first === undefined) throw new Error('empty manifest');
    first.mod = 9e12;
    writeFileSync(path, JSON.stringify(manifest));
    const refused = await run(dir, ['build'], T2);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/newsdeck-manifest\.json is not a manifest this version can read .*a mod must be a time in seconds, at most 4294967295/);
  });

  it('does not silently overwrite --one-deck "Class 10B" with --one-deck "class-10b" (one file name, two decks)', async () => {
    const dir = tempFolder('newsdeck-names-');
    cpSync(new URL('../../decks/', import.meta.url).pathname, join(dir, 'decks'), { recursive: true });
    expect((await run(dir, ['build', 'decks', '--one-deck', 'Class 10B'], T1)).status).toBe(0);
    const bytes = readFileSync(join(dir, 'out', 'class-10b.apkg'));
    const other = await run(dir, ['build', 'decks', '--one-deck', 'class-10b'], T2);
    expect(other.status).toBe(1);
    expect(other.stderr).toContain("refusing to overwrite out/class-10b.apkg: it is the package of deck 'Class 10B', and this build's deck 'class-10b' has the same file name");
    expect(readFileSync(join(dir, 'out', 'class-10b.apkg')).equals(bytes)).toBe(true);
    // The same deck written with other capitals is the same deck to Anki: rebuilt, not refused.
    expect((await run(dir, ['build', 'decks', '--one-deck', 'CLASS 10B'], T2)).status).toBe(0);
  });
});

describe('a folder an older newsdeck built', () => {
  it('reads its manifests (one per package, version 1): unchanged notes keep their mod', async () => {
    const dir = tempFolder('newsdeck-legacy-');
    cpSync(new URL('../../decks/', import.meta.url).pathname, join(dir, 'decks'), { recursive: true });
    expect((await run(dir, ['build', 'decks'], T1)).status).toBe(0);
    const bytes = readFileSync(join(dir, 'out', `${SAMPLE}.apkg`));
    // What version 1 kept: guid, hash and mod of each note, in a manifest beside its package.
    const current = JSON.parse(readFileSync(join(dir, 'out', 'newsdeck-manifest.json'), 'utf8')) as Manifest & { noteTypes: unknown };
    const v1 = {
      format: 'newsdeck-anki-manifest',
      version: 1,
      noteTypes: current.noteTypes,
      notes: Object.fromEntries(Object.entries(current.notes).map(([k, n]) => [k, { guid: n.guid, hash: (n as unknown as { hash: string }).hash, mod: n.mod }])),
    };
    rmSync(join(dir, 'out', 'newsdeck-manifest.json'));
    writeFileSync(join(dir, 'out', `${SAMPLE}.manifest.json`), JSON.stringify(v1));
    const again = await run(dir, ['build', 'decks'], T2);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toContain(`read the manifests of an older newsdeck (${SAMPLE}.manifest.json)`);
    expect(again.stdout).toMatch(/notes: 0 added, 0 changed, [1-9]\d* unchanged, 0 retired/);
    expect(readFileSync(join(dir, 'out', `${SAMPLE}.apkg`)).equals(bytes)).toBe(true);
    await expectConsistent(dir);
  });

  it('says which notes it cannot retire, when an older manifest has not their text', async () => {
    const dir = tempFolder('newsdeck-legacy-');
    cpSync(new URL('../../decks/', import.meta.url).pathname, join(dir, 'decks'), { recursive: true });
    expect((await run(dir, ['build', 'decks'], T1)).status).toBe(0);
    const current = JSON.parse(readFileSync(join(dir, 'out', 'newsdeck-manifest.json'), 'utf8')) as Manifest & { noteTypes: unknown };
    const notes = Object.fromEntries(Object.entries(current.notes).map(([k, n]) => [k, { guid: n.guid, hash: (n as unknown as { hash: string }).hash, mod: n.mod }]));
    // A note the older build made and this one does not (its item gone since).
    notes[`${SAMPLE}/term-definition/gone-term`] = { guid: 'AbCdEfGhIj', hash: 'x', mod: 1 };
    rmSync(join(dir, 'out', 'newsdeck-manifest.json'));
    writeFileSync(join(dir, 'out', `${SAMPLE}.manifest.json`), JSON.stringify({ format: 'newsdeck-anki-manifest', version: 1, noteTypes: current.noteTypes, notes }));
    const again = await run(dir, ['build', 'decks'], T2);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/0 retired/);
    expect(again.stdout).toContain("  stale: 1 note is no longer made, and the folder's manifest (from an older newsdeck) has not their text");
  });
});

describe('regrouping keeps every note’s history', () => {
  it('going from one package per article to one class package adds nothing and changes no mod; the deck move is reported', async () => {
    const dir = await classFolder(SMALL);
    const classFile = join(dir, 'newsdeck.yaml');
    writeFileSync(classFile, readFileSync(classFile, 'utf8').replace('package: one ', 'package: per-article '));
    const first = await run(dir, ['build'], T1);
    expect(first.status, first.stderr).toBe(0);
    expect(readdirSync(join(dir, 'out')).filter((f) => f.endsWith('.apkg'))).toHaveLength(2);
    const before = manifestOf(dir);
    writeFileSync(classFile, readFileSync(classFile, 'utf8').replace('package: per-article ', 'package: one '));
    const second = await run(dir, ['build'], T2);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/wrote out\/class-10b\.apkg: \d+ cards .*\n {2}notes: 0 added, 0 changed, \d+ unchanged, 0 retired/);
    const after = manifestOf(dir);
    for (const [identity, note] of Object.entries(before.notes)) {
      expect(after.notes[identity]?.guid, identity).toBe(note.guid);
      expect(after.notes[identity]?.mod, identity).toBe(note.mod);
      expect(after.notes[identity]?.package).toBe('class-10b');
    }
    // Renaming the deck: the cards move in the package, and the report says what students do.
    writeFileSync(classFile, readFileSync(classFile, 'utf8').replace('deck_prefix: "Class 10B"', 'deck_prefix: "10B 2026"'));
    const renamed = await run(dir, ['build'], T2 + 60);
    expect(renamed.status, renamed.stderr).toBe(0);
    expect(renamed.stdout).toMatch(/notes: 0 added, 0 changed/);
    expect(renamed.stdout).toMatch(/moved: \d+ cards from deck 'Class 10B::Current Affairs::China and Trump's turn toward Russia' to '10B 2026::Current Affairs::China and Trump's turn toward Russia': Anki's importer leaves students' cards in/);
  });
});

describe('stale journal', () => {
  it('a journal that is not one is an error that names the file', async () => {
    const dir = await classFolder(SMALL);
    expect((await run(dir, ['build'], T1)).status).toBe(0);
    writeFileSync(join(dir, 'out', 'newsdeck-manifest.pending.json'), '{');
    const result = await run(dir, ['build'], T2);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('out/newsdeck-manifest.pending.json is not a build journal this version can read');
    renameSync(join(dir, 'out', 'newsdeck-manifest.pending.json'), join(dir, 'journal.bak'));
    expect((await run(dir, ['build'], T2)).status).toBe(0);
  });
});
