import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { slugify } from '../annotation/slug.js';
import type { Card } from '../cards/index.js';
import { dayClock, zoneOffsetMinutes, type DayClock } from '../quiz/days.js';
import { examCsv, MAX_SEED, selectExam } from '../quiz/exam.js';
import type { OnAnswer } from '../quiz/checkpoint.js';
import { QUESTION_MODES, type QuestionMode, type Replay } from '../quiz/log.js';
import { shown } from '../annotation/shown.js';
import { renderStart, visibleScreen } from '../quiz/render.js';
import { createScheduler, LOG_TIME_RANGE, type Scheduler } from '../quiz/scheduler.js';
import { deckCounts, DEFAULT_LIMITS, NEW_ORDERS, startSession, type NewOrder } from '../quiz/session.js';
import { plainAsker, runExam, runSession, terminalAsker, type Asker } from '../quiz/terminal.js';
import { parseCommandArgs, parseRetention } from './args.js';
import { writeNewFile } from './files.js';
import { ExitError, EXIT, println, useColor, type CliIo } from './io.js';
import type { ClassFolder, LoadedDeck } from './load.js';
import { classFolderOf, findAnnotationFiles, templatesDir } from './inputs.js';
import { cachedCards, deckCachePath, deckCacheRecorder } from './deck-cache.js';
import type { Command } from './main.js';
import { defaultProgressPath, ProgressWriter, readAndReplayProgress, type ProgressReplay } from './progress.js';

/** Exit status after Ctrl-C, as shells report a process ended by SIGINT. */
export const EXIT_INTERRUPTED = 130;

export interface QuizOptions {
  paths: string[];
  progress: string;
  mode?: QuestionMode;
  retention: number;
  newPerDay: number;
  newPerDeck: number;
  newOrder: NewOrder;
  reviewsPerDay: number;
  fuzz: boolean;
  plain: boolean;
  exam?: { seed: number; count: number; student?: string; csv?: string };
  /** `--templates DIR`: the folder of the teacher's own card templates. */
  templates?: string;
  /** The class folder the quiz runs in (undefined: none), read once with the arguments. */
  inClass: ClassFolder | undefined;
}

const USAGE = [
  'Usage: newsdeck quiz [options] [FILE|DIR...]   (in a class folder: its annotations)',
  '',
  'Study the cards of the given annotations in the terminal, with spaced',
  'repetition (FSRS). Progress is a review log, saved after every answer.',
  '',
  'Options:',
  '  --progress FILE        the review log (default $XDG_DATA_HOME/newsdeck/progress.jsonl,',
  '                         or ~/.local/share/newsdeck/progress.jsonl)',
  '  --mode MODE            ask every card as flip, choice or typed (default: by card family)',
  '  --retention R          desired retention, 0.7 to 0.99 (default 0.9)',
  '  --new-per-day N        new cards per day, over all decks (default 20)',
  '  --new-per-deck N       new cards per day from any one deck (default: --new-per-day)',
  '  --order ORDER          which decks new cards come from first: newest (the most',
  '                         recently published article first, the default) or',
  '                         round-robin (one card from each deck in turn)',
  '  --reviews-per-day N    reviews per day (default 200)',
  '  --fuzz                 spread review intervals a little (off by default)',
  '  --templates DIR        also use the card templates in DIR (type-checked first)',
  '  --plain                read answers line by line from stdin, no prompts or colours',
  '                         (the default when stdin is not a terminal)',
  '',
  'Exam mode (teachers): the same seeded questions, options and order for everyone,',
  'only questions that grade themselves (multiple choice, typed; a short flip answer is',
  'typed, a long one left out), nothing scheduled, no answers shown:',
  '  --exam --seed N --count K --student NAME [--csv FILE]',
  '                         one CSV per student, never overwritten (default',
  '                         exam-<seed>-<student>.csv); NAME is asked for on a terminal.',
  '                         newsdeck results exam-<seed>-*.csv merges a class.',
  '',
  'Keys (single keys on a terminal, no Enter): 1-4 grade · 1-9 pick an option ·',
  'u undo the last answer, bury or skip · s skip · b bury until tomorrow · q quit',
  '(Ctrl-C too) · ? help. Where an answer is typed, the line is text: :u :s :b :q :?.',
  'Plain mode: every answer is a line: an empty line shows a flip card\'s back (or type',
  'an attempt), then a grade 1-4 or again|hard|good|easy (empty: Good); multiple choice',
  'takes the option number, then any line past its back; typed cards take the answer,',
  'then an empty line to accept the suggested grade (or 1-4).',
  '',
  'Example: newsdeck quiz decks/ --retention 0.9',
].join('\n');

