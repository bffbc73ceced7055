import { createRequire } from 'node:module';
import { ExitError, EXIT, println, type CliIo } from './io.js';

/** A command module: loaded lazily so that start-up stays fast. */
export interface Command {
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

const COMMANDS: Record<string, () => Promise<Command>> = {
  check: async () => (await import('./check.js')).command,
  init: async () => (await import('./init.js')).command,
  build: async () => (await import('./build.js')).command,
  preview: async () => (await import('./preview.js')).command,
  review: async () => (await import('./review.js')).command,
  quiz: async () => (await import('./quiz.js')).command,
  stats: async () => (await import('./stats.js')).command,
  progress: async () => (await import('./progress.js')).command,
  results: async () => (await import('./results.js')).command,
  schema: async () => (await import('./schema.js')).command,
  templates: async () => (await import('./templates.js')).command,
};

const COMMAND_SUMMARIES: Record<keyof typeof COMMANDS, string> = {
  check: 'validate annotations and report every error with its position',
  init: 'draft an annotation of an article (init ARTICLE.txt), or start a class folder (init --class)',
  build: 'build an Anki package (.apkg) per article',
  preview: 'print the cards of a deck as text (or --json)',
  review: 'write an HTML page to check the cards against the article',
  quiz: 'study the cards in the terminal with spaced repetition',
  stats: 'show study progress per deck',
  progress: "'progress repair': move unreadable lines of the review log aside",
  results: "merge a class's exam CSVs: scores, each question's share right",
  schema: 'print the JSON Schema of the annotation format',
  templates: 'list the card templates (built-in, and yours with --templates DIR)',
};

export function version(): string {
  const require = createRequire(import.meta.url);
  // dist/src/cli/main.js and src/cli/main.ts are both three levels below the package root.
  const pkg = require('../../../package.json') as { version: string };
  return pkg.version;
}

function usage(): string {
  const lines = [
    'Usage: newsdeck <command> [options] FILE|DIR...',
    '',
    'Turn an annotated news article into study cards.',
    '',
    'Commands:',
    ...Object.entries(COMMAND_SUMMARIES).map(([name, summary]) => `  ${name.padEnd(11)}${summary}`),
    '',
    'Options:',
    '  -h, --help     show help (also: newsdeck <command> --help)',
    '  -v, --version  print the version',
    '',
    'Example: newsdeck check decks/',
  ];
  return lines.join('\n');
}

/** Runs the CLI with the given arguments; returns the exit status. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    println(name === undefined ? io.stderr : io.stdout, usage());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '-v' || name === '--version') {
    println(io.stdout, version());
    return EXIT.ok;
  }
  // Own keys only: 'newsdeck constructor' is an unknown command, not Object.prototype's.
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (load === undefined) {
    println(io.stderr, `newsdeck: unknown command '${name}'. Commands: ${Object.keys(COMMANDS).join(', ')}.`);
    println(io.stderr, "Run 'newsdeck --help' for usage.");
    return EXIT.usage;
  }
  try {
    const command = await load();
    if (rest.includes('--help') || rest.includes('-h')) {
      println(io.stdout, command.usage);
      return EXIT.ok;
    }
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof ExitError) {
      if (error.message !== '') {
        // Messages quote what files hold (a manifest's JSON, a log line, a path): its control characters are shown, not obeyed.
        const { shown } = await import('../annotation/shown.js');
        println(io.stderr, `newsdeck ${name}: ${shown(error.message)}`);
      }
      return error.status;
    }
    throw error;
  }
}
