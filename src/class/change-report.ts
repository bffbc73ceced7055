/**
 * What a rebuild does to students' decks, per deck: the cards added, changed
 * (a word diff of front and back) and retired, the cards moved to another
 * deck (which Anki's importer never does by itself) and the cards kept from
 * going blank. Pure: two manifests' notes and a package's changes in, a
 * report out, as text or as JSON.
 */
import { diffWords } from 'diff/lib/diff/word.js';
import type { ManifestNote, PackageChanges } from '../anki/index.js';
import { backMatterText, cardSides, RETIRED_TAG, type CardSides } from '../anki/notes.js';
import { shown } from '../annotation/shown.js';

/** One side of a changed card: before, after, and the word diff. */
export interface SideChange {
  before: string;
  after: string;
  /** `[-removed words-]{+added words+}`, unchanged words as they are. */
  diff: string;
}

export interface DeckChanges {
  deck: string;
  added: { identity: string; front: string; back: string }[];
  /** `more`: what changed on the back beyond the answer (extra, sentence, source), when it did. */
  changed: { identity: string; cards: { ord: number; front?: SideChange; back?: SideChange }[]; more?: SideChange }[];
  retired: { identity: string; front: string }[];
}

export interface PackageReport {
  decks: DeckChanges[];
  /** Cards now in another deck, grouped by the pair of decks. */
  moved: { from: string; to: string; cards: number }[];
  kept: { identity: string; ord: number }[];
  /** Notes no longer made that an older manifest cannot retire (it has not their text). */
  stale: string[];
  /** Retired notes that look renamed (an added note of the same article and template): say `was:`. */
  renames: { retired: string; added: string }[];
  /** Every note is new (a first build): the text report then gives counts, not every card. */
  firstBuild: boolean;
}

/** The report of one package from its changes and the manifests before and after the build. */
export function packageReport(changes: PackageChanges, previous: Readonly<Record<string, ManifestNote>>, next: Readonly<Record<string, ManifestNote>>): PackageReport {
  const decks = new Map<string, DeckChanges>();
  const deckOf = (note: ManifestNote | undefined): DeckChanges => {
    const name = note === undefined ? '' : (Object.values(note.decks)[0] ?? '');
    let deck = decks.get(name);
    if (deck === undefined) {
      deck = { deck: name, added: [], changed: [], retired: [] };
      decks.set(name, deck);
    }
    return deck;
  };
  const sides = (note: ManifestNote | undefined): CardSides[] => (note === undefined ? [] : cardSides(note.type, note.fields));
  for (const identity of changes.added) {
    const first = sides(next[identity])[0];
    deckOf(next[identity]).added.push({ identity, front: first?.front ?? '', back: first?.back ?? '' });
  }
  for (const identity of changes.changed) {
    const before = new Map(sides(previous[identity]).map((s) => [s.ord, s]));
    const cards = sides(next[identity]).flatMap((after) => {
      const old = before.get(after.ord);
      const front = sideChange(old?.front ?? '', after.front);
      const back = sideChange(old?.back ?? '', after.back);
      if (front === undefined && back === undefined) return [];
      return [{ ord: after.ord, ...(front !== undefined && { front }), ...(back !== undefined && { back }) }];
    });
    const more = sideChange(backMatter(previous[identity]), backMatter(next[identity]));
    deckOf(next[identity]).changed.push({ identity, cards, ...(more !== undefined && { more }) });
  }
  for (const identity of changes.retired) {
    deckOf(previous[identity]).retired.push({ identity, front: sides(previous[identity])[0]?.front ?? '' });
  }
  const moved = new Map<string, { from: string; to: string; cards: number }>();
  for (const { from, to } of changes.moved) {
    const key = `${from}\u0000${to}`;
    const entry = moved.get(key) ?? { from, to, cards: 0 };
    entry.cards += 1;
    moved.set(key, entry);
  }
  const renames = changes.retired.flatMap((retired) => {
    const prefix = retired.split('/').slice(0, 2).join('/') + '/';
    const added = changes.added.find((a) => a.startsWith(prefix));
    return added === undefined ? [] : [{ retired, added }];
  });
  const firstBuild = changes.changed.length + changes.unchanged.length + changes.retired.length === 0;
  return { decks: [...decks.values()], moved: [...moved.values()], kept: changes.kept, stale: changes.stale, renames, firstBuild };
}

