import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
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
