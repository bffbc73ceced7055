/**
 * The review page, opened in Debian's Chromium the way a teacher opens it
 * (a file:// page): every item with a span is highlighted once, with its
 * cards beside it, a card's back shows on a click, the family filter hides
 * the other families, the dropped cards are listed, and nothing an
 * annotation says runs as code or makes the page fetch anything.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARD_FAMILIES, type Annotation, type Passage } from '../../src/annotation/index.js';
import { loadDecks, type LoadedDeck } from '../../src/cli/load.js';
import { main } from '../../src/cli/main.js';
import { reviewFiles } from '../../src/outputs/review.js';
import type { OutputUnit } from '../../src/outputs/index.js';
import { fakeIo } from '../helpers/io.js';
import { tempFolder } from '../helpers/tmp.js';

const SAMPLE = 'china-trump-russia-pivot';
const SAMPLE_DECKS = new URL('../../decks/', import.meta.url).pathname;
const FIXTURE_ARTICLES = new URL('../fixtures/articles/', import.meta.url).pathname;
const FIXTURE = 'aretha-franklin-dies';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

function deckOf(path: string): LoadedDeck {
  const [deck] = loadDecks([path], fakeIo().io);
  if (deck === undefined) throw new Error(`no deck in ${path}`);
  return deck;
}

function unitOf(decks: readonly LoadedDeck[]): OutputUnit {
  const articles = decks.map((d) => ({ annotation: d.annotation, cards: d.cards, dropped: d.dropped, advice: d.advice }));
  return { name: 'review', title: decks.map((d) => d.annotation.deck.name).join(' + '), cards: articles.flatMap((a) => a.cards), articles };
}

function pageHtml(unit: OutputUnit): string {
  const files = reviewFiles(unit);
  expect(files.map((f) => f.suffix)).toEqual(['.review.html']);
  return String(files[0]?.data);
}

interface Opened {
  page: Page;
  /** Requests for anything but the page's own file (or a data: URL). */
  outside: string[];
  dialogs: string[];
}

/** Opens the page from a file, as a teacher does, counting every request that would leave it. */
async function open(html: string): Promise<Opened> {
  const file = join(tempFolder('newsdeck-review-'), 'page.review.html');
  writeFileSync(file, html);
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  const outside: string[] = [];
  const dialogs: string[] = [];
  const local = (url: string): boolean => url.startsWith('file:') || url.startsWith('data:');
  page.on('request', (request) => {
    if (!local(request.url())) outside.push(request.url());
  });
  await page.route('**/*', (route) => (local(route.request().url()) ? route.continue() : route.abort()));
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, outside, dialogs };
}

/** The items with a span in the article, by `family:id`, with their span. */
function spannedItems(annotation: Annotation): Map<string, Passage> {
  const items = new Map<string, Passage>();
  for (const q of annotation.quotes) items.set(`quotes:${q.id}`, q.passage);
  for (const family of ['claims', 'events', 'terms', 'facts'] as const) {
    for (const item of annotation[family]) if (item.evidence !== undefined) items.set(`${family}:${item.id}`, item.evidence);
  }
  return items;
}

async function attributes(page: Page, selector: string, name: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((els, attr) => els.map((el) => el.getAttribute(attr) ?? ''), name);
}

