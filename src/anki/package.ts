/**
 * Card[] → .apkg bytes. Pure: the clock comes in as `now`, the bytes go out,
 * and identical inputs give byte-identical packages.
 */
import { createHash } from 'node:crypto';
import { strToU8, zipSync, type ZipOptions } from 'fflate';
import type { Card } from '../cards/card.js';
import { NOTE_TYPES, type NoteTypeDefinition } from '../../templates/anki/note-types.js';
import {
  COLLECTION_CREATED,
  collectDecks,
  collectionConf,
  collectionDeckConfigs,
  collectionDecks,
  collectionModels,
} from './collection.js';
import { contentHash, IdAllocator, pastTimestampId } from './hash.js';
import { MANIFEST_VERSION, nextMod, type BuildManifest, type ManifestNote, type ManifestNoteType } from './manifest.js';
import { AnkiInputError, buildNotes, keepFormerCards, retiredNote } from './notes.js';
import { writeCollection, type CardRow, type NoteRow } from './sqlite.js';
import { compareText, stripHtml } from './text.js';

/** What {@link buildPackage} needs. */
export interface PackageInput {
  /** The cards of one package, in article order (the order new cards are studied in). */
  cards: readonly Card[];
  /** The manifest of the previous build of this package, if any. */
  previous?: BuildManifest | undefined;
  /**
   * The build time in seconds since the epoch (SOURCE_DATE_EPOCH or the clock;
   * a fraction is floored). Used only as the `mod` of what changed.
   */
  now: number;
  /** The package's file stem, recorded with each note in the manifest (default `deck`). */
  name?: string | undefined;
  /** The deck the package is built as (its title), recorded in the manifest. */
  title?: string | undefined;
  /**
   * The notes of `previous` to ship once more as retired. By default, those
   * of this package (by name) that the cards no longer make.
   */
  retire?: readonly string[] | undefined;
}

/** Note identities by what this build did to them, compared with the previous manifest. */
export interface PackageChanges {
  /** New notes, in article order. */
  added: string[];
  /** Notes whose content changed: they get a newer `mod`, so Anki updates them. */
  changed: string[];
  /** Notes that keep their previous `mod`: Anki skips them, keeping students' edits. */
  unchanged: string[];
  /**
   * Notes of earlier builds whose items are gone: shipped once more, tagged
   * `newsdeck::retired` with a notice, since Anki never deletes on import.
   */
  retired: string[];
  /**
   * Notes of earlier builds no longer made that cannot be shipped as retired:
   * the folder's manifest, from an older newsdeck, has not their text.
   * Students keep them until they delete them.
   */
  stale: string[];
  /**
   * Cards now in another deck than before. Anki's importer never moves a
   * card a student has: the student must move or rename the deck.
   */
  moved: { identity: string; ord: number; from: string; to: string }[];
  /** Cards a note no longer makes, kept with its other card's text so that they do not go blank. */
  kept: { identity: string; ord: number }[];
}

/** What {@link buildPackage} returns. */
export interface PackageOutput {
  /** The .apkg file. */
  apkg: Uint8Array;
  /** The manifest to keep for the next build. */
  manifest: BuildManifest;
  changes: PackageChanges;
}


/**
 * Builds an Anki package (.apkg) from cards.
 *
 * Note guids come from note identities, note type ids are fixed, deck ids come
 * from deck names, and note/card ids from identities; only `mod` depends on
 * `now`, and only for notes and note types whose content changed since
 * `previous`. So a rebuild of an edited article re-imports into Anki as updates
 * of the same notes, with review history kept.
 *
 * @throws {AnkiInputError} when the cards break an invariant of the note types
 *   (two cards for one ord, a cloze card in a qa note, an empty front…).
 */
