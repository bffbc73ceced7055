/**
 * `--templates DIR`: a teacher's card templates, type-checked before any of
 * them runs and cached compiled. A template is code, so it is loaded only
 * from a folder named on the command line, never found beside annotations.
 *
 * The compiler (ts-morph and typescript, seconds to load) is imported only
 * when a folder's templates are not in the cache: the cache entry is named by
 * a hash of every file of the folder and of this installation's template API,
 * and lists the declaration files the check read, so an unchanged folder runs
 * from the cache without compiling anything.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { shown } from '../annotation/shown.js';
import { BUILT_IN_TEMPLATES, registerTemplates, TemplateRegistryError, type CardTemplate } from '../cards/index.js';
import type { CompiledModule, DeclaredTemplate, TemplateApi, TemplateSource } from '../templates/compile.js';
import { guarded } from '../templates/guard.js';
import { formatProblem, placeIn, type SourcePlace, type TemplateProblem } from '../templates/problem.js';
import { removeStaleTemporariesIn } from './files.js';
import { ExitError, EXIT, type CliIo } from './io.js';

/** Bumped when the cache entry's layout or the compiler options change. */
const CACHE_FORMAT = 1;

/** What a cache entry records besides the compiled files. */
interface CacheManifest {
  format: number;
  templates: DeclaredTemplate[];
  modules: { relative: string; path: string }[];
  /** Declaration files the type check read, with the hash of their content then. */
  inputs: { path: string; sha256: string }[];
}

/** The templates in use: the built-in ones and, with `--templates DIR`, the folder's. Undefined without a folder. */
export async function templatesOption(dir: string | undefined, io: CliIo): Promise<readonly CardTemplate[] | undefined> {
  return (await identifiedTemplates(dir, io))?.templates;
}

/**
 * {@link templatesOption}, with the identity of the templates loaded: the hash
 * of every file of the folder and of the checker, which the card cache keys on.
 */
export async function identifiedTemplates(dir: string | undefined, io: CliIo): Promise<{ templates: readonly CardTemplate[]; identity: string } | undefined> {
  if (dir === undefined) return undefined;
  const { sources } = readTemplateFolder(dir, io);
  const api = templateApi();
  // The key hashes every template file and the checker: once, for the look-up and for storing on a miss.
  const identity = entryKey(sources, api);
  const entryFolder = join(cacheRoot(io), identity);
  const entry = cachedEntry(entryFolder) ?? (await compiledEntry(entryFolder, sources, api, io));
  return { templates: await loadEntry(entry.folder, entry.manifest, sources, io), identity };
}

/** Every `.ts` file of the folder (recursively, without `.d.ts`), in a stable order. */
export function readTemplateFolder(dir: string, io: CliIo): { folder: string; sources: TemplateSource[] } {
  const folder = resolve(io.cwd, dir);
  let isFolder = false;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch {
    // Reported below, with what was given.
  }
  if (!isFolder) throw new ExitError(EXIT.failure, `--templates ${shown(dir)}: no such folder`);
  const sources: TemplateSource[] = [];
  const walk = (at: string): void => {
    const entries = readdirSync(at, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const path = join(at, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) {
        sources.push({ path, relative: relative(folder, path).split('\\').join('/'), file: shown(relative(io.cwd, path) || path), text: readFileSync(path, 'utf8') });
      }
    }
  };
  walk(folder);
  if (sources.length === 0) throw new ExitError(EXIT.failure, `--templates ${shown(dir)}: no template files (*.ts) in this folder`);
  return { folder, sources };
}

/** The template API of this installation: the built declarations beside the built module, or the sources when run from them. */
export function templateApi(): TemplateApi {
  const js = fileURLToPath(new URL('../templates/index.js', import.meta.url));
  if (existsSync(js)) return { types: js.replace(/\.js$/, '.d.ts'), runtime: pathToFileURL(js).href };
  const source = js.replace(/\.js$/, '.ts');
  return { types: source, runtime: pathToFileURL(source).href };
}

/** `$XDG_CACHE_HOME/newsdeck/templates`, or `~/.cache/newsdeck/templates`. */
function cacheRoot(io: CliIo): string {
  const base = io.env.XDG_CACHE_HOME !== undefined && io.env.XDG_CACHE_HOME !== '' ? io.env.XDG_CACHE_HOME : join(io.env.HOME ?? homedir(), '.cache');
  return join(resolve(io.cwd, base), 'newsdeck', 'templates');
}

