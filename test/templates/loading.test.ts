import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt } from '../helpers/dist.js';
import { readmeTemplate, ROOT, workspace } from './workspace.js';

const RECORDER = join(ROOT, 'test/templates/record-loads.mjs');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** Runs the built CLI in `dir` and returns what it printed and every module it loaded. */
function newsdeck(dir: string, args: string[]): { status: number | null; output: string; loaded: string[] } {
  const log = join(dir, `loads-${Math.random().toString(36).slice(2)}.txt`);
  const result = spawnSync(process.execPath, ['--import', RECORDER, BIN, ...args], {
    cwd: dir,
    env: { ...process.env, LOAD_LOG: log, XDG_CACHE_HOME: join(dir, '.cache'), HOME: dir, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  return { status: result.status, output: result.stdout + result.stderr, loaded: existsSync(log) ? readFileSync(log, 'utf8').split('\n') : [] };
}

const compiler = (loaded: string[]): string[] => loaded.filter((m) => /[\\/]node_modules[\\/](ts-morph|@ts-morph|typescript)[\\/]/.test(m));

// The CLI as installed: dist/, built from the current sources (rebuilt only when a source is newer).
beforeAll(ensureBuilt, 120_000);

describe('the compiler loads only for user templates that are not in the cache', () => {
  it('build without user templates never loads ts-morph or typescript', () => {
    const { dir } = workspace();
    const run = newsdeck(dir, ['build', 'decks', '--out', 'out']);
    expect(run.status, run.output).toBe(0);
    // The recorder saw the modules the build used (so an empty list cannot pass for "none loaded").
    expect(run.loaded.some((m) => m.includes('/node_modules/sql.js/'))).toBe(true);
    expect(run.loaded.some((m) => m.endsWith('/dist/src/cli/build.js'))).toBe(true);
    expect(compiler(run.loaded)).toEqual([]);
  });

  // One folder through the cache's life (each step a process of its own, so each cold start is a compile):
  // cold, cached, checked again after a newer template API, checked again after an edit.
  // Four CLI processes one after another, so it gets the process tests' time-out: on the shared 2-core
  // machine at a load of 10-20 they took longer than the suite's 60 s (in two runs, this test the only failure).
  it('a first build with templates loads the compiler; the next, from the cache, does not; a changed template API or an edit checks again', () => {
    const { dir, cache } = workspace({ 'who-met.ts': readmeTemplate(readme) });
    const cold = newsdeck(dir, ['build', 'decks', '--templates', 'my-templates', '--out', 'out']);
    expect(cold.status, cold.output).toBe(0);
    expect(compiler(cold.loaded).some((m) => m.includes('/ts-morph/'))).toBe(true);
    expect(compiler(cold.loaded).some((m) => m.endsWith('/typescript.js'))).toBe(true);
    const entries = readdirSync(join(cache, 'newsdeck', 'templates'));
    expect(entries).toHaveLength(1);
    expect(readdirSync(join(cache, 'newsdeck', 'templates', entries[0] as string)).sort()).toEqual(['manifest.json', 'package.json', 'who-met.js', 'who-met.js.map']);

    const cached = newsdeck(dir, ['build', 'decks', '--templates', 'my-templates', '--out', 'out']);
    expect(cached.status, cached.output).toBe(0);
    // The same cards as the cold build: every note unchanged.
    expect(cached.output).toMatch(/notes: 0 added, 0 changed, \d+ unchanged, 0 retired/);
    expect(compiler(cached.loaded)).toEqual([]);

    // The template API the entry was checked against has changed (preview reads the cache as build does).
    const manifestPath = join(cache, 'newsdeck', 'templates', entries[0] as string, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { inputs: { path: string; sha256: string }[] };
    expect(manifest.inputs.some((i) => i.path.endsWith('/dist/src/templates/index.d.ts'))).toBe(true);
    // As if a newer newsdeck's declarations had replaced the ones the entry was checked against.
    manifest.inputs[0] = { ...(manifest.inputs[0] as { path: string; sha256: string }), sha256: 'stale' };
    writeFileSync(manifestPath, JSON.stringify(manifest));
    const newerApi = newsdeck(dir, ['preview', 'decks', '--templates', 'my-templates']);
    expect(newerApi.status, newerApi.output).toBe(0);
    expect(compiler(newerApi.loaded).length).toBeGreaterThan(0);

    // An edit is a new entry, checked before it runs.
    const path = join(dir, 'my-templates', 'who-met.ts');
    const text = readFileSync(path, 'utf8').replace('longDate(event.when)', 'longDate(event.whenever)');
    writeFileSync(path, text);
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('event.whenever'));
    const edited = newsdeck(dir, ['build', 'decks', '--templates', 'my-templates', '--out', 'out']);
    expect(edited.status).toBe(1);
    expect(edited.output).toContain(`my-templates/who-met.ts:${line + 1}:${(lines[line] as string).indexOf('whenever') + 1}: Property 'whenever' does not exist on type 'NewsEvent'.`);
    expect(compiler(edited.loaded).length).toBeGreaterThan(0);
  }, 180_000);
});

describe('a check or build of an unchanged deck loads neither the annotation code nor the card code', () => {
  const module = (loaded: string[], pattern: RegExp): boolean => loaded.some((m) => pattern.test(m));
  const heavy = (loaded: string[]): string[] =>
    loaded.filter((m) => /[\\/]node_modules[\\/](compromise|yaml|zod|ts-fsrs)[\\/]|[\\/]dist[\\/]src[\\/](cards[\\/]generate|annotation[\\/]load)\.js$/.test(m));

  it('the first check loads them; the next check and build, from the card cache, do not', { timeout: 180_000 }, () => {
    const { dir } = workspace();
    const cold = newsdeck(dir, ['check', 'decks']);
    expect(cold.status, cold.output).toBe(0);
    expect(module(cold.loaded, /[\\/]node_modules[\\/]compromise[\\/]/)).toBe(true);
    expect(module(cold.loaded, /[\\/]dist[\\/]src[\\/]cards[\\/]generate\.js$/)).toBe(true);
    const warm = newsdeck(dir, ['check', 'decks']);
    expect(warm.output).toBe(cold.output);
    expect(module(warm.loaded, /[\\/]dist[\\/]src[\\/]cli[\\/]check\.js$/)).toBe(true);
    expect(heavy(warm.loaded)).toEqual([]);
    const build = newsdeck(dir, ['build', 'decks', '--out', 'out']);
    expect(build.status, build.output).toBe(0);
    expect(module(build.loaded, /[\\/]node_modules[\\/]sql\.js[\\/]/)).toBe(true);
    expect(heavy(build.loaded)).toEqual([]);
  });
});

describe('package.json exports newsdeck/templates', () => {
  it('resolves to the built API, with its declarations beside it', () => {
    const script = "const api = await import('newsdeck/templates'); console.log(typeof api.defineTemplate, typeof api.inSentence, api.CARD_FAMILIES.join(','));";
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(out.trim()).toBe('function function actors,quotes,claims,events,terms,facts');
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, { types: string }> };
    expect(existsSync(join(ROOT, pkg.exports['./templates']?.types ?? 'missing'))).toBe(true);
  });
});
