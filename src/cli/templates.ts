import { shown } from '../annotation/shown.js';
import { BUILT_IN_TEMPLATES } from '../cards/index.js';
import { formatProblem } from '../templates/problem.js';
import { parseCommandArgs } from './args.js';
import { EXIT, println, type CliIo } from './io.js';
import type { Command } from './main.js';
import { readTemplateFolder } from './user-templates.js';

/** One line of `newsdeck templates`. */
export interface TemplateListing {
  id: string | undefined;
  family: string | undefined;
  description: string | undefined;
  /** `built-in`, or where the template's `defineTemplate` call is: `file:line:col`. */
  source: string;
}

export const command: Command = {
  usage: [
    'Usage: newsdeck templates [--templates DIR] [--json]',
    '',
    'Lists the card templates: the built-in ones and, with --templates, those in DIR,',
    'each with its family and description. A folder\'s templates are read from their',
    'source, not run (a value the source computes is shown as ?).',
    '',
    'Options:',
    '  --templates DIR  also list the templates in DIR (*.ts)',
    '  --json           print the list as JSON',
  ].join('\n'),
  async run(args: string[], io: CliIo): Promise<number> {
    const { values } = parseCommandArgs('templates', args, { templates: { type: 'string' }, json: { type: 'boolean' } });
    const listing: TemplateListing[] = BUILT_IN_TEMPLATES.map((t) => ({ id: t.id, family: t.family, description: t.description, source: 'built-in' }));
    let failed = false;
    if (values.templates !== undefined) {
      const { sources } = readTemplateFolder(values.templates, io);
      // The compiler, for its parser only: nothing of the folder runs, so listing a folder someone sent is safe.
      const { readDeclaredTemplates } = await import('../templates/compile.js');
      const { templates, problems } = readDeclaredTemplates(sources);
      for (const t of templates) listing.push({ id: t.id, family: t.family, description: t.description, source: `${t.file}:${t.line}:${t.col}` });
      if (problems.length > 0) {
        io.stderr.write(problems.map(formatProblem).join('\n\n') + '\n');
        failed = true;
      }
    }
    if (values.json) {
      println(io.stdout, shown(JSON.stringify({ templates: listing }, null, 2)));
    } else {
      const width = Math.max(...listing.map((t) => (t.id ?? '?').length));
      const familyWidth = Math.max(...listing.map((t) => (t.family ?? '?').length));
      let source = '';
      for (const t of listing) {
        const from = t.source === 'built-in' ? 'built-in' : t.source.replace(/:\d+:\d+$/, '');
        if (from !== source) println(io.stdout, `${source === '' ? '' : '\n'}${shown(from)}:`);
        source = from;
        println(io.stdout, shown(`  ${(t.id ?? '?').padEnd(width)}  ${(t.family ?? '?').padEnd(familyWidth)}  ${t.description ?? '?'}`));
      }
    }
    return failed ? EXIT.failure : EXIT.ok;
  },
};