function sha256(...parts: string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(`${part.length}:${part}`);
  return hash.digest('hex');
}

function entryKey(sources: readonly TemplateSource[], api: TemplateApi): string {
  return sha256(String(CACHE_FORMAT), checkerStamp(), api.runtime, api.types, ...sources.flatMap((s) => [s.relative, s.text]));
}

/** The checker's own code: a newsdeck that checks differently (another rule, another compiler option) checks again. */
function checkerStamp(): string {
  const js = fileURLToPath(new URL('../templates/compile.js', import.meta.url));
  return fileHash(existsSync(js) ? js : js.replace(/\.js$/, '.ts')) ?? '';
}

function fileHash(path: string): string | undefined {
  try {
    return sha256(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/** The folder's cache entry, when there is one and the API it was checked against has not changed since. */
function cachedEntry(entryFolder: string): { folder: string; manifest: CacheManifest } | undefined {
  let manifest: CacheManifest;
  try {
    manifest = JSON.parse(readFileSync(join(entryFolder, 'manifest.json'), 'utf8')) as CacheManifest;
  } catch {
    return undefined;
  }
  // A damaged manifest (cut short, another shape) is no entry: the folder is compiled again and the entry replaced.
  if (typeof manifest !== 'object' || manifest === null || manifest.format !== CACHE_FORMAT) return undefined;
  if (!Array.isArray(manifest.inputs) || !Array.isArray(manifest.modules) || !Array.isArray(manifest.templates)) return undefined;
  if (!manifest.inputs.every((input) => typeof input?.path === 'string' && fileHash(input.path) === input.sha256)) return undefined;
  return { folder: entryFolder, manifest };
}

/** Type-checks and compiles the folder (loading the compiler), refusing it on any problem; caches what passes. */
async function compiledEntry(entryFolder: string, sources: readonly TemplateSource[], api: TemplateApi, io: CliIo): Promise<{ folder: string; manifest: CacheManifest }> {
  const { compileTemplates } = await import('../templates/compile.js');
  const result = compileTemplates(sources, api, BUILT_IN_TEMPLATES.map((t) => t.id));
  if (!result.ok) throw refusal(result.problems, io);
  const manifest: CacheManifest = {
    format: CACHE_FORMAT,
    templates: result.templates,
    modules: result.modules.map((m) => ({ relative: m.relative, path: m.relative.replace(/\.ts$/, '.js') })),
    inputs: result.inputs.map((path) => ({ path, sha256: fileHash(path) ?? '' })),
  };
  return { folder: storeEntry(entryFolder, manifest, result.modules), manifest };
}

function refusal(problems: readonly TemplateProblem[], io: CliIo): ExitError {
  io.stderr.write(problems.map(formatProblem).join('\n\n') + '\n');
  const n = problems.length;
  return new ExitError(EXIT.failure, `${n} problem${n === 1 ? '' : 's'} in the templates above; no template ran and nothing was written`);
}

/**
 * Writes a cache entry whole or not at all: into a temporary folder, renamed
 * into place. Another build that stored the same entry first wins; a cache that
 * cannot be written is not an error, only slower (a temporary entry is used).
 */
function storeEntry(folder: string, manifest: CacheManifest, modules: readonly CompiledModule[]): string {
  // Entries of builds killed while storing one (their process is gone): every temporary of the cache is an entry.
  removeStaleTemporariesIn(join(folder, '..'), () => true, { folders: true });
  const temporary = `${folder}.${process.pid}.tmp`;
  const write = (at: string): void => {
    rmSync(at, { recursive: true, force: true });
    mkdirSync(at, { recursive: true });
    // The compiled files are ES modules wherever the cache is.
    writeFileSync(join(at, 'package.json'), '{ "type": "module" }\n');
    for (const [i, m] of modules.entries()) {
      const path = join(at, (manifest.modules[i] as { path: string }).path);
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, m.js);
      writeFileSync(`${path}.map`, m.map);
    }
    writeFileSync(join(at, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  };
  try {
    write(temporary);
    try {
      renameSync(temporary, folder);
    } catch {
      if (cachedEntry(folder) === undefined) {
        // The entry there is damaged (it was passed over): replaced, or it would be compiled again on every build.
        rmSync(folder, { recursive: true, force: true });
        renameSync(temporary, folder);
      } else {
        rmSync(temporary, { recursive: true, force: true }); // another build stored it first
      }
    }
    return folder;
  } catch {
    rmSync(temporary, { recursive: true, force: true });
    const fallback = mkdtempSync(join(tmpdir(), 'newsdeck-templates-'));
    write(fallback);
    process.once('exit', () => rmSync(fallback, { recursive: true, force: true }));
    return fallback;
  }
}

/** Runs the compiled modules (this is where template code first runs) and returns every template in use, each guarded. */
async function loadEntry(folder: string, manifest: CacheManifest, sources: readonly TemplateSource[], io: CliIo): Promise<readonly CardTemplate[]> {
  const byRelative = new Map(sources.map((s) => [s.relative, s]));
  const placeInFile = (relativePath: string, line: number, col: number): SourcePlace => placeIn(byRelative.get(relativePath) as TemplateSource, line, col);
  const maps = manifest.modules.map((m) => ({ ...m, file: join(folder, m.path), url: pathToFileURL(join(folder, m.path)).href, map: undefined as SourceMap | undefined }));
  // The first frame of a stack that lies in a template file, at its place in the TypeScript source.
  const thrownAt = (error: unknown): SourcePlace | undefined => {
    const stack = error instanceof Error ? (error.stack ?? '') : '';
    // Frames name a module by URL (node) or by path (a test runner's loader).
    for (const frame of stack.matchAll(/(?:file:\/\/)?(\/[^\s)]+?):(\d+):(\d+)/g)) {
      const module = maps.find((m) => m.file === decodeURIComponent(frame[1] as string));
      if (module === undefined) continue;
      module.map ??= new SourceMap(JSON.parse(readFileSync(`${module.file}.map`, 'utf8')) as ConstructorParameters<typeof SourceMap>[0]);
      const entry = module.map.findEntry(Number(frame[2]) - 1, Number(frame[3]) - 1) as { originalLine?: number; originalColumn?: number };
      if (entry.originalLine === undefined || entry.originalColumn === undefined) continue;
      return placeInFile(module.relative, entry.originalLine + 1, entry.originalColumn + 1);
    }
    return undefined;
  };
  const user: CardTemplate[] = [];
  // A template exported twice (by default and by name, or again from another file) is one template.
  const seen = new Set<unknown>();
  for (const module of maps) {
    let exports: Record<string, unknown>;
    try {
      exports = (await import(module.url)) as Record<string, unknown>;
    } catch (error) {
      const at = thrownAt(error) ?? placeInFile(module.relative, 1, 1);
      throw refusal([{ ...at, message: `the file threw when loaded: ${error instanceof Error ? error.message : String(error)}` }], io);
    }
    for (const value of Object.values(exports)) {
      if (!isTemplate(value) || seen.has(value)) continue;
      seen.add(value);
      const declared = manifest.templates.find((t) => t.relative === module.relative && t.id === value.id) ?? manifest.templates.find((t) => t.relative === module.relative);
      const generate = declared === undefined ? placeInFile(module.relative, 1, 1) : placeInFile(module.relative, declared.generate.line, declared.generate.col);
      user.push(guarded(value, { generate, thrownAt }));
    }
  }
  // A template the source defines but no file exports would be left out without a word.
  const unexported = manifest.templates.filter((t) => t.id !== undefined && !user.some((u) => u.id === t.id));
  if (unexported.length > 0) {
    throw refusal(
      unexported.map((t) => ({ ...placeInFile(t.relative, t.line, t.col), message: `template '${t.id as string}' is defined but not exported, so it would make no cards`, hint: 'write export default defineTemplate({ … }) or export const name = defineTemplate({ … })' })),
      io,
    );
  }
  try {
    return registerTemplates([...BUILT_IN_TEMPLATES, ...user]);
  } catch (error) {
    // An id the source computes, so the check could not see it: shown at the template's place.
    if (!(error instanceof TemplateRegistryError)) throw error;
    const bad = user.find((t) => error.message.includes(`'${t.id}'`));
    const declared = manifest.templates.find((t) => t.id === bad?.id) ?? manifest.templates[0];
    const at = declared === undefined ? placeInFile(manifest.modules[0]?.relative ?? '', 1, 1) : placeInFile(declared.relative, declared.line, declared.col);
    throw refusal([{ ...at, message: error.message }], io);
  }
}

/** What `defineTemplate` returns: an id, a family and a `generate` function. */
function isTemplate(value: unknown): value is CardTemplate {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<CardTemplate>;
  return typeof v.id === 'string' && typeof v.family === 'string' && typeof v.generate === 'function';
}
