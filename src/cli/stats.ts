import type { Card } from '../cards/index.js';
import { nextDayStart } from '../quiz/days.js';
import { createScheduler } from '../quiz/scheduler.js';
import { parseCommandArgs, parseRetention } from './args.js';
import { shown } from '../annotation/report.js';
import { EXIT, println, type CliIo } from './io.js';
import { defaultProgressPath } from './progress.js';
import { loadUsableDecks } from './load.js';
import type { Command } from './main.js';
import { loadProgress, localDayClock, unknownReport } from './quiz.js';
import { resolve } from 'node:path';

/** Progress on one deck (one annotation file). */
export interface DeckStats {
  file: string;
  deck: string;
  cards: number;
  /** Never answered. */
  new: number;
  /** In learning or relearning steps. */
  learning: number;
  /** In review with an interval under 21 days. */
  young: number;
  /** In review with an interval of 21 days or more (Anki's "mature"). */
  mature: number;
  /** Learning or review cards due by the end of today. */
  dueToday: number;
  /** Answers given to this deck's cards, all time, and those graded Again. */
  answers: number;
  again: number;
  answersToday: number;
  /** The next time a card falls due, ISO, if any has been studied. */
  nextDue: string | null;
}

export interface StatsReport {
  progress: string;
  at: string;
  decks: DeckStats[];
  /** Identities in the log that are not in these decks. */
  unknown: string[];
  /** Annotations left out because they do not load: the file and its first error. */
  skipped: { file: string; line: number; col: number; message: string }[];
}

const MATURE_DAYS = 21;

export const command: Command = {
  usage: [
    'Usage: newsdeck stats [--progress FILE] [--retention R] [--json] FILE|DIR...',
    '',
    'Shows, per deck, how many cards are new, in learning, young and mature, what is',
    'due today, and the answers given so far, from the review log.',
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
    const clock = localDayClock(now);
    // Due dates follow from the answers and the desired retention, as in the quiz.
    const scheduler = createScheduler(retention === undefined ? {} : { retention });
    const all = decks.flatMap((d) => d.cards);
    const { replayed, unknown, read } = loadProgress(path, all, scheduler, now, clock, io);
    const endOfDay = nextDayStart(now, clock).getTime();
    const answersToday = read.answeredToday;
    read.saveCheckpoint();
    const statsOf = (file: string, cards: Card[]): DeckStats => {
      const s: DeckStats = { file, deck: cards[0]?.deck ?? file, cards: cards.length, new: 0, learning: 0, young: 0, mature: 0, dueToday: 0, answers: 0, again: 0, answersToday: 0, nextDue: null };
      let next: number | undefined;
      for (const card of cards) {
        const p = replayed.progress.get(card.identity);
        s.answersToday += answersToday.get(card.identity) ?? 0;
        if (p === undefined || p.state.phase === 'new') {
          s.new++;
          continue;
        }
        s.answers += p.answers;
        s.again += p.again;
        if (p.state.phase === 'review') {
          if (p.state.scheduledDays >= MATURE_DAYS) s.mature++;
          else s.young++;
        } else s.learning++;
        const due = p.state.due.getTime();
        if (due < endOfDay) s.dueToday++;
        if (next === undefined || due < next) next = due;
      }
      s.nextDue = next === undefined ? null : new Date(next).toISOString();
      return s;
    };
    const report: StatsReport = { progress: path, at: now.toISOString(), decks: decks.map((d) => statsOf(d.file, d.cards)), unknown, skipped: skipped.map((k) => ({ file: k.file, line: k.error.line, col: k.error.col, message: k.error.message })) };
    if (values.json) {
      // shown() keeps JSON valid: a control character becomes the \u escape JSON reads as the same character.
      println(io.stdout, shown(JSON.stringify(report, null, 2)));
      return EXIT.ok;
    }
    println(io.stdout, shown(`Progress: ${path}${read.exists ? '' : ' (no answers yet)'}`));
    for (const d of report.decks) {
      const percent = d.answers === 0 ? '-' : `${Math.round((100 * (d.answers - d.again)) / d.answers)}%`;
      println(io.stdout, shown(`\n${d.deck}  (${d.file})`));
      println(io.stdout, `  cards ${d.cards} · new ${d.new} · learning ${d.learning} · young ${d.young} · mature ${d.mature}`);
      println(io.stdout, `  due today ${d.dueToday} · answered today ${d.answersToday} · answers ${d.answers} (right ${percent})`);
      if (d.nextDue !== null) println(io.stdout, `  next due ${d.nextDue.replace(/\.\d+Z$/, 'Z')}`);
    }
    const unknownLine = unknownReport(unknown);
    if (unknownLine !== undefined) println(io.stdout, `\n${shown(unknownLine)}`);
    return EXIT.ok;
  },
};
