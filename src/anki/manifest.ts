/**
 * The build manifest: what earlier builds into one output folder shipped, so
 * that the next one gives a newer `mod` exactly to the notes and note types
 * that changed (anki-format.md part 1, point 3), ships a removed note once more
 * as retired, keeps a card a note used to have from going blank, and reports
 * what changed in words. One manifest per output folder, keyed by note
 * identity: moving notes between packages (one package per article ↔ one
 * class deck) or renaming a deck keeps every note's history.
 * JSON-serialisable; the CLI stores it in the output folder.
 */
import { createRequire } from 'node:module';
import type { z as Zod } from 'zod';
import { compareText } from './text.js';

/** The manifest's format version; bump on any incompatible change. */
export const MANIFEST_VERSION = 2;

/**
 * The largest `mod` (seconds) a manifest may hold: Anki stores times as
 * 32-bit-safe seconds, and a `mod` beyond 2106 (9e12 is a time in
 * milliseconds, read as seconds) would make every later edit look older.
 */
export const MAX_MOD = 2 ** 32 - 1;

/** The note types a note can have (see notes.ts). */
export const NOTE_TYPE_KEYS = ['qa', 'actor', 'cloze'] as const;

/** What the manifest remembers of a note. */
export interface ManifestNote {
  guid: string;
  /** Hash of the note's note type, fields and tags. */
  hash: string;
  /** The note's `mod` in that build, in seconds. */
  mod: number;
  /** The package (file stem) that last shipped the note. */
  package: string;
  type: (typeof NOTE_TYPE_KEYS)[number];
  /** The field HTML as shipped: for the change report, for a retired note, for a card no longer made. */
  fields: string[];
  /** Anki's tag string as shipped. */
  tags: string;
  /** The deck of each card of the note, by ord. */
  decks: Record<string, string>;
  /** Shipped once more as retired (tagged `newsdeck::retired`); not shipped again. */
  retired?: true;
}

/** What the manifest remembers of a note type. */
export interface ManifestNoteType {
  id: number;
  /** Hash of the name, fields, templates and CSS. */
  hash: string;
  /** The note type's `mod` in that build, in seconds. */
  mod: number;
}

/** What the manifest remembers of a package file it describes. */
export interface ManifestPackage {
  /** SHA-256 of the .apkg bytes: tells whether the file on disk is the one described. */
  sha256: string;
  /** The deck the package was built as (its title: `--one-deck` name or the article's deck). */
  deck: string;
}

/** The record of the builds into one output folder. */
export interface BuildManifest {
  format: 'newsdeck-anki-manifest';
  version: typeof MANIFEST_VERSION;
  /** Keyed by package file stem. */
  packages: Record<string, ManifestPackage>;
  /** Keyed by note type key (`qa`, `actor`, `cloze`). */
  noteTypes: Record<string, ManifestNoteType>;
  /** Keyed by note identity, sorted. */
  notes: Record<string, ManifestNote>;
}

/**
 * The manifest's schemas in zod, made at the first manifest {@link readManifest}
 * does not accept: zod (over 200 modules) takes longer to load than a rebuild
 * of an unchanged deck, so it is loaded (synchronously, its CommonJS build)
 * only to say what is wrong with a manifest, or to read a version 1 one.
 */
let schemas: ReturnType<typeof makeSchemas> | undefined;

function makeSchemas(z: typeof Zod) {
  const seconds = z.number().int().nonnegative().max(MAX_MOD, { message: `a mod must be a time in seconds, at most ${MAX_MOD} (the year 2106)` });
  const noteTypesSchema = z.record(z.string(), z.object({ id: z.number().int().positive(), hash: z.string(), mod: seconds }));
  const noteSchema = z.object({
    guid: z.string().min(1),
    hash: z.string(),
    mod: seconds,
    package: z.string(),
    type: z.enum(NOTE_TYPE_KEYS),
    fields: z.array(z.string()),
    tags: z.string(),
    decks: z.record(z.string().regex(DECK_ORD), z.string()),
    retired: z.literal(true).optional(),
  });
  const schema = z.object({
    format: z.literal('newsdeck-anki-manifest'),
    version: z.literal(MANIFEST_VERSION),
    packages: z.record(z.string(), z.object({ sha256: z.string().regex(SHA256), deck: z.string() })),
    noteTypes: noteTypesSchema,
    notes: z.record(z.string(), noteSchema),
  });
  const v1Schema = z.object({
    format: z.literal('newsdeck-anki-manifest'),
    version: z.literal(1),
    noteTypes: noteTypesSchema,
    notes: z.record(z.string(), z.object({ guid: z.string().min(1), hash: z.string(), mod: seconds })),
  });
  return { schema, v1Schema };
}