describe.each([
  ['the sample deck', join(SAMPLE_DECKS, `${SAMPLE}.yaml`)],
  ['a fixture article', join(FIXTURE_ARTICLES, `${FIXTURE}.yaml`)],
])('the review page of %s', (_, path) => {
  it('highlights every item with a span once, its segments spelling the span, with its cards beside it', async () => {
    const deck = deckOf(path);
    const html = pageHtml(unitOf([deck]));
    const { page, outside } = await open(html);
    const expected = spannedItems(deck.annotation);
    expect(expected.size).toBeGreaterThan(20);

    // One block per item beside the text, and the highlights name exactly those items.
    const blocks = await attributes(page, '.text .item', 'data-item');
    expect(blocks.sort()).toEqual([...expected.keys()].sort());
    const segments = await page.locator('mark[data-items]').evaluateAll((marks) => marks.map((m) => [m.getAttribute('data-items') ?? '', m.textContent ?? '', m.parentElement?.matches('p.para') ?? false] as const));
    const spelled = new Map<string, string>();
    for (const [keys, text, inParagraph] of segments) {
      expect(inParagraph, 'a highlight sits directly in its paragraph, never inside another').toBe(true);
      for (const key of keys.split(' ')) spelled.set(key, (spelled.get(key) ?? '') + text);
    }
    expect([...spelled.keys()].sort()).toEqual([...expected.keys()].sort());
    // Overlapping spans are cut into segments, yet each item's segments read as its span (line breaks end a paragraph).
    for (const [key, passage] of expected) expect(spelled.get(key), key).toBe(passage.span.replace(/\n/g, ''));
    expect(segments.some(([keys]) => keys.includes(' ')), 'these articles have overlapping spans').toBe(true);
    // What the parser built is what the writer wrote: no mark dropped or repaired into two.
    expect(html.match(/<mark /g)?.length).toBe(segments.length);

    // Each highlight's cards are listed in its block, and every card of the deck is on the page once.
    for (const key of expected.keys()) {
      const [family, itemId] = key.split(':');
      const cards = deck.cards.filter((c) => c.family === family && c.itemId === itemId).map((c) => c.identity);
      expect(await attributes(page, `.text .item[data-item="${key}"] details.card`, 'data-card'), key).toEqual(cards);
    }
    expect((await attributes(page, 'details.card', 'data-card')).sort()).toEqual(deck.cards.map((c) => c.identity).sort());
    // Actor cards have no span: they are in the Actors section.
    expect((await attributes(page, '.blocks .item[data-family="actors"]', 'data-item')).sort()).toEqual(deck.annotation.actors.map((a) => `actors:${a.id}`).sort());
    const ids = await attributes(page, '[id]', 'id');
    expect(new Set(ids).size).toBe(ids.length);
    expect(outside).toEqual([]);
    await page.close();
  });

  it('shows a card’s back only after a click, and the family filter hides the other families', async () => {
    const deck = deckOf(path);
    const { page, outside } = await open(pageHtml(unitOf([deck])));
    const claim = deck.cards.find((c) => c.family === 'claims' && c.source.sentence !== undefined);
    if (claim === undefined) throw new Error('no claim card with a source');
    const card = page.locator(`details.card[data-card="${claim.identity}"]`);
    await expect.poll(() => card.locator('.back').isVisible()).toBe(false);
    await expect.poll(() => card.locator('.front').isVisible()).toBe(true);
    await card.locator('summary').click();
    await expect.poll(() => card.locator('.back').isVisible()).toBe(true);
    const back = await card.locator('.back').innerText();
    expect(back).toContain(claim.answer.text);
    expect(back).toContain(claim.source.sentence);

    // Only quotes: every other family's cards, blocks and highlights are hidden.
    for (const family of CARD_FAMILIES) if (family !== 'quotes') await page.locator(`input[data-filter][value="${family}"]`).uncheck();
    const visibleFamilies = await page.locator('details.card').evaluateAll((cards) =>
      cards.filter((c) => (c as unknown as { checkVisibility(): boolean }).checkVisibility()).map((c) => c.getAttribute('data-family')),
    );
    expect(visibleFamilies.length).toBe(deck.cards.filter((c) => c.family === 'quotes').length);
    expect(new Set(visibleFamilies)).toEqual(new Set(['quotes']));
    expect(await card.isVisible()).toBe(false);
    const marks = await page.locator('mark[data-families]').evaluateAll((ms) => ms.map((m) => [m.getAttribute('data-families') ?? '', m.classList.contains('off')] as const));
    for (const [families, off] of marks) expect(off, families).toBe(!families.split(' ').includes('quotes'));
    expect(await page.locator('.item[data-family="actors"]').first().isVisible()).toBe(false);
    // And back again.
    await page.locator('input[data-filter][value="claims"]').check();
    expect(await card.isVisible()).toBe(true);
    expect(outside).toEqual([]);
    await page.close();
  });

  it('lists the dropped cards and the warnings with their reasons', async () => {
    const deck = deckOf(path);
    expect(deck.dropped.length).toBeGreaterThan(0);
    const { page } = await open(pageHtml(unitOf([deck])));
    const dropped = await page.locator('ul.dropped li').allInnerTexts();
    expect(dropped.length).toBe(deck.dropped.length);
    deck.dropped.forEach((d, i) => {
      expect(dropped[i]).toContain(d.identity);
      expect(dropped[i]).toContain(d.reason);
    });
    const advice = await page.locator('ul.advice li').allInnerTexts();
    expect(advice.length).toBe(deck.advice.length);
    deck.advice.forEach((a, i) => {
      expect(advice[i]).toContain(`${a.pos.line}:${a.pos.col}`);
      expect(advice[i]).toContain(a.message);
      expect(advice[i]).toContain(a.hint);
    });
    await page.close();
  });
});

