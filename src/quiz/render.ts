import { shown } from '../annotation/shown.js';
import type { Card } from '../cards/card.js';
import { longDate } from '../cards/dates.js';
import type { DeckCounts, Feedback, QueueCounts, Screen, Summary } from './session.js';
import { formatInterval, gradeLabel, type GradeOutcome } from './scheduler.js';
import { fold, isAnswerOption, type DiffPart, type TypedCheck } from './match.js';

/**
 * Screens as text. Pure: the caller says whether colour may be used; without
 * colour the output has no escape codes at all (plain mode, NO_COLOR).
 */

export interface RenderOptions {
  color: boolean;
  /** The terminal's width: headers and tables are made to fit it (long text is wrapped by {@link fitScreen}). */
  width?: number;
}

type Style = 'bold' | 'dim' | 'green' | 'red' | 'yellow' | 'cyan' | 'strike';

const CODES: Record<Style, [number, number]> = {
  bold: [1, 22],
  dim: [2, 22],
  green: [32, 39],
  red: [31, 39],
  yellow: [33, 39],
  cyan: [36, 39],
  strike: [9, 29],
};

function painter(options: RenderOptions): (style: Style, text: string) => string {
  if (!options.color) return (_style, text) => text;
  return (style, text) => `\u001b[${CODES[style][0]}m${text}\u001b[${CODES[style][1]}m`;
}

