import { ERROR_CODES, formatError, limitsForMaxSize, type AnnotationError, type Annotation, type LoadLimits } from '../annotation/index.js';
import type { Advice, DroppedCard } from '../cards/index.js';
import { shown, todoComments, type TodoComment } from '../annotation/report.js';
import { parseCommandArgs, parseMaxSize } from './args.js';
import { EXIT, println, type CliIo } from './io.js';
import { checkAnnotationFiles, deckCards, findClass, readPrefix, templatesDir } from './load.js';
import { templatesOption } from './user-templates.js';
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
    'Usage: newsdeck check [--json] [--templates DIR] [--max-size MB] FILE|DIR...',
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
    '',
    'Exit status: 0 when every file is valid, 1 when any has errors, 2 on bad usage.',
  ].join('\n'),
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs('check', args, { json: { type: 'boolean' }, templates: { type: 'string' }, 'max-size': { type: 'string' } });
    const limits = limitsForMaxSize(parseMaxSize(values['max-size']));
    const inClass = findClass(positionals, io);
    const templates = await templatesOption(templatesDir(values.templates, inClass), io);
    const reports: CheckReport[] = [];
    for (const { result, ...annotationFile } of checkAnnotationFiles(positionals, io, { templates, limits, inClass })) {
      const todos = todosOf(annotationFile.path, limits);
      const warnings = todos.map((t) => `  ${annotationFile.file}:${t.line}:${t.col}: warning: TODO: ${t.text}`);
      if (!result.ok) {
        reports.push({ file: annotationFile.file, ok: false, errors: result.errors.map(toJson), dropped: [], advice: [], todos });
        if (!values.json) {
          for (const error of result.errors) println(io.stdout, formatError(error) + '\n');
          const n = result.errors.length;
          println(io.stdout, `${annotationFile.file}: ${n} error${n === 1 ? '' : 's'}`);
          for (const warning of warnings) println(io.stdout, warning);
        }
        continue;
      }
      const { cards, dropped, advice } = deckCards(result.annotation, io, templates);
      const report: CheckReport = {
        file: annotationFile.file,
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
function todosOf(path: string, limits: LoadLimits): TodoComment[] {
  try {
    const source = readPrefix(path, limits.maxAnnotationBytes);
    return source.byteLength > limits.maxAnnotationBytes ? [] : todoComments(new TextDecoder().decode(source));
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
