import { CARD_FAMILIES } from '../annotation/model.js';
import { limitsForMaxSize } from '../annotation/limits.js';
import { PRINTABLE, shown as visible } from '../annotation/shown.js';
import { join, resolve } from 'node:path';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { AnkiInputError, buildPackage, notePlace, prepareAnkiWriter, type BuildManifest, type PackageChanges, type PackageOutput } from '../anki/index.js';
import { mergeManifests, retirementHomes } from '../anki/manifest.js';
import { OUTPUT_FORMATS, type OutputFormat, type OutputUnit } from '../outputs/output.js';
import type { Card, DroppedCard } from '../cards/index.js';
import type { PackageReport } from '../class/change-report.js';
import { checkTargets, commitOutputFolder, MANIFEST_FILE, readOutputFolder } from '../class/output-folder.js';
import { parseCommandArgs, parseMaxSize } from './args.js';
import { pathInside, shownPath, StagedFiles } from './files.js';
import { ExitError, EXIT, println, type CliIo } from './io.js';
import { findClassFolder } from './class-folder.js';
import { checkDecks, generateDecksInParallel, identifiedTemplates, type LoadedDeck } from './decks.js';
import { templatesDir } from './inputs.js';
import { oneDeckStem, outputUnits, packageUnit, renamedStemNote } from './output-names.js';
import { DEFAULT_CACHE_MB, openCardCache } from './card-cache.js';
import type { Command } from './main.js';

