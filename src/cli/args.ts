import { parseArgs, type ParseArgsConfig } from 'node:util';
import { RETENTION_RANGE } from '../quiz/retention.js';
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

/**
 * `--retention`: the desired retention as a number within the range the
 * scheduler accepts, or undefined when the option was not given. Bad usage
 * (exit status 2) otherwise, with the same message for every command.
 */
export function parseRetention(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const retention = value.trim() === '' ? Number.NaN : Number(value);
  if (!(retention >= RETENTION_RANGE.min && retention <= RETENTION_RANGE.max)) {
    throw new ExitError(EXIT.usage, `--retention must be a number from ${RETENTION_RANGE.min} to ${RETENTION_RANGE.max} (e.g. 0.9), got '${value}'`);
  }
  return retention;
}

/**
 * `--max-size MB`: the safety bound on one annotation file (1 MB) and its
 * article text (4 MB) raised to MB, for a user who means a large file. A
 * positive number of megabytes; undefined when the option was not given.
 */
export function parseMaxSize(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const megabytes = value.trim() === '' ? Number.NaN : Number(value);
  if (!(megabytes > 0 && megabytes <= 1024)) {
    throw new ExitError(EXIT.usage, `--max-size takes the largest annotation file in megabytes, a number above 0 and at most 1024 (e.g. 8), got '${value}'`);
  }
  return megabytes;
}