export async function buildPackage(input: PackageInput): Promise<PackageOutput> {
  if (!Number.isFinite(input.now) || input.now < 0) {
    throw new AnkiInputError('invalid-now', `now must be a time in seconds since the epoch, got ${input.now}.`);
  }
  const now = Math.floor(input.now);
  const previous = input.previous;

  const noteTypes = (Object.keys(NOTE_TYPES) as (keyof typeof NOTE_TYPES)[]).map((key) => {
    const noteType: NoteTypeDefinition = NOTE_TYPES[key];
    const hash = contentHash([noteType.id, noteType.name, noteType.type, noteType.fields, noteType.templates, noteType.css]);
    const { mod } = nextMod(previous?.noteTypes[key], hash, now);
    return { key, noteType, hash, mod };
  });

  const name = input.name ?? 'deck';
  const notes = buildNotes(input.cards);
  const changes: PackageChanges = { added: [], changed: [], unchanged: [], retired: [], stale: [], moved: [], kept: keepFormerCards(notes, previous?.notes) };
  const made = new Set(notes.map((note) => note.identity));
  const retire =
    input.retire ??
    Object.entries(previous?.notes ?? {})
      .filter(([identity, note]) => note.package === name && note.retired !== true && !made.has(identity))
      .map(([identity]) => identity);
  const retiredIdentities = new Set<string>();
  for (const identity of retire) {
    const entry = previous?.notes[identity];
    if (entry === undefined || made.has(identity) || retiredIdentities.has(identity)) continue;
    // A note an older manifest knew only by its hash cannot be shipped again: students keep it as it was.
    if (entry.fields.length === 0) {
      changes.stale.push(identity);
      continue;
    }
    retiredIdentities.add(identity);
    notes.push(retiredNote(identity, entry, input.cards.length + retiredIdentities.size));
  }
  const noteIds = new IdAllocator();
  const cardIds = new IdAllocator();
  const { decks, idOf: deckIdOf } = collectDecks(notes.flatMap((note) => note.cards.map((card) => card.deck)));
  const noteRows: NoteRow[] = [];
  const pendingCards: { identity: string; ord: number; position: number; did: number; nid: number; mod: number }[] = [];
  const manifestNotes: [string, ManifestNote][] = [];

  for (const note of notes) {
    if (note.fields.length !== note.noteType.fields.length) {
      throw new Error(`bug: note ${note.identity} has ${note.fields.length} fields, its note type ${note.noteType.fields.length}`);
    }
    const before = previous?.notes[note.identity];
    const { mod, status } = nextMod(before, note.hash, now);
    const retired = retiredIdentities.has(note.identity);
    changes[retired ? 'retired' : status].push(note.identity);
    const decks = Object.fromEntries(note.cards.map((card) => [String(card.ord), card.deck]));
    for (const card of note.cards) {
      const from = before?.decks[String(card.ord)];
      if (!retired && from !== undefined && from.toLowerCase() !== card.deck.toLowerCase()) changes.moved.push({ identity: note.identity, ord: card.ord, from, to: card.deck });
    }
    manifestNotes.push([
      note.identity,
      { guid: note.guid, hash: note.hash, mod, package: name, type: note.typeKey, fields: note.fields, tags: note.tags, decks, ...(retired && { retired: true as const }) },
    ]);
    const id = noteIds.claim(pastTimestampId('note', note.identity));
    const sortField = stripHtml(note.fields[0] ?? '');
    noteRows.push({
      id,
      guid: note.guid,
      mid: note.noteType.id,
      mod,
      tags: note.tags,
      flds: note.fields.join('\x1f'),
      sfld: sortField,
      csum: fieldChecksum(sortField),
    });
    for (const card of note.cards) {
      const did = deckIdOf.get(card.deck) ?? 1;
      pendingCards.push({ identity: note.identity, ord: card.ord, position: card.position, did, nid: id, mod });
    }
  }

  // Cards in article order: `due` is the order new cards are studied in.
  const cardRows: CardRow[] = pendingCards
    .sort((a, b) => a.position - b.position)
    .map((card, i) => ({
      id: cardIds.claim(pastTimestampId('card', `${card.identity}#${card.ord}`)),
      nid: card.nid,
      did: card.did,
      ord: card.ord,
      mod: card.mod,
      due: i + 1,
    }));

  const latestMod = [...noteTypes, ...noteRows].reduce((latest, { mod }) => Math.max(latest, mod), COLLECTION_CREATED);
  const collection = await writeCollection(
    {
      crt: COLLECTION_CREATED,
      mod: latestMod * 1000,
      scm: COLLECTION_CREATED * 1000,
      conf: collectionConf(cardRows.length + 1),
      models: collectionModels(noteTypes),
      decks: collectionDecks(decks, latestMod),
      dconf: collectionDeckConfigs(),
    },
    noteRows,
    cardRows,
  );

  // Zip times are local-time fields: built now, in the current time zone, the
  // date reads 2000-01-01 00:00 everywhere, so the bytes do not depend on it.
  const member: ZipOptions = { level: 6, mtime: new Date(2000, 0, 1, 0, 0, 0) };
  const apkg = zipSync({
    'collection.anki2': [collection, member],
    media: [strToU8('{}'), member],
  });

  const manifest: BuildManifest = {
    format: 'newsdeck-anki-manifest',
    version: MANIFEST_VERSION,
    packages: { [name]: { sha256: createHash('sha256').update(apkg).digest('hex'), deck: input.title ?? name } },
    noteTypes: Object.fromEntries(
      noteTypes.map(({ key, noteType, hash, mod }): [string, ManifestNoteType] => [key, { id: noteType.id, hash, mod }]),
    ),
    notes: Object.fromEntries(manifestNotes.sort(([a], [b]) => compareText(a, b))),
  };
  return { apkg, manifest, changes };
}

/** Anki's field checksum: the first 4 bytes of the SHA-1 of the stripped field, big-endian. */
function fieldChecksum(stripped: string): number {
  return createHash('sha1').update(stripped, 'utf8').digest().readUInt32BE(0);
}
