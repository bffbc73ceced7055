import { readFileSync, readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { it } from 'vitest';
import { loadAnnotation, formatError } from '../../src/annotation/index.js';
const DIR = fileURLToPath(new URL('../fixtures/annotation/broken/', import.meta.url));
it('explore', () => {
  let out = '';
  for (const name of readdirSync(DIR).sort()) {
    const path = resolve(DIR, name);
    const r = loadAnnotation(readFileSync(path), { file: name, readText: (rel) => readFileSync(resolve(dirname(path), rel)), templateIds: ['actor-reverse', 'quote-cloze'] });
    out += `== ${name}: ${r.ok ? 'OK' : r.errors.length}\n`;
    if (!r.ok) for (const e of r.errors) out += formatError(e) + '\n' + (e.closest ? JSON.stringify(e.closest) + '\n' : '');
  }
  const path = resolve(DIR, '../valid.yaml');
  const r = loadAnnotation(readFileSync(path), { file: 'valid.yaml', readText: (rel) => readFileSync(resolve(dirname(path), rel)) });
  out += JSON.stringify(r, null, 1).slice(0, 3000);
  console.log(out);
});