function zodSchemas(): ReturnType<typeof makeSchemas> {
  schemas ??= makeSchemas((createRequire(import.meta.url)('zod') as { z: typeof Zod }).z);
  return schemas;
}

const DECK_ORD = /^\d+$/;
const SHA256 = /^[0-9a-f]{64}$/;

/**
 * The manifest that zod's `schema` would give for `value` (a value of
 * JSON.parse), or undefined when it is not one: the same checks, the same
 * keys in the same order, unknown keys left out (a record's `__proto__` too,
 * as zod does). A property test holds it to the zod schema.
 */
export function readManifest(value: unknown): BuildManifest | undefined {
  if (!isObject(value) || value.format !== 'newsdeck-anki-manifest' || value.version !== MANIFEST_VERSION) return undefined;
  const packages = record(value.packages, (p) => (isObject(p) && typeof p.sha256 === 'string' && SHA256.test(p.sha256) && typeof p.deck === 'string' ? { sha256: p.sha256, deck: p.deck } : undefined));
  const noteTypes = record(value.noteTypes, (t) =>
    isObject(t) && typeof t.id === 'number' && Number.isSafeInteger(t.id) && t.id > 0 && typeof t.hash === 'string' && isSeconds(t.mod) ? { id: t.id, hash: t.hash, mod: t.mod } : undefined,
  );
  const notes = record(value.notes, readNote);
  if (packages === undefined || noteTypes === undefined || notes === undefined) return undefined;
  return { format: 'newsdeck-anki-manifest', version: MANIFEST_VERSION, packages, noteTypes, notes };
}

function readNote(n: unknown): ManifestNote | undefined {
  if (!isObject(n) || typeof n.guid !== 'string' || n.guid.length < 1 || typeof n.hash !== 'string' || !isSeconds(n.mod) || typeof n.package !== 'string') return undefined;
  const type = NOTE_TYPE_KEYS.find((key) => key === n.type);
  if (type === undefined || !Array.isArray(n.fields) || !n.fields.every((f) => typeof f === 'string') || typeof n.tags !== 'string') return undefined;
  if (n.retired !== undefined && n.retired !== true) return undefined;
  const decks = record(n.decks, (deck, ord) => (DECK_ORD.test(ord) && typeof deck === 'string' ? deck : undefined));
  if (decks === undefined) return undefined;
  const note: ManifestNote = { guid: n.guid, hash: n.hash, mod: n.mod, package: n.package, type, fields: [...(n.fields as string[])], tags: n.tags, decks };
  if (n.retired === true) note.retired = true;
  return note;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isSeconds = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= MAX_MOD;

/** A record of `read` values in the input's key order (`__proto__` left out), or undefined if any value is not one. */
function record<T>(value: unknown, read: (item: unknown, key: string) => T | undefined): Record<string, T> | undefined {
  if (!isObject(value)) return undefined;
  const out: Record<string, T> = {};
  for (const key of Object.keys(value)) {
    if (key === '__proto__') continue;
    const item = read(value[key], key);
    if (item === undefined) return undefined;
    out[key] = item;
  }
  return out;
}

/** The result of {@link parseManifest}. */
export type ManifestParseResult = { ok: true; manifest: BuildManifest } | { ok: false; message: string };

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    // A byte order mark (an editor or a copy tool added it) is no part of the JSON.
    return { ok: true, value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) };
  } catch (error) {
    return { ok: false, message: `the manifest is not valid JSON (${(error as Error).message})` };
  }
}

