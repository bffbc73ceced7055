/**
 * Dates and numbers of the article's own sentences (not its quotations) as
 * candidate events and facts: a sentence with a date is an event, each number
 * of a sentence a fact. Their wording is the article's; the annotator turns
 * them into an event's few words and a fact's question.
 */
import { capitalized } from '../cards/phrasing.js';
import type { DraftActor } from './actors.js';
import { idMaker } from './ids.js';
import { insideQuotation, isoDate, MONTH_NAMES, WEEKDAY_NAMES, type ArticleLayout } from './text.js';

export interface DraftEvent {
  id: string;
  what: string;
  when: string;
  actors: DraftActor[];
  evidence: string;
  check: string;
}

export interface DraftFact {
  id: string;
  question: string;
  answer: string;
  evidence: string;
}

const DATE = new RegExp(
  [
    `(?:(?:${WEEKDAY_NAMES}),?\\s+)?(?:${MONTH_NAMES})\\s+\\d{1,2}(?:,\\s*\\d{4})?`,
    `\\d{1,2}\\s+(?:${MONTH_NAMES})(?:\\s+\\d{4})?`,
    `(?:${MONTH_NAMES})\\s+(?:of\\s+)?(?:\\d{4}|last year|this year)`,
    // A month alone only after a word that makes it one ("In April"; "May" is also a verb).
    `(?<=\\b(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Ll]ast|[Nn]ext|[Ee]arly|[Ll]ate|[Mm]id-?)\\s+)(?:${MONTH_NAMES})`,
    `(?:the\\s+)?(?:early\\s+|mid-|late\\s+)?(?:1[5-9]\\d0|20\\d0)s`,
    `\\d{1,2}/\\d{1,2}/\\d{4}`,
    `(?:1[5-9]\\d\\d|20\\d\\d)(?![\\d,.]*\\d)`,
    `(?:overnight\\s+)?(?:${WEEKDAY_NAMES})(?:\\s+(?:morning|afternoon|evening|night))?`,
    `(?:(?:\\d+|a few|a couple of|several|many|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty)\\s+)?(?:days?|weeks?|months?|years?|decades?)\\s+(?:ago|earlier|later)`,
    `(?:last|next|this)\\s+(?:week|month|year)`,
    `yesterday|today|tomorrow|tonight`,
  ]
    .map((p) => `(?<![\\w$.\\/-])(?:${p})(?![\\w\\/-])`)
    .join('|'),
  'g',
);

const NUMBER = new RegExp(
  [
    `(?:US)?[$€£]\\s?\\d(?:[\\d,]*\\d)?(?:\\.\\d+)?(?:\\s(?:million|billion|trillion|thousand))?`,
    `\\d(?:[\\d,]*\\d)?(?:\\.\\d+)?(?:\\s?(?:%|percent|per cent))?(?:\\s(?:million|billion|trillion|thousand|hundred))?`,
    `(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|hundreds|thousands|millions|dozens)`,
  ]
    .map((p) => `(?<![\\w$.\\/:-])(?:${p})(?![\\w\\/:-]|\\.\\d)`)
    .join('|'),
  'gi',
);

const WEEKDAYS = WEEKDAY_NAMES.split('|');
/** A date phrase that names a day of the week, which the dateline resolves. */
const WEEKDAY_PHRASE = new RegExp(`^(?:overnight\\s+)?(?:${WEEKDAY_NAMES})`);

/** A mention with its actor, for finding the actors of a sentence. */
interface Placed {
  start: number;
  end: number;
  inQuote: boolean;
  actor: DraftActor;
}