export const command: Command = {
  usage: [
    'Usage: newsdeck build [--out DIR] [--one-deck NAME] [--format LIST] [--fresh] [--json] [--templates DIR] [--max-size MB] [--no-cache] [FILE|DIR...]',
    '',
    'Checks the annotations, makes their cards and writes one Anki package (.apkg)',
    `per article into the output folder, with the folder's ${MANIFEST_FILE}. Rebuild`,
    'after editing an annotation and import the new package: Anki updates the notes',
    'in place and keeps every review. A removed item\'s notes come once more, tagged',
    'newsdeck::retired, so that students can find and delete them.',
    '',
    'In a class folder (newsdeck.yaml, see newsdeck init --class) the class file',
    'names the annotations, the output folder and whether to write one package.',
    '',
    'Options:',
    '  --out DIR        output folder (default: out, or the class file\'s)',
    '  --one-deck NAME  one package NAME.apkg with a subdeck NAME::<deck> per article',
    `  --format LIST    what to write, comma-separated: ${OUTPUT_FORMATS.join(', ')} (default: apkg)`,
    '  --fresh          build without the folder\'s manifest (students\' edits of their notes get overwritten)',
    '  --json           print the change report as JSON',
    '  --templates DIR  also use the card templates in DIR (*.ts, type-checked first; README: "Write your own card template")',
    '  --max-size MB    raise the safety limit on one annotation (1 MB) and its text (4 MB)',
    '  --no-cache       make every article\'s cards again, without reading or writing the card cache',
    '',
    'Environment:',
    '  XDG_CACHE_HOME     the card cache is $XDG_CACHE_HOME/newsdeck/cards (default: ~/.cache/newsdeck/cards)',
    '  NEWSDECK_NO_CACHE  set (not 0): as --no-cache',
    `  NEWSDECK_CACHE_MB  the card cache's size bound in MB (default: ${DEFAULT_CACHE_MB}); the entries used longest ago go first`,
    '  SOURCE_DATE_EPOCH  build time in seconds, for reproducible packages',
    '  CHROMIUM           the browser that renders --format pdf (default: /usr/bin/chromium)',
  ].join('\n'),
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs('build', args, {
      out: { type: 'string' },
      'one-deck': { type: 'string' },
      format: { type: 'string' },
      fresh: { type: 'boolean' },
      json: { type: 'boolean' },
      templates: { type: 'string' },
      'max-size': { type: 'string' },
      'no-cache': { type: 'boolean' },
    });
    const inClass = await findClassFolder(positionals, io);
    const settings = inClass?.settings;
    const outDir = values.out !== undefined ? resolve(io.cwd, values.out) : inClass !== undefined ? join(inClass.folder, settings?.outputs.folder ?? 'out') : resolve(io.cwd, 'out');
    const formats = values.format !== undefined || settings === undefined ? parseFormats(values.format) : [...settings.outputs.formats];
    const now = buildTime(io);
    const fresh = values.fresh === true;
    if (formats.includes('apkg')) void prepareAnkiWriter(); // compiles while the cards are made
    const oneDeck = values['one-deck'];
    // The same rules as an annotation's deck.name: printable, with a name on each side of every '::'.
    if (oneDeck !== undefined && (!PRINTABLE.test(oneDeck) || oneDeck.split('::').some((part) => part.trim() === ''))) {
      throw new ExitError(EXIT.usage, `--one-deck needs a deck name with text on each side of every '::' and no control characters, got '${JSON.stringify(oneDeck).slice(1, -1)}'`);
    }
    const identified = await identifiedTemplates(templatesDir(values.templates, inClass), io);
    const templates = identified?.templates;
    const limits = limitsForMaxSize(parseMaxSize(values['max-size']));
    const cache = openCardCache(io, values['no-cache'] === true, { limits, templateIds: templates?.map((t) => t.id), templates: identified?.identity });
    const loading = { progress: true, templates, limits, inClass, cache };
    const checked = await checkDecks(positionals, io, loading);
    // A class's one package: its cards already carry the class's deck prefix.
    const classPackage = oneDeck === undefined && settings !== undefined && settings.outputs.package === 'one';
    const named = classPackage || oneDeck !== undefined;
    // One package per article, every file valid: each article's cards are made, written to a temporary file and
    // let go before the next article's (issue 12: a build held every card of the class at once). Otherwise
    // (one package, or errors to report) the cards of every article are made first.
    const oneAtATime = !named && checked.checked.every((c) => c.result.ok);
    const decks: LoadedDeck[] = [];
    if (!oneAtATime) for await (const deck of generateDecksInParallel(checked, io, loading)) decks.push(deck);
    const planned = oneAtATime ? checked.checked.flatMap((c) => (c.result.ok ? [{ ...c, annotation: c.result.annotation, cards: [], dropped: [], advice: [] }] : [])) : decks;
    const units = classPackage ? [packageUnit(planned, oneDeckStem(settings.name), settings.name)] : outputUnits(planned, oneDeck);

    const folder = formats.includes('apkg') ? readOutputFolder(outDir, io, fresh) : undefined;
    const articlesOf = (unit: OutputUnit): Set<string> => new Set(unit.articles.map((a) => a.annotation.article.id));
    if (folder !== undefined) checkTargets(outDir, folder, units.map((u) => ({ name: u.name, title: u.title, named, articles: articlesOf(u) })), io, fresh);
    const previous = folder?.manifest;
    // The notes each package retires unless it makes them again (only its own cards can: see retirementHomes).
    const homes = previous === undefined ? new Map<string, string[]>() : retirementHomes(previous, units.map((u) => ({ name: u.name, articles: articlesOf(u) })));

    // Every file is staged under a temporary name and renamed only at the end: a failure leaves the output folder as it was.
    const staged = new StagedFiles();
    const built: BuiltUnit[] = [];
    const dropped: DroppedCard[][] = [];
    // One browser for every unit's PDF, started only when a PDF is asked for, and always closed.
    const browser = formats.includes('pdf') ? await (await import('./browser.js')).launchBrowser(io.env) : undefined;
    // The other writers' code, loaded only when a format asks for it.
    const outputs = formats.some((format) => format !== 'apkg') ? await import('../outputs/index.js') : undefined;
    const build = async (unit: OutputUnit): Promise<void> => {
      const identities = identitiesOf(unit.cards);
      const retire = (homes.get(unit.name) ?? []).filter((identity) => !identities.has(identity));
      let apkg: BuiltUnit['apkg'];
      const files: string[] = [];
      for (const format of formats) {
        if (format === 'apkg') {
          const path = pathInside(outDir, `${unit.name}.apkg`);
          const { apkg: bytes, ...output } = await packageOf(unit, previous, now, retire);
          staged.add(path, bytes);
          apkg = { path, output };
          continue;
        }
        if (format === 'pdf') {
          if (browser === undefined || outputs === undefined) throw new Error('unreachable: no browser or handout writer for the PDF');
          // Not byte-reproducible like the other outputs: Chromium stamps a creation date into every PDF.
          const path = pathInside(outDir, `${unit.name}.handout.pdf`);
          staged.add(path, await browser.pdf(outputs.handoutHtml(unit)));
          files.push(path);
          continue;
        }
        const writer = outputs?.WRITERS[format];
        if (writer === undefined) throw new Error(`unreachable: no writer for format ${format}`);
        for (const file of writer(unit)) {
          const path = pathInside(outDir, unit.name + file.suffix);
          staged.add(path, file.data);
          files.push(path);
        }
      }
      built.push({ name: unit.name, title: unit.title, cards: unit.cards.length, families: familyCounts(unit.cards), apkg, files });
    };
    try {
      if (oneAtATime) {
        const collect = collector();
        for await (const deck of generateDecksInParallel(checked, io, loading)) {
          await build(outputUnits([deck], undefined)[0] as OutputUnit);
          dropped.push(deck.dropped);
          collect();
        }
      } else {
        for (const unit of units) await build(unit);
        dropped.push(...decks.map((d) => d.dropped));
      }
    } catch (error) {
      staged.abandon();
      throw error;
    } finally {
      await browser?.close();
    }
    let next: BuildManifest | undefined;
    if (previous !== undefined) {
      next = mergeManifests(previous, built.flatMap(({ apkg }) => (apkg === undefined ? [] : [apkg.output.manifest])));
      commitOutputFolder(outDir, next, staged, io);
    } else {
      staged.commit();
    }
    // The change report's code (and its word diff) only for a rebuild: a first build has nothing to compare.
    const changeReport = previous === undefined ? undefined : await import('../class/change-report.js');
    const reports = built.map((unit) => ({
      unit,
      report: unit.apkg === undefined || previous === undefined || next === undefined ? undefined : changeReport?.packageReport(unit.apkg.output.changes, previous.notes, next.notes),
    }));
    if (values.json === true) {
      // JSON escapes C0 controls but not DEL and C1 (U+009B starts a terminal command): escaped too, since texts come from files.
      println(io.stdout, JSON.stringify(jsonReport(reports, io), null, 2).replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
      return EXIT.ok;
    }
    for (const { unit, report } of reports) {
      const { apkg } = unit;
      if (apkg !== undefined) {
        println(io.stdout, `wrote ${shownPath(io, apkg.path)}: ${unit.cards} cards (${unit.families})`);
        println(io.stdout, `  notes: ${changeSummary(apkg.output.changes)}`);
        if (report !== undefined) for (const line of changeReport?.reportLines(report) ?? []) println(io.stdout, line);
      }
      for (const file of unit.files) println(io.stdout, `wrote ${shownPath(io, file)}${apkg === undefined ? `: ${unit.cards} cards` : ''}`);
      const renamed = renamedStemNote(unit.name);
      if (renamed !== undefined) println(io.stdout, `  note: ${renamed}`);
    }
    for (const d of dropped.flat()) println(io.stdout, visible(`  note: no card ${d.identity}: ${d.reason}`));
    return EXIT.ok;
  },
};

