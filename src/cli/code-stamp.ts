/**
 * The stamp of this build of newsdeck, for every cache that holds what the
 * code made (the build's card cache, the quiz's deck cache): another build may
 * make other cards from the same annotations, so an entry made by it is a miss.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

let stamp: string | undefined;

/**
 * This build of newsdeck: every module of its own (dist/src, or src when run
 * from the sources) and the installed version of every dependency. Another
 * build may make other cards from the same annotations, so its cache is not used.
 */
export function codeStamp(): string {
  if (stamp !== undefined) return stamp;
  const hash = createHash('sha256');
  const own = fileURLToPath(new URL('..', import.meta.url));
  const walk = (folder: string): void => {
    const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(js|ts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) hash.update(`${relative(own, path)}\0`).update(readFileSync(path)).update('\0');
    }
  };
  walk(own);
  const require = createRequire(import.meta.url);
  // The package root: above dist/src when built, above src when run from the sources.
  let root = dirname(own);
  while (!existsSync(join(root, 'package.json')) && dirname(root) !== root) root = dirname(root);
  let pkg: { version?: string; dependencies?: Record<string, string> } = {};
  try {
    pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as typeof pkg;
  } catch {
    // Code copied without its package.json: the code alone is the stamp.
  }
  hash.update(`newsdeck@${pkg.version ?? ''}\0`);
  for (const name of Object.keys(pkg.dependencies ?? {}).sort()) hash.update(`${name}@${installedVersion(require, name)}\0`);
  stamp = hash.digest('hex');
  return stamp;
}

/** The version of the dependency `name` that Node would load from here ('?' when none is found). */
function installedVersion(require: NodeJS.Require, name: string): string {
  for (const folder of require.resolve.paths(name) ?? []) {
    try {
      return (JSON.parse(readFileSync(join(folder, name, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      // not in this node_modules: the next one up
    }
  }
  return '?';
}