describe('the review page of several articles (build --one-deck)', () => {
  it('has a section per article, with ids that never collide', async () => {
    const decks = [deckOf(join(SAMPLE_DECKS, `${SAMPLE}.yaml`)), deckOf(join(FIXTURE_ARTICLES, `${FIXTURE}.yaml`))];
    const { page, outside } = await open(pageHtml(unitOf(decks)));
    expect(await page.locator('section.article h2').allInnerTexts()).toEqual(decks.map((d) => d.annotation.article.title));
    const ids = await attributes(page, '[id]', 'id');
    expect(new Set(ids).size).toBe(ids.length);
    expect(await page.locator('details.card').count()).toBe(decks[0]!.cards.length + decks[1]!.cards.length);
    expect(outside).toEqual([]);
    await page.close();
  });
});

const HOSTILE_ARTICLE = [
  `Headline <script>alert('article')</script> & "more" 'here'`,
  `Eve <img src="http://example.invalid/a.png" onerror="alert('img')"> said “we will {{c1::win}} &`,
  `<b>never</b> stop” on Monday.`,
  '',
  `The council voted <script>alert('claim')</script> to raise taxes & fees on 3 March 2024.`,
  '',
].join('\n');

const HOSTILE_YAML = `format: 1
article:
  id: hostile
  title: "<script>alert('title')</script> & {{c1::x}}"
  source: "<img src=x onerror=alert('source')>"
  published: 2024-03-04
  text_file: article.txt
deck:
  name: "Hostile <script>alert('deck')</script>"
actors:
  - id: eve
    name: "Eve <script>alert('name')</script>\\nMallory & \\"Co\\""
    kind: person
    role: "the <img src=http://example.invalid/r.png onerror=alert('role')> spokesperson\\nof {{c1::x}} & 'friends'"
  - id: council
    name: "The <b>council</b>"
    kind: organization
    role: the council
quotes:
  - id: never-stop
    speaker: eve
    text: "we will {{c1::win}} & <b>never</b> stop"
    context: "<script>alert('context')</script>"
    cloze: [stop]
claims:
  - id: taxes
    claimant: article
    stance: assertion
    text: "The council voted <script>alert('claim')</script> to raise taxes"
    question: "What did the council vote <script>alert('q')</script> to raise?"
    answer: "Taxes & <i>fees</i>"
    evidence: "The council voted <script>alert('claim')</script> to raise taxes & fees"
events:
  - id: vote
    what: "The council voted <script>alert('event')</script> to raise taxes"
    when: 2024-03-03
    actors: [council]
    evidence: "raise taxes & fees on 3 March 2024"
facts:
  - id: no-span
    question: "What is <script>alert('fact')</script>?"
    answer: "{{c1::x}} & <img src=x onerror=alert('fact')>"
`;

function hostileFolder(): string {
  const dir = tempFolder('newsdeck-review-hostile-');
  writeFileSync(join(dir, 'article.txt'), HOSTILE_ARTICLE);
  writeFileSync(join(dir, 'hostile.yaml'), HOSTILE_YAML);
  return dir;
}

describe('the review page of a hostile annotation', () => {
  it('shows every string as text: nothing runs, nothing is fetched, one script', async () => {
    const dir = hostileFolder();
    const { io, stderr } = fakeIo({ cwd: dir });
    expect(await main(['review', 'hostile.yaml'], io), stderr()).toBe(0);
    const html = readFileSync(join(dir, 'hostile.review.html'), 'utf8');
    const { page, outside, dialogs } = await open(html);
    // Click and hover everything a teacher would: no handler an annotation wrote may fire.
    for (const summary of await page.locator('summary').all()) await summary.click();
    for (const mark of await page.locator('mark').all()) await mark.click();
    await page.locator('.item').first().hover();

    expect(dialogs).toEqual([]);
    expect(outside).toEqual([]);
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.locator('img, [onerror], i').count()).toBe(0);
    await expect.poll(() => page.getByText(`<script>alert('article')</script>`).first().isVisible()).toBe(true);
    await expect.poll(() => page.getByText(`<script>alert('name')</script>`).first().isVisible()).toBe(true);
    const text = await page.locator('body').innerText();
    for (const literal of [`<img src="http://example.invalid/a.png" onerror="alert('img')">`, '{{c1::win}}', `Taxes & <i>fees</i>`, `"more" 'here'`, '<b>never</b> stop']) {
      expect(text).toContain(literal);
    }
    // The quote runs over a line break: it is highlighted in both paragraphs, and its block is beside the first.
    const quote = await page.locator('mark[data-items~="quotes:never-stop"]').allTextContents();
    expect(quote.join('')).toBe('we will {{c1::win}} &<b>never</b> stop');
    expect(await page.locator('mark[data-items~="quotes:never-stop"]').count()).toBe(2);
    // Braces reach the page as entities only: nothing in the file reads as a cloze.
    expect(html).not.toContain('{{');
    // The fact without evidence is in its own section, not lost.
    expect(await page.locator('.item[data-item="facts:no-span"]').count()).toBe(1);
    expect(await page.locator('.text .item[data-item="facts:no-span"]').count()).toBe(0);
    await page.close();
  });
});

