import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';
import { fakeIo } from '../helpers/io.js';
import { tempFolder } from '../helpers/tmp.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SAMPLE = 'china-trump-russia-pivot';

/** A teacher's folder: a copy of decks/, a folder of templates, and a cache of its own. */
export function workspace(templates: Record<string, string> = {}): { dir: string; cache: string } {
  const dir = tempFolder('newsdeck-templates-');
  cpSync(join(ROOT, 'decks'), join(dir, 'decks'), { recursive: true });
  for (const [name, text] of Object.entries(templates)) {
    const path = join(dir, 'my-templates', name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  return { dir, cache: join(dir, '.cache') };
}

/** Runs a command in the workspace, as `newsdeck ARGS` would. */
export async function run(dir: string, args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const { io, stdout, stderr } = fakeIo({ cwd: dir, env: { XDG_CACHE_HOME: join(dir, '.cache'), HOME: dir } });
  const status = await main(args, io);
  return { status, stdout: stdout(), stderr: stderr() };
}

/** The "who met whom" template of the README's section "Write your own card template", as printed there. */
export function readmeTemplate(readme: string): string {
  const block = readme.split('```ts\n').find((b) => b.startsWith('// my-templates/who-met.ts\n'));
  if (block === undefined) throw new Error('the README has no ```ts block starting with // my-templates/who-met.ts');
  return block.slice(0, block.indexOf('```'));
}
