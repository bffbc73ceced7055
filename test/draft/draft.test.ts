/**
 * The drafter on the sample article: every direct quote with its speaker,
 * every named person with the role the article gives them, a draft that is
 * valid format 1 (its quotes verbatim in the article), the same bytes on
 * every run.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadAnnotation } from '../../src/annotation/index.js';
import { todoComments } from '../../src/annotation/report.js';
import { draftAnnotation } from '../../src/draft/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SAMPLE = readFileSync(`${ROOT}decks/china-trump-russia-pivot.txt`, 'utf8');
const SAMPLE_GOLD = parse(readFileSync(`${ROOT}decks/china-trump-russia-pivot.yaml`, 'utf8')) as Gold;

interface Gold {
  actors: { id: string; name: string; kind: string }[];
  quotes: { speaker: string; text: string }[];
}
interface DraftFile {
  article: { id: string; title: string; published?: string; text_file: string };
  actors: { id: string; name: string; aliases?: string[]; kind: string; role: string }[];
  quotes: { id: string; speaker: string; text: string; context?: string }[];
  events?: { when: string; evidence: string }[];
  facts?: { answer: string; evidence: string }[];
}

function draftOf(text: string, textFile = 'article.txt'): { yaml: string; data: DraftFile } {
  const { yaml } = draftAnnotation({ text, textFile });
  return { yaml, data: parse(yaml, { schema: 'failsafe' }) as DraftFile };
}

function load(yaml: string, text: string) {
  return loadAnnotation(yaml, { file: 'draft.yaml', readText: () => text });
}

/** The lines of the YAML just above a quote item's `speaker:` line: where its TODO, if any, stands. */
function todoOfQuote(yaml: string, id: string): string | undefined {
  const lines = yaml.split('\n');
  const at = lines.indexOf(`  - id: ${id}`);
  const next = lines[at + 1] ?? '';
  return next.includes('# TODO:') ? next : undefined;
}

