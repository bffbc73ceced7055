/**
 * recoverManifest, after a build killed between its journal and its commit:
 * for each package of the journal whose file on disk is the one it describes,
 * the journal's entries, merged into the folder's manifest by the one rule of
 * mergeManifests (sorted, the journal's note types); for every other, what the
 * manifest said.
 */
import { describe, expect, it } from 'vitest';
import { emptyManifest, serializeManifest, type BuildManifest, type ManifestNote } from '../../src/anki/manifest.js';
import { recoverManifest } from '../../src/class/output-folder.js';

const sha = (c: string): string => c.repeat(64);
const note = (pkg: string, hash: string): ManifestNote => ({ guid: `g-${hash}`, hash, mod: 1, package: pkg, type: 'qa', fields: ['Q', 'A', '', '', '', ''], tags: '', decks: { '0': 'News' } });

const committed: BuildManifest = {
  ...emptyManifest(),
  packages: { week1: { sha256: sha('1'), deck: 'Week 1' }, week3: { sha256: sha('3'), deck: 'Week 3' } },
  noteTypes: { qa: { id: 1, hash: 'old', mod: 1 } },
  notes: { 'w1/q/a': note('week1', 'w1-old'), 'w3/q/c': note('week3', 'w3-old'), 'w3/q/moved': note('week3', 'moved-old') },
};
// The journal of a build of week1 and week2 (new), and week3 again: only week1 and week2 landed.
const pending: BuildManifest = {
  ...emptyManifest(),
  packages: { week1: { sha256: sha('a'), deck: 'Week 1' }, week2: { sha256: sha('b'), deck: 'Week 2' }, week3: { sha256: sha('c'), deck: 'Week 3' } },
  noteTypes: { qa: { id: 1, hash: 'new', mod: 2 } },
  notes: {
    'w1/q/a': note('week1', 'w1-new'),
    'w2/q/b': note('week2', 'w2-new'),
    'w3/q/c': note('week3', 'w3-new'),
    'w3/q/moved': note('week1', 'moved-new'),
    'w3/q/only-pending': note('week3', 'lost'),
  },
};
const onDisk: Record<string, string> = { week1: sha('a'), week2: sha('b'), week3: sha('3') };

describe('recoverManifest', () => {
  it("keeps the journal's entries of the packages that landed and the manifest's of the others, sorted as a build writes them", () => {
    const recovered = recoverManifest(committed, pending, (stem) => onDisk[stem]);
    expect(recovered).toBeDefined();
    expect(recovered!.packages).toEqual({ week1: pending.packages.week1, week2: pending.packages.week2, week3: committed.packages.week3 });
    expect(Object.fromEntries(Object.entries(recovered!.notes).map(([identity, n]) => [identity, n.hash]))).toEqual({
      'w1/q/a': 'w1-new',
      'w2/q/b': 'w2-new',
      'w3/q/c': 'w3-old',
      'w3/q/moved': 'moved-new', // moved into a package that landed
    });
    expect(recovered!.noteTypes).toEqual(pending.noteTypes);
    // Keys in order, as every build's manifest: the text is the one a build that landed these packages would have written.
    expect(Object.keys(recovered!.packages)).toEqual(['week1', 'week2', 'week3']);
    expect(Object.keys(recovered!.notes)).toEqual(['w1/q/a', 'w2/q/b', 'w3/q/c', 'w3/q/moved']);
    expect(serializeManifest(recovered!)).toContain('"format": "newsdeck-anki-manifest",\n  "version": 2,');
  });

  it('is the manifest itself when nothing of the journal landed, and starts from an empty one when there was none', () => {
    expect(recoverManifest(committed, pending, () => undefined)).toBe(committed);
    expect(recoverManifest(undefined, pending, () => undefined)).toBeUndefined();
    const first = recoverManifest(undefined, pending, (stem) => (stem === 'week2' ? sha('b') : undefined));
    expect(first?.packages).toEqual({ week2: pending.packages.week2 });
    expect(Object.keys(first?.notes ?? {})).toEqual(['w2/q/b']);
  });
});
