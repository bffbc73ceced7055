import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { shown } from '../annotation/shown.js';
import { mergeResults, parseExamCsv, renderResults, resultsCsv, type ExamRow } from '../quiz/exam-results.js';
import { parseCommandArgs } from './args.js';
import { ExitError, EXIT, println, type CliIo } from './io.js';
import type { Command } from './main.js';

export const command: Command = {
  usage: [
    'Usage: newsdeck results [--csv | --json] FILE...',
    '',
    "Merges a class's exam CSVs (one per student, from newsdeck quiz --exam --student NAME):",
    "each student's score (an unanswered question counts as not right), each question's",
    'share right, and the hardest questions.',
    '',
    'Options:',
    '  --csv   print the scores as CSV (a row per student, then a row per question)',
    '  --json  print the report as JSON',
    '',
    'Example: newsdeck results exam-7-*.csv',
  ].join('\n'),
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs('results', args, { csv: { type: 'boolean' }, json: { type: 'boolean' } });
    if (positionals.length === 0) throw new ExitError(EXIT.usage, "name the exam CSVs of one exam, e.g. exam-7-*.csv\nRun 'newsdeck results --help' for usage.");
    if (values.csv === true && values.json === true) throw new ExitError(EXIT.usage, 'choose one of --csv and --json');
    const files: { file: string; rows: ExamRow[] }[] = [];
    for (const file of positionals) {
      let text: string;
      try {
        text = readFileSync(resolve(io.cwd, file), 'utf8');
      } catch (error) {
        throw new ExitError(EXIT.failure, `${shown(file)}: cannot read it: ${(error as Error).message}`);
      }
      const parsed = parseExamCsv(file, text);
      if (!parsed.ok) {
        throw new ExitError(EXIT.failure, `${parsed.error.file}:${parsed.error.line}: ${parsed.error.message}. Use the file as newsdeck quiz --exam wrote it (it may be cut short or edited)`);
      }
      files.push({ file, rows: parsed.rows });
    }
    const merged = mergeResults(files);
    if (!merged.ok) throw new ExitError(EXIT.failure, `${merged.error.file}:${merged.error.line}: ${merged.error.message}`);
    // What students typed is shown, not obeyed: shown() makes control characters visible (and keeps JSON valid).
    if (values.json === true) println(io.stdout, shown(JSON.stringify(merged.report, null, 2)));
    else if (values.csv === true) io.stdout.write(shown(resultsCsv(merged.report).replace(/\r\n/g, '\n')).replace(/\n/g, '\r\n'));
    else println(io.stdout, shown(renderResults(merged.report)));
    return EXIT.ok;
  },
};
