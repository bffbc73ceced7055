/**
 * The teacher's week (issue 8): a class folder built into one package with a
 * subdeck per article; then an edit, a rename with `was:`, a removal, a
 * reverse card no longer made and a regrouping, rebuilt. Both packages read
 * back as Anki's importer reads them: it matches notes by guid and updates
 * one only when the package's `mod` is newer.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPackage } from '../anki/read-package.js';
import { ARTICLES, classFolder, editAnnotation, indexOf, run, SAMPLE } from './class-folder.js';

const T1 = 1_750_000_000;
const T2 = T1 + 7 * 86_400;
const T3 = T2 + 7 * 86_400;

interface NoteRow {
  guid: string;
  mod: number;
  tags: string;
  flds: string;
}

async function readBack(path: string): Promise<{ notes: Map<string, NoteRow>; decks: string[]; cardDecks: Map<string, string[]> }> {
  const pkg = await openPackage(readFileSync(path));
  try {
    const notes = new Map(pkg.rows('select guid, mod, tags, flds from notes').map((r) => [String(r.guid), r as unknown as NoteRow]));
    const deckNames = new Map(Object.values(pkg.colJson('decks')).map((d) => [String((d as { id: number }).id), (d as { name: string }).name]));
    const cardDecks = new Map<string, string[]>();
    for (const row of pkg.rows('select n.guid, c.did from cards c join notes n on n.id = c.nid order by c.ord')) {
      cardDecks.set(String(row.guid), [...(cardDecks.get(String(row.guid)) ?? []), deckNames.get(String(row.did)) ?? '?']);
    }
    return { notes, decks: [...deckNames.values()], cardDecks };
  } finally {
    pkg.close();
  }
}

interface Manifest {
  notes: Record<string, { guid: string; mod: number; retired?: true; decks: Record<string, string> }>;
}
const manifestOf = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'out', 'newsdeck-manifest.json'), 'utf8')) as Manifest;

/** The teacher's changes of the second week, all in the sample article. */
function secondWeek(dir: string): void {
  editAnnotation(dir, SAMPLE, (doc) => {
    // An edit: Wang Yi's role.
    doc.setIn(['actors', indexOf(doc, 'actors', 'wang-yi'), 'role'], "China's foreign minister and top diplomat");
    // A rename with `was:`.
    const renamed = indexOf(doc, 'claims', 'pivot-upended-us-policy');
    doc.setIn(['claims', renamed, 'id'], 'pivot-upends-policy');
    doc.setIn(['claims', renamed, 'was'], 'pivot-upended-us-policy');
    // A removal.
    doc.deleteIn(['claims', indexOf(doc, 'claims', 'china-putins-lifeline')]);
    // A reverse card no longer made (issue 13, point 4).
    doc.setIn(['actors', indexOf(doc, 'actors', 'marco-rubio'), 'skip'], doc.createNode(['actor-reverse']));
    // A regrouping: the article moves into this week's group.
    doc.setIn(['deck', 'name'], "Week 2::China and Trump's turn toward Russia");
  });
}

