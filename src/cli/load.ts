/**
 * Loading decks in full: the annotation code (YAML, the schema) and the card
 * code (compromise, the templates), for the commands that read decks to study
 * them (quiz, stats, preview, review) and, through decks.ts, for the files the
 * card cache of check and build does not have.
 */
import { formatErrors, loadAnnotation, type Annotation, type AnnotationError, type LoadLimits } from '../annotation/index.js';
import { DEFAULT_LIMITS } from '../annotation/limits.js';
import { shown, todoComments } from '../annotation/report.js';
import { generateCards, TEMPLATE_IDS, type CardTemplate, type GeneratedDeck } from '../cards/index.js';
import { parseClassFile } from '../class/config.js';
import { progressReporter } from '../class/progress.js';
import { formatProblem, TemplateRunError } from '../templates/problem.js';
import { sha256, type CardCache, type ReadText } from './card-cache.js';
import { readClass, type ClassFolder, type InClass } from './class-folder.js';
import { deckOf, finishDecks, readAnnotationFile, withDuplicateIds, type CheckedFile, type CheckOptions, type LoadedDeck, type UnloadedFile } from './decks.js';
import { classFolderOf, findAnnotationFiles, type AnnotationFile } from './inputs.js';
import { ExitError, EXIT, type CliIo } from './io.js';

export { readPrefix, templatesDir, type AnnotationFile } from './inputs.js';
export { keepRenamedIdentities, type CheckedFile, type CheckOptions, type LoadedDeck, type OnRead } from './decks.js';
export type { ClassFolder, InClass } from './class-folder.js';

function classOf(paths: readonly string[], io: CliIo, options: InClass): ClassFolder | undefined {
  return 'inClass' in options ? options.inClass : findClass(paths, io);
}

/**
 * The class folder a command works in: the one named on the command line
 * (the folder or its newsdeck.yaml), else the nearest one around the
 * working folder. Undefined outside any class folder. A class file with
 * errors stops the command with each error's position.
 */
export function findClass(paths: readonly string[], io: CliIo): ClassFolder | undefined {
  const folder = classFolderOf(paths, io);
  return folder === undefined ? undefined : readClass(folder, io, parseClassFile);
}

/** The template ids an annotation's `skip:` may name: the built-in ones, or those of the templates in use (a user's too). */
export function templateIdsOf(templates: readonly CardTemplate[] | undefined): readonly string[] {
  return templates === undefined ? TEMPLATE_IDS : templates.map((t) => t.id);
}

/**
 * Loads and checks a file that {@link readAnnotationFile} read; with the card
 * cache, the result is stored once its cards are made (with the file's
 * `# TODO` comments, which check prints from the entry).
 */
export function loadAnnotationFile(read: UnloadedFile, templateIds: readonly string[], limits: LoadLimits, cache: CardCache | undefined): CheckedFile {
  const { annotationFile, bytes, folderInRoot, readText, key } = read;
  const load = (texts: typeof readText): CheckedFile['result'] =>
    loadAnnotation(bytes, { file: annotationFile.file, templateIds, ...(folderInRoot !== undefined && { folderInRoot }), readText: texts, limits });
  if (cache === undefined || key === undefined) return { ...annotationFile, result: load(readText) };
  const texts: ReadText[] = [];
  const result = load((relativePath) => {
    const text = readText(relativePath);
    texts.push({ relativePath, sha256: sha256(text) });
    return text;
  });
  if (!result.ok) return { ...annotationFile, result };
  const { annotation } = result;
  const todos = todoComments(new TextDecoder().decode(bytes));
  const store = (generated: GeneratedDeck): void => cache.store(key, { texts, annotation, todos, generated });
  return { ...annotationFile, result, cardCache: { store }, todos };
}

