import { resolve } from 'node:path';
import { shown } from '../annotation/shown.js';
import { localTime } from '../quiz/days.js';
import { formatInterval, createScheduler } from '../quiz/scheduler.js';
import { answerCollector, deckStudy, FORECAST_DAYS, RETENTION_DAYS, startCounts, streak, type DeckStudy } from '../quiz/study-stats.js';
import { parseCommandArgs, parseRetention } from './args.js';
import { EXIT, println, type CliIo } from './io.js';
import { loadUsableDecks } from './load.js';
import type { Command } from './main.js';
import { defaultProgressPath } from './progress.js';
import { loadProgress, localDayClock, unknownReport } from './quiz.js';

/** Progress on one deck (one annotation file). */
export interface DeckStats extends DeckStudy {
  file: string;
  deck: string;
}

export interface StatsReport {
  progress: string;
  /** Now, ISO, and as local time in `timeZone`. */
  at: string;
  atLocal: string;
  /** TZ, or the system's zone; `offsetMinutes` is local time minus UTC now. */
  timeZone: string;
  offsetMinutes: number;
  decks: DeckStats[];
  /** Every deck together; `streak` counts study days in a row up to today. */
  overall: DeckStudy & { streak: number };
  /** Identities in the log that are not in these decks. */
  unknown: string[];
  /** Annotations left out because they do not load: the file and its first error. */
  skipped: { file: string; line: number; col: number; message: string }[];
}

export const command: Command = {
  usage: [
    'Usage: newsdeck stats [--progress FILE] [--retention R] [--json] FILE|DIR...',
    '',
    'Shows, per deck and overall, from the review log: what the quiz would ask today',
    '(new, learning, due: the words of its start screen), the cards unseen, in learning,',
    'young and mature, answers today (undone ones left out), retention over the last',
    `${RETENTION_DAYS} days, the cards due on each of the next ${FORECAST_DAYS} days and the study streak.`,
    'Times and days are local (TZ), the study day starting at 4 a.m. as in the quiz.',
    '',
    'Options:',
    '  --progress FILE  the review log (default as for newsdeck quiz)',
    '  --retention R    the desired retention used in the quiz (default 0.9)',
    '  --json           print the numbers as JSON',
  ].join('\n'),
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs('stats', args, { progress: { type: 'string' }, json: { type: 'boolean' }, retention: { type: 'string' } });
    const retention = parseRetention(values.retention);
    const { decks, skipped } = loadUsableDecks(positionals, io);
    const path = values.progress === undefined ? defaultProgressPath(io.env, io.cwd) : resolve(io.cwd, values.progress);
    const now = io.now();
    const clock = localDayClock(now, io.env);
    // Due dates follow from the answers and the desired retention, as in the quiz.
    const scheduler = createScheduler(retention === undefined ? {} : { retention });
    const all = decks.flatMap((d) => d.cards);
    // One replay of the whole log: a checkpoint does not keep what stats needs (each answer's day and phase).
    const { answers, onAnswer } = answerCollector();
    const { unknown, read, replayed } = loadProgress(path, all, scheduler, now, clock, io, onAnswer);
    // It saves the quiz's next start a long replay.
    read.saveCheckpoint();
    const options = { scheduler, clock, now };
    const known = new Set(all.map((c) => c.identity));
    const counts = startCounts(all, replayed, options);
    const none = { new: 0, learning: 0, due: 0 };
    const report: StatsReport = {
      progress: path,
      at: now.toISOString(),
      atLocal: localTime(now, clock),
      timeZone: io.env.TZ !== undefined && io.env.TZ !== '' ? io.env.TZ.replace(/^:/, '') : Intl.DateTimeFormat().resolvedOptions().timeZone,
      offsetMinutes: clock.offsetMinutes,
      decks: decks.map((d) => {
        const deck = d.cards[0]?.deck ?? d.annotation.deck.name;
        return { file: d.file, deck, ...deckStudy(d.cards, counts.get(deck) ?? none, replayed, answers, options) };
      }),
      overall: { ...deckStudy(all, sum([...counts.values()]), replayed, answers, options), streak: streak(answers.filter((a) => known.has(a.card)), now, clock) },
      unknown,
      skipped: skipped.map((k) => ({ file: k.file, line: k.error.line, col: k.error.col, message: k.error.message })),
    };
    if (values.json) {
      // shown() keeps JSON valid: a control character becomes the \u escape JSON reads as the same character.
      println(io.stdout, shown(JSON.stringify(report, null, 2)));
      return EXIT.ok;
    }
    println(io.stdout, shown(`Progress: ${path}${read.exists ? '' : ' (no answers yet)'} · ${report.atLocal} ${report.timeZone}`));
    for (const d of report.decks) {
      println(io.stdout, shown(`\n${d.deck}  (${d.file})`));
      println(io.stdout, studyLines(d, now).join('\n'));
    }
    println(io.stdout, `\nAll decks · streak ${report.overall.streak} day${report.overall.streak === 1 ? '' : 's'}`);
    println(io.stdout, studyLines(report.overall, now).join('\n'));
    const unknownLine = unknownReport(unknown);
    if (unknownLine !== undefined) println(io.stdout, `\n${shown(unknownLine)}`);
    return EXIT.ok;
  },
};

function sum(counts: readonly { new: number; learning: number; due: number }[]): { new: number; learning: number; due: number } {
  return counts.reduce((a, c) => ({ new: a.new + c.new, learning: a.learning + c.learning, due: a.due + c.due }), { new: 0, learning: 0, due: 0 });
}

/** A deck's figures as text, in the words the quiz uses. */
function studyLines(d: DeckStudy, now: Date): string[] {
  const right = d.answers === 0 ? '' : ` (right ${Math.round((100 * (d.answers - d.again)) / d.answers)}%)`;
  const kept = d.retention.rate === null ? 'no reviews yet' : `${Math.round(100 * d.retention.rate)}% of ${d.retention.reviews} review${d.retention.reviews === 1 ? '' : 's'}`;
  const lines = [
    `  today: new ${d.new} · learning ${d.learning} · due ${d.due} · answered ${d.answeredToday}`,
    `  cards ${d.cards}: unseen ${d.unseen} · in learning ${d.inLearning} · young ${d.young} · mature ${d.mature}`,
    `  answers ${d.answers}${right} · retention (${d.retention.days} days) ${kept}`,
    `  due in the next ${FORECAST_DAYS} days: ${d.forecast.join(' ')}`,
  ];
  if (d.nextDue !== null && d.nextDueLocal !== null) {
    const wait = Date.parse(d.nextDue) - now.getTime();
    lines.push(`  next due ${wait <= 0 ? 'now' : `in ${formatInterval(wait)}`} (${d.nextDueLocal})`);
  }
  return lines;
}
