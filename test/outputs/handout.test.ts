/**
 * The printed handout: read back in Debian's Chromium (the page as a browser
 * lays it out) and, for the PDF, with poppler's pdftotext page by page, the
 * way a teacher sees the printout: every card a numbered question, cloze gaps
 * as blanks, lettered options, and the answers only in an answer key that
 * starts on a page of its own. Nothing an annotation says becomes markup.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../helpers/browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Card } from '../../src/cards/index.js';
import { loadDecks, type LoadedDeck } from '../../src/cli/load.js';
import { main } from '../../src/cli/main.js';
import { handoutFiles } from '../../src/outputs/handout.js';
import type { OutputUnit } from '../../src/outputs/index.js';
import { fakeIo } from '../helpers/io.js';
import { tempFolder } from '../helpers/tmp.js';

const SAMPLE = 'china-trump-russia-pivot';
const SAMPLE_DECKS = new URL('../../decks/', import.meta.url).pathname;
const FIXTURE = new URL('../fixtures/articles/aretha-franklin-dies.yaml', import.meta.url).pathname;

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

function decksOf(path: string): LoadedDeck[] {
  return loadDecks([path], fakeIo().io);
}

/** One unit per article, as `build` makes them without --one-deck. */
function unitOf(deck: LoadedDeck): OutputUnit {
  return {
    name: deck.annotation.article.id,
    title: deck.annotation.deck.name,
    cards: deck.cards,
    articles: [{ annotation: deck.annotation, cards: deck.cards, dropped: deck.dropped, advice: deck.advice }],
  };
}

function handoutOf(unit: OutputUnit): { html: string; md: string } {
  const files = handoutFiles(unit);
  expect(files.map((f) => f.suffix)).toEqual(['.handout.html', '.handout.md']);
  return { html: String(files[0]?.data), md: String(files[1]?.data) };
}

async function build(cwd: string, args: string[], env: Record<string, string> = {}): Promise<{ status: number; stdout: string; stderr: string }> {
  const { io, stdout, stderr } = fakeIo({ cwd, env: { SOURCE_DATE_EPOCH: '1750000000', ...env } });
  const status = await main(['build', ...args], io);
  return { status, stdout: stdout(), stderr: stderr() };
}

interface LaidOut {
  questions: { number: string; text: string; blanks: string[]; choices: string[]; lines: number }[];
  answers: { number: string; text: string; source: string }[];
  keyFollowsQuestions: boolean;
  keyBreakBefore: string;
  questionBreakInside: string;
  elements: string[];
  handlers: number;
  bodyText: string;
  title: string;
}