/** Every annotation file of `paths` checked, without the card cache. */
function checkFiles(files: readonly AnnotationFile[], options: Omit<CheckOptions, 'cache'>): CheckedFile[] {
  const ids = templateIdsOf(options.templates);
  const limits = options.limits ?? DEFAULT_LIMITS;
  return withDuplicateIds(
    files.map((annotationFile) => {
      const read = readAnnotationFile(annotationFile, limits, undefined, options.onRead);
      return read.kind === 'checked' ? read.checked : loadAnnotationFile(read, ids, limits, undefined);
    }),
  );
}

/**
 * Loads every annotation and makes its cards; on any error, prints all errors
 * of all files and fails, so that a command never works on a partial result.
 */
export function loadDecks(paths: readonly string[], io: CliIo, options: Omit<CheckOptions, 'cache'> & InClass & { progress?: boolean } = {}): LoadedDeck[] {
  const inClass = classOf(paths, io, options);
  const checked = checkFiles(findAnnotationFiles(paths, io, inClass), options);
  const decks: LoadedDeck[] = [];
  const failures: string[] = [];
  const progress = progressReporter(io.stderr, checked.length, 'articles', options.progress === true);
  for (const { result, ...annotationFile } of checked) {
    progress.tick(annotationFile.file);
    if (result.ok) decks.push(deckOf(annotationFile, result.annotation, inClass, deckCards(result.annotation, io, options.templates)));
    else failures.push(formatErrors(result.errors));
  }
  progress.done();
  finishDecks(failures, io, {});
  return decks;
}

/**
 * The cards of a checked annotation. A user template that throws or returns a
 * bad draft ends the command here, before anything is written, with the
 * template's file, line and column.
 */
export function deckCards(annotation: Annotation, io: CliIo, templates: readonly CardTemplate[] | undefined): GeneratedDeck {
  try {
    return generateCards(annotation, templates === undefined ? {} : { templates });
  } catch (error) {
    if (!(error instanceof TemplateRunError)) throw error;
    io.stderr.write(formatProblem(error.problem) + '\n');
    throw new ExitError(EXIT.failure, 'a template failed on this item (above); nothing was written');
  }
}

/** An annotation that `loadUsableDecks` left out, with its first error. */
export interface SkippedDeck {
  file: string;
  error: AnnotationError;
  /** How many errors the file has in all. */
  errors: number;
}

/**
 * For the commands that read decks to study them (quiz, stats, preview): the
 * decks that load, and one line on stderr per deck that does not (its file
 * and first error), so that one broken annotation in a folder does not stop
 * the others. `build` and `review` are all or nothing. Fails only when no
 * deck loads at all.
 */
export function loadUsableDecks(
  paths: readonly string[],
  io: CliIo,
  options: InClass & Pick<CheckOptions, 'templates' | 'onRead'> = {},
): { decks: LoadedDeck[]; skipped: SkippedDeck[] } {
  const decks: LoadedDeck[] = [];
  const skipped: SkippedDeck[] = [];
  const { templates, onRead } = options;
  const inClass = classOf(paths, io, options);
  for (const { result, ...annotationFile } of checkFiles(findAnnotationFiles(paths, io, inClass), { templates, onRead })) {
    if (result.ok) {
      decks.push(deckOf(annotationFile, result.annotation, inClass, deckCards(result.annotation, io, templates)));
    } else if (result.errors[0] !== undefined) skipped.push({ file: annotationFile.file, error: result.errors[0], errors: result.errors.length });
  }
  for (const s of skipped) io.stderr.write(skippedLine(s) + '\n');
  if (decks.length === 0) throw new ExitError(EXIT.failure, "no deck could be read (see above); 'newsdeck check' shows every error with its place");
  return { decks, skipped };
}

/** "newsdeck: skipped decks/x.yaml: line 3, column 5: … (2 more errors: newsdeck check decks/x.yaml)". */
export function skippedLine(skipped: SkippedDeck): string {
  const { file, error, errors } = skipped;
  const message = (error.message.split('\n')[0] ?? '').trim();
  const more = errors > 1 ? `${errors - 1} more error${errors > 2 ? 's' : ''}: ` : '';
  return shown(`newsdeck: skipped ${file}: line ${error.line}, column ${error.col}: ${message} (${more}newsdeck check ${file})`);
}
