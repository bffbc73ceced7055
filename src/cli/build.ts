import { CARD_FAMILIES, limitsForMaxSize } from '../annotation/index.js';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AnkiInputError, buildPackage, parseManifest, prepareAnkiWriter, serializeManifest, type BuildManifest, type PackageChanges, type PackageOutput } from '../anki/index.js';
import { handoutHtml, OUTPUT_FORMATS, WRITERS, type OutputFormat, type OutputUnit } from '../outputs/index.js';
import { PRINTABLE } from '../annotation/schema.js';
import { shown as visible } from '../annotation/report.js';
import type { Card } from '../cards/index.js';
import { parseCommandArgs, parseMaxSize } from './args.js';
import { launchBrowser } from './browser.js';
import { pathInside, shownPath, writeFilesAtomic } from './files.js';
import { ExitError, EXIT, println, type CliIo } from './io.js';
import { loadDecks } from './load.js';
import { outputUnits, renamedStemNote } from './output-names.js';
import type { Command } from './main.js';

export const command: Command = {
  usage: [
    'Usage: newsdeck build [--out DIR] [--one-deck NAME] [--format LIST] [--max-size MB] FILE|DIR...',
    '',
    'Checks the annotations, makes their cards and writes one Anki package (.apkg)',
    'per article into the output folder, with a manifest beside it. Rebuild after',
    'editing an annotation and import the new package: Anki updates the notes in',
    'place and keeps every review.',
    '',
    'Options:',
    '  --out DIR        output folder (default: out)',
    '  --one-deck NAME  one package NAME.apkg with a subdeck NAME::<deck> per article',
    `  --format LIST    what to write, comma-separated: ${OUTPUT_FORMATS.join(', ')} (default: apkg)`,
    '  --max-size MB    raise the safety limit on one annotation (1 MB) and its text (4 MB)',
    '',
    'Environment:',
    '  SOURCE_DATE_EPOCH  build time in seconds, for reproducible packages',
    '  CHROMIUM           the browser that renders --format pdf (default: /usr/bin/chromium)',
  ].join('\n'),
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs('build', args, {
      out: { type: 'string' },
      'one-deck': { type: 'string' },
      format: { type: 'string' },
      'max-size': { type: 'string' },
    });
    const outDir = resolve(io.cwd, values.out ?? 'out');
    const formats = parseFormats(values.format);
    const now = buildTime(io);
    if (formats.includes('apkg')) void prepareAnkiWriter(); // compiles while the cards are made
    const decks = loadDecks(positionals, io, limitsForMaxSize(parseMaxSize(values['max-size'])));

    const oneDeck = values['one-deck'];
    // The same rules as an annotation's deck.name: printable, with a name on each side of every '::'.
    if (oneDeck !== undefined && (!PRINTABLE.test(oneDeck) || oneDeck.split('::').some((part) => part.trim() === ''))) {
      throw new ExitError(EXIT.usage, `--one-deck needs a deck name with text on each side of every '::' and no control characters, got '${JSON.stringify(oneDeck).slice(1, -1)}'`);
    }
    const units = outputUnits(decks, oneDeck);

    // Build everything in memory first: a failure leaves the output folder as it was.
    const built = [];
    // One browser for every unit's PDF, started only when a PDF is asked for, and always closed.
    const browser = formats.includes('pdf') ? await launchBrowser(io.env) : undefined;
    try {
      for (const unit of units) {
        const files: { path: string; data: string | Uint8Array }[] = [];
        let apkg: { path: string; manifestPath: string; output: PackageOutput } | undefined;
        for (const format of formats) {
          if (format === 'apkg') {
            const path = pathInside(outDir, `${unit.name}.apkg`);
            const manifestPath = pathInside(outDir, `${unit.name}.manifest.json`);
            apkg = { path, manifestPath, output: await packageOf(unit, readPreviousManifest(manifestPath, io), now) };
            continue;
          }
          if (format === 'pdf') {
            if (browser === undefined) throw new Error('unreachable: no browser for the PDF');
            // Not byte-reproducible like the other outputs: Chromium stamps a creation date into every PDF.
            files.push({ path: pathInside(outDir, `${unit.name}.handout.pdf`), data: await browser.pdf(handoutHtml(unit)) });
            continue;
          }
          const writer = WRITERS[format];
          if (writer === undefined) throw new Error(`unreachable: no writer for format ${format}`);
          for (const file of writer(unit)) files.push({ path: pathInside(outDir, unit.name + file.suffix), data: file.data });
        }
        built.push({ unit, apkg, files });
      }
    } finally {
      await browser?.close();
    }
    // Packages and the other outputs first, then the manifests: a manifest never describes a package that was not written.
    writeFilesAtomic([
      ...built.flatMap(({ apkg }) => (apkg === undefined ? [] : [{ path: apkg.path, data: apkg.output.apkg }])),
      ...built.flatMap(({ files }) => files),
      ...built.flatMap(({ apkg }) => (apkg === undefined ? [] : [{ path: apkg.manifestPath, data: serializeManifest(apkg.output.manifest) }])),
    ]);
    for (const { unit, apkg, files } of built) {
      if (apkg !== undefined) {
        println(io.stdout, `wrote ${shownPath(io, apkg.path)}: ${unit.cards.length} cards (${familyCounts(unit.cards)})`);
        println(io.stdout, `  notes: ${changeSummary(apkg.output.changes)}`);
        // Identities of removed notes come from the previous manifest, a file: shown, not obeyed.
        for (const identity of apkg.output.changes.changed) println(io.stdout, `  changed: ${visible(identity)}`);
        for (const identity of apkg.output.changes.removed) println(io.stdout, `  removed: ${visible(identity)} (students keep it; Anki never deletes on import)`);
      }
      for (const file of files) println(io.stdout, `wrote ${shownPath(io, file.path)}${apkg === undefined ? `: ${unit.cards.length} cards` : ''}`);
      const renamed = renamedStemNote(unit.name);
      if (renamed !== undefined) println(io.stdout, `  note: ${renamed}`);
    }
    for (const deck of decks) {
      for (const d of deck.dropped) println(io.stdout, visible(`  note: no card ${d.identity}: ${d.reason}`));
    }
    return EXIT.ok;
  },
};

