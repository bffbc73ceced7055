import { PassThrough, Readable } from 'node:stream';
import type { CliIo } from '../../src/cli/io.js';

/** A CliIo whose output is collected, for running commands as functions. */
export function fakeIo(options: { cwd?: string; stdin?: string[]; env?: Record<string, string>; now?: () => Date } = {}): {
  io: CliIo;
  stdout: () => string;
  stderr: () => string;
} {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString('utf8')));
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString('utf8')));
  const io: CliIo = {
    stdout,
    stderr,
    stdin: Readable.from((options.stdin ?? []).map((line) => `${line}\n`)),
    env: { NO_COLOR: '1', ...options.env },
    cwd: options.cwd ?? new URL('../../', import.meta.url).pathname,
    now: options.now ?? (() => new Date('2026-01-01T00:00:00Z')),
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}
