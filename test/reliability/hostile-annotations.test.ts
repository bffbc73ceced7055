/**
 * Issue 13, "what to prove" 1: hostile annotations. Every fixture deck (decks/
 * and test/fixtures/articles/), mutated at random in its YAML values, its raw
 * text and its article, with the characters that break tools (NUL, the field
 * separator 0x1F, lone surrogates, right-to-left and zero-width marks,
 * combining marks, 100,000-character words, markup), goes through the loader
 * and the whole build: either a package a current Anki imports as written and
 * every other output, or errors that each name the file, line and column.
 * Never an exception (the CLI's "internal error").
 *
 * FUZZ_SAVE_PACKAGES=DIR writes every package made into DIR, to run
 * ../shared/tools/anki-check/modern_rules.py on them by hand.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isScalar, parseDocument, visit, type Scalar } from 'yaml';
import { loadAnnotation, type LoadResult } from '../../src/annotation/index.js';
import { buildPackage } from '../../src/anki/index.js';
import { generateCards, TEMPLATE_IDS } from '../../src/cards/index.js';
import { main } from '../../src/cli/main.js';
import { WRITERS, type OutputUnit } from '../../src/outputs/index.js';
import { apply, editOf, type Edit } from '../annotation/edits.js';
import { checkResult } from '../annotation/fixture.js';
import { ankiRuleViolations } from '../anki/anki-rules.js';
import { fuzzRuns } from '../helpers/fuzz.js';
import { hostileText } from '../helpers/hostile.js';
import { fakeIo } from '../helpers/io.js';
import { tempFolder } from '../helpers/tmp.js';

const ROOT = new URL('../../', import.meta.url).pathname;

/** A fixture deck: its annotation, where its article lives, and the article. */
interface Fixture {
  name: string;
  path: string;
  source: string;
  textFile: string;
  text: string;
}

function fixturesIn(folder: string): Fixture[] {
  return readdirSync(folder)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const path = join(folder, f);
      const source = readFileSync(path, 'utf8');
      const textFile = /^ {2}text_file: (.+)$/m.exec(source)?.[1]?.trim() ?? '';
      return { name: f, path, source, textFile, text: readFileSync(resolve(folder, textFile), 'utf8') };
    });
}

const FIXTURES = [...fixturesIn(join(ROOT, 'decks')), ...fixturesIn(join(ROOT, 'test/fixtures/articles'))];

/** One mutation of a fixture: of a YAML value (as YAML writes it), of the raw text, of the article. */
type Mutation =
  | { kind: 'value'; index: number; at: number; text: string; replace: boolean }
  | { kind: 'raw'; edit: Edit }
  | { kind: 'article'; at: number; text: string }
  | { kind: 'free'; pick: number; text: string };

/** Lines of free text: names, roles, notes, titles, questions, answers, which stay valid with any printable text. */
const FREE_TEXT = /^(\s+(?:-\s+)?(?:name|role|note|title|source|question|answer)): /;

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('value' as const), index: fc.nat(), at: fc.nat(), text: hostileText, replace: fc.boolean() }), weight: 5 },
  { arbitrary: fc.record({ kind: fc.constant('article' as const), at: fc.nat(), text: hostileText }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('free' as const), pick: fc.nat(), text: hostileText }), weight: 3 },
  // Offsets and lines drawn for the largest fixture's size: apply() wraps line numbers and clamps offsets to the file at hand.
  { arbitrary: editOf('x'.repeat(20_000) + '\n'.repeat(1_000), hostileText).map((edit) => ({ kind: 'raw' as const, edit })), weight: 2 },
);