function integer(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min) {
    throw new ExitError(EXIT.usage, `--${name} must be a whole number${min > 0 ? ` of at least ${min}` : ''}, got '${value}'`);
  }
  return Number(value);
}

/** `--seed`: the exam generator keeps 32 bits, so a larger seed would silently give the exam of another one. */
function seed(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > MAX_SEED) {
    throw new ExitError(EXIT.usage, `--seed must be a whole number from 0 to ${MAX_SEED}, got '${value}'`);
  }
  return Number(value);
}

/** Reads the command line of `newsdeck quiz`. */
export async function parseQuizArgs(args: string[], io: CliIo): Promise<QuizOptions> {
  const { values, positionals } = parseCommandArgs('quiz', args, {
    progress: { type: 'string' },
    mode: { type: 'string' },
    retention: { type: 'string' },
    'new-per-day': { type: 'string' },
    'new-per-deck': { type: 'string' },
    order: { type: 'string' },
    'reviews-per-day': { type: 'string' },
    fuzz: { type: 'boolean' },
    plain: { type: 'boolean' },
    exam: { type: 'boolean' },
    seed: { type: 'string' },
    count: { type: 'string' },
    csv: { type: 'string' },
    student: { type: 'string' },
    templates: { type: 'string' },
  });
  // In a class folder the class file names the annotations, as for build.
  // The class file is read (with the modules that check it) only when there is one.
  const inClass = classFolderOf(positionals, io) === undefined ? undefined : (await import('./load.js')).findClass(positionals, io);
  if (positionals.length === 0 && inClass === undefined) throw new ExitError(EXIT.usage, "name at least one annotation file or folder, e.g. decks/\nRun 'newsdeck quiz --help' for usage.");
  const mode = values.mode;
  if (mode !== undefined && !(QUESTION_MODES as readonly string[]).includes(mode)) {
    throw new ExitError(EXIT.usage, `--mode must be one of ${QUESTION_MODES.join(', ')}, got '${mode}'`);
  }
  const order = values.order ?? 'newest';
  if (!(NEW_ORDERS as readonly string[]).includes(order)) throw new ExitError(EXIT.usage, `--order must be one of ${NEW_ORDERS.join(', ')}, got '${order}'`);
  const retention = parseRetention(values.retention) ?? 0.9;
  const newPerDay = integer('new-per-day', values['new-per-day'], DEFAULT_LIMITS.newPerDay, 0);
  const options: QuizOptions = {
    paths: positionals,
    progress: values.progress === undefined ? defaultProgressPath(io.env, io.cwd) : resolve(io.cwd, values.progress),
    retention,
    newPerDay,
    newPerDeck: integer('new-per-deck', values['new-per-deck'], newPerDay, 0),
    newOrder: order as NewOrder,
    reviewsPerDay: integer('reviews-per-day', values['reviews-per-day'], DEFAULT_LIMITS.reviewsPerDay, 0),
    fuzz: values.fuzz === true,
    plain: values.plain === true || io.stdin.isTTY !== true || io.stdout.isTTY !== true,
    inClass,
  };
  if (mode !== undefined) options.mode = mode as QuestionMode;
  if (values.templates !== undefined) options.templates = values.templates;
  if (values.exam === true) {
    // The class file's exam settings (exam: seed, questions) stand in for --seed and --count.
    const classExam = inClass?.settings.exam;
    const seedText = values.seed ?? classExam?.seed;
    const countText = values.count ?? (classExam?.questions === undefined ? undefined : String(classExam.questions));
    if (seedText === undefined || countText === undefined) {
      throw new ExitError(EXIT.usage, "--exam needs --seed N and --count K, e.g. --exam --seed 7 --count 10 (in a class folder, the class file's exam: seed and questions)");
    }
    const examSeed = seed(seedText);
    const count = integer('count', countText, 0, 1);
    options.exam = { seed: examSeed, count };
    if (values.student !== undefined) options.exam.student = studentName(values.student);
    if (values.csv !== undefined) options.exam.csv = resolve(io.cwd, values.csv);
    if (options.exam.student === undefined && options.plain) throw new ExitError(EXIT.usage, '--exam needs --student NAME (it names the results file), e.g. --student "Ada Lovelace"');
  } else if (values.seed !== undefined || values.count !== undefined || values.csv !== undefined || values.student !== undefined) {
    throw new ExitError(EXIT.usage, '--seed, --count, --student and --csv belong to exam mode: add --exam');
  }
  return options;
}