/**
 * Reads a manifest from its JSON text. A manifest that cannot be read is an
 * error the CLI should report (building without it would give every note a
 * new `mod` and overwrite students' edits of unchanged notes).
 */
export function parseManifest(text: string): ManifestParseResult {
  const json = parseJson(text);
  if (!json.ok) return json;
  const value = json.value;
  if (typeof value === 'object' && value !== null && (value as { version?: unknown }).version === 1) {
    return { ok: false, message: 'it is a manifest of an older newsdeck (version 1, one per package)' };
  }
  const manifest = readManifest(value);
  return manifest !== undefined ? { ok: true, manifest } : checkedByZod(value);
}

/** What zod's schema of the manifest says of `value`: the first problem, or the manifest as it reads it. */
export function checkedByZod(value: unknown): ManifestParseResult {
  const parsed = zodSchemas().schema.safeParse(value);
  if (!parsed.success) {
    // The first problem says enough; a damaged manifest can have thousands.
    const first = parsed.error.issues[0];
    const where = first === undefined || first.path.length === 0 ? '' : ` at ${first.path.map(String).join('.')}`;
    const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problems)` : '';
    return { ok: false, message: `it is not a newsdeck build manifest version ${MANIFEST_VERSION}: ${first?.message ?? 'invalid'}${where}${more}` };
  }
  const data = parsed.data;
  const notes: Record<string, ManifestNote> = {};
  for (const [identity, note] of Object.entries(data.notes)) {
    const { retired, ...rest } = note;
    notes[identity] = retired === true ? { ...rest, retired } : rest;
  }
  return {
    ok: true,
    manifest: { format: data.format, version: data.version, packages: data.packages, noteTypes: data.noteTypes, notes },
  };
}

/**
 * A manifest of an older newsdeck (version 1: one per package, `<stem>.manifest.json`),
 * as notes of this version's manifest: guid, hash and `mod` carry over, so an
 * unchanged note keeps its `mod` and students' edits of it survive. What
 * version 1 did not keep (fields, decks) is empty: such a note cannot be
 * shipped as retired, and its moves are not reported.
 */
export function parseLegacyManifest(text: string, stem: string): ManifestParseResult {
  const json = parseJson(text);
  if (!json.ok) return json;
  const parsed = zodSchemas().v1Schema.safeParse(json.value);
  if (!parsed.success) return { ok: false, message: `it is not a newsdeck build manifest version 1: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
  const notes: Record<string, ManifestNote> = {};
  for (const [identity, note] of Object.entries(parsed.data.notes)) {
    const type = identity.split('/')[1] === 'actor' ? 'actor' : identity.split('/')[1]?.endsWith('cloze') === true ? 'cloze' : 'qa';
    notes[identity] = { ...note, package: stem, type, fields: [], tags: '', decks: {} };
  }
  return { ok: true, manifest: { ...emptyManifest(), noteTypes: parsed.data.noteTypes, notes } };
}

/** The manifest as stable, diff-friendly JSON text (ends with a newline). */
export function serializeManifest(manifest: BuildManifest): string {
  return [...manifestChunks(manifest)].join('');
}

/**
 * The text of {@link serializeManifest} (`JSON.stringify(manifest, null, 2)`
 * and a line break) in pieces, one per note: a class's manifest holds the
 * field HTML of every note, and written as one string it would be several
 * times the size of the file in memory.
 */
export function* manifestChunks(manifest: BuildManifest): Generator<string> {
  const indented = (value: unknown, pad: string): string => (JSON.stringify(value, null, 2) as string).replace(/\n/g, `\n${pad}`);
  const entries = Object.entries(manifest);
  yield '{\n';
  for (const [index, [key, value]] of entries.entries()) {
    const notes = key === 'notes' ? Object.entries(value as BuildManifest['notes']) : [];
    if (notes.length === 0) {
      yield `  ${JSON.stringify(key)}: ${indented(value, '  ')}`;
    } else {
      yield `  ${JSON.stringify(key)}: {\n`;
      for (const [n, [identity, note]] of notes.entries()) yield `    ${JSON.stringify(identity)}: ${indented(note, '    ')}${n === notes.length - 1 ? '\n' : ',\n'}`;
      yield '  }';
    }
    yield index === entries.length - 1 ? '\n' : ',\n';
  }
  yield '}\n';
}

