import { existsSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { reviewFiles } from '../outputs/review.js';
import { parseCommandArgs } from './args.js';
import { pathInside, shownPath, writeFilesAtomic } from './files.js';
import { EXIT, println, type CliIo } from './io.js';
import { loadDecks, type LoadedDeck } from './load.js';
import type { Command } from './main.js';
import { outputUnits } from './output-names.js';

export const command: Command = {
  usage: [
    'Usage: newsdeck review [--out FILE|DIR] FILE|DIR...',
    '',
    'Writes a review page per article: one self-contained HTML file with the',
    'article, every quote, claim, event, term and fact highlighted, the cards made',
    'from each beside it (click a card to see its back), the cards that were',
    'dropped and what the annotation could add. Open it in any browser; it loads',
    'nothing from the network.',
    '',
    'Options:',
    '  --out FILE|DIR   the page, for one article (default: <article id>.review.html);',
    '                   a folder for several, or an existing folder (default: .)',
  ].join('\n'),
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs('review', args, { out: { type: 'string' } });
    return review({ paths: positionals, out: values.out }, io);
  },
};

export interface ReviewOptions {
  /** Annotation files or folders. */
  paths: string[];
  /** The page for one article, or the folder the pages go in. */
  out?: string | undefined;
}

/** Checks the annotations and writes their review pages, all or nothing. */
export async function review(options: ReviewOptions, io: CliIo): Promise<number> {
  const decks = loadDecks(options.paths, io);
  const out = options.out === undefined ? undefined : resolve(io.cwd, options.out);
  const intoFolder =
    out === undefined || decks.length > 1 || /[\\/]$/.test(options.out ?? '') || (existsSync(out) && statSync(out).isDirectory());
  // The units `build` makes without --one-deck, named as its outputs are.
  const pages = outputUnits(decks, undefined).map((unit, index) => {
    const deck = decks[index] as LoadedDeck;
    const [page] = reviewFiles(unit);
    if (page === undefined) throw new Error('unreachable: the review writer makes one page');
    const path = intoFolder ? pathInside(out ?? io.cwd, unit.name + page.suffix) : pathInside(dirname(out as string), basename(out as string));
    return { path, data: page.data, deck };
  });
  writeFilesAtomic(pages);
  for (const { path, deck } of pages) {
    println(io.stdout, `wrote ${shownPath(io, path)}: ${deck.cards.length} cards, ${deck.dropped.length} dropped, ${deck.advice.length} warnings`);
  }
  return EXIT.ok;
}

