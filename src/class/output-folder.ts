/**
 * The output folder's manifest on disk: read (recovering from a build killed
 * half-way), checked against the packages it describes, and committed
 * together with the packages.
 *
 * Package and manifest commit as one through a journal: the new manifest is
 * first written as `newsdeck-manifest.pending.json`, then the packages are
 * renamed into place, then the journal becomes the manifest. A build killed
 * anywhere in between leaves the journal; the next build keeps, for each
 * package, the manifest entries that describe the file actually on disk (its
 * SHA-256 says which), so a package never sits beside a manifest that is not
 * its own.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { articleOfIdentity, emptyManifest, manifestChunks, mergeManifests, parseLegacyManifest, parseManifest, serializeManifest, type BuildManifest } from '../anki/manifest.js';
import { ankiDeckName } from '../anki/text.js';
import { removeStaleTemporaries, shownPath, writeFileAtomic, type StagedFiles } from '../cli/files.js';
import { ExitError, EXIT, type CliIo } from '../cli/io.js';

/** The one manifest of an output folder. */
export const MANIFEST_FILE = 'newsdeck-manifest.json';
/** The journal of a build in progress (see the module comment). */
export const PENDING_FILE = 'newsdeck-manifest.pending.json';

const FRESH_COST = "every note then counts as added with a new mod, and students' own edits of notes they already have are overwritten on import";

function sha256Of(path: string): string | undefined {
  try {
    return createHash('sha256').update(readFileSync(path)).digest('hex');
  } catch {
    return undefined;
  }
}

function readText(path: string, io: CliIo): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ExitError(EXIT.failure, `cannot read ${shownPath(io, path)}: ${(error as Error).message}`);
  }
}

function readManifestFile(path: string, io: CliIo): BuildManifest | undefined {
  if (!existsSync(path)) return undefined;
  const parsed = parseManifest(readText(path, io));
  if (parsed.ok) return parsed.manifest;
  // Building without it would give every note a newer mod, overwriting students' own edits of them: ask first.
  throw new ExitError(
    EXIT.failure,
    `${shownPath(io, path)} is not a manifest this version can read (${parsed.message}).\n` +
      `Restore it from a backup, or build with --fresh to start from scratch: ${FRESH_COST}.`,
  );
}

/**
 * The manifest after a build that was killed or failed between its journal
 * and its commit: for every package of the journal whose file on disk is the
 * one the journal describes, the journal's notes and package entry; for every
 * other, what the manifest said. Pure but for the hash function it is given.
 */
export function recoverManifest(
  committed: BuildManifest | undefined,
  pending: BuildManifest,
  hashOnDisk: (stem: string) => string | undefined,
): BuildManifest | undefined {
  const landed = new Set(Object.entries(pending.packages).filter(([stem, entry]) => hashOnDisk(stem) === entry.sha256).map(([stem]) => stem));
  if (landed.size === 0) return committed;
  // What landed is merged as a build's manifest is: by the one rule of mergeManifests.
  const onDisk: BuildManifest = {
    ...pending,
    packages: Object.fromEntries(Object.entries(pending.packages).filter(([stem]) => landed.has(stem))),
    notes: Object.fromEntries(Object.entries(pending.notes).filter(([, note]) => landed.has(note.package))),
  };
  return mergeManifests(committed ?? emptyManifest(), [onDisk]);
}

