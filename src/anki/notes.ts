/**
 * Cards → Anki notes: grouping by note identity, field HTML per note type,
 * and the checks that keep the package importable (one card per ord, one
 * note type per note, no empty fronts).
 */
import type { Card, CardSource, ClozeCard, QaCard } from '../cards/card.js';
import { NOTE_TYPES, type NoteTypeDefinition } from '../../templates/anki/note-types.js';
import { longDate } from '../cards/dates.js';
import { contentHash, guidFor } from './hash.js';
import type { ManifestNote } from './manifest.js';
import { ankiAttributeHtml, ankiDeckName, ankiTagString, cleanText, clozeAnswerHtml, fieldHtml, highlightHtml, stripHtml } from './text.js';

/** Why a list of cards cannot be written: a bug upstream, named by card identity. */
export type AnkiInputErrorCode =
  | 'mixed-note-type'
  | 'duplicate-card'
  | 'wrong-card-kind'
  | 'empty-front'
  | 'empty-deck'
  | 'invalid-now';

/** Thrown by `buildPackage` when the cards break an invariant of the Anki note types. */
export class AnkiInputError extends Error {
  override readonly name = 'AnkiInputError';
  constructor(
    readonly code: AnkiInputErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The Anki note type a card's note uses (see templates/anki). */
export type NoteTypeKey = 'qa' | 'actor' | 'cloze';

/** Where a card goes in Anki: its note, the note's type and the card's ordinal in it. */
export interface NotePlace {
  identity: string;
  type: NoteTypeKey;
  ord: number;
}

/**
 * The Anki stage's map from templates to note types. An actor's two cards
 * share one "Newsdeck Actor" note (name → role is card 1, role → name card
 * 2); a cloze card is a cloze note; every other card is a Q&A note of its own.
 * Identities are part of students' collections: this map never changes.
 */
export function notePlace(card: Card): NotePlace {
  if (card.template === 'actor-role' || card.template === 'actor-reverse') {
    return { identity: `${card.articleId}/actor/${card.itemId}`, type: 'actor', ord: card.template === 'actor-role' ? 0 : 1 };
  }
  return { identity: card.identity, type: card.kind === 'cloze' ? 'cloze' : 'qa', ord: 0 };
}

/** A card of a note, as it goes into the `cards` table. */
export interface PackageCard {
  ord: number;
  /** Normalized deck name. */
  deck: string;
  /** 0-based position in the input: new-card order. */
  position: number;
}

/** A note, as it goes into the `notes` table (ids and `mod` are assigned later). */
export interface PackageNote {
  identity: string;
  typeKey: NoteTypeKey;
  noteType: NoteTypeDefinition;
  guid: string;
  /** Field HTML, in the note type's field order. */
  fields: string[];
  /** Anki's tag string, `" a b "` or empty. */
  tags: string;
  /** Content hash: note type, fields and tags. */
  hash: string;
  /** In ord order. */
  cards: PackageCard[];
}

/** Groups cards into notes, in order of each note's first card. */
export function buildNotes(cards: readonly Card[]): PackageNote[] {
  const groups = new Map<string, { key: NoteTypeKey; cards: Map<number, { card: Card; position: number }> }>();
  cards.forEach((card, position) => {
    const { identity, type, ord } = notePlace(card);
    let group = groups.get(identity);
    if (group === undefined) {
      group = { key: type, cards: new Map() };
      groups.set(identity, group);
    }
    if (group.key !== type) {
      throw new AnkiInputError(
        'mixed-note-type',
        `card ${card.identity} puts note ${identity} in note type '${type}', but an earlier card put it in '${group.key}'; ` +
          'all cards of a note must name the same note type.',
      );
    }
    const clash = group.cards.get(ord);
    if (clash !== undefined) {
      throw new AnkiInputError(
        'duplicate-card',
        `cards ${clash.card.identity} and ${card.identity} are both ord ${ord} of note ${identity}; each ord needs its own card.`,
      );
    }
    if (cleanText(card.deck).replace(/[:\s]/g, '') === '') {
      throw new AnkiInputError('empty-deck', `card ${card.identity} has no deck name (got '${card.deck}').`);
    }
    group.cards.set(ord, { card, position });
  });

  return withStoryInDuplicates(
    [...groups].map(([identity, group]) => {
    const byOrd = [...group.cards].sort(([a], [b]) => a - b).map(([, entry]) => entry);
    const noteType = NOTE_TYPES[group.key];
    return hashed({
      identity,
      typeKey: group.key,
      noteType,
      guid: guidFor('newsdeck', identity),
      fields: noteFields(group.key, new Map(byOrd.map((e) => [notePlace(e.card).ord, e.card]))),
      tags: ankiTagString(byOrd.flatMap((e) => e.card.tags)),
      cards: byOrd.map((e) => ({ ord: notePlace(e.card).ord, deck: ankiDeckName(e.card.deck), position: e.position })),
    });
    }),
  );
}

/**
 * Anki flags two notes of one note type with the same first field as
 * duplicates: "What is the United States in this story?" of two articles of
 * one class package. Those first fields name their story instead ("… in the
 * Wikinews story of 29 June 2008?"); a note whose first field is its own stays
 * as it is, so adding an article changes only the notes it collides with.
 */
function withStoryInDuplicates(notes: PackageNote[]): PackageNote[] {
  const byFirstField = new Map<string, PackageNote[]>();
  for (const note of notes) {
    const key = `${note.noteType.id}\n${note.fields[0] ?? ''}`;
    byFirstField.set(key, [...(byFirstField.get(key) ?? []), note]);
  }
  for (const same of byFirstField.values()) {
    if (same.length < 2) continue;
    for (const note of same) {
      const story = note.fields[note.fields.length - STORY_FROM_END] ?? '';
      const first = note.fields[0] ?? '';
      if (story === '' || first === '') continue;
      note.fields[0] = first.includes('in this story') ? first.replace('in this story', `in ${story}`) : `${first} (${story})`;
      note.hash = noteHash(note);
    }
  }
  return notes;
}

/**
 * A note's content hash, which decides whether it gets a newer `mod`: its note
 * type, fields and tags, exactly as the note ships them (and as the manifest
 * keeps them). Taken from the note itself, so that no note can be hashed
 * other than it ships; recomputed after every edit of a note's fields.
 */
function noteHash(note: Pick<PackageNote, 'noteType' | 'fields' | 'tags'>): string {
  return contentHash([note.noteType.id, note.fields, note.tags]);
}

function hashed(note: Omit<PackageNote, 'hash'>): PackageNote {
  return { ...note, hash: noteHash(note) };
}

/** The Story field's place, counted from the end: Extra, Story, Sentence, Source close every note type. */
const STORY_FROM_END = 3;

function noteFields(key: NoteTypeKey, byOrd: Map<number, Card>): string[] {
  switch (key) {
    case 'qa': {
      const card = expectQa(byOrd.get(0));
      return [
        front(card, card.front),
        fieldHtml(card.back || card.answer.text),
        ...backMatter(card, highlightHtml(card.source.sentence ?? '', card.answer.text)),
      ];
    }
    case 'actor': {
      const nameToRole = byOrd.has(0) ? expectQa(byOrd.get(0)) : undefined;
      const roleToName = byOrd.has(1) ? expectQa(byOrd.get(1)) : undefined;
      const primary = nameToRole ?? roleToName;
      if (primary === undefined) throw new Error('unreachable: a note has at least one card');
      return [
        nameToRole === undefined ? '' : front(nameToRole, nameToRole.front),
        nameToRole === undefined ? '' : fieldHtml(nameToRole.back || nameToRole.answer.text),
        roleToName === undefined ? '' : front(roleToName, roleToName.front),
        roleToName === undefined ? '' : fieldHtml(roleToName.back || roleToName.answer.text),
        ...backMatter(primary, fieldHtml(primary.source.sentence ?? '')),
      ];
    }
    case 'cloze': {
      const card = expectCloze(byOrd.get(0));
      if (cleanText(card.answer.text).trim() === '') {
        throw new AnkiInputError('empty-front', `cloze card ${card.identity} has an empty answer: nothing to blank.`);
      }
      const text = `${fieldHtml(card.before)}{{c1::${clozeAnswerHtml(card.answer.text)}}}${fieldHtml(card.after)}`;
      // The cloze text is both sides; `front`/`back` are its plain renderings for other media.
      return [text, ...backMatter(card, highlightHtml(card.source.sentence ?? '', card.answer.text))];
    }
  }
}

function expectQa(card: Card | undefined): QaCard {
  if (card === undefined) throw new Error('unreachable: every ord of a qa note is checked');
  if (card.kind !== 'qa') {
    throw new AnkiInputError('wrong-card-kind', `card ${card.identity} is a ${card.kind} card in a '${notePlace(card).type}' note; expected a qa card.`);
  }
  return card;
}

function expectCloze(card: Card | undefined): ClozeCard {
  if (card === undefined) throw new Error('unreachable: a cloze note has ord 0');
  if (card.kind !== 'cloze') {
    throw new AnkiInputError('wrong-card-kind', `card ${card.identity} is a ${card.kind} card in a cloze note; expected a cloze card.`);
  }
  return card;
}

/** The question as field HTML; an empty front would make Anki drop the card. */
function front(card: Card, text: string): string {
  const html = fieldHtml(cleanText(text).trim());
  if (html === '') throw new AnkiInputError('empty-front', `card ${card.identity} has an empty front.`);
  return html;
}

/** Extra, Story, Sentence, Source: the last four fields of every note type. */
function backMatter(card: Card, sentence: string): string[] {
  return [fieldHtml(card.extra ?? ''), fieldHtml(card.cue), sentence, sourceHtml(card.source)];
}

/** "CNN, 20 February 2025 · Title", the title linked when the URL is a web address. */
function sourceHtml(source: CardSource): string {
  const where = [source.outlet, source.published === undefined ? undefined : longDate(source.published)]
    .map((part) => fieldHtml(part ?? '').trim())
    .filter((part) => part !== '')
    .join(', ');
  const titleHtml = fieldHtml(source.title).trim();
  const url = cleanText(source.url ?? '').trim();
  const title =
    titleHtml !== '' && /^https?:\/\/\S+$/i.test(url) ? `<a href="${ankiAttributeHtml(url)}">${titleHtml}</a>` : titleHtml;
  return [where, title].filter((part) => part !== '').join(' · ');
}

/** The tag of a note shipped once more after its item was removed: students find it with `tag:newsdeck::retired`. */
export const RETIRED_TAG = 'newsdeck::retired';

/** The one-line notice on the front of a retired note's cards. Our own HTML: no annotation text in it. */
export const RETIRED_NOTICE =
  '<div class="nd-retired"><b>Retired:</b> this card is no longer in the deck. Delete or suspend it (Browse: <code>tag:newsdeck::retired</code>).</div>';

/** The notice on a card its note no longer makes, which would otherwise show an empty front. */
export const FORMER_CARD_NOTICE =
  '<div class="nd-retired"><b>No longer asked this way round:</b> this card now repeats its note\'s other card. Suspend or delete it.</div>';

/** Where each card's front and back are among a note's fields, by ord. */
const SIDES: Record<NoteTypeKey, readonly { ord: number; front: number; back: number }[]> = {
  qa: [{ ord: 0, front: 0, back: 1 }],
  actor: [
    { ord: 0, front: 0, back: 1 },
    { ord: 1, front: 2, back: 3 },
  ],
  cloze: [{ ord: 0, front: 0, back: 0 }],
};

/** A card's front and back as plain text, for the change report. */
export interface CardSides {
  ord: number;
  front: string;
  back: string;
}

/**
 * The plain text of each card a note's fields make: a cloze's front shows
 * `[…]` where the blank is, its back the answer. Cards whose front field is
 * empty are not made by Anki and are left out.
 */
export function cardSides(type: NoteTypeKey, fields: readonly string[]): CardSides[] {
  return SIDES[type].flatMap(({ ord, front, back }) => {
    const frontHtml = fields[front] ?? '';
    if (frontHtml === '') return [];
    if (type === 'cloze') {
      return [{ ord, front: plain(frontHtml.replace(/\{\{c\d+::([\s\S]*?)\}\}/g, '[…]')), back: plain(frontHtml.replace(/\{\{c\d+::([\s\S]*?)\}\}/g, '$1')) }];
    }
    return [{ ord, front: plain(frontHtml), back: plain(fields[back] ?? '') }];
  });
}

/**
 * A note's fields beyond its cards' fronts and backs (extra, story, sentence,
 * source) as plain text, joined: what the change report shows as `more`.
 */
export function backMatterText(type: NoteTypeKey, fields: readonly string[]): string {
  const sides = new Set(SIDES[type].flatMap((s) => [s.front, s.back]));
  return fields
    .filter((_, i) => !sides.has(i))
    .map(plain)
    .filter((text) => text !== '')
    .join(' · ');
}

function plain(html: string): string {
  return stripHtml(html.replace(/<br\s*\/?>/gi, ' ')).replace(/\s+/g, ' ').trim();
}

/**
 * Keeps every card a note used to have: when a build no longer makes one of
 * an actor note's two cards (its role stopped being a fair question, say), the
 * student's studied card would show an empty front after the re-import. It
 * gets the text of the note's other card, which is true, with a notice. The
 * returned list names the cards so kept.
 */
export function keepFormerCards(
  notes: PackageNote[],
  previous: Readonly<Record<string, ManifestNote>> | undefined,
): { ord: number; identity: string }[] {
  const kept: { ord: number; identity: string }[] = [];
  if (previous === undefined) return kept;
  for (const note of notes) {
    const before = previous[note.identity];
    if (before === undefined || before.type !== note.typeKey || before.retired === true) continue;
    for (const side of SIDES[note.typeKey]) {
      if (before.decks[String(side.ord)] === undefined || note.cards.some((c) => c.ord === side.ord)) continue;
      const other = SIDES[note.typeKey].find((s) => s.ord !== side.ord && note.cards.some((c) => c.ord === s.ord));
      const otherCard = note.cards.find((c) => c.ord === other?.ord);
      if (other === undefined || otherCard === undefined) continue;
      note.fields[side.front] = FORMER_CARD_NOTICE + (note.fields[other.front] ?? '');
      note.fields[side.back] = note.fields[other.back] ?? '';
      note.cards.push({ ord: side.ord, deck: otherCard.deck, position: otherCard.position });
      note.cards.sort((a, b) => a.ord - b.ord);
      note.hash = noteHash(note);
      kept.push({ identity: note.identity, ord: side.ord });
    }
  }
  return kept;
}

/**
 * A removed item's note, shipped once more from what the manifest remembers:
 * same guid, a notice on each card's front and the `newsdeck::retired` tag, so
 * that students who imported it find it and delete or suspend it (Anki never
 * deletes a note on import). Its cards stay in the decks they were in.
 */
export function retiredNote(identity: string, entry: ManifestNote, position: number): PackageNote {
  const noteType = NOTE_TYPES[entry.type];
  // As many fields as the note type has, before anything is made of them: the hash below is of the fields shipped.
  const fields = entry.fields.slice(0, noteType.fields.length);
  while (fields.length < noteType.fields.length) fields.push('');
  for (const side of SIDES[entry.type]) {
    if (entry.decks[String(side.ord)] !== undefined && (fields[side.front] ?? '') !== '') fields[side.front] = RETIRED_NOTICE + fields[side.front];
  }
  const tags = ankiTagString([...entry.tags.split(' '), RETIRED_TAG]);
  const cards = Object.entries(entry.decks)
    .map(([ord, deck]) => ({ ord: Number(ord), deck, position }))
    .filter((card) => (fields[SIDES[entry.type].find((s) => s.ord === card.ord)?.front ?? 0] ?? '') !== '')
    .sort((a, b) => a.ord - b.ord);
  return hashed({ identity, typeKey: entry.type, noteType, guid: entry.guid, fields, tags, cards });
}