/** The index of the first mention that starts at or after `offset` (binary search over mentions sorted by start). */
function firstMentionFrom(mentions: readonly Placed[], offset: number): number {
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((mentions[mid] as Placed).start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A weekday of a story, resolved against its dateline: the same day or the last one before it. */
function resolveWeekday(phrase: string, published: string | undefined): string | undefined {
  if (published === undefined) return undefined;
  const day = WEEKDAYS.findIndex((d) => phrase.includes(d));
  if (day < 0 || /\b(?:next|this)\b/.test(phrase)) return undefined;
  const date = new Date(`${published}T00:00:00Z`);
  const back = (date.getUTCDay() + 6 - day) % 7; // Monday = 0 in WEEKDAYS, Sunday = 0 in getUTCDay.
  date.setUTCDate(date.getUTCDate() - back);
  return date.toISOString().slice(0, 10);
}

export function readCandidates(layout: ArticleLayout, actors: readonly DraftActor[], published: string | undefined): { events: DraftEvent[]; facts: DraftFact[] } {
  const { text } = layout;
  const mentions: Placed[] = actors.flatMap((actor) => actor.mentions.map((m) => ({ start: m.start, end: m.end, inQuote: m.inQuote, actor }))).sort((a, b) => a.start - b.start);
  const events: DraftEvent[] = [];
  const facts: DraftFact[] = [];
  // Events and facts share one list of ids.
  const unique = idMaker('item');
  for (const sentence of layout.sentences) {
    if (insideQuotation(layout, sentence.start, sentence.end)) continue;
    const raw = text.slice(sentence.start, sentence.end);
    // Quotations are someone's words, not the article's dates and numbers: blanked out, marks included.
    let own = '';
    for (let i = sentence.start; i < sentence.end; i++) own += insideQuotation(layout, i - 1, i + 2) || insideQuotation(layout, i) ? ' ' : text[i];
    const evidence = raw.replace(/\s+/g, ' ').trim();
    const dates = [...own.matchAll(DATE)].map((m) => ({ at: m.index, phrase: m[0] }));
    const firstDate = dates[0];
    if (firstDate !== undefined) {
      const phrase = firstDate.phrase;
      const iso = isoDate(phrase);
      const weekday = iso === undefined && WEEKDAY_PHRASE.test(phrase) ? resolveWeekday(phrase, published) : undefined;
      const when = iso ?? weekday ?? phrase;
      const check =
        weekday !== undefined
          ? `event: '${phrase}' read as ${weekday}, the last ${phrase.replace(/^overnight\s+/, '').split(' ')[0]} on or before the dateline; check, and say what happened in a few words`
          : iso !== undefined || /^\d{4}$/.test(when)
            ? 'event: say what happened in a few words (the sentence is a placeholder), or delete it'
            : `event: when is '${phrase}' as a date (a year, YYYY-MM-DD or YYYY-MM)? say what happened in a few words, or delete it`;
      const what = withoutDate(evidence, phrase);
      const named: DraftActor[] = [];
      for (let i = firstMentionFrom(mentions, sentence.start); i < mentions.length && (mentions[i] as Placed).start < sentence.end; i++) {
        const m = mentions[i] as Placed;
        if (m.end <= sentence.end && !m.inQuote && !named.includes(m.actor)) named.push(m.actor);
      }
      events.push({ id: unique(`${when} ${what.split(' ').slice(0, 4).join(' ')}`), what, when, actors: named, evidence, check });
    }
    const inDates = (at: number, length: number): boolean => dates.some((d) => at < d.at + d.phrase.length && at + length > d.at);
    for (const m of own.matchAll(NUMBER)) {
      if (inDates(m.index, m[0].length)) continue;
      const answer = m[0];
      const blanked = `${raw.slice(0, m.index)}___${raw.slice(m.index + answer.length)}`.replace(/\s+/g, ' ').trim();
      facts.push({ id: unique(`fact ${answer} ${evidence.split(' ').slice(0, 3).join(' ')}`), question: `What number fills the blank: ${blanked}`, answer, evidence });
    }
  }
  return { events, facts };
}

/** The sentence without its date phrase (and the preposition before it), so that the event's card does not show its own answer. */
function withoutDate(sentence: string, phrase: string): string {
  const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // Not "Saturday's protests": a possessive date is part of a noun phrase, and the sentence stays as it is.
  const cut = sentence.replace(new RegExp(`(?:,\\s*)?(?:\\b(?:[Oo]n|[Ii]n|[Aa]t|[Ss]ince|[Bb]y|[Ff]rom|[Aa]round|of|[Dd]uring|[Uu]ntil)\\s+)?${escaped}(?!['’]s),?`), '').replace(/\s+([,.;:])/g, '$1').replace(/\s+/g, ' ').trim();
  return cut === '' || cut === sentence ? sentence : capitalized(cut);
}