/** The study day of the learner's time zone: `TZ` from `env` when given, else the process's own. */
export function localDayClock(now: Date, env: Record<string, string | undefined> = {}): DayClock {
  return dayClock(zoneOffsetMinutes(env.TZ, now));
}

/** The progress of the given cards, with what the log holds about cards no longer in them. */
export interface LoadedProgress {
  read: ProgressReplay;
  replayed: Replay;
  /** Identities in the log that no current card has, in log order. */
  unknown: string[];
}

/**
 * Reads and replays the log (from its checkpoint when it has a matching one,
 * see quiz/checkpoint.ts; the whole log when `onAnswer` is to hear of every
 * answer); prints its warnings (torn lines) to stderr.
 */
export function loadProgress(path: string, cards: readonly Card[], scheduler: Scheduler, now: Date, clock: DayClock, io: CliIo, onAnswer?: OnAnswer): LoadedProgress {
  const read = readAndReplayProgress(path, { scheduler, now, clock, ...(onAnswer !== undefined && { onAnswer }) });
  // A warning quotes the log or the checkpoint (a card id, a line): shown, not obeyed.
  for (const warning of read.warnings) println(io.stderr, shown(`newsdeck: warning: ${path}: ${warning.message}`));
  // Said once, however many lines: the way to stop these warnings.
  if (read.warnings.length > 0) println(io.stderr, shown(`newsdeck: to move ${read.warnings.length === 1 ? 'it' : 'them'} aside (into ${path}.torn): newsdeck progress repair --progress ${path}`));
  const known = new Set(cards.map((c) => c.identity));
  const unknown = read.seen.filter((id) => !known.has(id));
  return { read, replayed: read.replayed, unknown };
}

/** "3 reviewed cards are no longer in these decks: …" (kept in the log, not used). */
export function unknownReport(unknown: readonly string[]): string | undefined {
  if (unknown.length === 0) return undefined;
  const shown = unknown.slice(0, 5).join(', ') + (unknown.length > 5 ? `, and ${unknown.length - 5} more` : '');
  const noun = unknown.length === 1 ? 'reviewed card is' : 'reviewed cards are';
  return `${unknown.length} ${noun} no longer in these decks (kept in the log): ${shown}`;
}

async function makeAsker(options: QuizOptions, io: CliIo): Promise<Asker> {
  return options.plain ? plainAsker(io.stdin, io.stdout) : terminalAsker(io.stdin, io.stdout);
}

/**
 * Runs `session` with Ctrl-C ending it as `q` does (end screen, results
 * saved), exit status 130. A terminal prompt reads Ctrl-C as a key; in plain
 * mode it arrives as SIGINT, which is listened for only while the session runs.
 */
