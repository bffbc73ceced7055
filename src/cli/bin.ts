#!/usr/bin/env node
import { main } from './main.js';

// The only place that touches `process` for real: everything below takes CliIo.

// `newsdeck preview decks | head` closes our stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

try {
  process.exitCode = await main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    now: () => new Date(),
  });
} catch (error) {
  // Bad input is reported by the commands themselves; reaching here is a bug in newsdeck.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`newsdeck: internal error: ${message}\n`);
  if (process.env.NEWSDECK_DEBUG) process.stderr.write(`${error instanceof Error ? error.stack : ''}\n`);
  else process.stderr.write('Please report it with the command you ran; NEWSDECK_DEBUG=1 shows the details.\n');
  process.exitCode = 1;
}
