import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { openPackage } from '../anki/read-package.js';
import { fakeIo } from '../helpers/io.js';
import { tempFolder } from '../helpers/tmp.js';

const SAMPLE = 'china-trump-russia-pivot';
const repoDecks = new URL('../../decks/', import.meta.url).pathname;

/** A fresh folder with a copy of decks/, as a teacher's working folder. */
function workspace(): string {
  const dir = tempFolder('newsdeck-build-');
  cpSync(repoDecks, join(dir, 'decks'), { recursive: true });
  return dir;
}

async function build(cwd: string, epoch: number, ...extra: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const { io, stdout, stderr } = fakeIo({ cwd, env: { SOURCE_DATE_EPOCH: String(epoch) } });
  const status = await main(['build', 'decks', '--out', 'out', ...extra], io);
  return { status, stdout: stdout(), stderr: stderr() };
}

type Row = Record<string, unknown>;
const byKey = (rows: Row[], key: string): Map<unknown, Row> => new Map(rows.map((r) => [r[key], r]));

describe('newsdeck build', () => {
  it('writes one package per article and the folder’s manifest, byte-identical when nothing changed', async () => {
    const dir = workspace();
    const first = await build(dir, 1_750_000_000);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`wrote out/${SAMPLE}\\.apkg: \\d+ cards \\(actors \\d+(, (quotes|claims|events|terms|facts) \\d+)+\\)`));
    expect(readdirSync(join(dir, 'out')).sort()).toEqual([`${SAMPLE}.apkg`, 'newsdeck-manifest.json']);
    const bytes = readFileSync(join(dir, 'out', `${SAMPLE}.apkg`));

    // Later, with nothing edited: the same bytes, whatever the clock says.
    const again = await build(dir, 1_760_000_000);
    expect(again.stdout).toMatch(/notes: 0 added, 0 changed, \d+ unchanged, 0 retired/);
    expect(readFileSync(join(dir, 'out', `${SAMPLE}.apkg`)).equals(bytes)).toBe(true);

    // A fresh folder at the same time: the same bytes too (reproducible builds).
    const other = workspace();
    await build(other, 1_750_000_000);
    expect(readFileSync(join(other, 'out', `${SAMPLE}.apkg`)).equals(bytes)).toBe(true);
  });

  it('re-imports as updates: after editing a quote’s context and a claim’s answer only their notes get a newer mod', async () => {
    const dir = workspace();
    expect((await build(dir, 1_750_000_000)).status).toBe(0);
    const before = await openPackage(readFileSync(join(dir, 'out', `${SAMPLE}.apkg`)));

    const yamlPath = join(dir, 'decks', `${SAMPLE}.yaml`);
    const doc = parseDocument(readFileSync(yamlPath, 'utf8'));
    const quotes = doc.get('quotes') as { items: unknown[] };
    const quoteIndex = quotes.items.findIndex((_, i) => doc.getIn(['quotes', i, 'context']) !== undefined);
    const claims = doc.get('claims') as { items: unknown[] };
    const claimIndex = claims.items.findIndex((_, i) => doc.getIn(['claims', i, 'answer']) !== undefined);
    expect(quoteIndex).toBeGreaterThanOrEqual(0);
    expect(claimIndex).toBeGreaterThanOrEqual(0);
    const quoteId = String(doc.getIn(['quotes', quoteIndex, 'id']));
    const claimId = String(doc.getIn(['claims', claimIndex, 'id']));
    doc.setIn(['quotes', quoteIndex, 'context'], 'in an edited context');
    doc.setIn(['claims', claimIndex, 'answer'], 'An edited answer');
    writeFileSync(yamlPath, doc.toString());

    const rebuilt = await build(dir, 1_750_000_500);
    expect(rebuilt.status, rebuilt.stderr).toBe(0);
    const after = await openPackage(readFileSync(join(dir, 'out', `${SAMPLE}.apkg`)));

    const notesBefore = byKey(before.rows('select * from notes'), 'guid');
    const notesAfter = byKey(after.rows('select * from notes'), 'guid');
    expect([...notesAfter.keys()].sort()).toEqual([...notesBefore.keys()].sort()); // every GUID kept

    const newer = [...notesAfter.values()].filter((row) => (row.mod as number) > (notesBefore.get(row.guid)?.mod as number));
    expect(newer.length).toBeGreaterThanOrEqual(2);
    for (const row of newer) {
      expect(row.mod).toBe(1_750_000_500);
      expect(row.flds).not.toBe(notesBefore.get(row.guid)?.flds);
    }
    // The notes that changed are exactly those of the two edited items, and the report names them.
    const changed = rebuilt.stdout.split('\n').filter((l) => l.startsWith('    changed  ')).map((l) => l.slice('    changed  '.length));
    expect(changed.length).toBe(newer.length);
    for (const identity of changed) expect(identity.split('/')[2]).toMatch(new RegExp(`^(${quoteId}|${claimId})$`));
    expect(changed.some((id) => id.includes(`/${quoteId}`))).toBe(true);
    expect(changed.some((id) => id.includes(`/${claimId}`))).toBe(true);
    // Every other note row is byte-for-byte the same.
    for (const [guid, row] of notesAfter) {
      if (newer.includes(row)) continue;
      expect(row).toEqual(notesBefore.get(guid));
    }
    // Note type ids, deck ids and the cards (ids, notes, decks, ords) are unchanged.
    expect(Object.keys(after.colJson('models')).sort()).toEqual(Object.keys(before.colJson('models')).sort());
    expect(Object.keys(after.colJson('decks')).sort()).toEqual(Object.keys(before.colJson('decks')).sort());
    const cardKey = 'select id, nid, did, ord, type, queue, due from cards order by id';
    expect(after.rows(cardKey)).toEqual(before.rows(cardKey));
    before.close();
    after.close();
  });

  it('puts several articles in one package as subdecks with --one-deck', async () => {
    const dir = workspace();
    const result = await build(dir, 1_750_000_000, '--one-deck', 'Class 10B');
    expect(result.status, result.stderr).toBe(0);
    const pkg = await openPackage(readFileSync(join(dir, 'out', 'class-10b.apkg')));
    const names = Object.values(pkg.colJson('decks')).map((d) => (d as { name: string }).name);
    expect(names.some((n) => n.startsWith('Class 10B::'))).toBe(true);
    pkg.close();
  });

  it('writes nothing when an annotation has errors', async () => {
    const dir = workspace();
    const yamlPath = join(dir, 'decks', `${SAMPLE}.yaml`);
    writeFileSync(yamlPath, readFileSync(yamlPath, 'utf8').replace('speaker: wang-yi', 'speaker: wang-yu'));
    const result = await build(dir, 1_750_000_000);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/china-trump-russia-pivot\.yaml:\d+:\d+: unknown-actor: no actor has the id 'wang-yu'; did you mean 'wang-yi'\?/);
    expect(result.stderr).toMatch(/nothing was written/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('never writes outside the output folder, whatever the deck name says', async () => {
    const dir = workspace();
    const result = await build(dir, 1_750_000_000, '--one-deck', '../../escaped');
    expect(result.status).toBe(0);
    expect(readdirSync(join(dir, 'out'))).toContain('escaped.apkg');
    expect(existsSync(join(dir, '..', 'escaped.apkg'))).toBe(false);
  });

  it('rejects a SOURCE_DATE_EPOCH that is not whole seconds, as bad usage', async () => {
    const { io, stderr } = fakeIo({ cwd: workspace(), env: { SOURCE_DATE_EPOCH: 'yesterday' } });
    expect(await main(['build', 'decks'], io)).toBe(2);
    expect(stderr()).toMatch(/SOURCE_DATE_EPOCH must be whole seconds/);
  });
});