/** The page as Chromium parses and styles it. */
async function layOut(html: string): Promise<LaidOut> {
  const page = await browser.newPage();
  try {
    await page.setContent(html, { waitUntil: 'load' });
    return await page.locator('html').evaluate((root) => {
      const doc = root.ownerDocument;
      const text = (el: { textContent: string | null } | null): string => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
      const questions = [...doc.querySelectorAll('section.article li.question')];
      const key = doc.querySelector('section.answer-key');
      const last = questions[questions.length - 1];
      const FOLLOWING = 4; // Node.DOCUMENT_POSITION_FOLLOWING
      return {
        questions: questions.map((li) => ({
          number: text(li.querySelector('.number')),
          text: text(li.querySelector('.body')),
          blanks: [...li.querySelectorAll('.blank')].map(text),
          choices: [...li.querySelectorAll('.choices li')].map(text),
          lines: li.querySelectorAll('.lines span').length,
        })),
        answers: [...(key?.querySelectorAll('li.answer') ?? [])].map((li) => ({
          number: text(li.querySelector('.number')),
          text: text(li.querySelector('.body p:not(.source)')),
          source: text(li.querySelector('.source')),
        })),
        keyFollowsQuestions: key !== null && last !== undefined && (last.compareDocumentPosition(key) & FOLLOWING) !== 0,
        keyBreakBefore: key === null ? '' : (doc.defaultView?.getComputedStyle(key).breakBefore ?? ''),
        questionBreakInside: questions[0] === undefined ? '' : (doc.defaultView?.getComputedStyle(questions[0]).breakInside ?? ''),
        elements: [...new Set([...doc.querySelectorAll('*')].map((el) => el.localName))].sort(),
        handlers: [...doc.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length,
        bodyText: doc.body.textContent ?? '',
        title: doc.title,
      };
    });
  } finally {
    await page.close();
  }
}

const letters = 'ABCDEFGHIJ';

describe('the handout page', () => {
  it.each([
    ['the sample deck', SAMPLE_DECKS, 0],
    ['a Wikinews fixture', FIXTURE, 1],
  ])('from %s: a numbered question per card, blanks for gaps, lettered options, then the answer key on a new page', async (_, path, leastClozes) => {
    const [deck] = decksOf(path);
    if (deck === undefined) throw new Error(`no deck in ${path}`);
    const cards = deck.cards;
    const { html } = handoutOf(unitOf(deck));
    const page = await layOut(html);
    const numbers = cards.map((_, i) => `${i + 1}.`);

    expect(page.questions.map((q) => q.number)).toEqual(numbers);
    expect(page.answers.map((a) => a.number)).toEqual(numbers);
    expect(cards.filter((c) => c.kind === 'cloze').length).toBeGreaterThanOrEqual(leastClozes);
    expect(cards.filter((c) => c.choices !== undefined).length).toBeGreaterThan(0);

    cards.forEach((card, i) => {
      const question = page.questions[i];
      const answer = page.answers[i];
      if (question === undefined || answer === undefined) throw new Error(`no question or answer ${i + 1}`);
      if (card.kind === 'cloze') {
        // The gap is a line to write on, the rest of the sentence stays, the answer is not given away.
        expect(question.blanks).toEqual(['________']);
        expect(question.text).toBe(`${card.before}________${card.after}`.replace(/\s+/g, ' ').trim());
        expect(question.text).not.toContain(card.answer.text);
        expect(answer.text).toBe(card.answer.text);
      } else if (card.choices !== undefined) {
        expect(question.choices).toEqual(card.choices.map((choice, j) => `${letters[j]}. ${choice}`));
        const right = card.choices.indexOf(card.answer.text);
        expect(right, card.identity).toBeGreaterThanOrEqual(0);
        expect(answer.text).toBe(`${letters[right]}. ${card.answer.text}`);
      } else {
        expect(question.text).toContain(card.front.replace(/\s+/g, ' ').trim());
        expect(question.lines, card.identity).toBeGreaterThanOrEqual(2);
        expect(answer.text).toBe((card.back || card.answer.text).replace(/\s+/g, ' ').trim());
      }
      expect(answer.source).toBe((card.source.sentence ?? '').replace(/\s+/g, ' ').trim());
    });
    expect(html).not.toContain('[…]');
    expect(page.bodyText).not.toContain('[…]');

    expect(page.keyFollowsQuestions).toBe(true);
    expect(page.keyBreakBefore).toBe('page');
    expect(page.questionBreakInside).toBe('avoid');
    expect(html).toMatch(/@page\s*\{\s*margin:[^}]*\}/);
    expect(html).not.toMatch(/@page[^}]*size/);
    expect(html).not.toMatch(/<script/i);
    expect(page.elements).not.toContain('script');
  });

  it('repeats the article’s title, outlet and date above its questions, and the address as text, not a link', async () => {
    const [deck] = decksOf(FIXTURE);
    if (deck === undefined) throw new Error('no fixture deck');
    const { html, md } = handoutOf(unitOf(deck));
    const page = await layOut(html);
    const { title, url } = deck.annotation.article;
    expect(page.title).toBe('Current Affairs › Culture › Aretha Franklin dies aged 76');
    expect(page.bodyText).toContain(`${title}\nWikinews · 18 August 2018 · ${url}`);
    expect(page.elements).not.toContain('a');
    expect(md).toContain(`## ${title}\n\nWikinews · 18 August 2018 · <${url}>\n`);
  });
});

