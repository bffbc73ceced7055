/**
 * The Anki exporter: cards → .apkg bytes and a build manifest. Pure: it reads
 * no files and no clock; the CLI passes `now`, reads the previous manifest and
 * writes both outputs.
 *
 * @example
 * ```ts
 * const previous = parseManifest(await readFile(manifestPath, 'utf8'));
 * const { apkg, manifest, changes } = await buildPackage({ cards, previous: previous.ok ? previous.manifest : undefined, now });
 * // write apkg, then serializeManifest(manifest), atomically
 * ```
 */
export { buildPackage, type PackageChanges, type PackageInput, type PackageOutput } from './package.js';
export {
  MANIFEST_VERSION,
  parseManifest,
  serializeManifest,
  type BuildManifest,
  type ManifestNote,
  type ManifestNoteType,
  type ManifestParseResult,
} from './manifest.js';
export { notePlace, type NotePlace, type NoteTypeKey, AnkiInputError, type AnkiInputErrorCode } from './notes.js';
export { deckIdFor, guidFor } from './hash.js';
/** Starts loading sql.js: its WebAssembly compiles in the background while the caller makes cards. */
export { loadSqlJs as prepareAnkiWriter } from './sqlite.js';
export {
  ACTOR_NOTE_TYPE,
  CLOZE_NOTE_TYPE,
  NOTE_TYPES,
  QA_NOTE_TYPE,
  type NoteTypeDefinition,
  type NoteTypeTemplate,
} from '../../templates/anki/note-types.js';
