import { join, relative } from 'node:path';
import { shown } from '../annotation/shown.js';
import type { ClassSettings, parseClassFile } from '../class/config.js';
import { CLASS_FILE, MAX_CLASS_FILE_BYTES } from '../class/file-name.js';
import { ExitError, EXIT, type CliIo } from './io.js';
import { classFolderOf, readPrefix } from './inputs.js';

/** A class folder: the folder of a `newsdeck.yaml`, and its settings. */
export interface ClassFolder {
  folder: string;
  settings: ClassSettings;
}

/**
 * The class folder a command has found already (undefined: none), passed down
 * so that the class file is read once per run. Absent: found from the paths.
 */
export interface InClass {
  inClass?: ClassFolder | undefined;
}

/**
 * The class folder a command works in: the one named on the command line
 * (the folder or its newsdeck.yaml), else the nearest one around the
 * working folder. Undefined outside any class folder. A class file with
 * errors stops the command with each error's position. The class file's
 * parser (YAML and its schema) is loaded only when there is a class file.
 */
export async function findClassFolder(paths: readonly string[], io: CliIo): Promise<ClassFolder | undefined> {
  const folder = classFolderOf(paths, io);
  return folder === undefined ? undefined : readClass(folder, io, (await import('../class/config.js')).parseClassFile);
}

/** The class file of `folder`, read with `parse`. */
export function readClass(folder: string, io: CliIo, parse: typeof parseClassFile): ClassFolder {
  const path = join(folder, CLASS_FILE);
  const file = shown(relative(io.cwd, path) || path);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(readPrefix(path, MAX_CLASS_FILE_BYTES));
  } catch (error) {
    throw new ExitError(EXIT.failure, `cannot read the class file ${file}: ${(error as Error).message}\nFix or restore it (see 'newsdeck init --class' for every setting); nothing was written`);
  }
  const parsed = parse(text);
  if (!parsed.ok) {
    const lines = parsed.errors.map((e) => `${file}:${e.line}:${e.col}: ${shown(e.message)}`);
    throw new ExitError(EXIT.failure, `${lines.join('\n')}\nfix the class file (see 'newsdeck init --class' for every setting); nothing was written`);
  }
  return { folder, settings: parsed.settings };
}