/** A fixture after the mutations: its annotation text and its article. */
function mutate(fixture: Fixture, mutations: readonly Mutation[]): { source: string; text: string } {
  let { source, text } = fixture;
  for (const m of mutations) {
    if (m.kind === 'article') {
      // At a word boundary, most of the time, so that the quotes around it still match.
      let at = m.at % (text.length + 1);
      const space = text.indexOf(' ', at);
      if (space !== -1 && m.at % 3 !== 0) at = space;
      text = text.slice(0, at) + m.text + text.slice(at);
    } else if (m.kind === 'free') {
      // As the annotator's editor would write it: one double-quoted value.
      const lines = source.split('\n');
      const candidates = lines.flatMap((line, i) => (FREE_TEXT.test(line) ? [i] : []));
      const i = candidates[m.pick % Math.max(1, candidates.length)];
      if (i === undefined) continue;
      lines[i] = `${FREE_TEXT.exec(lines[i]!)![1]}: ${JSON.stringify(`${m.text} x`)}`;
      source = lines.join('\n');
    } else if (m.kind === 'raw') {
      source = apply(source, m.edit);
    } else {
      const doc = parseDocument(source, { schema: 'failsafe', keepSourceTokens: false });
      if (doc.errors.length > 0) continue;
      const scalars: Scalar[] = [];
      visit(doc, { Scalar: (_key, node) => void scalars.push(node) });
      const node = scalars[m.index % scalars.length];
      if (node === undefined || !isScalar(node)) continue;
      const value = String(node.value);
      const at = m.at % (value.length + 1);
      node.value = m.replace ? m.text : value.slice(0, at) + m.text + value.slice(at);
      // A document an earlier raw edit left with an empty node (a bare "?" line: a pair with no key) cannot be
      // written back with the failsafe schema, which has no null: that mutation is skipped, as one that finds
      // no scalar is. (The loader still gets the raw edit's document.)
      const written = writtenBack(doc);
      if (written === undefined) continue;
      source = written;
    }
  }
  return { source, text };
}

/** The document's text, or undefined when the yaml library cannot write it back ("Tag not resolved for null value"). */
function writtenBack(doc: ReturnType<typeof parseDocument>): string | undefined {
  try {
    return doc.toString({ lineWidth: 0 });
  } catch {
    return undefined;
  }
}

const fixtureMutation = fc.tuple(fc.constantFrom(...FIXTURES), fc.array(mutation, { minLength: 1, maxLength: 2 }));

const saveTo = process.env.FUZZ_SAVE_PACKAGES;
let saved = 0;

/** What a case gave, for the counts the test reports. */
type Outcome = 'package' | 'no cards' | 'errors';

/** Loads the annotation, then makes its cards, its package and every other output, checking each stage. */
async function buildInMemory(file: string, source: string, text: string): Promise<Outcome> {
  const result: LoadResult = loadAnnotation(source, { file, readText: () => text, templateIds: TEMPLATE_IDS });
  if (!result.ok) {
    checkResult(source, result, file);
    return 'errors';
  }
  const deck = generateCards(result.annotation);
  if (deck.cards.length === 0) return 'no cards';
  const { apkg } = await buildPackage({ cards: deck.cards, now: 1_750_000_000, name: result.annotation.article.id });
  expect(await ankiRuleViolations(apkg)).toEqual([]);
  if (saveTo !== undefined) {
    mkdirSync(saveTo, { recursive: true });
    writeFileSync(join(saveTo, `case-${String(++saved).padStart(5, '0')}.apkg`), apkg);
  }
  const unit: OutputUnit = {
    name: result.annotation.article.id,
    title: result.annotation.deck.name,
    cards: deck.cards,
    articles: [{ annotation: result.annotation, ...deck }],
  };
  for (const writer of Object.values(WRITERS)) {
    for (const output of writer(unit)) expect(output.data.length).toBeGreaterThan(0);
  }
  return 'package';
}

function report(what: string, outcomes: Outcome[]): void {
  const counts = [...new Set(outcomes)].map((o) => `${outcomes.filter((x) => x === o).length} ${o}`);
  console.log(`${what}: ${outcomes.length} cases (${counts.join(', ')})`);
}