/** `--format a,b`: known formats, each once, in the order given; the Anki package when absent. */
function parseFormats(value: string | undefined): OutputFormat[] {
  if (value === undefined) return ['apkg'];
  const names = value.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(OUTPUT_FORMATS as readonly string[]).includes(name));
  if (names.length === 0 || unknown.length > 0) {
    throw new ExitError(EXIT.usage, `--format takes a comma-separated list of ${OUTPUT_FORMATS.join(', ')}; got '${unknown.join(',') || value}'`);
  }
  return [...new Set(names as OutputFormat[])];
}

async function packageOf(unit: OutputUnit, previous: BuildManifest | undefined, now: number): Promise<PackageOutput> {
  try {
    return await buildPackage({ cards: unit.cards, previous, now });
  } catch (error) {
    // The loader's checks should make this unreachable; if not, say what, without a stack trace.
    if (error instanceof AnkiInputError) throw new ExitError(EXIT.failure, `cannot build ${unit.name}.apkg: ${error.message}`);
    throw error;
  }
}

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
    throw new ExitError(EXIT.failure, `cannot read ${shownPath(io, path)}: ${(error as Error).message}`);
  }
  const parsed = parseManifest(text);
  if (parsed.ok) return parsed.manifest;
  // Building without it would give every note a newer mod, overwriting students' own edits of them: ask first.
  throw new ExitError(
    EXIT.failure,
    `${shownPath(io, path)} is not a manifest this version can read (${parsed.message}).\n` +
      'Move it away to build from scratch; every note will then count as changed, and students\' own edits of these notes will be overwritten on import.',
  );
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
