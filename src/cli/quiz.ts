import { resolve } from 'node:path';
import type { Card } from '../cards/index.js';
import { dayClock, type DayClock } from '../quiz/days.js';
import { examCsv, MAX_SEED, selectExam } from '../quiz/exam.js';
import { QUESTION_MODES, type QuestionMode, type Replay } from '../quiz/log.js';
import { shown } from '../annotation/report.js';
import { renderStart, visibleScreen } from '../quiz/render.js';
import { createScheduler, LOG_TIME_RANGE, type Scheduler } from '../quiz/scheduler.js';
import { deckCounts, DEFAULT_LIMITS, startSession } from '../quiz/session.js';
import { plainAsker, runExam, runSession, terminalAsker, type Asker } from '../quiz/terminal.js';
import { parseCommandArgs, parseRetention } from './args.js';
import { writeFileAtomic } from './files.js';
import { ExitError, EXIT, println, useColor, type CliIo } from './io.js';
import { loadDecks } from './load.js';
import { templatesOption } from './user-templates.js';
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
  reviewsPerDay: number;
  fuzz: boolean;
  plain: boolean;
  exam?: { seed: number; count: number; csv: string };
  /** `--templates DIR`: the folder of the teacher's own card templates. */
  templates?: string;
}

const USAGE = [
  'Usage: newsdeck quiz [options] FILE|DIR...',
  '',
  'Study the cards of the given annotations in the terminal, with spaced',
  'repetition (FSRS). Progress is a review log, saved after every answer.',
  '',
  'Options:',
  '  --progress FILE        the review log (default $XDG_DATA_HOME/newsdeck/progress.jsonl,',
  '                         or ~/.local/share/newsdeck/progress.jsonl)',
  '  --mode MODE            ask every card as flip, choice or typed (default: by card family)',
  '  --retention R          desired retention, 0.7 to 0.99 (default 0.9)',
  '  --new-per-day N        new cards per day (default 20)',
  '  --reviews-per-day N    reviews per day (default 200)',
  '  --fuzz                 spread review intervals a little (off by default)',
  '  --templates DIR        also use the card templates in DIR (type-checked first)',
  '  --plain                read answers line by line from stdin, no prompts or colours',
  '                         (the default when stdin is not a terminal)',
  '',
  'Exam mode (teachers): the same seeded selection for everyone, nothing scheduled:',
  '  --exam --seed N --count K [--csv FILE]   results to FILE (default exam-<seed>.csv)',
  '',
  'Keys: u undo the last answer · s skip · b bury until tomorrow · q quit (Ctrl-C too).',
  'Plain mode: flip cards take an empty line to reveal, then a grade 1-4 or',
  'again|hard|good|easy; multiple choice takes the option number; typed cards take',
  'the answer, then an empty line to accept the suggested grade (or 1-4).',
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
export function parseQuizArgs(args: string[], io: CliIo): QuizOptions {
  const { values, positionals } = parseCommandArgs('quiz', args, {
    progress: { type: 'string' },
    mode: { type: 'string' },
    retention: { type: 'string' },
    'new-per-day': { type: 'string' },
    'reviews-per-day': { type: 'string' },
    fuzz: { type: 'boolean' },
    plain: { type: 'boolean' },
    exam: { type: 'boolean' },
    seed: { type: 'string' },
    count: { type: 'string' },
    csv: { type: 'string' },
    templates: { type: 'string' },
  });
  if (positionals.length === 0) throw new ExitError(EXIT.usage, "name at least one annotation file or folder, e.g. decks/\nRun 'newsdeck quiz --help' for usage.");
  const mode = values.mode;
  if (mode !== undefined && !(QUESTION_MODES as readonly string[]).includes(mode)) {
    throw new ExitError(EXIT.usage, `--mode must be one of ${QUESTION_MODES.join(', ')}, got '${mode}'`);
  }
  const retention = parseRetention(values.retention) ?? 0.9;
  const options: QuizOptions = {
    paths: positionals,
    progress: values.progress === undefined ? defaultProgressPath(io.env, io.cwd) : resolve(io.cwd, values.progress),
    retention,
    newPerDay: integer('new-per-day', values['new-per-day'], DEFAULT_LIMITS.newPerDay, 0),
    reviewsPerDay: integer('reviews-per-day', values['reviews-per-day'], DEFAULT_LIMITS.reviewsPerDay, 0),
    fuzz: values.fuzz === true,
    plain: values.plain === true || io.stdin.isTTY !== true || io.stdout.isTTY !== true,
  };
  if (mode !== undefined) options.mode = mode as QuestionMode;
  if (values.templates !== undefined) options.templates = values.templates;
  if (values.exam === true) {
    if (values.seed === undefined || values.count === undefined) throw new ExitError(EXIT.usage, '--exam needs --seed N and --count K, e.g. --exam --seed 7 --count 10');
    const examSeed = seed(values.seed);
    const count = integer('count', values.count, 0, 1);
    options.exam = { seed: examSeed, count, csv: resolve(io.cwd, values.csv ?? `exam-${examSeed}.csv`) };
  } else if (values.seed !== undefined || values.count !== undefined || values.csv !== undefined) {
    throw new ExitError(EXIT.usage, '--seed, --count and --csv belong to exam mode: add --exam');
  }
  return options;
}

/** The study day of the learner's time zone. */
export function localDayClock(now: Date): DayClock {
  return dayClock(-now.getTimezoneOffset());
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
 * see quiz/checkpoint.ts); prints its warnings (torn lines) to stderr.
 */
export function loadProgress(path: string, cards: readonly Card[], scheduler: Scheduler, now: Date, clock: DayClock, io: CliIo): LoadedProgress {
  const read = readAndReplayProgress(path, { scheduler, now, clock });
  // A warning quotes the log or the checkpoint (a card id, a line): shown, not obeyed.
  for (const warning of read.warnings) println(io.stderr, shown(`newsdeck: warning: ${path}: ${warning.message}`));
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

async function runExamCommand(options: QuizOptions, exam: NonNullable<QuizOptions['exam']>, cards: Card[], io: CliIo): Promise<number> {
  const selected = selectExam(cards, exam.seed, exam.count);
  println(io.stdout, `Exam: seed ${exam.seed}, ${selected.length} question${selected.length === 1 ? '' : 's'} (of ${cards.length} cards). Nothing is scheduled.`);
  const asker = await makeAsker(options, io);
  let run: Awaited<ReturnType<typeof runExam>>;
  try {
    run = await untilInterrupted(asker, () =>
      runExam(selected, asker, { terminal: !options.plain, color: !options.plain && useColor(io, io.stdout), now: io.now, ...(options.mode ? { mode: options.mode } : {}) }),
    );
  } finally {
    asker.close();
  }
  writeFileAtomic(exam.csv, examCsv(run.results));
  const right = run.results.filter((r) => r.correct).length;
  println(io.stdout, shown(`\nExam done: ${right} of ${run.results.length} answered right. Results: ${exam.csv}`));
  return run.interrupted ? EXIT_INTERRUPTED : EXIT.ok;
}

/** Runs `newsdeck quiz` with parsed options. */
export async function quiz(options: QuizOptions, io: CliIo): Promise<number> {
  const decks = loadDecks(options.paths, io, await templatesOption(options.templates, io));
  const cards = decks.flatMap((d) => d.cards);
  if (cards.length === 0) throw new ExitError(EXIT.failure, 'these decks have no cards to study');
  if (options.exam !== undefined) return runExamCommand(options, options.exam, cards, io);

  const scheduler = createScheduler({ retention: options.retention, fuzz: options.fuzz });
  const now = io.now();
  if (!(now.getTime() >= LOG_TIME_RANGE.min && now.getTime() < LOG_TIME_RANGE.max)) {
    // The log keeps only times it can trust (2000–2200): answers given now would be dropped on the next start.
    throw new ExitError(EXIT.failure, `the system clock says ${now.toISOString()}; answers can be kept only for times from 2000 to 2200. Set the clock, then start again`);
  }
  const clock = localDayClock(now);
  const progress = loadProgress(options.progress, cards, scheduler, now, clock, io);
  const writer = new ProgressWriter(options.progress, progress.read);
  const sessionOptions = { scheduler, clock, newPerDay: options.newPerDay, reviewsPerDay: options.reviewsPerDay, learnAheadMs: DEFAULT_LIMITS.learnAheadMs, ...(options.mode ? { mode: options.mode } : {}) };
  const first = startSession(cards, progress.replayed, sessionOptions, now);
  const color = !options.plain && useColor(io, io.stdout);
  // The log's card ids and the progress path are shown, not obeyed; of the start screen only its own colours pass.
  const start = [visibleScreen(renderStart(deckCounts(first.state, now), { color })), shown(`Progress: ${options.progress}`)];
  const report = unknownReport(progress.unknown);
  if (report !== undefined) start.push(shown(report));
  println(io.stdout, start.join('\n'));

  const asker = await makeAsker(options, io);
  try {
    const run = await untilInterrupted(asker, () =>
      runSession(first, asker, {
        terminal: !options.plain,
        color,
        now: io.now,
        append: (records) => writer.append(records),
        afterFirstQuestion: () => progress.read.saveCheckpoint(),
      }),
    );
    return run.summary.reason === 'interrupt' ? EXIT_INTERRUPTED : EXIT.ok;
  } finally {
    asker.close();
    // Also when the session ended before a first question (nothing due today).
    progress.read.saveCheckpoint();
  }
}

export const command: Command = {
  usage: USAGE,
  async run(args: string[], io: CliIo): Promise<number> {
    return quiz(parseQuizArgs(args, io), io);
  },
};
