import { CARD_FAMILIES } from '../annotation/index.js';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AnkiInputError, buildPackage, parseManifest, serializeManifest, type BuildManifest, type PackageChanges } from '../anki/index.js';
import { PRINTABLE } from '../annotation/schema.js';
import { slugify } from '../annotation/slug.js';
import type { Card } from '../cards/index.js';
import { parseCommandArgs } from './args.js';
import { pathInside, writeFilesAtomic } from './files.js';
import { ExitError, EXIT, println, type CliIo } from './io.js';
import { loadDecks } from './load.js';
import type { Command } from './main.js';

export const command: Command = {
  usage: [
    'Usage: newsdeck build [--out DIR] [--one-deck NAME] FILE|DIR...',
    '',
    'Checks the annotations, makes their cards and writes one Anki package (.apkg)',
    'per article into the output folder, with a manifest beside it. Rebuild after',
    'editing an annotation and import the new package: Anki updates the notes in',
    'place and keeps every review.',
    '',
    'Options:',
    '  --out DIR        output folder (default: out)',
    '  --one-deck NAME  one package NAME.apkg with a subdeck NAME::<deck> per article',
    '',
    'Environment:',
    '  SOURCE_DATE_EPOCH  build time in seconds, for reproducible packages',
  ].join('\n'),
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs('build', args, { out: { type: 'string' }, 'one-deck': { type: 'string' } });
    const outDir = resolve(io.cwd, values.out ?? 'out');
    const now = buildTime(io);
    const decks = loadDecks(positionals, io);

    const oneDeck = values['one-deck'];
    // The same rules as an annotation's deck.name: printable, with a name on each side of every '::'.
    if (oneDeck !== undefined && (!PRINTABLE.test(oneDeck) || oneDeck.split('::').some((part) => part.trim() === ''))) {
      throw new ExitError(EXIT.usage, `--one-deck needs a deck name with text on each side of every '::' and no control characters, got '${JSON.stringify(oneDeck).slice(1, -1)}'`);
    }
    const packages: { name: string; cards: Card[] }[] =
      oneDeck === undefined
        ? decks.map((d) => ({ name: d.annotation.article.id, cards: d.cards }))
        : [{ name: fileNameFor(oneDeck), cards: decks.flatMap((d) => d.cards.map((card) => ({ ...card, deck: `${oneDeck}::${card.deck}` }))) }];

    // Build everything in memory first: a failure leaves the output folder as it was.
    const built = [];
    for (const pkg of packages) {
      const apkgPath = pathInside(outDir, `${pkg.name}.apkg`);
      const manifestPath = pathInside(outDir, `${pkg.name}.manifest.json`);
      const previous = readPreviousManifest(manifestPath, io);
      let output;
      try {
        output = await buildPackage({ cards: pkg.cards, previous, now });
      } catch (error) {
        // The loader's checks should make this unreachable; if not, say what, without a stack trace.
        if (error instanceof AnkiInputError) throw new ExitError(EXIT.failure, `cannot build ${pkg.name}.apkg: ${error.message}`);
        throw error;
      }
      built.push({ ...pkg, apkgPath, manifestPath, output });
    }
    // Packages first, then their manifests: a manifest never describes a package that was not written.
    writeFilesAtomic([
      ...built.map(({ apkgPath, output }) => ({ path: apkgPath, data: output.apkg })),
      ...built.map(({ manifestPath, output }) => ({ path: manifestPath, data: serializeManifest(output.manifest) })),
    ]);
    for (const { apkgPath, cards, output } of built) {
      println(io.stdout, `wrote ${shown(io, apkgPath)}: ${cards.length} cards (${familyCounts(cards)})`);
      println(io.stdout, `  notes: ${changeSummary(output.changes)}`);
      for (const identity of output.changes.changed) println(io.stdout, `  changed: ${identity}`);
      for (const identity of output.changes.removed) println(io.stdout, `  removed: ${identity} (students keep it; Anki never deletes on import)`);
    }
    for (const deck of decks) {
      for (const d of deck.dropped) println(io.stdout, `  note: no card ${d.identity}: ${d.reason}`);
    }
    return EXIT.ok;
  },
};

const MAX_EPOCH = 2 ** 32 - 1;

/** The build time in seconds: SOURCE_DATE_EPOCH when set (reproducible builds), else the clock. */
function buildTime(io: CliIo): number {
  const epoch = io.env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return Math.floor(io.now().getTime() / 1000);
  // Anki stores times in 32-bit-safe seconds and rejects ids far in the future: stay within 1970–2106.
  if (!/^\d{1,10}$/.test(epoch) || Number(epoch) > MAX_EPOCH) {
    throw new ExitError(EXIT.usage, `SOURCE_DATE_EPOCH must be whole seconds since 1970 (at most ${MAX_EPOCH}), got '${epoch}'`);
  }
  return Number(epoch);
}

function readPreviousManifest(path: string, io: CliIo): BuildManifest | undefined {
  if (!existsSync(path)) return undefined;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ExitError(EXIT.failure, `cannot read ${shown(io, path)}: ${(error as Error).message}`);
  }
  const parsed = parseManifest(text);
  if (parsed.ok) return parsed.manifest;
  // Building without it would give every note a newer mod, overwriting students' own edits of them: ask first.
  throw new ExitError(
    EXIT.failure,
    `${shown(io, path)} is not a manifest this version can read (${parsed.message}).\n` +
      'Move it away to build from scratch; every note will then count as changed, and students\' own edits of these notes will be overwritten on import.',
  );
}

function fileNameFor(deckName: string): string {
  return slugify(deckName) || 'deck';
}

function familyCounts(cards: readonly Card[]): string {
  const counts = new Map<string, number>();
  for (const card of cards) counts.set(card.family, (counts.get(card.family) ?? 0) + 1);
  // In the format's order of families, whatever order the cards come in.
  return CARD_FAMILIES.filter((f) => counts.has(f))
    .map((family) => `${family} ${counts.get(family) as number}`)
    .join(', ');
}

function changeSummary(changes: PackageChanges): string {
  return `${changes.added.length} added, ${changes.changed.length} changed, ${changes.unchanged.length} unchanged, ${changes.removed.length} removed`;
}

function shown(io: CliIo, path: string): string {
  return path.startsWith(io.cwd + '/') ? path.slice(io.cwd.length + 1) : path;
}