describe('a class folder through two weeks', () => {
  it('builds one package with a subdeck per article, and a rebuild keeps every student’s note', async () => {
    const dir = await classFolder();
    const first = await run(dir, ['build'], T1);
    expect(first.status, first.stderr).toBe(0);
    const firstPath = join(dir, 'out', 'class-10b.apkg');
    expect(first.stdout).toContain('wrote out/class-10b.apkg:');
    const before = await readBack(firstPath);
    const m1 = manifestOf(dir);
    // One subdeck per article, under the class's deck prefix.
    const articleDecks = new Set([...before.cardDecks.values()].flat());
    expect(articleDecks.size).toBe(ARTICLES.length);
    for (const deck of articleDecks) expect(deck.startsWith('Class 10B::'), deck).toBe(true);
    expect(before.notes.size).toBe(Object.keys(m1.notes).length);
    keep(firstPath, 'week1.apkg');

    secondWeek(dir);
    const second = await run(dir, ['build'], T2);
    expect(second.status, second.stderr).toBe(0);
    const after = await readBack(firstPath);
    const m2 = manifestOf(dir);
    keep(firstPath, 'week2.apkg');

    // Every note students have is still there, with its guid: nothing lost, nothing duplicated.
    for (const guid of before.notes.keys()) expect(after.notes.has(guid), guid).toBe(true);
    expect(after.notes.size).toBe(before.notes.size);

    const id = (item: string): string => `${SAMPLE}/${item}`;
    const guid = (identity: string): string => m1.notes[identity]?.guid ?? `missing ${identity}`;
    // The edited notes: a newer mod, so that Anki updates them.
    const edited = [id('actor/wang-yi'), id('actor/marco-rubio')];
    for (const identity of edited) {
      expect(after.notes.get(guid(identity))?.mod, identity).toBe(T2);
      expect(before.notes.get(guid(identity))?.mod, identity).toBe(T1);
    }
    expect(after.notes.get(guid(id('actor/wang-yi')))?.flds).toContain('foreign minister and top diplomat');
    // The renamed item keeps its old identity, guid and mod: to students it did not change.
    const renamed = Object.keys(m2.notes).filter((k) => k.includes('pivot-upend'));
    expect(renamed).toEqual([id('claim-content/pivot-upended-us-policy')]);
    expect(after.notes.get(guid(renamed[0] as string))).toEqual(before.notes.get(guid(renamed[0] as string)));
    // The removed item: its note once more, retired, with a notice on the card.
    const removed = Object.keys(m1.notes).filter((k) => k.includes('china-putins-lifeline'));
    expect(removed.length).toBeGreaterThan(0);
    for (const identity of removed) {
      const row = after.notes.get(guid(identity));
      expect(row?.tags, identity).toContain('newsdeck::retired');
      expect(row?.flds).toContain('Retired:');
      expect(row?.mod).toBe(T2);
      expect(m2.notes[identity]?.retired).toBe(true);
    }
    // The actor whose reverse card is no longer made: its studied card 2 does not go blank.
    const rubio = after.notes.get(guid(id('actor/marco-rubio')))?.flds.split('\x1f') ?? [];
    expect(rubio[2]).toContain('No longer asked this way round');
    expect(rubio[2]).toContain('Marco Rubio');
    expect(after.cardDecks.get(guid(id('actor/marco-rubio')))).toHaveLength(2);
    // A note whose text changed has a newer mod; every other is byte for byte what students have, so their own edits of it survive.
    let changed = 0;
    for (const [g, row] of after.notes) {
      const old = before.notes.get(g);
      if (row.flds !== old?.flds) {
        expect(row.mod, g).toBe(T2);
        changed += 1;
      } else expect(row, g).toEqual(old);
    }
    expect(changed).toBeGreaterThanOrEqual(edited.length + removed.length);
    // The regrouped article's cards are in the new deck in the package, and the report says Anki will not move them.
    for (const [identity, note] of Object.entries(m2.notes)) {
      if (!identity.startsWith(`${SAMPLE}/`) || note.retired === true) continue;
      expect(Object.values(note.decks), identity).toEqual(Object.values(note.decks).map(() => "Class 10B::Week 2::China and Trump's turn toward Russia"));
    }

    // The change report, per deck, in words.
    const out = second.stdout;
    expect(out).toContain(`notes: 0 added, ${changed - removed.length} changed, ${after.notes.size - changed} unchanged, ${removed.length} retired`);
    expect(out).toContain(`    changed  ${id('actor/wang-yi')}`);
    expect(out).toMatch(/back \(card 1\):  China's \{\+foreign minister and \+\}top diplomat/);
    expect(out).toContain(`    retired  ${id('claim-content/china-putins-lifeline')}: `);
    expect(out).toContain('tagged newsdeck::retired');
    expect(out).toContain(`  kept: ${id('actor/marco-rubio')} card 2 is no longer made`);
    expect(out).toMatch(/moved: \d+ cards from deck 'Class 10B::Current Affairs::China and Trump's turn toward Russia' to 'Class 10B::Week 2::China and Trump's turn toward Russia'/);
    expect(out).not.toContain('added   ');
    // The README's teacher section quotes this report as it is printed.
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const line of out.split('\n').filter((l) => l !== '' && !l.startsWith('  note: no card'))) expect(readme, line).toContain(line);

    // A third build, nothing edited: nothing changes, and the retired note is not shipped again.
    const third = await run(dir, ['build', '--json'], T3);
    expect(third.status, third.stderr).toBe(0);
    const report = JSON.parse(third.stdout) as { packages: { name: string; notes: Record<string, number>; decks: unknown[] }[] };
    expect(report.packages.map((p) => [p.name, p.notes.added, p.notes.changed, p.notes.retired])).toEqual([['class-10b', 0, 0, 0]]);
    const last = await readBack(firstPath);
    for (const identity of removed) expect(last.notes.has(guid(identity))).toBe(false);
    expect(last.notes.size).toBe(before.notes.size - removed.length);
  });
});

/** Keeps a package for the real-Anki check (see the README) when NEWSDECK_KEEP_PACKAGES names a folder. */
function keep(path: string, name: string): void {
  const folder = process.env.NEWSDECK_KEEP_PACKAGES;
  if (folder === undefined || folder === '') return;
  if (!existsSync(folder)) mkdirSync(folder, { recursive: true });
  copyFileSync(path, join(folder, name));
}
