/**
 * Issue 13, "what to prove" 2: injection, in every output. One annotation and
 * its article carry markup of HTML, Anki's templates, clozes, sound and LaTeX,
 * entities, quotes, tabs, line breaks and typed-out ANSI escapes in every kind
 * of value (title, actor role and note, quote and its sentence, claim, fact
 * question and answer, term definition); every output shows each as the
 * literal text typed, with nothing of it read as markup and no separator
 * splitting a field or a line. A real control character is refused, by every
 * command, at its place in the file.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { main } from '../../src/cli/main.js';
import { NOTE_TYPES } from '../../templates/anki/note-types.js';
import { ankiRuleViolations, LIVE_ANKI_MARKUP } from '../anki/anki-rules.js';
import { openPackage, stripHtmlForTest } from '../anki/read-package.js';
import { launchChromium } from '../helpers/browser.js';
import { fakeIo } from '../helpers/io.js';
import { tempFolder } from '../helpers/tmp.js';
import { parseAnkiText } from '../outputs/anki-text-reader.js';

/** What an annotator may type, each a way into some reader of the outputs. */
const INJECTIONS: [string, string][] = [
  ['script element', '<script>alert(1)</script>'],
  ['image with onerror', '<img src=x onerror=alert(2)>'],
  ['cloze', '{{c1::leak}}'],
  ['template field', '{{Front}}'],
  ['sound tag', '[sound:evil.mp3]'],
  ['LaTeX', '[$]x^2[/$]'],
  ['MathJax', '\\(a+b\\)'],
  ['entity', '&amp; &lt;b&gt;'],
  ['quotes', `"double" 'single'`],
  ['tab', 'left\tright'],
  ['line break', 'upper\nlower'],
  ['typed ANSI escape', '\\x1b[31mred\\e[0m'],
];
const ALL = INJECTIONS.map(([, text]) => text).join(' ~ ');

const ARTICLE = [
  `Officials trade words over ${ALL} plan`,
  '',
  'BERLIN, 1 March 2025',
  '',
  `Mallory Smith, the chief of the bureau, spoke on Monday about ${ALL} and more.`,
  '',
  `"We will never stop ${ALL} now," said Trent Jones, a spokesman for the party.`,
  '',
  `The bureau accused Trent Jones of hiding ${ALL} from the press.`,
  '',
].join('\n');

const yaml = (text: string): string => JSON.stringify(text);

const ANNOTATION = [
  'format: 1',
  'article:',
  '  id: injection',
  `  title: ${yaml(`Officials trade words over ${ALL} plan`)}`,
  '  source: Wire',
  '  published: 2025-03-01',
  '  text_file: injection.txt',
  'deck:',
  '  name: Injection trial',
  'actors:',
  '  - id: mallory',
  '    name: Mallory Smith',
  '    kind: person',
  `    role: ${yaml(`the chief of ${ALL} bureau`)}`,
  `    note: ${yaml(`A note on ${ALL}`)}`,
  '  - id: trent',
  '    name: Trent Jones',
  '    kind: person',
  '    role: a spokesman for the party',
  'quotes:',
  '  - id: never-stop',
  '    speaker: trent',
  `    text: ${yaml(`We will never stop ${ALL} now`)}`,
  'claims:',
  '  - id: hiding',
  '    claimant: mallory',
  '    stance: accusation',
  `    text: ${yaml(`Trent Jones hid ${ALL} from the press`)}`,
  `    evidence: ${yaml(`accused Trent Jones of hiding ${ALL} from the press`)}`,
  'terms:',
  '  - id: the-plan',
  '    term: the plan',
  `    definition: ${yaml(`What ${ALL} stands for`)}`,
  'facts:',
  '  - id: monday',
  `    question: ${yaml('Which plan did officials trade words over?')}`,
  `    answer: ${yaml(`The ${ALL} plan`)}`,
  `    evidence: ${yaml(`trade words over ${ALL} plan`)}`,
  '',
].join('\n');

/** White space as a reader sees it: any run is one space (HTML, Quizlet and the terminal fold tabs and line breaks). */
const folded = (text: string): string => text.replace(/\s+/g, ' ');

// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

let dir = '';
let out = '';
let browser: Browser;

async function run(args: string[], stdin: string[] = []): Promise<{ status: number; stdout: string; stderr: string }> {
  const { io, stdout, stderr } = fakeIo({ cwd: dir, env: { SOURCE_DATE_EPOCH: '1750000000' }, stdin });
  const status = await main(args, io);
  return { status, stdout: stdout(), stderr: stderr() };
}

