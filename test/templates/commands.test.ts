import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseQuizArgs } from '../../src/cli/quiz.js';
import { fakeIo } from '../helpers/io.js';
import { readmeTemplate, ROOT, run, SAMPLE, workspace } from './workspace.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const WHO_MET = readmeTemplate(readme);

describe('newsdeck templates', () => {
  it('lists the built-in templates with family and description', async () => {
    const { dir } = workspace();
    const listed = await run(dir, ['templates']);
    expect(listed.status).toBe(0);
    expect(listed.stdout).toMatch(/^built-in:\n {2}actor-role {7}actors {2}name → the role the article gives the actor\n/);
    expect(listed.stdout).toContain('  fact-question    facts   the annotator’s free question');
  });

  it("reads a folder's templates from the source without running them (--json)", async () => {
    // Running this file would end the listing with an error: listing it must not run it.
    const { dir } = workspace({ 'who-met.ts': `throw new Error('this ran');\n${WHO_MET}`, 'computed.ts': "import { defineTemplate } from 'newsdeck/templates';\nconst id = ['a', 'b'].join('-');\nexport default defineTemplate({ id, family: 'terms', description: 'an id the source computes', generate: () => [] });\n" });
    const listed = await run(dir, ['templates', '--templates', 'my-templates', '--json']);
    expect(listed.stderr).toBe('');
    expect(listed.status).toBe(0);
    const { templates } = JSON.parse(listed.stdout) as { templates: { id?: string; family?: string; description?: string; source: string }[] };
    expect(templates.filter((t) => t.source !== 'built-in')).toEqual([
      { family: 'terms', description: 'an id the source computes', source: 'my-templates/computed.ts:3:16' },
      { id: 'event-who-met', family: 'events', description: 'who met whom: the actors of a meeting, asked by its date and place', source: 'my-templates/who-met.ts:6:16' },
    ]);
  });

  it('reports a syntax error of a listed file at its position', async () => {
    const { dir } = workspace({ 'who-met.ts': WHO_MET.replace("family: 'events',", "family: 'events'") });
    const listed = await run(dir, ['templates', '--templates', 'my-templates']);
    expect(listed.status).toBe(1);
    // The compiler finds the missing comma at the next property.
    expect(listed.stderr).toMatch(/^my-templates\/who-met\.ts:8:3: ',' expected\. \(TS1005\)\n8 \| {3}description:/);
  });
});

describe('--templates on check, preview and quiz', () => {
  it('check and preview use the folder, and skip: may name its templates', async () => {
    const { dir } = workspace({ 'who-met.ts': WHO_MET });
    const checked = await run(dir, ['check', 'decks', '--templates', 'my-templates', '--json']);
    expect(checked.status).toBe(0);
    // The template's card is made and kept (not among the dropped ones).
    expect(checked.stdout).not.toContain('event-who-met/riyadh-talks');
    expect((await run(dir, ['preview', 'decks', '--templates', 'my-templates'])).stdout).toContain(`── ${SAMPLE}/event-who-met/riyadh-talks`);
    const yaml = join(dir, 'decks', `${SAMPLE}.yaml`);
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('    where: Riyadh, Saudi Arabia\n', '    where: Riyadh, Saudi Arabia\n    skip: [event-who-met]\n'));
    const skipped = await run(dir, ['preview', 'decks', '--templates', 'my-templates']);
    expect(skipped.status).toBe(0);
    expect(skipped.stdout).not.toContain('event-who-met');
    const without = await run(dir, ['check', 'decks']);
    expect(without.status).toBe(1);
    expect(without.stdout).toContain("unknown-template: no template is called 'event-who-met'");
  });

  it('quiz takes the folder', async () => {
    const { io } = fakeIo();
    expect((await parseQuizArgs(['decks', '--templates', 'my-templates'], io)).templates).toBe('my-templates');
  });

  it('a folder that does not exist, or has no .ts file, is an error before anything runs', async () => {
    const { dir } = workspace({ 'notes.txt': 'not a template' });
    expect((await run(dir, ['build', 'decks', '--templates', 'nowhere'])).stderr).toBe('newsdeck build: --templates nowhere: no such folder\n');
    expect((await run(dir, ['build', 'decks', '--templates', 'my-templates'])).stderr).toBe('newsdeck build: --templates my-templates: no template files (*.ts) in this folder\n');
  });
});

describe('a folder of several files', () => {
  it('runs a template that imports another file of its folder as ./name.js', async () => {
    const helper = "import { asSentence } from 'newsdeck/templates';\n\n/** The back of a card: the answer as a sentence. */\nexport function backOf(answer: string): string {\n  return asSentence(answer);\n}\n";
    const template = WHO_MET.replace("import { asSentence, defineTemplate,", "import { backOf } from './lib/back.js';\nimport { defineTemplate,").replace('back: asSentence(answer),', 'back: backOf(answer),');
    expect(template).toContain("import { backOf } from './lib/back.js';");
    expect(template).toContain('back: backOf(answer),');
    const { dir } = workspace({ 'who-met.ts': template, 'lib/back.ts': helper });
    const preview = await run(dir, ['preview', 'decks', '--templates', 'my-templates']);
    expect(preview.stderr).toBe('');
    expect(preview.stdout).toContain('Q: On 18 February 2025, who met in Riyadh, Saudi Arabia?\nA: The United States, Russia and Marco Rubio.\n');
  });
});

describe('the compiled-template cache', () => {
  it('removes the temporary entry of a build that was killed while storing it, and keeps one being stored', async () => {
    const { dir, cache } = workspace({ 'who-met.ts': WHO_MET });
    // The pid of a process that has ended: as a killed build leaves it.
    const gone = spawnSync(process.execPath, ['-e', '0']).pid as number;
    const abandoned = join(cache, 'newsdeck', 'templates', `0123abcd.${gone}.tmp`);
    mkdirSync(abandoned, { recursive: true });
    writeFileSync(join(abandoned, 'who-met.js'), 'half written');
    // Another build storing an entry now: its process (here, the one that runs the tests) runs.
    const storing = `4567cdef.${process.ppid}.tmp`;
    mkdirSync(join(cache, 'newsdeck', 'templates', storing));
    expect((await run(dir, ['preview', 'decks', '--templates', 'my-templates'])).status).toBe(0);
    expect(existsSync(abandoned)).toBe(false);
    expect(readdirSync(join(cache, 'newsdeck', 'templates')).filter((n) => n.endsWith('.tmp'))).toEqual([storing]);
  });
});
