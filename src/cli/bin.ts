#!/usr/bin/env node
import { main } from './main.js';

// The only place that touches `process` for real: everything below takes CliIo.
const status = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
  now: () => new Date(),
});
process.exitCode = status;