/** The note identities a unit's cards make (an actor's two cards are one note). */
function identitiesOf(cards: readonly Card[]): Set<string> {
  return new Set(cards.map((card) => notePlace(card).identity));
}

/** What a build keeps of a unit once its files are staged: its cards are let go. */
interface BuiltUnit {
  name: string;
  title: string;
  cards: number;
  /** "actors 3, quotes 2": the cards of each family. */
  families: string;
  apkg: { path: string; output: Omit<PackageOutput, 'apkg'> } | undefined;
  /** The other files written, in order. */
  files: string[];
}

function jsonReport(reports: readonly { unit: BuiltUnit; report: PackageReport | undefined }[], io: CliIo): unknown {
  return {
    packages: reports.map(({ unit, report }) => ({
      name: unit.name,
      deck: unit.title,
      cards: unit.cards,
      files: [...(unit.apkg === undefined ? [] : [unit.apkg.path]), ...unit.files].map((p) => shownPath(io, p)),
      ...(unit.apkg !== undefined && {
        notes: {
          added: unit.apkg.output.changes.added.length,
          changed: unit.apkg.output.changes.changed.length,
          unchanged: unit.apkg.output.changes.unchanged.length,
          retired: unit.apkg.output.changes.retired.length,
        },
      }),
      ...(report !== undefined && report),
    })),
  };
}

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

async function packageOf(unit: OutputUnit, previous: BuildManifest | undefined, now: number, retire: readonly string[]): Promise<PackageOutput> {
  try {
    return await buildPackage({ cards: unit.cards, previous, now, name: unit.name, title: unit.title, retire });
  } catch (error) {
    // The loader's checks should make this unreachable; if not, say what, without a stack trace.
    if (error instanceof AnkiInputError) throw new ExitError(EXIT.failure, `cannot build ${unit.name}.apkg: ${error.message}`);
    throw error;
  }
}

/** How much the heap may grow between two collections a build asks for (see collector). */
const HEAP_BUDGET = 64 * 1024 * 1024;

/**
 * V8 lets its heap grow far past what is live before it collects the old
 * generation (a 30,000-card class in 300 articles: 361 MB peak, of which under
 * 150 MB live): between articles, a build one article at a time asks for a
 * full collection whenever the heap has grown by HEAP_BUDGET since the last.
 * A few collections per class, each a fraction of a second.
 */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  let after = getHeapStatistics().used_heap_size;
  return () => {
    if (getHeapStatistics().used_heap_size < after + HEAP_BUDGET) return;
    gc();
    after = getHeapStatistics().used_heap_size;
  };
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

function familyCounts(cards: readonly Card[]): string {
  const counts = new Map<string, number>();
  for (const card of cards) counts.set(card.family, (counts.get(card.family) ?? 0) + 1);
  // In the format's order of families, whatever order the cards come in.
  return CARD_FAMILIES.filter((f) => counts.has(f))
    .map((family) => `${family} ${counts.get(family) as number}`)
    .join(', ');
}

function changeSummary(changes: PackageChanges): string {
  return `${changes.added.length} added, ${changes.changed.length} changed, ${changes.unchanged.length} unchanged, ${changes.retired.length} retired`;
}
