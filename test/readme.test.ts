import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { fakeIo } from './helpers/io.js';
import { builtDeck } from './helpers/built-deck.js';
import { ERROR_CODES } from '../src/index.js';
import { TEMPLATE_IDS } from '../src/cards/index.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('lists every error code with its meaning', () => {
    for (const [code, meaning] of Object.entries(ERROR_CODES)) expect(readme).toContain(`| \`${code}\` | ${meaning} |`);
  });

  it('describes every built-in template', () => {
    for (const id of TEMPLATE_IDS) expect(readme).toContain(`\`${id}\``);
  });

  it('has the two quick-start lines', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toMatch(/^npm test\b/m);
  });
});

describe('README examples are what the tool prints', () => {
  it('quotes the sample cards exactly as `newsdeck preview` shows them', async () => {
    const { io, stdout } = fakeIo();
    expect(await main(['preview', 'decks'], io)).toBe(0);
    const preview = stdout().split('\n');
    // The section on your own templates quotes a card of its template (test/templates/readme-template.test.ts checks it).
    const builtIn = readme.replace(/\n## Write your own card template\n[\s\S]*?(?=\n## )/, '');
    const quoted = builtIn.split('\n').filter((line) => /^(──|Q: |A: |   choices: |   tags: )/.test(line));
    expect(quoted.length).toBeGreaterThan(20);
    for (const line of quoted) expect(preview, line).toContain(line);
  });

  it('shows the summary `newsdeck check` and `npm start` print for the sample', async () => {
    const check = fakeIo();
    await main(['check', 'decks/'], check.io);
    expect(readme).toContain(check.stdout().split('\n')[0]);
    // `newsdeck build decks` at a fixed SOURCE_DATE_EPOCH (shared with the byte-identity test).
    const build = await builtDeck('decks');
    expect(build.status, build.stderr).toBe(0);
    const wrote = build.stdout.split('\n')[0]?.replace(/^wrote .*\/out\//, 'wrote out/');
    expect(readme).toContain(wrote);
  });
});
