/**
 * Anki's text import ("Notes in Plain Text", Anki 2.1.55+): the notes of the
 * .apkg built from the same cards, one per line, with the file headers of
 * Anki's manual (Importing › Text Files › File Headers). The notes come from
 * the package's own `buildNotes`, so GUIDs, note type names, field HTML, decks
 * and tags are the package's, and importing the file updates the notes a
 * student already has (Anki matches them by GUID).
 *
 * The column layout is the one Anki's own note export writes: GUID, note type,
 * deck, the fields, tags last. One gap stays: Anki's text import skips a note
 * whose first field is empty (an actor note with only its Role to Name card),
 * which the package imports; the row is kept so the file still lists every note.
 */
import { NOTE_TYPES } from '../../templates/anki/note-types.js';
import { buildNotes, type PackageNote } from '../anki/notes.js';
import type { OutputFile, OutputUnit } from './output.js';

const GUID_COLUMN = 1;
const NOTE_TYPE_COLUMN = 2;
const DECK_COLUMN = 3;
/**
 * Anki counts the columns of the file on its first row and maps a note's
 * fields to the columns that remain after the special ones, so every row is
 * padded to the widest note type: otherwise a Q&A note on the first row would
 * cut the last fields of every actor note below it.
 */
const FIELD_COLUMNS = Math.max(...Object.values(NOTE_TYPES).map((type) => type.fields.length));
const TAGS_COLUMN = DECK_COLUMN + FIELD_COLUMNS + 1;

const HEADER = [
  '#separator:tab',
  // The fields are already HTML (escaped by the package's writer): Anki must keep them as they are.
  '#html:true',
  `#guid column:${GUID_COLUMN}`,
  `#notetype column:${NOTE_TYPE_COLUMN}`,
  `#deck column:${DECK_COLUMN}`,
  `#tags column:${TAGS_COLUMN}`,
];

/** The unit's notes as a text file for File → Import in Anki. */
export function ankiTextFiles(unit: OutputUnit): OutputFile[] {
  const rows = buildNotes(unit.cards).map(noteRow);
  return [{ suffix: '.anki.txt', data: [...HEADER, ...rows].join('\n') + '\n' }];
}

function noteRow(note: PackageNote): string {
  const first = note.cards[0];
  if (first === undefined) throw new Error(`unreachable: note ${note.identity} has no card`);
  const fields = [...note.fields, ...Array<string>(FIELD_COLUMNS - note.fields.length).fill('')];
  // Anki's deck column names one deck per note, for the cards the import creates; the
  // package places each card. The cards of one note come from one article and share its
  // deck, so this only matters when a caller mixes decks in a note: then the first card
  // (ord order, the one a note always has first) decides, so the choice is stable.
  const columns = [note.guid, note.noteType.name, first.deck, ...fields, note.tags.trim()];
  return columns.map(column).join('\t');
}

/**
 * A value as one column of one row. As the manual says, a field with the
 * separator, a line break or a double quote is put in double quotes, with each
 * double quote doubled. A row that starts with `#` is a comment to Anki, and a
 * GUID may start with one (base91), so such a value is quoted too.
 */
function column(value: string): string {
  return /[\t\n\r"]/.test(value) || value.startsWith('#') ? `"${value.replace(/"/g, '""')}"` : value;
}
