import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MANIFEST_FILE } from '../../src/class/output-folder.js';
import { openPackage, stripHtmlForTest } from '../anki/read-package.js';
import { readmeTemplate, ROOT, run, SAMPLE, workspace } from './workspace.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The note whose first field asks the question, with its fields as text. */
async function noteAsking(apkg: string, question: string): Promise<{ fields: string[]; tags: string } | undefined> {
  const pkg = await openPackage(readFileSync(apkg));
  try {
    const notes = pkg.rows('select flds, tags from notes').map((r) => ({ fields: String(r.flds).split('\x1f').map(stripHtmlForTest), tags: String(r.tags) }));
    return notes.find((n) => n.fields[0] === question);
  } finally {
    pkg.close();
  }
}

const QUESTION = 'On 18 February 2025, who met in Riyadh, Saudi Arabia?';

describe("the README's template (Write your own card template)", () => {
  it('type-checks and adds its card to the sample’s package, read back from the .apkg', async () => {
    const { dir } = workspace({ 'who-met.ts': readmeTemplate(readme) });
    const plain = await run(dir, ['build', 'decks', '--out', 'plain']);
    expect(plain.status).toBe(0);
    expect(await noteAsking(join(dir, 'plain', `${SAMPLE}.apkg`), QUESTION)).toBeUndefined();

    const built = await run(dir, ['build', 'decks', '--templates', 'my-templates', '--out', 'out']);
    expect(built.stderr).toBe('');
    expect(built.status).toBe(0);
    const note = await noteAsking(join(dir, 'out', `${SAMPLE}.apkg`), QUESTION);
    expect(note?.fields[1]).toBe('The United States, Russia and Marco Rubio.');
    expect(note?.tags).toContain('riyadh-talks');
    const manifest = JSON.parse(readFileSync(join(dir, 'out', MANIFEST_FILE), 'utf8')) as unknown;
    expect(JSON.stringify(manifest)).toContain(`${SAMPLE}/event-who-met/riyadh-talks`);
  });

  it('runs from a class file that names the folder (templates:), and only from there', async () => {
    const { dir } = workspace({ 'who-met.ts': readmeTemplate(readme) });
    const classFile = (extra: string): void =>
      writeFileSync(join(dir, 'newsdeck.yaml'), `newsdeck: 1\nclass: Test class\nannotations: [decks]\noutputs:\n  package: per-article\n${extra}`);
    classFile('');
    expect((await run(dir, ['build', '--out', 'plain'])).status).toBe(0);
    expect(await noteAsking(join(dir, 'plain', `${SAMPLE}.apkg`), QUESTION)).toBeUndefined();
    classFile('templates: my-templates\n');
    const built = await run(dir, ['build', '--out', 'out']);
    expect(built.status, built.stderr).toBe(0);
    expect((await noteAsking(join(dir, 'out', `${SAMPLE}.apkg`), QUESTION))?.fields[1]).toBe('The United States, Russia and Marco Rubio.');
  });

  it('prints the card as the README quotes it, and lists the template', async () => {
    const { dir } = workspace({ 'who-met.ts': readmeTemplate(readme) });
    const preview = await run(dir, ['preview', 'decks', '--templates', 'my-templates']);
    expect(preview.status).toBe(0);
    const card = preview.stdout.split('\n\n').find((c) => c.startsWith(`── ${SAMPLE}/event-who-met/riyadh-talks`));
    expect(card).toBeDefined();
    expect(readme).toContain(card as string);

    const listed = await run(dir, ['templates', '--templates', 'my-templates']);
    expect(listed.stdout).toContain('my-templates/who-met.ts:\n  event-who-met    events  who met whom: the actors of a meeting, asked by its date and place');
  });

  it('shows the refusal the README quotes for its misspelt join', async () => {
    const { dir } = workspace({ 'who-met.ts': readmeTemplate(readme).replace('.join(', '.joined(') });
    const result = await run(dir, ['build', 'decks', '--templates', 'my-templates']);
    expect(result.status).toBe(1);
    const quoted = readme.slice(readme.indexOf('$ newsdeck build decks/ --templates my-templates\n'));
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(quoted).toContain(`${line}\n`);
  });
});
