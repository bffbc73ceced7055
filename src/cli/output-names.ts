/**
 * The units a build writes (one per article, or one for `--one-deck`) and the
 * file stems it names their outputs by (`<stem>.apkg`, `<stem>.handout.html`,
 * …). Two dangers decide the stems: a package name that Anki imports as a
 * whole collection, and two different decks that would share one file.
 */
import { createHash } from 'node:crypto';
import { slugify } from '../annotation/slug.js';
import { ankiDeckName } from '../anki/text.js';
import type { OutputArticle, OutputUnit } from '../outputs/index.js';
import type { LoadedDeck } from './decks.js';

/**
 * True for a file name that Anki imports as a whole-collection backup, replacing
 * the student's collection (after one warning the student may click through):
 * Anki 2.1.16's `setupApkgImport` and today's `ColpkgImporter.can_import` both
 * take a lower-cased `collection.apkg`, `backup-*.apkg` or `*.colpkg`
 * (AnkiDroid: `*.colpkg` and `collection.apkg`).
 */
export function isCollectionPackageName(fileName: string): boolean {
  const name = fileName.toLowerCase();
  return name === 'collection.apkg' || (name.startsWith('backup-') && name.endsWith('.apkg')) || name.endsWith('.colpkg');
}

/**
 * Renamed, not refused: the article id is part of every note's identity, and
 * changing it to dodge the name would give students a second copy of every
 * note. Only the file changes. A prefix, not a suffix, since `backup-plan-deck`
 * still starts with `backup-`; and `_`, which no article id and no slug
 * contains, so the new stem can never be another unit's.
 */
const RENAMED_PREFIX = 'deck_';

/**
 * Names Windows keeps for devices, with any extension: `con.apkg` cannot be
 * saved or opened there, and students copy packages to Windows machines.
 */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/**
 * The longest stem kept as it is: with the longest suffix (`.handout.html`)
 * and the temporary name it is staged under (`.<pid>.tmp`), a file name stays
 * under the 255 bytes every file system allows. Stems are ASCII slugs.
 */
const MAX_STEM = 220;

/** A stem cut to {@link MAX_STEM}, a hash of the whole keeping two long stems apart. */
export function boundedStem(stem: string): string {
  if (stem.length <= MAX_STEM) return stem;
  const hash = createHash('sha256').update(stem, 'utf8').digest('hex').slice(0, 8);
  return `${stem.slice(0, MAX_STEM - 9).replace(/-+$/, '')}-${hash}`;
}

/** The stem itself (bounded), or `deck_<stem>` when `<stem>.apkg` would be a collection backup to Anki or a Windows device. */
export function safeStem(stem: string): string {
  const bounded = boundedStem(stem);
  return isCollectionPackageName(`${bounded}.apkg`) || WINDOWS_DEVICE.test(bounded) ? RENAMED_PREFIX + bounded : bounded;
}

/** What the build says about a stem {@link safeStem} renamed; undefined for any other stem. */
export function renamedStemNote(stem: string): string | undefined {
  if (!stem.startsWith(RENAMED_PREFIX)) return undefined;
  const original = stem.slice(RENAMED_PREFIX.length);
  if (WINDOWS_DEVICE.test(original)) return `the files are named ${stem}.*, not ${original}.*: Windows keeps the name ${original} for a device and cannot save or open such a file`;
  if (!isCollectionPackageName(`${original}.apkg`)) return undefined;
  return `the files are named ${stem}.*, not ${original}.*: Anki imports a package named ${original}.apkg as a backup that replaces the student's whole collection`;
}

/**
 * The stem of the `--one-deck NAME` package: the slug of the name ("Class 10B"
 * → `class-10b`) when the slug keeps every letter and digit of it, else the
 * slug (or `deck`) and a short hash of the name ("Класс 10Б" → `10-…`), so that
 * names the slug cannot spell do not all write one `deck.apkg`. The hash is of
 * the name as Anki compares deck names (case-folded, NFC): names Anki takes for
 * one deck share one file and its manifest, as they should.
 */
export function oneDeckStem(deckName: string): string {
  const slug = slugify(deckName);
  const unspelt = /[\p{L}\p{N}]/u.test(
    deckName
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(/[A-Za-z0-9]/g, ''),
  );
  if (slug !== '' && !unspelt) return safeStem(slug);
  const identity = ankiDeckName(deckName).toLowerCase().normalize('NFC');
  const hash = createHash('sha256').update(identity, 'utf8').digest('hex').slice(0, 8);
  return safeStem(`${slug || 'deck'}-${hash}`);
}

/**
 * One unit per article, named by its id (a slug, unique in a build) made safe
 * for Anki; or one unit with a subdeck per article under --one-deck.
 */
export function outputUnits(decks: readonly LoadedDeck[], oneDeck: string | undefined): OutputUnit[] {
  if (oneDeck === undefined) {
    return decks.map((d) => ({ name: safeStem(d.annotation.article.id), title: d.annotation.deck.name, cards: d.cards, articles: [outputArticle(d)] }));
  }
  return [packageUnit(decks.map((d) => ({ ...d, cards: d.cards.map((card) => ({ ...card, deck: `${oneDeck}::${card.deck}` })) })), oneDeckStem(oneDeck), oneDeck)];
}

/** One unit of every article, their cards' decks as they are (a class's cards already carry its deck prefix). */
export function packageUnit(decks: readonly LoadedDeck[], name: string, title: string): OutputUnit {
  const articles = decks.map(outputArticle);
  return { name, title, cards: articles.flatMap((a) => a.cards), articles };
}

function outputArticle(d: LoadedDeck): OutputArticle {
  return { annotation: d.annotation, cards: d.cards, dropped: d.dropped, advice: d.advice };
}