/** One output: where its text comes from, the text a reader sees, and what must never be in it raw. */
interface OutputCase {
  output: string;
  /** The units a separator must not split, each as the reader sees it. */
  shown(): Promise<string[]>;
  /** Raw text that a reader of this output would act on. */
  live: [string, RegExp][];
  /** Whole values of the annotation that this output shows as they are, each in one unit. */
  whole?: string[];
}

/** The actor's note goes to the Extra field of its note unchanged (it was respaced after each ';', as in '&lt; b'). */
const WHOLE_VALUES = [`A note on ${ALL}`];

const HTML_LIVE: [string, RegExp][] = [
  ['script element', /<script\b/i],
  ['element with an event handler', /<[a-z][^>]*\son[a-z]+\s*=/i],
  ['image', /<img\b/i],
];

/** An HTML page as Chromium renders it: its visible text, after checking nothing ran or loaded. */
async function renderedText(file: string): Promise<string[]> {
  const page = await browser.newPage();
  const dialogs: string[] = [];
  const requests: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('request', (request) => void requests.push(request.url()));
  try {
    await page.goto(`file://${join(out, file)}`);
    // Every closed part opened, so that its text counts as shown.
    // (Strings: this code runs in the page, whose types the Node build does not know.)
    await page.evaluate("for (const d of document.querySelectorAll('details')) d.open = true; for (const h of document.querySelectorAll('[hidden]')) h.hidden = false;");
    const elements = await page.evaluate("document.querySelectorAll('img, iframe, object, embed, audio, video, script:not(:last-of-type)').length");
    expect(dialogs, file).toEqual([]);
    expect(requests.filter((url) => !url.startsWith('file://')), file).toEqual([]);
    expect(elements, file).toBe(0);
    return [String(await page.evaluate('document.body.textContent'))];
  } finally {
    await page.close();
  }
}

const OUTPUTS: OutputCase[] = [
  {
    output: 'Anki package (note fields)',
    async shown() {
      const apkg = readFileSync(join(out, 'injection.apkg'));
      expect(await ankiRuleViolations(apkg)).toEqual([]);
      const pkg = await openPackage(apkg);
      const fields = pkg.rows('select flds from notes').flatMap((r) => String(r.flds).split('\x1f'));
      pkg.close();
      // What the card shows: the field's HTML, with Anki's own <br> as the line break it stands for.
      return fields.map((f) => stripHtmlForTest(f.replace(/<br>/g, '\n')).replace(/\u2060/g, ''));
    },
    live: [...LIVE_ANKI_MARKUP, ['script element', /<script\b/i], ['image', /<img\b/i]],
    whole: WHOLE_VALUES,
  },
  {
    output: 'Anki text import',
    async shown() {
      const file = parseAnkiText(readFileSync(join(out, 'injection.anki.txt'), 'utf8'));
      const width = Math.max(...Object.values(NOTE_TYPES).map((t) => t.fields.length)) + 4;
      // One record per note of the package, each as wide as the header says: no tab, quote or line break split one.
      const pkg = await openPackage(readFileSync(join(out, 'injection.apkg')));
      const notes = Number(pkg.rows('select count(*) as n from notes')[0]?.n);
      pkg.close();
      expect(notes).toBeGreaterThanOrEqual(5);
      expect(file.rows.length).toBe(notes);
      for (const row of file.rows) expect(row.length).toBe(width);
      return file.rows.flat().map((f) => stripHtmlForTest(f.replace(/<br>/g, '\n')).replace(/\u2060/g, ''));
    },
    live: [...LIVE_ANKI_MARKUP, ['script element', /<script\b/i], ['image', /<img\b/i]],
    whole: WHOLE_VALUES,
  },
  {
    output: 'Quizlet',
    async shown() {
      const lines = readFileSync(join(out, 'injection.quizlet.txt'), 'utf8').trimEnd().split('\n');
      // term<TAB>definition, one card a line: no tab or line break of the text splits one.
      for (const line of lines) expect(line.split('\t')).toHaveLength(2);
      return lines.flatMap((line) => line.split('\t'));
    },
    live: [],
  },
  { output: 'review page', shown: () => renderedText('injection.review.html'), live: HTML_LIVE },
  { output: 'handout', shown: () => renderedText('injection.handout.html'), live: HTML_LIVE },
  {
    output: 'terminal: preview',
    async shown() {
      const { status, stdout, stderr } = await run(['preview', 'decks']);
      expect(status, stderr).toBe(0);
      expect(stdout + stderr).not.toMatch(RAW_CONTROL);
      return [stdout];
    },
    live: [],
  },
];