async function untilInterrupted<T>(asker: Asker, session: () => Promise<T>): Promise<T> {
  if (asker.interrupt === undefined) return session();
  const listener = (): void => asker.interrupt?.();
  process.on('SIGINT', listener);
  try {
    return await session();
  } finally {
    process.off('SIGINT', listener);
  }
}

/** A student's name as given: trimmed, one line, not empty, something a file name can be made of. */
function studentName(value: string): string {
  const name = value.trim().replace(/\s+/g, ' ');
  if (name === '' || slugify(name) === '') throw new ExitError(EXIT.usage, `--student must be a name with letters or digits, got '${value}'`);
  return name;
}

async function runExamCommand(options: QuizOptions, exam: NonNullable<QuizOptions['exam']>, cards: Card[], io: CliIo): Promise<number> {
  const selected = selectExam(cards, exam.seed, exam.count, options.mode);
  const asker = await makeAsker(options, io);
  let run: Awaited<ReturnType<typeof runExam>>;
  let student = exam.student;
  let csv = '';
  try {
    while (student === undefined) {
      const typed = await asker.ask({ kind: 'line', message: 'Your name (it names your results file)' });
      if (typed === null) throw new ExitError(EXIT.usage, '--exam needs --student NAME');
      if (slugify(typed) !== '') student = studentName(typed);
    }
    const { boundedStem } = await import('./output-names.js');
    csv = exam.csv ?? resolve(io.cwd, `exam-${exam.seed}-${boundedStem(slugify(student))}.csv`);
    // Refused before the first question, so that no one takes an exam whose answers could not be kept.
    if (existsSync(csv)) throw new ExitError(EXIT.failure, `${csv} already exists: ${student} has taken exam ${exam.seed}; results are never overwritten (move the file away to take it again)`);
    const short = selected.length < exam.count ? ` (of ${exam.count} asked for: the others would give answers away or do not grade themselves)` : '';
    println(io.stdout, shown(`Exam: seed ${exam.seed}, ${selected.length} question${selected.length === 1 ? '' : 's'}${short}, for ${student}. Nothing is scheduled.`));
    run = await untilInterrupted(asker, () =>
      runExam(selected, asker, { terminal: !options.plain, color: !options.plain && useColor(io, io.stdout), now: io.now, ...(options.mode ? { mode: options.mode } : {}) }),
    );
  } finally {
    asker.close();
  }
  writeNewFile(io, csv, examCsv(student, exam.seed, run.results), {
    // The answers are kept, under a name no results glob (exam-7-*.csv) takes twice.
    keepAs: `${csv}.${process.pid}.kept`,
    exists: (keptIn) => `${csv} was created meanwhile; results are never overwritten. ${keptIn === undefined ? 'These answers could not be kept' : `These answers are in ${keptIn}`}`,
  });
  const count = (result: string): number => run.results.filter((r) => r.result === result).length;
  println(io.stdout, shown(`\nExam done: ${count('right')} of ${run.results.length} right, ${count('unanswered')} unanswered. Results: ${csv}`));
  return run.interrupted ? EXIT_INTERRUPTED : EXIT.ok;
}

/**
 * The cards of the decks to study: from the deck cache beside the log when
 * it matches the annotations (see quiz/deck-cache.ts), else made from them,
 * loading the annotation and card modules only then. `saveCache` saves a
 * fresh cache (once; call it when the learner has something to look at).
 * User templates are code newsdeck does not fingerprint: with them, no cache.
 */