describe('the handout Markdown', () => {
  it('has the page’s questions, lettered options, blanks and answer key, numbered the same', () => {
    const [deck] = decksOf(FIXTURE);
    if (deck === undefined) throw new Error('no fixture deck');
    const { md } = handoutOf(unitOf(deck));
    const [questions, key] = md.split('\n## Answer key\n');
    if (questions === undefined || key === undefined) throw new Error('no answer key section');
    const numbered = (text: string): string[] => text.split('\n').filter((line) => /^\d+\. /.test(line));
    expect(numbered(questions).map((line) => line.split('.')[0])).toEqual(deck.cards.map((_, i) => String(i + 1)));
    expect(numbered(key).map((line) => line.split('.')[0])).toEqual(deck.cards.map((_, i) => String(i + 1)));

    const mc = deck.cards.findIndex((c) => c.choices !== undefined);
    const card = deck.cards[mc] as Card;
    const options = (card.choices as string[]).map((choice, j) => `${' '.repeat(String(mc + 1).length + 2)}- ${letters[j]}. ${choice}`);
    expect(questions).toContain(`${mc + 1}. ${card.front}\n${options.join('\n')}\n`);
    expect(numbered(key)[mc]).toBe(`${mc + 1}. ${letters[(card.choices as string[]).indexOf(card.answer.text)]}. ${card.answer.text}\\`);

    const cloze = deck.cards.findIndex((c) => c.kind === 'cloze');
    expect(numbered(questions)[cloze]).toBe(`${cloze + 1}. Aretha Franklin: “Not just me or the \\_\\_\\_\\_\\_\\_\\_\\_ or women — it's important to people.”`);
    expect(md).not.toContain('[…]');
  });
});

/** An annotation that tries every trick: markup, entities, Anki cloze syntax, quotes, tabs and line breaks. */
function hostileFolder(): string {
  const dir = tempFolder('newsdeck-handout-');
  writeFileSync(
    join(dir, 'hostile.txt'),
    [
      'Mayor <b>Smith</b> &amp; the *bridge* [vote]',
      '',
      'Eve <script>alert(1)</script> O\'Neil, the mayor "<img src=x onerror=alert(1)>" & who says no, spoke to reporters on Monday.',
      '# Not a heading, she added, and `rm -rf` is _not_ a plan.',
      'The Council & <u>Friends</u>, a body of *five* _members_ of the town, said the <img src=x onerror=alert(1)> bridge & {{c1::x}} road will reopen within a year.',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'hostile.yaml'),
    `format: 1
article:
  id: hostile-handout
  title: "Mayor <b>Smith</b> &amp; the *bridge* [vote]"
  source: "The <i>Daily</i> & Co"
  published: 2025-03-01
  text_file: hostile.txt
deck:
  name: "Tests::Hostile <script>"
actors:
  - id: eve
    name: "Eve\\t<script>alert(1)</script>\\nO'Neil"
    kind: person
    role: "the mayor \\"<img src=x onerror=alert(1)>\\" &\\twho says\\nno"
  - id: council
    name: "The Council & <u>Friends</u>"
    kind: organization
    role: "the body of *five* _members_ of the town"
quotes:
  - id: council-bridge
    speaker: council
    text: "the <img src=x onerror=alert(1)> bridge & {{c1::x}} road will reopen"
    cloze: ["{{c1::x}} road"]
claims:
  - id: heading
    claimant: eve
    stance: assertion
    text: "# Not a heading, and \`rm -rf\` is _not_ a plan"
    question: "# What is *not* a plan, according to <script>alert(1)</script>?"
    answer: "\`rm -rf\` & _friends_"
    disputed_by: [council]
    evidence: "\`rm -rf\` is _not_ a plan"
`,
  );
  return dir;
}