describe('newsdeck review', () => {
  function workspace(): string {
    const dir = tempFolder('newsdeck-review-cli-');
    cpSync(SAMPLE_DECKS, join(dir, 'decks'), { recursive: true });
    return dir;
  }

  it('writes <article id>.review.html in the current folder, the same bytes on every run and as build --format review', async () => {
    const dir = workspace();
    const first = fakeIo({ cwd: dir });
    expect(await main(['review', 'decks'], first.io), first.stderr()).toBe(0);
    expect(first.stdout()).toMatch(new RegExp(`^wrote ${SAMPLE}\\.review\\.html: \\d+ cards, \\d+ dropped, \\d+ warnings\\n$`));
    const bytes = readFileSync(join(dir, `${SAMPLE}.review.html`));
    expect(bytes.toString('utf8')).toContain('<meta http-equiv="Content-Security-Policy"');

    const again = fakeIo({ cwd: dir, now: () => new Date('2031-05-05T10:00:00Z') });
    expect(await main(['review', 'decks'], again.io)).toBe(0);
    expect(readFileSync(join(dir, `${SAMPLE}.review.html`)).equals(bytes)).toBe(true);

    const build = fakeIo({ cwd: dir, env: { SOURCE_DATE_EPOCH: '1750000000' } });
    expect(await main(['build', 'decks', '--out', 'out', '--format', 'review'], build.io), build.stderr()).toBe(0);
    expect(readdirSync(join(dir, 'out'))).toEqual([`${SAMPLE}.review.html`]);
    expect(readFileSync(join(dir, 'out', `${SAMPLE}.review.html`)).equals(bytes)).toBe(true);
  });

  it('writes to --out FILE for one article, and into --out DIR for several', async () => {
    const dir = workspace();
    mkdirSync(join(dir, 'decks', 'articles'));
    cpSync(join(FIXTURE_ARTICLES, `${FIXTURE}.yaml`), join(dir, 'decks', `${FIXTURE}.yaml`));
    cpSync(join(FIXTURE_ARTICLES, 'articles', `${FIXTURE}.txt`), join(dir, 'decks', 'articles', `${FIXTURE}.txt`));

    const one = fakeIo({ cwd: dir });
    expect(await main(['review', `decks/${SAMPLE}.yaml`, '--out', 'check/sample.html'], one.io), one.stderr()).toBe(0);
    expect(readdirSync(join(dir, 'check'))).toEqual(['sample.html']);

    const several = fakeIo({ cwd: dir });
    expect(await main(['review', 'decks', '--out', 'pages'], several.io), several.stderr()).toBe(0);
    expect(readdirSync(join(dir, 'pages')).sort()).toEqual([`${FIXTURE}.review.html`, `${SAMPLE}.review.html`]);
    expect(readFileSync(join(dir, 'pages', `${SAMPLE}.review.html`)).equals(readFileSync(join(dir, 'check', 'sample.html')))).toBe(true);
  });

  it('gives the usual positioned error for a bad annotation and writes nothing', async () => {
    const dir = workspace();
    const yamlPath = join(dir, 'decks', `${SAMPLE}.yaml`);
    writeFileSync(yamlPath, readFileSync(yamlPath, 'utf8').replace('speaker: wang-yi', 'speaker: wang-yu'));
    const { io, stderr } = fakeIo({ cwd: dir });
    expect(await main(['review', 'decks'], io)).toBe(1);
    expect(stderr()).toMatch(/decks\/china-trump-russia-pivot\.yaml:\d+:\d+: unknown-actor: no actor has the id 'wang-yu'; did you mean 'wang-yi'\?/);
    expect(stderr()).toMatch(/nothing was written/);
    expect(readdirSync(dir)).toEqual(['decks']);
    expect(existsSync(join(dir, `${SAMPLE}.review.html`))).toBe(false);
  });

  it('has usage text and a place in the command list', async () => {
    const help = fakeIo();
    expect(await main(['review', '--help'], help.io)).toBe(0);
    expect(help.stdout()).toMatch(/^Usage: newsdeck review \[--out FILE\|DIR\] FILE\|DIR\.\.\./);
    const list = fakeIo();
    expect(await main(['--help'], list.io)).toBe(0);
    expect(list.stdout()).toMatch(/^ {2}review /m);
  });
});