describe('hostile annotations, in memory', () => {
  it('every fixture deck is valid as it is and builds a package a current Anki takes', async () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(8);
    for (const fixture of FIXTURES) expect(await buildInMemory(fixture.name, fixture.source, fixture.text), fixture.name).toBe('package');
  });

  it('mutations of every fixture deck give a package Anki takes or positioned errors, never an exception', async () => {
    const outcomes: Outcome[] = [];
    await fc.assert(
      fc.asyncProperty(fixtureMutation, async ([fixture, mutations]) => {
        const { source, text } = mutate(fixture, mutations);
        outcomes.push(await buildInMemory(fixture.name, source, text));
      }),
      { numRuns: fuzzRuns(60) },
    );
    report('mutated fixture decks', outcomes);
    // The mutations must reach the package stage often enough to test it, and the error stage too.
    expect(outcomes.filter((o) => o === 'package').length).toBeGreaterThan(outcomes.length / 10);
    expect(outcomes).toContain('errors');
  });

  it('hostile free text in the values the annotator writes gives a package Anki takes, with the text inert', async () => {
    const outcomes: Outcome[] = [];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...FIXTURES), fc.nat(), hostileText, async (fixture, pick, text) => {
        const { source } = mutate(fixture, [{ kind: 'free', pick, text }]);
        outcomes.push(await buildInMemory(fixture.name, source, fixture.text));
      }),
      { numRuns: fuzzRuns(20) },
    );
    report('hostile free-text values', outcomes);
    // Only control characters (refused with their position) keep a free-text value from a package.
    expect(outcomes.filter((o) => o === 'package').length).toBeGreaterThan(outcomes.length / 3);
  });
});

describe('hostile annotations, through the CLI', () => {
  /** A project folder holding one mutated fixture, laid out as the fixture is. */
  function project(fixture: Fixture, source: string, text: string): { dir: string; file: string } {
    const dir = tempFolder('newsdeck-hostile-');
    const file = join(dir, 'decks', fixture.name);
    mkdirSync(dirname(resolve(dirname(file), fixture.textFile)), { recursive: true });
    writeFileSync(file, source);
    writeFileSync(resolve(dirname(file), fixture.textFile), text);
    return { dir, file };
  }

  it('build with every format writes only into the output folder, or prints positioned errors and writes nothing', async () => {
    const outcomes: Outcome[] = [];
    await fc.assert(
      fc.asyncProperty(fixtureMutation, async ([fixture, mutations]) => {
        const { source, text } = mutate(fixture, mutations);
        const { dir } = project(fixture, source, text);
        const { io, stdout, stderr } = fakeIo({ cwd: dir, env: { SOURCE_DATE_EPOCH: '1750000000' } });
        // main resolves with a status for every bad input; a rejection is the CLI's "internal error".
        const status = await main(['build', 'decks', '--out', 'out', '--format', 'apkg,anki-text,quizlet,review,handout'], io);
        const before = readdirSync(dir).sort();
        if (status === 0) {
          expect(before).toEqual(['decks', 'out']);
          const files = readdirSync(join(dir, 'out'));
          expect(files.filter((f) => f.endsWith('.apkg')), stdout()).toHaveLength(1);
          const apkg = files.find((f) => f.endsWith('.apkg'))!;
          expect(await ankiRuleViolations(readFileSync(join(dir, 'out', apkg)))).toEqual([]);
          outcomes.push('package');
        } else {
          expect(status, stderr()).toBe(1);
          expect(existsSync(join(dir, 'out'))).toBe(false);
          // Every error names the file, line and column.
          expect(stderr()).toMatch(new RegExp(`^decks/${fixture.name.replace('.', '\\.')}:\\d+:\\d+: [a-z-]+: `, 'm'));
          expect(stderr()).toContain('nothing was written');
          outcomes.push('errors');
        }
      }),
      { numRuns: fuzzRuns(8) },
    );
    report('CLI builds', outcomes);
  });
});