async function studyCards(options: QuizOptions, io: CliIo, useCache: boolean): Promise<{ cards: Card[]; saveCache: () => void }> {
  const { inClass } = options;
  const templates = templatesDir(options.templates, inClass);
  const cachePath = useCache && templates === undefined ? deckCachePath(options.progress) : undefined;
  if (cachePath !== undefined) {
    const cards = cachedCards(cachePath, findAnnotationFiles(options.paths, io, inClass), inClass);
    if (cards !== undefined) return { cards, saveCache: () => undefined };
  }
  const { loadUsableDecks } = await import('./load.js');
  const recorder = cachePath === undefined ? undefined : deckCacheRecorder(cachePath);
  const loadTemplates = templates === undefined ? undefined : (await import('./user-templates.js')).templatesOption(templates, io);
  const { decks, skipped } = loadUsableDecks(options.paths, io, { inClass, templates: await loadTemplates, onRead: recorder?.onRead });
  // A skipped deck would be made again (and its error shown) on every start: no cache then.
  const save = recorder === undefined || skipped.length > 0 ? undefined : (loaded: readonly LoadedDeck[]) => recorder.save(loaded, inClass);
  return { cards: decks.flatMap((d) => d.cards), saveCache: () => save?.(decks) };
}

/** Runs `newsdeck quiz` with parsed options. */
export async function quiz(options: QuizOptions, io: CliIo): Promise<number> {
  // An exam reads no log, so it keeps no cache beside one.
  const { cards, saveCache } = await studyCards(options, io, options.exam === undefined);
  if (cards.length === 0) throw new ExitError(EXIT.failure, 'these decks have no cards to study');
  if (options.exam !== undefined) return runExamCommand(options, options.exam, cards, io);

  const scheduler = createScheduler({ retention: options.retention, fuzz: options.fuzz });
  const now = io.now();
  if (!(now.getTime() >= LOG_TIME_RANGE.min && now.getTime() < LOG_TIME_RANGE.max)) {
    // The log keeps only times it can trust (2000–2200): answers given now would be dropped on the next start.
    throw new ExitError(EXIT.failure, `the system clock says ${now.toISOString()}; answers can be kept only for times from 2000 to 2200. Set the clock, then start again`);
  }
  const clock = localDayClock(now, io.env);
  const progress = loadProgress(options.progress, cards, scheduler, now, clock, io);
  const writer = new ProgressWriter(options.progress, progress.read);
  const sessionOptions = { scheduler, clock, newPerDay: options.newPerDay, newPerDeck: options.newPerDeck, newOrder: options.newOrder, reviewsPerDay: options.reviewsPerDay, learnAheadMs: DEFAULT_LIMITS.learnAheadMs, ...(options.mode ? { mode: options.mode } : {}) };
  const first = startSession(cards, progress.replayed, sessionOptions, now);
  const color = !options.plain && useColor(io, io.stdout);
  // The log's card ids and the progress path are shown, not obeyed; of the start screen only its own colours pass.
  const width = options.plain ? undefined : io.stdout.columns;
  const start = [visibleScreen(renderStart(deckCounts(first.state, now), { color, ...(width === undefined ? {} : { width: width - 1 }) })), shown(`Progress: ${options.progress}`)];
  const report = unknownReport(progress.unknown);
  if (report !== undefined) start.push(shown(report));
  println(io.stdout, start.join('\n'));

  const asker = await makeAsker(options, io);
  try {
    const run = await untilInterrupted(asker, () =>
      runSession(first, asker, {
        terminal: !options.plain,
        color,
        ...(width === undefined ? {} : { width }),
        now: io.now,
        append: (records) => writer.append(records),
        afterFirstQuestion: () => {
          progress.read.saveCheckpoint();
          saveCache();
        },
      }),
    );
    return run.summary.reason === 'interrupt' ? EXIT_INTERRUPTED : EXIT.ok;
  } finally {
    asker.close();
    // Also when the session ended before a first question (nothing due today).
    progress.read.saveCheckpoint();
    saveCache();
  }
}

export const command: Command = {
  usage: USAGE,
  async run(args: string[], io: CliIo): Promise<number> {
    return quiz(await parseQuizArgs(args, io), io);
  },
};
