import { annotationJsonSchema } from '../annotation/index.js';
import { parseCommandArgs } from './args.js';
import { writeFileAtomic } from './files.js';
import { EXIT, println, type CliIo } from './io.js';
import type { Command } from './main.js';
import { resolve } from 'node:path';

/** The schema as shipped in schema/annotation.schema.json (stable key order, final newline). */
export function schemaText(): string {
  return JSON.stringify(annotationJsonSchema(), null, 2) + '\n';
}

export const command: Command = {
  usage: [
    'Usage: newsdeck schema [--out FILE]',
    '',
    'Prints the JSON Schema of annotation format 1 (for editors: yaml-language-server).',
    'It is generated from the same definition the validator uses.',
    '',
    'Options:',
    '  --out FILE   write it to FILE instead of standard output',
  ].join('\n'),
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs('schema', args, { out: { type: 'string' } });
    if (positionals.length > 0) {
      println(io.stderr, `newsdeck schema: unexpected argument '${positionals[0]}'`);
      return EXIT.usage;
    }
    if (values.out !== undefined) writeFileAtomic(resolve(io.cwd, values.out), schemaText());
    else io.stdout.write(schemaText());
    return EXIT.ok;
  },
};