/** An empty manifest: what a fresh output folder starts from. */
export function emptyManifest(): BuildManifest {
  return { format: 'newsdeck-anki-manifest', version: MANIFEST_VERSION, packages: {}, noteTypes: {}, notes: {} };
}

/**
 * The `mod` to give something whose content hash is `hash`: the previous one
 * when nothing changed, otherwise `now`, and in any case newer than before so
 * that Anki's importer takes the update.
 */
export function nextMod(
  previous: { hash: string; mod: number } | undefined,
  hash: string,
  now: number,
): { mod: number; status: 'added' | 'changed' | 'unchanged' } {
  if (previous === undefined) return { mod: now, status: 'added' };
  if (previous.hash === hash) return { mod: previous.mod, status: 'unchanged' };
  return { mod: Math.max(now, previous.mod + 1), status: 'changed' };
}

/** The article id of a note identity (`article/template/item…`). */
export function articleOfIdentity(identity: string): string {
  const slash = identity.indexOf('/');
  return slash < 0 ? identity : identity.slice(0, slash);
}

/** One package of a build, as {@link retirementHomes} needs it. */
export interface PlannedPackage {
  name: string;
  /** The article ids of its articles. */
  articles: ReadonlySet<string>;
}

/**
 * Which notes of the previous builds each package of this build ships as
 * retired: those no package makes any more, whose old package this build
 * writes again or whose article it builds. A note of an article this build
 * does not touch (another week's package in the same folder) stays as it was.
 * A note already shipped as retired is not shipped again.
 *
 * This gives, for each package, the notes it ships as retired unless one of
 * its own cards makes them again: a note goes home to the package of its name that builds its article, else
 * the package that builds its article, else the package of its name. A note
 * can only be made again by the package that builds its article (an article
 * id starts every identity, and no two annotations share one), so a build
 * that makes one package at a time filters its list by that package's own
 * identities. Found through maps, not by searching the packages for each note.
 */
export function retirementHomes(previous: BuildManifest, packages: readonly PlannedPackage[]): Map<string, string[]> {
  const result = new Map<string, string[]>(packages.map((p) => [p.name, []]));
  const byName = new Map<string, (typeof packages)[number][]>();
  const byArticle = new Map<string, (typeof packages)[number]>();
  for (const p of packages) {
    byName.set(p.name, [...(byName.get(p.name) ?? []), p]);
    for (const article of p.articles) if (!byArticle.has(article)) byArticle.set(article, p);
  }
  for (const [identity, note] of Object.entries(previous.notes)) {
    if (note.retired === true) continue;
    const article = articleOfIdentity(identity);
    const named = byName.get(note.package) ?? [];
    const home = named.find((p) => p.articles.has(article)) ?? byArticle.get(article) ?? named[0];
    if (home !== undefined) result.get(home.name)?.push(identity);
  }
  return result;
}

/**
 * The folder's manifest after a build: every note and package the build
 * shipped as it shipped them, and everything else of the previous manifest
 * kept, so that a package built later into the same folder keeps its history.
 */
export function mergeManifests(previous: BuildManifest, built: readonly BuildManifest[]): BuildManifest {
  const notes = { ...previous.notes };
  const packages = { ...previous.packages };
  let noteTypes = previous.noteTypes;
  for (const manifest of built) {
    Object.assign(notes, manifest.notes);
    Object.assign(packages, manifest.packages);
    noteTypes = manifest.noteTypes;
  }
  return {
    format: 'newsdeck-anki-manifest',
    version: MANIFEST_VERSION,
    packages: sortedRecord(packages),
    noteTypes,
    notes: sortedRecord(notes),
  };
}

function sortedRecord<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compareText(a, b)));
}