describe('a hostile annotation', () => {
  it('is printed as the literal text it is, in the page and in the Markdown', async () => {
    const dir = hostileFolder();
    const result = await build(dir, ['.', '--out', 'out', '--format', 'handout']);
    expect(result.status, result.stderr).toBe(0);
    const html = readFileSync(join(dir, 'out', 'hostile-handout.handout.html'), 'utf8');
    const md = readFileSync(join(dir, 'out', 'hostile-handout.handout.md'), 'utf8');
    const [deck] = decksOf(join(dir, 'hostile.yaml'));
    const cards = deck?.cards ?? [];
    // Every kind of card the tricks reach: a name and a role with a tab and a line break, a cloze, a question of the teacher's own.
    expect(cards.map((c) => c.template).sort()).toEqual([
      'actor-reverse',
      'actor-reverse',
      'actor-role',
      'actor-role',
      'claim-claimant',
      'claim-content',
      'quote-cloze',
      'quote-speaker',
    ]);

    // The page: no element or handler the annotation wrote, every trick shown as text.
    expect(html).not.toMatch(/<(script|img|b|i|u)[\s>]/i);
    expect(html).not.toContain('{{');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const page = await layOut(html);
    expect(page.elements.filter((name) => ['script', 'img', 'b', 'i', 'u', 'a'].includes(name))).toEqual([]);
    expect(page.handlers).toBe(0);
    expect(page.title).toBe('Tests › Hostile <script>');
    expect(page.questions.map((q) => q.number)).toEqual(['1.', '2.', '3.', '4.', '5.', '6.', '7.', '8.']);
    for (const literal of [
      'Mayor <b>Smith</b> &amp; the *bridge* [vote]',
      'The <i>Daily</i> & Co',
      "Who is Eve <script>alert(1)</script> O'Neil in this story?",
      'Who is the mayor "<img src=x onerror=alert(1)>" & who says no?',
      '# What is *not* a plan, according to <script>alert(1)</script>?',
      'The Council & <u>Friends</u>: “the <img src=x onerror=alert(1)> bridge & ________ will reopen”',
    ]) {
      expect(page.questions.map((q) => q.text).join('\n') + page.bodyText, literal).toContain(literal);
    }
    expect(page.answers.map((a) => a.text)).toContain('{{c1::x}} road');
    expect(page.answers.map((a) => a.text)).toContain('`rm -rf` & _friends_.');

    // The Markdown: no tag, no entity of the annotation's, no emphasis, link, code span or heading.
    expect(md).not.toContain('<');
    expect(md).not.toContain('\t');
    expect(md).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(md.split('\n').filter((line) => line.startsWith('#'))).toEqual([
      '# Tests › Hostile &lt;script&gt;',
      '## Mayor &lt;b&gt;Smith&lt;/b&gt; &amp;amp; the \\*bridge\\* \\[vote\\]',
      '## Answer key',
      '### Mayor &lt;b&gt;Smith&lt;/b&gt; &amp;amp; the \\*bridge\\* \\[vote\\]',
    ]);
    const lines = md.split('\n');
    expect(lines).toContain("1. Who is Eve &lt;script&gt;alert(1)&lt;/script&gt; O'Neil in this story?");
    expect(lines).toContain('2. Who is the mayor "&lt;img src=x onerror=alert(1)&gt;" & who says no?');
    expect(lines).toContain('3. \\# What is \\*not\\* a plan, according to &lt;script&gt;alert(1)&lt;/script&gt;?');
    expect(lines).toContain('4. Who said that \\# Not a heading, and \\`rm -rf\\` is \\_not\\_ a plan?');
    expect(lines).toContain('8. The Council & &lt;u&gt;Friends&lt;/u&gt;: “the &lt;img src=x onerror=alert(1)&gt; bridge & \\_\\_\\_\\_\\_\\_\\_\\_ will reopen”');
    expect(lines).toContain('3. \\`rm -rf\\` & \\_friends\\_.\\');
    // Outside the escapes, no character a renderer would act on.
    const unescaped = md.replace(/\\[\\`*_[\]#|~!]/g, '').replace(/^#{1,3} /gm, '').replace(/^ *\*Source:\* /gm, '');
    expect(unescaped).not.toMatch(/[`*_[\]]/);
  });
});

/**
 * pdftotext's pages (it ends each with a form feed), without white space:
 * Chromium breaks lines after a hyphen too ("Russia-" / "China"), so text is
 * compared with its spaces and line breaks left out.
 */
function pdfPages(file: string): string[] {
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  return text
    .split('\f')
    .slice(0, -1)
    .map(squeeze);
}

function squeeze(text: string): string {
  return text.replace(/\s+/g, '');
}

function pdfPageCount(pdf: Uint8Array): { pages: number; size: string } {
  const file = join(tempFolder('newsdeck-handout-pdf-'), 'page.pdf');
  writeFileSync(file, pdf);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return { pages: Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]), size: /^Page size:\s+(.*)$/m.exec(info)?.[1] ?? '' };
}

