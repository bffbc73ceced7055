import type { Annotation, AnnotationError, LoadLimits } from '../annotation/index.js';
import { ERROR_CODES, formatError } from '../annotation/errors.js';
import { limitsForMaxSize } from '../annotation/limits.js';
import type { TodoComment } from '../annotation/report.js';
import { shown } from '../annotation/shown.js';
import type { Advice, DroppedCard } from '../cards/index.js';
import { parseCommandArgs, parseMaxSize } from './args.js';
import { DEFAULT_CACHE_MB, openCardCache } from './card-cache.js';
import { findClassFolder } from './class-folder.js';
import { cardsOf, checkDecks, identifiedTemplates } from './decks.js';
import { readPrefix, templatesDir } from './inputs.js';
import { EXIT, println, type CliIo } from './io.js';
import type { Command } from './main.js';

/** What `check --json` prints for one file. */
export interface CheckReport {
  file: string;
  ok: boolean;
  counts?: { actors: number; quotes: number; claims: number; events: number; terms: number; facts: number; cards: number };
  errors: (Omit<AnnotationError, 'sourceLine'> & { meaning: string })[];
  dropped: DroppedCard[];
  /** Items that get fewer cards than they could, at their position, with what to add. */
  advice: Advice[];
  /** `# TODO` comments: decisions left open (a draft of `newsdeck init` has many). Warnings: the file may still be valid. */
  todos: TodoComment[];
}

export const command: Command = {
  usage: [
    'Usage: newsdeck check [--json] [--templates DIR] [--max-size MB] [--no-cache] FILE|DIR...',
    '',
    'Checks annotations against the format (README: "Writing annotations") and prints',
    'every error as file:line:col: code: message, with the line and a caret, and every',
    '`# TODO` comment (a decision left open, as in a draft of `newsdeck init`) as a warning.',
    'Folders are searched for *.yaml and *.yml files.',
    '',
    'Options:',
    '  --json           print the results as JSON, for editors and scripts',
    '  --templates DIR  also use the card templates in DIR (*.ts, type-checked first; README: "Write your own card template")',
    '  --max-size MB    raise the safety limit on one annotation (1 MB) and its text (4 MB)',
    '  --no-cache       check every article and make its cards again, without reading or writing the card cache',
    '',
    'The card cache is the one newsdeck build uses (newsdeck build --help: XDG_CACHE_HOME,',
    `NEWSDECK_NO_CACHE, NEWSDECK_CACHE_MB, default ${DEFAULT_CACHE_MB} MB): an unchanged article is not checked again.`,
    '',
    'Exit status: 0 when every file is valid, 1 when any has errors, 2 on bad usage.',
  ].join('\n'),
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs('check', args, {
      json: { type: 'boolean' },
      templates: { type: 'string' },
      'max-size': { type: 'string' },
      'no-cache': { type: 'boolean' },
    });
    const limits = limitsForMaxSize(parseMaxSize(values['max-size']));
    const inClass = await findClassFolder(positionals, io);
    const identified = await identifiedTemplates(templatesDir(values.templates, inClass), io);
    const templates = identified?.templates;
    const cache = openCardCache(io, values['no-cache'] === true, { limits, templateIds: templates?.map((t) => t.id), templates: identified?.identity });
    const reports: CheckReport[] = [];
    for (const checked of (await checkDecks(positionals, io, { templates, limits, inClass, cache })).checked) {
      const { result, file } = checked;
      const todos = checked.todos ?? (await todosOf(checked.path, limits));
      const warnings = todos.map((t) => `  ${file}:${t.line}:${t.col}: warning: TODO: ${t.text}`);
      if (!result.ok) {
        reports.push({ file, ok: false, errors: result.errors.map(toJson), dropped: [], advice: [], todos });
        if (!values.json) {
          for (const error of result.errors) println(io.stdout, formatError(error) + '\n');
          const n = result.errors.length;
          println(io.stdout, `${file}: ${n} error${n === 1 ? '' : 's'}`);
          for (const warning of warnings) println(io.stdout, warning);
        }
        continue;
      }
      const { cards, dropped, advice } = await cardsOf(checked, result.annotation, io, templates);
      const report: CheckReport = {
        file,
        ok: true,
        counts: { ...counts(result.annotation), cards: cards.length },
        errors: [],
        dropped,
        advice,
        todos,
      };
      reports.push(report);
      if (!values.json) println(io.stdout, shown(summary(report)));
      if (!values.json) for (const warning of warnings) println(io.stdout, warning);
    }
    cache?.tidy();
    // shown() keeps JSON valid: it writes a control character as the \u escape JSON reads back as the same character.
    if (values.json) println(io.stdout, shown(JSON.stringify({ files: reports }, null, 2)));
    return reports.every((r) => r.ok) ? EXIT.ok : EXIT.failure;
  },
};

/**
 * The TODO comments of a file the loader could read; none of one it could not
 * (its error says why). Read as the loader reads it: a FIFO is not waited on
 * and a file over the limit is not read whole.
 */
async function todosOf(path: string, limits: LoadLimits): Promise<TodoComment[]> {
  try {
    const source = readPrefix(path, limits.maxAnnotationBytes);
    return source.byteLength > limits.maxAnnotationBytes ? [] : (await import('../annotation/report.js')).todoComments(new TextDecoder().decode(source));
  } catch {
    return [];
  }
}

function toJson(error: AnnotationError): CheckReport['errors'][number] {
  const { sourceLine: _omitted, ...rest } = error;
  return { ...rest, meaning: ERROR_CODES[error.code] };
}

function counts(annotation: Annotation): Omit<NonNullable<CheckReport['counts']>, 'cards'> {
  return {
    actors: annotation.actors.length,
    quotes: annotation.quotes.length,
    claims: annotation.claims.length,
    events: annotation.events.length,
    terms: annotation.terms.length,
    facts: annotation.facts.length,
  };
}

function summary(report: CheckReport): string {
  const c = report.counts;
  if (c === undefined) return `${report.file}: invalid`;
  const plural = (n: number, word: string): string => `${n} ${n === 1 ? word : word + 's'}`;
  const lines = [
    `${report.file}: ok: ${plural(c.actors, 'actor')}, ${plural(c.quotes, 'quote')}, ${plural(c.claims, 'claim')}, ` +
      `${plural(c.events, 'event')}, ${plural(c.terms, 'term')}${c.facts > 0 ? `, ${plural(c.facts, 'fact')}` : ''} → ${plural(c.cards, 'card')}`,
  ];
  // What the annotator can add, at the item's position: the card-quality rules refused a generic card.
  for (const a of report.advice) lines.push(`  ${shown(report.file)}:${a.pos.line}:${a.pos.col}: ${a.message}`, `    fix: ${a.hint}`);
  // Cards a template proposed but the quality checks refused: the teacher may want to reword the item.
  for (const d of report.dropped) lines.push(`  note: no card ${d.identity}: ${d.reason}`);
  return lines.join('\n');
}
