// User card templates: what `--templates DIR` costs a build, cold (type-checked with ts-morph and
// compiled) and cached (an unchanged folder: the compiled entry from $XDG_CACHE_HOME/newsdeck/templates),
// against a build without templates. Child processes of the built CLI; medians of a few runs.
// Run after `npm run build` (npm run bench does both).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = join(ROOT, 'dist/src/cli/bin.js');
const RUNS = 5;

/** The README's "who met whom" template, as a teacher would save it. */
function readmeTemplate() {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = readme.split('```ts\n').find((b) => b.startsWith('// my-templates/who-met.ts\n'));
  if (block === undefined) throw new Error('README: no // my-templates/who-met.ts block');
  return block.slice(0, block.indexOf('```'));
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** In a fresh process: how long `--templates my-templates` takes to load, from the option to the templates in use. */
function loadMs(cache) {
  const script = `
    const { templatesOption } = await import(${JSON.stringify(join(ROOT, 'dist/src/cli/user-templates.js'))});
    const io = { cwd: process.cwd(), env: { XDG_CACHE_HOME: ${JSON.stringify(cache)} }, stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, now: () => new Date() };
    const start = performance.now();
    await templatesOption('my-templates', io);
    console.log(performance.now() - start);`;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: work, encoding: 'utf8' }).trim());
}

function timed(args, env) {
  const start = process.hrtime.bigint();
  execFileSync(process.execPath, [BIN, ...args], { cwd: work, env: { ...process.env, ...env }, stdio: 'pipe' });
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const work = mkdtempSync(join(tmpdir(), 'newsdeck-bench-templates-'));
try {
  cpSync(join(ROOT, 'decks'), join(work, 'decks'), { recursive: true });
  mkdirSync(join(work, 'my-templates'));
  writeFileSync(join(work, 'my-templates', 'who-met.ts'), readmeTemplate());
  const build = (templates) => ['build', 'decks', '--out', 'out', ...(templates ? ['--templates', 'my-templates'] : [])];

  const without = [];
  const cold = [];
  const cached = [];
  for (let i = 0; i < RUNS; i++) {
    const cache = join(work, `cache-${i}`);
    without.push(timed(build(false), { XDG_CACHE_HOME: cache }));
    cold.push(timed(build(true), { XDG_CACHE_HOME: cache })); // an empty cache: check and compile
    cached.push(timed(build(true), { XDG_CACHE_HOME: cache })); // the same folder again: from the cache
  }
  const loadCold = [];
  const loadCached = [];
  for (let i = 0; i < RUNS; i++) {
    const cache = join(work, `load-cache-${i}`);
    loadCold.push(loadMs(cache));
    loadCached.push(loadMs(cache));
  }
  const base = median(without);
  const extra = (ms) => `${ms - base >= 0 ? '+' : '-'}${Math.abs(ms - base).toFixed(0)} ms`;
  console.log(`build of the sample with --templates (the README's template), median of ${RUNS}:`);
  console.log(`  without --templates:   ${base.toFixed(0)} ms`);
  console.log(`  cold (check, compile): ${median(cold).toFixed(0)} ms (${extra(median(cold))})`);
  console.log(`  cached (unchanged):    ${median(cached).toFixed(0)} ms (${extra(median(cached))})`);
  console.log(`loading the templates alone (the option to the templates in use, in a fresh process), median of ${RUNS}:`);
  console.log(`  cold:   ${median(loadCold).toFixed(0)} ms (loads ts-morph, type-checks, transpiles, writes the cache entry)`);
  console.log(`  cached: ${median(loadCached).toFixed(0)} ms (hashes the folder and the API declarations, imports the compiled file)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