describe('newsdeck build --format pdf', () => {
  it('prints the questions first and the answers only from the answer key’s page on', async () => {
    const dir = tempFolder('newsdeck-handout-');
    const result = await build(dir, [SAMPLE_DECKS, '--out', 'out', '--format', 'pdf']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(`wrote out/${SAMPLE}.handout.pdf: 40 cards`);
    const file = join(dir, 'out', `${SAMPLE}.handout.pdf`);
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');

    const pages = pdfPages(file);
    const cards = decksOf(SAMPLE_DECKS).flatMap((d) => d.cards);
    const key = pages.findIndex((page) => page.includes(squeeze('Answer key')));
    const firstQuestion = pages.findIndex((page) => page.includes(squeeze(`1. ${cards[0]?.front ?? '?'}`)));
    expect(firstQuestion).toBe(0);
    expect(key).toBeGreaterThan(firstQuestion);
    expect(pages.slice(0, key).join('')).not.toContain(squeeze('Answer key'));
    // Every question on the pages before the key, each whole on one page.
    cards.forEach((card, i) => {
      const at = pages.findIndex((page) => page.includes(squeeze(`${i + 1}. ${card.front}`)));
      expect(at, card.identity).toBeGreaterThanOrEqual(0);
      expect(at, card.identity).toBeLessThan(key);
    });
    // An answer the questions do not themselves contain is printed only in the key.
    const asked = squeeze([...cards.map((c) => c.front), cards[0]?.source.title ?? '', cards[0]?.deck ?? ''].join(' ')).toLowerCase();
    const answers = [...new Set(cards.map((c) => squeeze(c.back)))].filter((answer) => !asked.includes(answer.toLowerCase().replace(/\.$/, '')));
    expect(answers.length).toBeGreaterThan(10);
    for (const answer of answers) {
      expect(pages.slice(0, key).some((page) => page.includes(answer)), answer).toBe(false);
      expect(pages.slice(key).some((page) => page.includes(answer)), answer).toBe(true);
    }
  });

  it('lays the same page out on Letter and on A4, over several pages', async () => {
    const [deck] = decksOf(SAMPLE_DECKS);
    if (deck === undefined) throw new Error('no sample deck');
    const { html } = handoutOf(unitOf(deck));
    const page = await browser.newPage();
    try {
      await page.setContent(html, { waitUntil: 'load' });
      // preferCSSPageSize as the build uses it: the page's CSS must leave the paper size to the printer.
      const letter = pdfPageCount(await page.pdf({ format: 'Letter', preferCSSPageSize: true, printBackground: true }));
      const a4 = pdfPageCount(await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true }));
      expect(letter.size).toContain('(letter)');
      expect(a4.size).toContain('(A4)');
      expect(letter.pages).toBeGreaterThanOrEqual(2);
      expect(a4.pages).toBeGreaterThanOrEqual(2);
    } finally {
      await page.close();
    }
  });

  it('writes nothing at all when there is no Chromium, and says how to get one', async () => {
    const dir = tempFolder('newsdeck-handout-');
    const result = await build(dir, [SAMPLE_DECKS, '--out', 'out', '--format', 'handout,pdf'], { CHROMIUM: join(dir, 'no-chromium') });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`the PDF needs Chromium, and there is none at ${join(dir, 'no-chromium')}`);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});

describe('the handout files', () => {
  it('are the same bytes on every build, whenever it runs', async () => {
    const bytes = async (epoch: string): Promise<Buffer[]> => {
      const dir = tempFolder('newsdeck-handout-');
      const result = await build(dir, [SAMPLE_DECKS, FIXTURE, '--out', 'out', '--format', 'handout', '--one-deck', 'Class 10B'], { SOURCE_DATE_EPOCH: epoch });
      expect(result.status, result.stderr).toBe(0);
      return ['.handout.html', '.handout.md'].map((suffix) => readFileSync(join(dir, 'out', `class-10b${suffix}`)));
    };
    const [first, second] = [await bytes('1750000000'), await bytes('1760000000')];
    expect(first.map((b) => b.length).every((n) => n > 1000)).toBe(true);
    expect(second.map((b, i) => b.equals(first[i] as Buffer))).toEqual([true, true]);
  });
});