/** The colour codes {@link painter} writes: `ESC [ n m`, which can only set a colour or weight. */
const COLOUR_CODE = /(\u001b\[\d{1,2}m)/;

/**
 * A rendered screen as it may reach a terminal: every control character made
 * visible by the one rule (report.ts's `shown`), except the colour codes the
 * screen's own painting added, so that nothing a card or a log holds can move
 * the cursor, clear the screen or retitle the window.
 */
export function visibleScreen(text: string): string {
  return text
    .split(COLOUR_CODE)
    .map((part, i) => (i % 2 === 1 ? part : shown(part)))
    .join('');
}

/** The blank of a cloze card. */
export const BLANK = '[...]';

/** The question as asked: the front, or the cloze sentence with its blank. */
export function questionText(card: Card): string {
  if (card.kind === 'cloze' && !/\[(…|\.\.\.)\]/.test(card.front)) return `${card.before}${BLANK}${card.after}`;
  return card.front;
}

/** A hint under a cloze question whose front does not already show the blank (who said it). */
export function clozeHint(card: Card): string | undefined {
  if (card.kind !== 'cloze' || card.front.trim() === '' || /\[(…|\.\.\.)\]/.test(card.front)) return undefined;
  return card.front.trim();
}

/** The answer side: the answer, the back, the supporting sentence and the source. */
export function answerText(card: Card): string[] {
  const back = card.back.trim();
  // The back usually contains the answer ("The US President (as of February 2025)"): show it alone then.
  const lines = back !== '' && fold(back).includes(fold(card.answer.text)) ? [`Answer: ${back}`] : [`Answer: ${card.answer.text}`, ...(back === '' ? [] : [back])];
  if (card.extra !== undefined && card.extra.trim() !== '') lines.push(card.extra.trim());
  const where = [card.source.outlet, card.source.published === undefined ? undefined : longDate(card.source.published)]
    .filter((x) => x !== undefined && x !== '')
    .join(', ');
  const sentence = card.source.sentence;
  if (sentence !== undefined && !card.back.includes(sentence)) lines.push(/^["“‘']/.test(sentence) ? sentence : `“${sentence}”`);
  if (where !== '') lines.push(`— ${card.source.title} (${where})`);
  return lines;
}

export function countsLine(counts: QueueCounts): string {
  return `new ${counts.new} · learning ${counts.learning} · due ${counts.due}`;
}

/** "1 Again 1m · 2 Hard 6m · 3 Good 10m · 4 Easy 8d". */
export function numberedButtons(buttons: readonly GradeOutcome[]): string {
  return buttons.map((b, i) => `${i + 1} ${gradeLabel(b.grade)} ${formatInterval(b.intervalMs)}`).join(' · ');
}

export function renderDiff(parts: readonly DiffPart[], options: RenderOptions): string {
  const paint = painter(options);
  return parts
    .map((p) => {
      if (p.op === 'same') return p.text;
      if (!options.color) return p.op === 'removed' ? `[-${p.text}-]` : `{+${p.text}+}`;
      return p.op === 'removed' ? paint('red', paint('strike', p.text)) : paint('green', p.text);
    })
    .join(' ');
}

/**
 * The key map, shown by `?` on every screen (and in the README). On a
 * terminal, keys act at once; a text prompt (a typed answer, a flip card)
 * takes text, so its commands are written with a colon.
 */
export const KEY_HELP = [
  'Keys: 1-4 grade (1 Again · 2 Hard · 3 Good · 4 Easy; Enter: Good, or the suggested grade)',
  '1-9 pick an option · u undo the last answer, bury or skip · s skip for now · b bury until tomorrow',
  'q quit (Ctrl-C too) · ? this help. Where you type an answer: :u :s :b :q and :? instead.',
].join('\n');

/** The prompt that says what the learner can do now. */
export function promptFor(screen: Screen): string {
  switch (screen.kind) {
    case 'question':
      if (screen.current.mode === 'flip') return 'Enter: show the answer, or type it · :? help';
      if (screen.current.mode === 'choice') return `1-${screen.choices?.length ?? 4}: choose · u s b q · ? help`;
      return 'Type the answer · :u :s :b :q · :? help';
    case 'revealed':
      return '1-4: grade · Enter: Good · u s b q · ? help';
    case 'checked':
      return `Enter: ${gradeLabel(screen.check.suggested)} · 1-4: grade · u s b q · ? help`;
    case 'answered':
      return 'Any key: next · u: undo, grade it yourself · q: quit';
    case 'end':
      return '';
  }
}

/**
 * What an answer did: above the next question, or under an answered pick.
 * A multiple-choice pick is graded at once, so the line says which grade it
 * gave and why, and how to grade it yourself instead:
 * "right in 2.1 s: Wang Yi · Easy (right within 3 s; u to grade it yourself) · next in 8d".
 */
export function renderFeedback(feedback: Feedback, options: RenderOptions): string {
  const paint = painter(options);
  const mark = feedback.correct ? paint('green', 'right') : paint('red', 'wrong');
  const next = `next in ${formatInterval(feedback.intervalMs)}`;
  const grade = gradeLabel(feedback.grade);
  if (feedback.mode !== 'choice' || feedback.chosen === undefined) {
    const head = feedback.mode === 'choice' ? `${mark}: ${feedback.card.answer.text}` : mark;
    return `${head} · ${grade} · ${next}`;
  }
  const answer = feedback.card.answer.text;
  if (!feedback.correct) return `${mark}: ${answer} (you chose ${feedback.chosen}) · ${grade} (u to grade it yourself) · ${next}`;
  const seconds = `${(feedback.ms / 1000).toFixed(1)} s`;
  return `${mark} in ${seconds}: ${answer} · ${grade} (${feedback.reason ?? 'right'}; u to grade it yourself) · ${next}`;
}

function renderCheck(check: TypedCheck, typed: string, options: RenderOptions): string[] {
  const paint = painter(options);
  const verdict = check.verdict === 'right' ? paint('green', 'right') : check.verdict === 'almost' ? paint('yellow', 'almost') : paint('red', 'wrong');
  const lines = [`${verdict}${check.note !== undefined ? ` (${check.note})` : ''}`];
  lines.push(`You typed: ${typed.trim() === '' ? '(nothing)' : typed.trim()}`);
  if (check.verdict !== 'right' || check.typo) lines.push(`Diff:      ${renderDiff(check.diff, options)}`);
  return lines;
}

/** A screen as lines of text (the prompt not included; see {@link promptFor}). */
export function renderScreen(screen: Screen, options: RenderOptions): string {
  const paint = painter(options);
  const lines: string[] = [];
  if (screen.kind !== 'end' && screen.notice !== undefined) lines.push(paint('yellow', screen.notice));
  if (screen.kind === 'question' && screen.feedback !== undefined) lines.push(renderFeedback(screen.feedback, options));
  if (screen.kind === 'end') {
    if (screen.feedback !== undefined) lines.push(renderFeedback(screen.feedback, options));
    if (screen.notice !== undefined) lines.push(paint('yellow', screen.notice));
    lines.push(...renderSummary(screen.summary, options));
    return lines.join('\n');
  }
  const card = screen.current.card;
  lines.push('');
  const counts = ` · ${countsLine(screen.counts)}`;
  lines.push(paint('dim', `── ${ellipsis(card.cue, (options.width ?? Infinity) - 3 - counts.length)}${counts}`));
  lines.push(paint('bold', questionText(card)));
  const hint = clozeHint(card);
  if (hint !== undefined) lines.push(paint('dim', hint));
  if (screen.kind === 'question' && screen.choices !== undefined) {
    screen.choices.forEach((choice, i) => lines.push(`  ${i + 1}) ${choice}`));
  }
  if (screen.kind === 'answered') {
    // The options again, marked: the answer (by the session's own judgement, accepted forms too), and the learner's pick when it was another.
    const { feedback } = screen;
    (screen.current.choices ?? []).forEach((choice, i) => {
      const mark = isAnswerOption(feedback.card.answer, choice) ? paint('green', '✓') : choice === feedback.chosen ? paint('red', '✗') : ' ';
      lines.push(`${mark} ${i + 1}) ${choice}`);
    });
    lines.push(renderFeedback(feedback, options));
    lines.push(...answerText(card).map((l, i) => (i === 0 ? paint('cyan', l) : l)));
  }
  if (screen.kind === 'checked') lines.push(...renderCheck(screen.check, screen.current.typed ?? '', options));
  if (screen.kind === 'revealed' || screen.kind === 'checked') {
    lines.push(...answerText(card).map((l, i) => (i === 0 ? paint('cyan', l) : l)));
    lines.push(numberedButtons(screen.buttons));
  }
  return lines.join('\n');
}

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m ${s % 60}s` : `${Math.floor(m / 60)}h ${m % 60}m`;
}

export function renderSummary(summary: Summary, options: RenderOptions): string[] {
  const paint = painter(options);
  const { stats } = summary;
  // No share of nothing: with no answers the line says so instead of "correct 0%".
  const right = stats.answered === 0 ? '' : ` · correct ${Math.round((100 * stats.correct) / stats.answered)}%`;
  const title =
    summary.reason === 'finished' ? 'Done for now.' : summary.reason === 'eof' ? 'End of input: session saved.' : 'Session saved.';
  const lines = [
    '',
    paint('bold', title),
    stats.answered === 0
      ? `Answered nothing · time ${duration(summary.elapsedMs)}`
      : `Answered ${stats.answered}${right} · time ${duration(summary.elapsedMs)}` +
        ` (again ${stats.byGrade.again}, hard ${stats.byGrade.hard}, good ${stats.byGrade.good}, easy ${stats.byGrade.easy})`,
    `Left for today: ${countsLine(summary.remaining)}`,
  ];
  if (summary.nextDue !== undefined) {
    const wait = summary.nextDue.getTime() - summary.endedAt.getTime();
    // Local time on the session's clock (the learner's TZ); UTC only when the summary has no local time.
    const at = summary.nextDueLocal ?? summary.nextDue.toISOString().replace(/:\d\d\.\d+Z$/, ' UTC').replace('T', ' ');
    lines.push(wait <= 0 ? `Next due: now (${at})` : `Next due: in ${formatInterval(wait)} (${at})`);
  }
  return lines;
}

/** `text` cut to `width` characters, ending in '…' when cut (at least a few characters are kept). */
export function ellipsis(text: string, width: number): string {
  const room = Math.max(8, width);
  return text.length <= room ? text : `${text.slice(0, room - 1).trimEnd()}…`;
}

/**
 * The start screen: counts per deck ("new" is what today's limits let in,
 * the word every screen uses for that). A deck name too long for the width
 * is shown by its own part, after the last `::` (cut with '…' if need be).
 */
export function renderStart(decks: readonly DeckCounts[], options: RenderOptions): string {
  const paint = painter(options);
  const numbers = '  cards    new  learning    due';
  const room = Math.max(12, (options.width ?? Infinity) - numbers.length);
  const name = (deck: string): string => {
    if (deck.length <= room) return deck;
    return ellipsis(deck.slice(deck.lastIndexOf('::') + 2), room);
  };
  const width = Math.max(4, ...decks.map((d) => name(d.deck).length));
  const lines = [paint('bold', 'newsdeck quiz'), `${'Deck'.padEnd(width)}${numbers}`];
  for (const d of decks) {
    lines.push(`${name(d.deck).padEnd(width)}  ${String(d.cards).padStart(5)}  ${String(d.new).padStart(5)}  ${String(d.learning).padStart(8)}  ${String(d.due).padStart(5)}`);
  }
  return lines.join('\n');
}

/**
 * A screen made to fit a terminal of `width` × `rows` with a prompt line
 * under it: wrapped by words, and when still too tall, the longest
 * paragraph (a source sentence, a note: never shorter ones such as the
 * question or the grade buttons) shortened with '…', then the next longest,
 * so that the question and the answer stay on screen while grading.
 */
export function fitScreen(text: string, width: number, rows: number): string {
  const paragraphs = text.split('\n').map((line) => wrapText(line, width).split('\n'));
  const room = Math.max(4, rows - 1);
  let height = paragraphs.reduce((n, p) => n + p.length, 0);
  while (height > room) {
    let longest = 0;
    paragraphs.forEach((p, i) => {
      if (p.length > (paragraphs[longest] as string[]).length) longest = i;
    });
    const p = paragraphs[longest] as string[];
    if (p.length <= 1) break;
    const keep = Math.max(1, p.length - (height - room));
    height -= p.length - keep;
    const last = p[keep - 1] as string;
    paragraphs[longest] = [...p.slice(0, keep - 1), last.length < width ? `${last}…` : `${last.slice(0, width - 1)}…`];
  }
  return paragraphs.map((p) => p.join('\n')).join('\n');
}

/**
 * Wraps each line at word boundaries to `width` columns, for a terminal that
 * would otherwise break words in two. Escape codes take no columns.
 */
export function wrapText(text: string, width: number): string {
  if (width < 20) return text;
  const visible = (s: string): number => s.replace(/\u001b\[[0-9;]*m/g, '').length;
  return text
    .split('\n')
    .map((line) => {
      if (visible(line) <= width) return line;
      const out: string[] = [];
      let current = '';
      for (const word of line.split(' ')) {
        if (current !== '' && visible(current) + 1 + visible(word) > width) {
          out.push(current);
          current = word;
        } else current = current === '' ? word : `${current} ${word}`;
      }
      out.push(current);
      return out.join('\n');
    })
    .join('\n');
}
