/**
 * The build manifest: what the previous build shipped, so that the next one
 * gives a newer `mod` exactly to the notes and note types that changed
 * (anki-format.md part 1, point 3). JSON-serialisable; the CLI stores it next
 * to the package.
 */
import { z } from 'zod';

/** The manifest's format version; bump on any incompatible change. */
export const MANIFEST_VERSION = 1;

/** What the manifest remembers of a note. */
export interface ManifestNote {
  guid: string;
  /** Hash of the note's note type, fields and tags. */
  hash: string;
  /** The note's `mod` in that build, in seconds. */
  mod: number;
}

/** What the manifest remembers of a note type. */
export interface ManifestNoteType {
  id: number;
  /** Hash of the name, fields, templates and CSS. */
  hash: string;
  /** The note type's `mod` in that build, in seconds. */
  mod: number;
}

/** The record of one build. */
export interface BuildManifest {
  format: 'newsdeck-anki-manifest';
  version: typeof MANIFEST_VERSION;
  /** Keyed by note type key (`qa`, `actor`, `cloze`). */
  noteTypes: Record<string, ManifestNoteType>;
  /** Keyed by note identity, sorted. */
  notes: Record<string, ManifestNote>;
}

const seconds = z.number().int().nonnegative();
const schema = z.object({
  format: z.literal('newsdeck-anki-manifest'),
  version: z.literal(MANIFEST_VERSION),
  noteTypes: z.record(z.string(), z.object({ id: z.number().int().positive(), hash: z.string(), mod: seconds })),
  notes: z.record(z.string(), z.object({ guid: z.string(), hash: z.string(), mod: seconds })),
});

/** The result of {@link parseManifest}. */
export type ManifestParseResult = { ok: true; manifest: BuildManifest } | { ok: false; message: string };

/**
 * Reads a manifest from its JSON text. A manifest that cannot be read is an
 * error the CLI should report (building without it would give every note a
 * new `mod` and overwrite students' edits of unchanged notes).
 */
export function parseManifest(text: string): ManifestParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `the manifest is not valid JSON (${(error as Error).message})` };
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    // The first problem says enough; a damaged manifest can have thousands.
    const first = parsed.error.issues[0];
    const where = first === undefined || first.path.length === 0 ? '' : ` at ${first.path.map(String).join('.')}`;
    const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problems)` : '';
    return { ok: false, message: `it is not a newsdeck build manifest version ${MANIFEST_VERSION}: ${first?.message ?? 'invalid'}${where}${more}` };
  }
  const data = parsed.data;
  return {
    ok: true,
    manifest: { format: data.format, version: data.version, noteTypes: data.noteTypes, notes: data.notes },
  };
}

/** The manifest as stable, diff-friendly JSON text (ends with a newline). */
export function serializeManifest(manifest: BuildManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
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