describe('newsdeck build with a damaged manifest', () => {
  it('stops with a clear error instead of overwriting students’ edits, and leaves the package as it was', async () => {
    const dir = workspace();
    expect((await build(dir, 1_750_000_000)).status).toBe(0);
    const apkg = readFileSync(join(dir, 'out', `${SAMPLE}.apkg`));
    writeFileSync(join(dir, 'out', 'newsdeck-manifest.json'), '{"not": "ours"');
    const result = await build(dir, 1_750_000_100);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/out\/newsdeck-manifest\.json is not a manifest this version can read/);
    expect(result.stderr).toMatch(/--fresh/);
    expect(readFileSync(join(dir, 'out', `${SAMPLE}.apkg`)).equals(apkg)).toBe(true);
  });
});

describe('newsdeck build into a place it cannot write', () => {
  it('fails with a clear error, exit 1, and changes nothing', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'out'), 'a file, not a folder');
    const result = await build(dir, 1_750_000_000);
    expect(result.status).toBe(1);
    // Each package is staged as soon as it is made, before the journal: the first file that cannot be written is the package.
    expect(result.stderr).toMatch(new RegExp(`newsdeck build: cannot write .*out/${SAMPLE}\\.apkg: ENOTDIR.*; nothing was changed`));
    expect(readFileSync(join(dir, 'out'), 'utf8')).toBe('a file, not a folder');
  });
});

describe('newsdeck build when files are in the way', () => {
  it('refuses a folder where the package goes, leaving no temporary files', async () => {
    const dir = workspace();
    mkdirSync(join(dir, 'out', `${SAMPLE}.apkg`), { recursive: true });
    const result = await build(dir, 1_750_000_000);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/cannot write .*china-trump-russia-pivot\.apkg: a folder of that name is in the way; nothing was changed/);
    expect(readdirSync(join(dir, 'out'))).toEqual([`${SAMPLE}.apkg`]);
  });

  it('reports a manifest it cannot read (a folder) as an error, not a crash', async () => {
    const dir = workspace();
    mkdirSync(join(dir, 'out', 'newsdeck-manifest.json'), { recursive: true });
    const result = await build(dir, 1_750_000_000);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/cannot read out\/newsdeck-manifest\.json: EISDIR/);
  });

  it('refuses a SOURCE_DATE_EPOCH beyond 2106 as bad usage', async () => {
    const { io, stderr } = fakeIo({ cwd: workspace(), env: { SOURCE_DATE_EPOCH: '99999999999999999999' } });
    expect(await main(['build', 'decks'], io)).toBe(2);
    expect(stderr()).toMatch(/at most 4294967295/);
  });
});

describe('newsdeck build --one-deck names', () => {
  it('refuses an empty part or a control character as bad usage', async () => {
    for (const name of ['', 'Class::', ':::', 'Class\u001b[2J']) {
      const { io, stderr } = fakeIo({ cwd: workspace(), env: { SOURCE_DATE_EPOCH: '1750000000' } });
      expect(await main(['build', 'decks', '--one-deck', name], io), name).toBe(2);
      expect(stderr()).toContain('--one-deck needs a deck name');
      // eslint-disable-next-line no-control-regex
      expect(stderr()).not.toMatch(/\u001b/);
    }
  });
});
