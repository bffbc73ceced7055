import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ExitError, EXIT } from './io.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** util.parseArgs, with bad usage turned into exit status 2 and a message that names the command. */
export function parseCommandArgs<T extends Options>(
  command: string,
  args: string[],
  options: T,
): { values: ReturnType<typeof parseArgs<{ options: T; allowPositionals: true; strict: true; args: string[] }>>['values']; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values, positionals };
  } catch (error) {
    throw new ExitError(EXIT.usage, `${(error as Error).message.replace(/\. To specify a positional.*$/, '')}\nRun 'newsdeck ${command} --help' for usage.`);
  }
}