/** Finishes (or undoes) an interrupted commit, so that the folder's manifest describes its packages. */
function recoverJournal(outDir: string, io: CliIo): void {
  const pendingPath = join(outDir, PENDING_FILE);
  if (!existsSync(pendingPath)) return;
  const manifestPath = join(outDir, MANIFEST_FILE);
  let pending: BuildManifest | undefined;
  try {
    const parsed = parseManifest(readFileSync(pendingPath, 'utf8'));
    if (parsed.ok) pending = parsed.manifest;
  } catch {
    // Unreadable: it was written atomically, so it is not a torn journal but something else; left out.
  }
  if (pending === undefined) {
    throw new ExitError(EXIT.failure, `${shownPath(io, pendingPath)} is not a build journal this version can read; move it away and build again`);
  }
  const committed = readManifestFile(manifestPath, io);
  const recovered = recoverManifest(committed, pending, (stem) => sha256Of(join(outDir, `${stem}.apkg`)));
  // Nothing of the interrupted build landed: the manifest already describes the folder.
  if (recovered !== committed && recovered !== undefined) {
    writeFileAtomic(manifestPath, serializeManifest(recovered));
    io.stderr.write(`note: ${shownPath(io, outDir)}: a build was interrupted after writing packages; ${MANIFEST_FILE} now describes the packages on disk\n`);
  }
  rmSync(pendingPath, { force: true });
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** What {@link readOutputFolder} found. */
export interface OutputFolder {
  /** The folder's manifest (empty for a new folder, or with --fresh). */
  manifest: BuildManifest;
  /** Packages on disk, by stem. */
  packagesOnDisk: Set<string>;
}

/**
 * Reads the folder's manifest and checks that it is the folder's own: a
 * folder with packages but no manifest, or a manifest whose packages are not
 * the files beside it (another folder's manifest, a package replaced by
 * hand), is an error unless `fresh`, since building on it would give notes a
 * wrong `mod` and overwrite students' edits or leave notes stale.
 */
export function readOutputFolder(outDir: string, io: CliIo, fresh: boolean): OutputFolder {
  if (!existsSync(outDir) || !statSync(outDir).isDirectory()) return { manifest: emptyManifest(), packagesOnDisk: new Set() };
  recoverJournal(outDir, io);
  const entries = readdirSync(outDir);
  const packagesOnDisk = new Set(entries.filter((e) => e.endsWith('.apkg') && isFile(join(outDir, e))).map((e) => e.slice(0, -'.apkg'.length)));
  const manifestPath = join(outDir, MANIFEST_FILE);
  if (fresh) return { manifest: emptyManifest(), packagesOnDisk };
  const manifest = readManifestFile(manifestPath, io);
  if (manifest === undefined) {
    const legacy = readLegacyManifests(outDir, entries, packagesOnDisk, io);
    if (legacy !== undefined) return { manifest: legacy, packagesOnDisk };
    if (packagesOnDisk.size > 0) {
      const listed = [...packagesOnDisk].sort().slice(0, 3).map((s) => `${s}.apkg`).join(', ');
      const old = entries.filter((e) => e.endsWith('.manifest.json'));
      throw new ExitError(
        EXIT.failure,
        `${shownPath(io, outDir)} has packages (${listed}${packagesOnDisk.size > 3 ? ', …' : ''}) but no ${MANIFEST_FILE}, which remembers what students already have.\n` +
          (old.length > 0 ? `Its ${old[0] as string} is a manifest of an older newsdeck, which this version does not read.\n` : '') +
          `Restore the manifest, build into another --out folder, or build with --fresh: ${FRESH_COST}.`,
      );
    }
    return { manifest: emptyManifest(), packagesOnDisk };
  }
  for (const [stem, entry] of Object.entries(manifest.packages)) {
    if (!packagesOnDisk.has(stem)) continue;
    if (sha256Of(join(outDir, `${stem}.apkg`)) !== entry.sha256) {
      throw new ExitError(
        EXIT.failure,
        `${shownPath(io, join(outDir, `${stem}.apkg`))} is not the package ${MANIFEST_FILE} describes (was the manifest copied from another folder, or the package replaced?).\n` +
          `Put back the folder's own manifest or package, or build with --fresh: ${FRESH_COST}.`,
      );
    }
  }
  return { manifest, packagesOnDisk };
}

/**
 * The manifests of an older newsdeck (`<stem>.manifest.json`, one per package
 * beside it) as one manifest of this version, when every package of the
 * folder has one: the next build then keeps every unchanged note's `mod`.
 */
function readLegacyManifests(outDir: string, entries: readonly string[], packagesOnDisk: ReadonlySet<string>, io: CliIo): BuildManifest | undefined {
  const stems = entries.filter((e) => e.endsWith('.manifest.json')).map((e) => e.slice(0, -'.manifest.json'.length));
  if (stems.length === 0 || [...packagesOnDisk].some((stem) => !stems.includes(stem))) return undefined;
  const parts: BuildManifest[] = [];
  for (const stem of stems) {
    const path = join(outDir, `${stem}.manifest.json`);
    const parsed = parseLegacyManifest(readText(path, io), stem);
    if (!parsed.ok) throw new ExitError(EXIT.failure, `${shownPath(io, path)} is not a manifest this version can read (${parsed.message}).\nRestore it, or build with --fresh: ${FRESH_COST}.`);
    // Version 1 kept no hash of its package: the file beside it is taken as the one it describes.
    const sha256 = sha256Of(join(outDir, `${stem}.apkg`));
    parts.push({ ...parsed.manifest, packages: sha256 === undefined ? {} : { [stem]: { sha256, deck: '' } } });
  }
  io.stderr.write(`note: ${shownPath(io, outDir)}: read the manifests of an older newsdeck (${stems.map((s) => `${s}.manifest.json`).join(', ')}); from now on the folder has one, ${MANIFEST_FILE}\n`);
  return mergeManifests(emptyManifest(), parts);
}

/** A package a build is about to write, as {@link checkTargets} needs it. */
export interface TargetPackage {
  name: string;
  title: string;
  /** Made by `--one-deck` (or a class's one package): its file name comes from its deck name. */
  named: boolean;
  articles: ReadonlySet<string>;
}

/**
 * Refuses to overwrite a package this folder's manifest does not describe, or
 * one that holds another deck: "Class 10B" and "class-10b" both make
 * `class-10b.apkg`, and the second build must not silently replace the first.
 * (Names Anki takes for one deck, differing only in case, are one deck.)
 */
export function checkTargets(outDir: string, folder: OutputFolder, targets: readonly TargetPackage[], io: CliIo, fresh: boolean): void {
  for (const target of targets) {
    if (!folder.packagesOnDisk.has(target.name) || fresh) continue;
    const path = shownPath(io, join(outDir, `${target.name}.apkg`));
    const entry = folder.manifest.packages[target.name];
    if (entry === undefined) {
      throw new ExitError(
        EXIT.failure,
        `refusing to overwrite ${path}: ${MANIFEST_FILE} does not describe it, so what students have of it is unknown.\n` +
          `Move it away, build into another --out folder, or build with --fresh: ${FRESH_COST}.`,
      );
    }
    // '' is a package an older newsdeck wrote, whose deck name it did not keep.
    const sameDeck = entry.deck === '' || ankiDeckName(entry.deck).toLowerCase() === ankiDeckName(target.title).toLowerCase();
    const otherArticles = (): boolean => Object.entries(folder.manifest.notes).some(([identity, note]) => note.package === target.name && !target.articles.has(articleOfIdentity(identity)));
    if (!sameDeck && (target.named || otherArticles())) {
      throw new ExitError(
        EXIT.failure,
        `refusing to overwrite ${path}: it is the package of deck '${entry.deck}', and this build's deck '${target.title}' has the same file name.\n` +
          `Use the same deck name as before, or build the other deck into another --out folder.`,
      );
    }
  }
}

/**
 * Writes the packages, the other outputs and the manifest as one commit (see
 * the module comment). On a failure the folder is recovered at once: the
 * manifest then describes whatever packages did land.
 */
export function commitOutputFolder(outDir: string, manifest: BuildManifest, files: StagedFiles, io: CliIo): void {
  const pendingPath = join(outDir, PENDING_FILE);
  // The manifest itself is renamed from the journal, not staged: clean its stale temporaries here.
  removeStaleTemporaries([join(outDir, MANIFEST_FILE)]);
  try {
    writeFileAtomic(pendingPath, manifestChunks(manifest));
  } catch (error) {
    files.abandon();
    throw error;
  }
  try {
    files.commit();
  } catch (error) {
    recoverJournal(outDir, io);
    throw error;
  }
  try {
    renameSync(pendingPath, join(outDir, MANIFEST_FILE));
  } catch (error) {
    throw new ExitError(EXIT.failure, `cannot write ${shownPath(io, join(outDir, MANIFEST_FILE))}: ${(error as Error).message}; the next build finishes this one from ${PENDING_FILE}`);
  }
}
