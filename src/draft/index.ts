/**
 * `newsdeck init ARTICLE.txt`: a draft annotation of an article, to edit
 * instead of typing. Pure: the article's text in, the YAML text out. What the
 * drafter could not decide is a `# TODO:` comment, which `newsdeck check`
 * lists as a warning with its line.
 */
import { slugify } from '../annotation/slug.js';
import { capitalized } from '../cards/phrasing.js';
import { readNames, type DraftActor } from './actors.js';
import { readCandidates } from './candidates.js';
import { readQuotes } from './quotes.js';
import { readLayout } from './text.js';
import { tokenize } from './tokens.js';

export interface DraftOptions {
  /** The article text. */
  text: string;
  /** `text_file` as the annotation will give it: the article's path relative to the YAML file. */
  textFile: string;
  /** The article id; by default the slug of the text file's name. */
  id?: string;
}

export interface Draft {
  yaml: string;
  counts: { actors: number; quotes: number; events: number; facts: number; todos: number };
}

const KIND_ORDER = ['person', 'organization', 'country', 'group'] as const;

export function draftAnnotation(options: DraftOptions): Draft {
  const { text } = options;
  const layout = readLayout(text);
  const tokens = tokenize(layout);
  const names = readNames(layout, tokens);
  const { quotes, groups, singles } = readQuotes(layout, tokens, names);
  const published = layout.dateline?.iso;
  const { events, facts } = readCandidates(layout, names.actors, published);

  const out = new Lines();
  out.comment(`Draft annotation made by \`newsdeck init\` from ${options.textFile}. Edit it: every TODO is a`);
  out.comment('decision left to you, and `newsdeck check` lists each one as a warning until you delete it.');
  out.line('format: 1');
  out.line('');
  out.line('article:');
  const stem = options.textFile.replace(/^.*[/\\]/, '').replace(/\.[^.]*$/, '');
  out.line(`  id: ${scalar(options.id ?? (slugify(stem) || 'article'))}`);
  if (layout.headline !== undefined) {
    out.line(`  title: ${scalar(text.slice(layout.headline.start, layout.headline.end))}`);
  } else {
    out.todo('  ', "title: the text has no headline line (a first line followed by a blank line); give the article's headline");
    out.line(`  title: ${scalar(capitalized(stem.replace(/[-_]+/g, ' ')) || 'Untitled article')}`);
  }
  if (published !== undefined) out.line(`  published: ${published}`);
  else out.todo('  ', 'published: no dateline found; add `published: YYYY-MM-DD` if you know the date');
  out.line(`  text_file: ${scalar(options.textFile)}`);

  // Groups are actors because they say something; the stand-in for an unnamed speaker only while a quote needs it.
  const speakers = new Set(quotes.map((q) => q.speaker.id));
  const usedGroups = groups.filter((g) => g.id !== 'unknown-speaker' || speakers.has(g.id));
  const actors = [...names.actors, ...usedGroups].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
  if (actors.length > 0) {
    out.line('');
    out.line('actors:');
    for (const actor of actors) writeActor(out, actor);
  }

  if (quotes.length > 0) {
    out.line('');
    out.line('quotes:');
    for (const q of quotes) {
      out.line(`  - id: ${q.id}`);
      if (q.check !== undefined) out.todo('    ', q.check);
      out.line(`    speaker: ${q.speaker.id}`);
      out.line(`    text: ${scalar(q.text)}`);
      if (q.context !== undefined) out.line(`    context: ${scalar(q.context)}`);
    }
  }

  if (events.length > 0) {
    out.line('');
    out.line('events:');
    for (const e of events) {
      out.line(`  - id: ${e.id}`);
      out.todo('    ', e.check);
      out.line(`    what: ${scalar(e.what)}`);
      out.line(`    when: ${scalar(e.when)}`);
      if (e.actors.length > 0) out.line(`    actors: [${e.actors.map((a) => a.id).join(', ')}]`);
      out.line(`    evidence: ${scalar(e.evidence)}`);
    }
  }

  if (facts.length > 0) {
    out.line('');
    out.line('facts:');
    for (const f of facts) {
      out.line(`  - id: ${f.id}`);
      out.todo('    ', 'fact: ask what this number answers (how many, how much, how long), or delete it');
      out.line(`    question: ${scalar(f.question)}`);
      out.line(`    answer: ${scalar(f.answer)}`);
      out.line(`    evidence: ${scalar(f.evidence)}`);
    }
  }

  const undecided: string[] = [];
  if (singles.length > 0) undecided.push(`in single quotation marks: ${singles.map((s) => `‘${s}’`).join(', ')}: a term to define (terms:), a quote, or neither?`);
  if (names.otherNames.length > 0) undecided.push(`other names in the article: ${names.otherNames.join(', ')}: add an actor (or an alias) for any that is one`);
  for (const a of names.ambiguous) undecided.push(`'${a.name}' may be ${a.candidates.join(' or ')}: add it as an alias of the right actor`);
  if (undecided.length > 0) {
    out.line('');
    for (const u of undecided) out.todo('', u);
  }
  out.comment('Claims (who asserts, accuses or denies what) and terms are left to you: see the annotation format.');

  return {
    yaml: out.text(),
    counts: { actors: actors.length, quotes: quotes.length, events: events.length, facts: facts.length, todos: out.todos },
  };
}

function writeActor(out: Lines, actor: DraftActor): void {
  out.line(`  - id: ${actor.id}`);
  out.line(`    name: ${scalar(actor.name)}`);
  if (actor.aliases.length > 0) out.line(`    aliases: [${actor.aliases.map((a) => scalar(a, true)).join(', ')}]`);
  if (actor.kindGuess !== undefined) out.todo('    ', `kind: ${actor.kindGuess}`);
  out.line(`    kind: ${actor.kind}`);
  if (actor.role !== undefined) {
    out.line(`    role: ${scalar(actor.role)}`);
  } else {
    out.todo('    ', `role: how does the article identify ${actor.name}? (the placeholder below makes poor cards)`);
    out.line(`    role: ${scalar(`${actor.kind === 'group' ? 'a group' : `a${actor.kind === 'organization' ? 'n' : ''} ${actor.kind}`} the article names`)}`);
  }
}

/** The YAML text being written, line by line, counting its TODOs. */
class Lines {
  private readonly lines: string[] = [];
  todos = 0;

  line(text: string): void {
    this.lines.push(text);
  }

  comment(text: string): void {
    this.lines.push(`# ${oneLine(text)}`);
  }

  todo(indent: string, text: string): void {
    this.todos++;
    this.lines.push(`${indent}# TODO: ${oneLine(text)}`);
  }

  text(): string {
    return this.lines.join('\n') + '\n';
  }
}

/** A comment is one line, without control characters (an article's text must not end it early). */
function oneLine(text: string): string {
  return text.replace(/[\s\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
}

const PLAIN = /^[\p{L}\p{N}$(][^\n]*$/u;
const RESERVED = /^(?:true|false|yes|no|on|off|null|y|n)$/i;

/**
 * A YAML scalar for a value: plain when a reader cannot mistake it, else
 * double-quoted (JSON's escapes are YAML's). In a flow list ([a, b]) commas
 * and brackets need quotes too.
 */
export function scalar(value: string, flow = false): string {
  const plain = PLAIN.test(value) && !/: |\s#|:$|\s$/.test(value) && !RESERVED.test(value) && !/[\u0000-\u001f\u007f-\u009f\u2028\u2029"'`]/.test(value) && !(flow && /[,[\]{}]/.test(value));
  return plain ? value : JSON.stringify(value);
}