/** Each output's raw text, for the live-markup checks. */
const RAW_FILES: Record<string, string> = {
  'Anki text import': 'injection.anki.txt',
  'review page': 'injection.review.html',
  handout: 'injection.handout.html',
};

beforeAll(async () => {
  dir = tempFolder('newsdeck-injection-');
  out = join(dir, 'out');
  const decks = join(dir, 'decks');
  mkdirSync(decks);
  writeFileSync(join(decks, 'injection.txt'), ARTICLE);
  writeFileSync(join(decks, 'injection.yaml'), ANNOTATION);
  const { status, stderr } = await run(['build', 'decks', '--out', 'out', '--format', 'apkg,anki-text,quizlet,review,handout']);
  expect(status, stderr).toBe(0);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe.each(OUTPUTS)('$output', (output) => {
  let shown: string[] = [];
  beforeAll(async () => {
    shown = (await output.shown()).map(folded);
  });

  it.each(INJECTIONS)('shows %s as the literal text typed', (_what, text) => {
    // Every value of the annotation carries every injection: each must reach the reader whole, in one unit.
    expect(shown.some((unit) => unit.includes(folded(text))), `${JSON.stringify(text)} in ${output.output}`).toBe(true);
  });

  if (output.whole !== undefined) {
    it('shows whole values exactly as typed, nothing respaced', () => {
      for (const value of output.whole ?? []) expect(shown.some((unit) => unit === folded(value)), value).toBe(true);
    });
  }

  if (output.live.length > 0) {
    it('holds none of it as markup its reader acts on', async () => {
      const raw =
        output.output === 'Anki package (note fields)'
          ? await (async () => {
              const pkg = await openPackage(readFileSync(join(out, 'injection.apkg')));
              const flds = pkg.rows('select flds from notes').map((r) => String(r.flds));
              pkg.close();
              return flds.join('\n');
            })()
          : // The page's own script, the last thing in its body, allowed by its hash (html.ts).
            readFileSync(join(out, RAW_FILES[output.output]!), 'utf8').replace(/<script>[^]*?<\/script>\n<\/body>\n<\/html>\n$/, '</body>');
      for (const [what, pattern] of output.live) expect(raw, what).not.toMatch(pattern);
    });
  }
});

describe('terminal: quiz', () => {
  it('shows the cards’ text literally and sends no control character', async () => {
    const { status, stdout, stderr } = await run(['quiz', 'decks', '--plain', '--progress', join(dir, 'p.jsonl')], ['', '3', '', '3', '', '3', 'q']);
    expect(status, stderr).toBe(0);
    expect(stdout + stderr).not.toMatch(RAW_CONTROL);
    const shown = folded(stdout);
    // The first cards studied are the actors', whose role carries every injection.
    for (const [, text] of INJECTIONS) expect(shown, JSON.stringify(text)).toContain(folded(text));
  });
});

describe('a real control character in a value', () => {
  it.each([
    ['ESC', '\u001b[31m'],
    ['NUL', '\u0000'],
    ['BEL', '\u0007'],
  ])('is refused at its line and column by every command (%s)', async (_name, control) => {
    const yamlPath = join(dir, 'decks', 'injection.yaml');
    const line = ANNOTATION.split('\n').findIndex((l) => l.startsWith('    note: ')) + 1;
    writeFileSync(yamlPath, ANNOTATION.replace(/^ {4}note: .*$/m, () => `    note: "A note on ${control} here"`));
    try {
      for (const args of [['check', 'decks'], ['build', 'decks', '--out', 'out2'], ['preview', 'decks'], ['quiz', 'decks', '--plain']]) {
        const { status, stdout, stderr } = await run(args, ['q']);
        expect(status, args.join(' ')).toBe(1);
        expect(stdout + stderr).not.toMatch(RAW_CONTROL);
        expect(stdout + stderr).toMatch(new RegExp(`decks/injection\\.yaml(:${line}:\\d+|: line ${line}, column \\d+)`));
        expect(stdout + stderr).toContain(`control character U+00${control.codePointAt(0)!.toString(16).toUpperCase().padStart(2, '0')}`);
      }
    } finally {
      writeFileSync(yamlPath, ANNOTATION);
    }
  });
});