function backMatter(note: ManifestNote | undefined): string {
  return note === undefined ? '' : backMatterText(note.type, note.fields);
}

function sideChange(before: string, after: string): SideChange | undefined {
  if (before === after) return undefined;
  return { before, after, diff: wordDiff(before, after) };
}

/** Longest texts diffed word by word; a longer side is shown whole, before and after. */
const MAX_DIFF_CHARS = 4000;

/** `[-old-]{+new+}` between words that stay. */
export function wordDiff(before: string, after: string): string {
  if (before.length > MAX_DIFF_CHARS || after.length > MAX_DIFF_CHARS) return `[-${before}-]{+${after}+}`;
  return diffWords(before, after)
    .map((part) => (part.added ? `{+${part.value}+}` : part.removed ? `[-${part.value}-]` : part.value))
    .join('');
}

const clip = (text: string, max = 90): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The report as the lines `build` prints, indented under the package's line. Every text from a file made visible. */
export function reportLines(report: PackageReport): string[] {
  const lines: string[] = [];
  for (const deck of report.decks) {
    const counts = [
      deck.added.length > 0 ? `${deck.added.length} added` : '',
      deck.changed.length > 0 ? `${deck.changed.length} changed` : '',
      deck.retired.length > 0 ? `${deck.retired.length} retired` : '',
    ].filter((c) => c !== '');
    if (counts.length === 0) continue;
    lines.push(`  deck ${shown(deck.deck)}: ${counts.join(', ')}`);
    if (!report.firstBuild) for (const a of deck.added) lines.push(`    added    ${shown(a.identity)}: ${shown(clip(a.front))} → ${shown(clip(a.back, 50))}`);
    for (const c of deck.changed) {
      lines.push(`    changed  ${shown(c.identity)}`);
      for (const card of c.cards) {
        const which = c.cards.length > 1 || card.ord > 0 ? ` (card ${card.ord + 1})` : '';
        if (card.front !== undefined) lines.push(`      front${which}: ${shown(card.front.diff)}`);
        if (card.back !== undefined) lines.push(`      back${which}:  ${shown(card.back.diff)}`);
      }
      if (c.more !== undefined) lines.push(`      more:  ${shown(clip(c.more.diff, 300))}`);
    }
    for (const r of deck.retired) lines.push(`    retired  ${shown(r.identity)}: ${shown(clip(r.front))}`);
  }
  const retired = report.decks.reduce((n, d) => n + d.retired.length, 0);
  if (retired > 0) {
    lines.push(
      `  retired notes are in this package once more, tagged ${RETIRED_TAG} with a notice on the card: ` +
        `students who imported them find them in Anki's browser with tag:${RETIRED_TAG} and delete or suspend them (Anki never deletes a note on import)`,
    );
  }
  for (const r of report.renames) {
    lines.push(`  hint: if ${shown(r.added)} is ${shown(r.retired)} renamed, write \`was: ${shown(r.retired.split('/')[2] ?? '')}\` on the item: students keep its reviews instead of getting a new card`);
  }
  for (const m of report.moved) {
    lines.push(
      `  moved: ${m.cards} card${m.cards === 1 ? '' : 's'} from deck '${shown(m.from)}' to '${shown(m.to)}': Anki's importer leaves students' cards in '${shown(m.from)}'; ` +
        `they rename that deck to '${shown(m.to)}' in Anki (or move the cards: Browse, Change Deck)`,
    );
  }
  for (const k of report.kept) {
    lines.push(`  kept: ${shown(k.identity)} card ${k.ord + 1} is no longer made; it repeats the note's other card with a notice, so that students' studied card does not go blank`);
  }
  if (report.stale.length > 0) {
    lines.push(
      `  stale: ${report.stale.length} note${report.stale.length === 1 ? ' is' : 's are'} no longer made, and the folder's manifest (from an older newsdeck) has not their text to ship them as retired: ` +
        `students keep them until they delete them (the identities: build --json); from this build on, notes no longer made are retired`,
    );
  }
  return lines;
}
