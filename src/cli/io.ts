import type { Readable, Writable } from 'node:stream';

/**
 * Everything a command may touch of the outside world, passed in so that a
 * test can run any command as a function (yaml's cli.ts, changesets' commands).
 * Only bin.ts builds the real one from `process`.
 */
export interface CliIo {
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable;
  stdin: Readable & { isTTY?: boolean; setRawMode?: (on: boolean) => unknown };
  env: Record<string, string | undefined>;
  cwd: string;
  /** The clock: the only source of "now" in the program. */
  now: () => Date;
}

/** Thrown by commands to end with a status; only bin.ts turns it into process.exit. */
export class ExitError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ExitError';
  }
}

/** Exit statuses, as users of Unix tools expect them. */
export const EXIT = {
  ok: 0,
  /** Bad input: an annotation with errors, a file that cannot be read. */
  failure: 1,
  /** Bad command-line usage. */
  usage: 2,
} as const;

/** Write a line to a stream. */
export function println(stream: Writable, text = ''): void {
  stream.write(text + '\n');
}

/** True when colours may be used on this stream (NO_COLOR: https://no-color.org). */
export function useColor(io: CliIo, stream: { isTTY?: boolean }): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}
