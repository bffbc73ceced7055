/**
 * The JSON columns of the `col` row (anki-format.md §2), built from plain
 * values so that identical inputs give identical text.
 */
import type { NoteTypeDefinition } from '../../templates/anki/note-types.js';
import { deckIdFor, IdAllocator } from './hash.js';

/** Collection creation time (seconds) and schema time (ms): fixed, in the past. */
export const COLLECTION_CREATED = 1_262_304_000;

const LATEX_PRE =
  '\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n' +
  '\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n';
const LATEX_POST = '\\end{document}';

/** A deck of the package, parents included. */
export interface PackageDeck {
  id: number;
  name: string;
}

/**
 * The decks that hold the given deck names, parents first, one per name
 * ignoring case (Anki's deck names are case-insensitive: the first spelling wins).
 */
export function collectDecks(names: Iterable<string>): { decks: PackageDeck[]; idOf: Map<string, number> } {
  const canonical = new Map<string, PackageDeck>(); // lower-cased name → deck
  const decks: PackageDeck[] = [];
  const ids = new IdAllocator();
  ids.claim(1); // the Default deck
  const idOf = new Map<string, number>();
  for (const name of names) {
    if (idOf.has(name)) continue;
    let path = '';
    let deck: PackageDeck | undefined;
    for (const part of name.split('::')) {
      path = path === '' ? part : `${path}::${part}`;
      deck = canonical.get(path.toLowerCase());
      if (deck === undefined) {
        deck = { id: ids.claim(deckIdFor(path)), name: path };
        canonical.set(path.toLowerCase(), deck);
        decks.push(deck);
      }
      path = deck.name;
    }
    if (deck !== undefined) idOf.set(name, deck.id);
  }
  return { decks, idOf };
}

/** The `conf` column. */
export function collectionConf(nextPos: number): string {
  return JSON.stringify({
    activeDecks: [1],
    curDeck: 1,
    newSpread: 0,
    collapseTime: 1200,
    timeLim: 0,
    estTimes: true,
    dueCounts: true,
    curModel: null,
    nextPos,
    sortType: 'noteFld',
    sortBackwards: false,
    addToCur: true,
    dayLearnFirst: false,
    schedVer: 2,
    sched2021: true,
  });
}

/** The `models` column: note types keyed by their id, as Anki requires. */
export function collectionModels(noteTypes: readonly { noteType: NoteTypeDefinition; mod: number }[]): string {
  const models: Record<string, unknown> = {};
  for (const { noteType, mod } of noteTypes) {
    models[String(noteType.id)] = {
      id: noteType.id,
      name: noteType.name,
      type: noteType.type,
      mod,
      usn: -1,
      sortf: 0,
      did: null,
      css: noteType.css,
      latexPre: LATEX_PRE,
      latexPost: LATEX_POST,
      latexsvg: false,
      req: requirements(noteType),
      tags: [],
      vers: [],
      flds: noteType.fields.map((name, ord) => ({
        name,
        ord,
        sticky: false,
        rtl: false,
        font: 'Arial',
        size: 20,
        media: [],
      })),
      tmpls: noteType.templates.map((template, ord) => ({
        name: template.name,
        ord,
        qfmt: template.qfmt,
        afmt: template.afmt,
        bqfmt: '',
        bafmt: '',
        did: null,
      })),
    };
  }
  return JSON.stringify(models);
}

/**
 * Which fields each template's front needs (Anki recomputes this; older
 * clients read it): the first field it names. Cloze note types have none.
 */
function requirements(noteType: NoteTypeDefinition): [number, 'any', number[]][] {
  if (noteType.type === 1) return [];
  return noteType.templates.map((template, ord) => {
    const named = noteType.fields.findIndex((field) => template.qfmt.includes(`{{${field}}}`));
    return [ord, 'any', named < 0 ? [] : [named]];
  });
}

/** The `decks` column: the Default deck and ours, all using deck options 1. */
export function collectionDecks(decks: readonly PackageDeck[], mod: number): string {
  const all = [{ id: 1, name: 'Default' }, ...decks];
  const json: Record<string, unknown> = {};
  for (const deck of all) {
    json[String(deck.id)] = {
      id: deck.id,
      mod,
      name: deck.name,
      usn: -1,
      lrnToday: [0, 0],
      revToday: [0, 0],
      newToday: [0, 0],
      timeToday: [0, 0],
      collapsed: false,
      browserCollapsed: false,
      desc: '',
      dyn: 0,
      conf: 1,
      extendNew: 0,
      extendRev: 0,
    };
  }
  return JSON.stringify(json);
}

/** The `dconf` column: Anki's default deck options, id 1. */
export function collectionDeckConfigs(): string {
  return JSON.stringify({
    '1': {
      id: 1,
      mod: 0,
      name: 'Default',
      usn: 0,
      maxTaken: 60,
      autoplay: true,
      timer: 0,
      replayq: true,
      dyn: false,
      new: { bury: false, delays: [1, 10], initialFactor: 2500, ints: [1, 4, 0], order: 1, perDay: 20 },
      rev: { bury: false, ease4: 1.3, ivlFct: 1, maxIvl: 36500, perDay: 200, hardFactor: 1.2 },
      lapse: { delays: [10], leechAction: 1, leechFails: 8, minInt: 1, mult: 0 },
    },
  });
}
