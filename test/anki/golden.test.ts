/**
 * A readable dump of the fixture package's tables, compared with the golden
 * file: any change to what we ship (fields, templates, ids, JSON) shows up as
 * a diff to review. Update with `npx vitest run test/anki -u` when intended.
 */
import { expect, it } from 'vitest';
import { buildPackage } from '../../src/anki/index.js';
import { fixtureCards } from './fixture.js';
import { openPackage } from './read-package.js';

it('matches the golden table dump', async () => {
  const { apkg, manifest } = await buildPackage({ cards: fixtureCards(), now: 1_740_000_000 });
  const pkg = await openPackage(apkg);
  try {
    const [col] = pkg.rows('select id, crt, mod, scm, ver, dty, usn, ls, tags from col');
    const dump = {
      col,
      conf: pkg.colJson('conf'),
      models: pkg.colJson('models'),
      decks: pkg.colJson('decks'),
      dconf: pkg.colJson('dconf'),
      notes: pkg.rows('select * from notes order by id').map((row) => ({ ...row, flds: String(row.flds).split('\x1f') })),
      cards: pkg.rows('select * from cards order by due'),
      media: pkg.media,
      manifest,
    };
    await expect(`${JSON.stringify(dump, null, 2)}\n`).toMatchFileSnapshot('golden/fixture-package.json');
  } finally {
    pkg.close();
  }
});