describe('newsdeck init on the sample article', () => {
  const { yaml, data } = draftOf(SAMPLE, 'china-trump-russia-pivot.txt');
  const speakerName = (id: string): string => data.actors.find((a) => a.id === id)?.name ?? id;
  const goldName = (id: string): string => SAMPLE_GOLD.actors.find((a) => a.id === id)?.name ?? id;

  it('finds every direct quote of the annotation, curly marks and short phrases alike, with its speaker', () => {
    // All seven quotations of the sample, from a whole sentence to one word ("agreement").
    expect(SAMPLE_GOLD.quotes).toHaveLength(7);
    for (const gold of SAMPLE_GOLD.quotes) {
      const found = data.quotes.find((q) => q.text === gold.text);
      expect(found, `quote '${gold.text}'`).toBeDefined();
      expect(speakerName(found!.speaker), `speaker of '${gold.text}'`).toBe(goldName(gold.speaker));
    }
    expect(data.quotes).toHaveLength(7);
  });

  it('takes "X said" and "X told" speakers as decided, and marks the sentence-subject guesses to check', () => {
    // Clear: "…,” top diplomat Wang Yi said; Keith Kellogg told a panel … “to force” … “uncomfortable with”.
    for (const text of ['China supports all efforts conducive to peace talks', 'to force', 'uncomfortable with']) {
      const quote = data.quotes.find((q) => q.text === text)!;
      expect(todoOfQuote(yaml, quote.id), text).toBeUndefined();
    }
    // Guessed from the sentence's subject: Rubio "named" the phrase, China "defends" it, Xi's "old friend".
    for (const text of ['geopolitical and economic cooperation', 'normal trade', 'old friend']) {
      const quote = data.quotes.find((q) => q.text === text)!;
      expect(todoOfQuote(yaml, quote.id), text).toMatch(/# TODO: speaker: .* is the subject of the sentence/);
    }
    expect(data.quotes.find((q) => q.text === 'China supports all efforts conducive to peace talks')?.context).toBe(
      'at a meeting of the United Nations Security Council Tuesday',
    );
  });

  it('names every person of the article, with the short names it uses as aliases and its role phrase', () => {
    const people = SAMPLE_GOLD.actors.filter((a) => a.kind === 'person').map((a) => a.name);
    expect(people).toEqual(['Donald Trump', 'Xi Jinping', 'Vladimir Putin', 'Wang Yi', 'Marco Rubio', 'Keith Kellogg']);
    for (const name of people) {
      const actor = data.actors.find((a) => a.name === name);
      expect(actor, name).toBeDefined();
      expect(actor!.kind, name).toBe('person');
    }
    const byName = new Map(data.actors.map((a) => [a.name, a]));
    expect(byName.get('Donald Trump')?.aliases).toEqual(['Trump']);
    expect(byName.get('Xi Jinping')?.aliases).toEqual(['Xi']);
    expect(byName.get('Vladimir Putin')?.aliases).toEqual(['Putin']);
    expect(byName.get('Wang Yi')?.role).toBe('top diplomat');
    expect(byName.get('Marco Rubio')?.role).toBe('top US diplomat');
    expect(byName.get('Keith Kellogg')?.role).toBe('the Trump administration’s Russia-Ukraine envoy');
    expect(byName.get('Donald Trump')?.role).toBe('US President');
    // Organizations and countries too, and the group that speaks ("Chinese officials … voiced approval of the “agreement”").
    expect(byName.get('NATO')?.kind).toBe('organization');
    expect(byName.get('United Nations Security Council')?.kind).toBe('organization');
    for (const country of ['China', 'Russia', 'Ukraine', 'United States', 'Saudi Arabia', 'Iran', 'North Korea']) expect(byName.get(country)?.kind, country).toBe('country');
    expect(byName.get('United States')?.aliases).toEqual(['US']);
    expect(byName.get('Chinese officials')?.kind).toBe('group');
  });

  it('is valid format 1: the loader accepts it, every quote and evidence verbatim in the article', () => {
    const result = load(yaml, SAMPLE);
    expect(result.ok ? [] : result.errors.map((e) => `${e.line}: ${e.message}`)).toEqual([]);
  });

  it("leaves what it cannot decide as TODO comments: the sample's missing headline and dateline, the single-quoted ‘reverse Nixon’", () => {
    const todos = todoComments(yaml).map((t) => t.text);
    expect(todos).toContain("title: the text has no headline line (a first line followed by a blank line); give the article's headline");
    expect(todos).toContain('published: no dateline found; add `published: YYYY-MM-DD` if you know the date');
    expect(todos.some((t) => t.startsWith('in single quotation marks: ‘reverse Nixon’'))).toBe(true);
    expect(data.article.published).toBeUndefined();
  });

  it('reads the article the same with Windows line breaks', () => {
    const crlf = draftOf(SAMPLE.replace(/\n/g, '\r\n'), 'china-trump-russia-pivot.txt').data;
    expect(crlf.quotes).toEqual(data.quotes);
    expect(crlf.actors).toEqual(data.actors);
  });

  it('gives the same bytes for the same article', () => {
    expect(draftAnnotation({ text: SAMPLE, textFile: 'china-trump-russia-pivot.txt' }).yaml).toBe(yaml);
  });
});

describe('newsdeck init on a dev-set article', () => {
  const text = readFileSync(`${ROOT}test/fixtures/articles/articles/us-senate-bailout-vote.txt`, 'utf8');
  const { yaml, data } = draftOf(text, 'us-senate-bailout-vote.txt');

  it('takes the headline as title and the dateline as published, and resolves a weekday against it', () => {
    expect(data.article.title).toBe('U.S. Senate approves revised bailout package after controversial additions');
    expect(data.article.published).toBe('2008-10-04');
    // "rejected by the U.S. House of Representatives on Monday", in a story of Saturday 2008-10-04.
    const monday = data.events?.find((e) => e.evidence.includes('rejected by the U.S. House of Representatives on Monday'));
    expect(monday?.when).toBe('2008-09-29');
    expect(data.events?.find((e) => e.evidence.startsWith('H.R.1424 was introduced on March 9, 2007'))?.when).toBe('2007-03-09');
  });

  it('reads straight quotation marks, "said X" after a quote and "she said" for the person named before', () => {
    const speaker = (start: string): string | undefined => data.quotes.find((q) => q.text.startsWith(start))?.speaker;
    expect(speaker('Senate Democrats and Republicans believe')).toBe('harry-reid');
    expect(data.actors.find((a) => a.id === 'harry-reid')?.role).toBe('Senate Majority Leader');
    expect(speaker('I will not support this legislation')).toBe('marcy-kaptur');
    // A second quotation of the paragraph, with no attribution of its own: the first one's speaker.
    expect(speaker('All three additions have greatly improved the bill.')).toBe('jim-ramstad');
  });

  it('makes numbers candidate facts, the number as the answer', () => {
    const answers = (data.facts ?? []).map((f) => f.answer);
    expect(answers).toEqual(expect.arrayContaining(['$250,000', '$110 billion', '$192 million', '74', '25']));
    // Dates and identifiers are no facts: 2007 is an event's, H.R.1424 a bill's number.
    expect(answers).not.toContain('2007');
    expect(answers).not.toContain('1424');
  });

  it('is valid format 1', () => {
    const result = load(yaml, text);
    expect(result.ok ? [] : result.errors.map((e) => `${e.line}: ${e.message}`)).toEqual([]);
  });
});

describe('todoComments', () => {
  it('finds each # TODO comment with its line and column, and no # inside a quoted value', () => {
    const source = ['# TODO: first', 'a: "not # TODO: inside a string"', "b: 'x' # TODO: after a value", '  # todo lower case is no TODO', 'c:', '  # TODO: indented'].join('\n');
    expect(todoComments(source)).toEqual([
      { line: 1, col: 1, text: 'first' },
      { line: 3, col: 8, text: 'after a value' },
      { line: 6, col: 3, text: 'indented' },
    ]);
  });
});
