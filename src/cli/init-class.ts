import { existsSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { CLASS_FILE, classFileTemplate, parseClassFile } from '../class/config.js';
import { parseCommandArgs } from './args.js';
import { ensureFolder, shownPath, writeNewFile } from './files.js';
import { ExitError, EXIT, println, type CliIo } from './io.js';
import type { Command } from './main.js';

/**
 * `newsdeck init --class [DIR]`: a class folder to start from, newsdeck.yaml
 * with every setting and annotations/ and articles/ beside it. Never
 * overwrites: a class file that exists is the teacher's.
 */
export const command: Command = {
  usage: [
    'Usage: newsdeck init --class [--name NAME] [DIR]',
    '',
    `Makes DIR (default: the current folder) a class folder: writes ${CLASS_FILE} with`,
    'every setting, commented, and the folders annotations/ and articles/. Every',
    'newsdeck command run inside the folder (or given it) then uses it.',
    '',
    'Options:',
    '  --class      make a class folder',
    '  --name NAME  the class name, also the deck prefix (default: the folder name)',
  ].join('\n'),
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs('init', args, { class: { type: 'boolean' }, name: { type: 'string' } });
    if (values.class !== true) throw new ExitError(EXIT.usage, "say what to make: 'newsdeck init --class [DIR]' for a class folder\nRun 'newsdeck init --help' for usage.");
    if (positionals.length > 1) throw new ExitError(EXIT.usage, `init --class takes one folder, got ${positionals.length}`);
    const folder = resolve(io.cwd, positionals[0] ?? '.');
    if (existsSync(folder) && !statSync(folder).isDirectory()) throw new ExitError(EXIT.failure, `${shownPath(io, folder)} is a file, not a folder`);
    const name = values.name ?? basename(folder);
    const text = classFileTemplate(name);
    // The template must be a class file this version reads: a name it cannot hold is refused here, not at the first build.
    const parsed = parseClassFile(text);
    if (!parsed.ok) throw new ExitError(EXIT.usage, `--name '${JSON.stringify(name).slice(1, -1)}' cannot be a class name: ${parsed.errors[0]?.message ?? ''}`);
    ensureFolder(folder);
    const path = join(folder, CLASS_FILE);
    // Never over a teacher's class file, not even one written meanwhile.
    writeNewFile(io, path, text, { exists: () => `${shownPath(io, path)} exists already; edit it, or remove it to start again` });
    for (const sub of ['annotations', 'articles']) ensureFolder(join(folder, sub));
    println(io.stdout, `wrote ${shownPath(io, path)} (class '${parsed.settings.name}')`);
    println(io.stdout, `  put article texts in ${shownPath(io, join(folder, 'articles'))}/ and annotations in ${shownPath(io, join(folder, 'annotations'))}/`);
    println(io.stdout, '  an annotation names its text as text_file: ../articles/NAME.txt');
    println(io.stdout, `  then run: newsdeck check, newsdeck build (inside ${shownPath(io, folder) || '.'})`);
    return EXIT.ok;
  },
};
