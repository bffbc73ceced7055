/**
 * Issue 13, item 5: Anki's own markup in an article or an annotation reaches
 * the package as text that Anki shows and does not act on: no sound played, no
 * LaTeX run, no MathJax typeset, no template or cloze read, no HTML in deck names.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { ankiDeckName, fieldHtml, stripHtml } from '../../src/anki/text.js';
import { clozeNumbers, openPackage, stripHtmlForTest } from '../anki/read-package.js';
import { LIVE_ANKI_MARKUP } from '../anki/anki-rules.js';
import { fakeIo } from '../helpers/io.js';
import { tempFolder } from '../helpers/tmp.js';

const SAMPLE = 'china-trump-russia-pivot';
const repoDecks = new URL('../../decks/', import.meta.url).pathname;

/** What an annotator or an article might hold, each piece live markup to some part of Anki. */
const MARKUP = '[sound:evil.mp3] [anki:play:q:0] [$]x^2[/$] [$$]y[/$$] [latex]\\input{/etc/passwd}[/latex] \\(a+b\\) \\[c\\] {{Front}} {{c2::z}}';
const TITLE_MARKUP = '[sound:t.mp3] \\(t\\) {{Back}}';
const ARTICLE_URL = 'https://example.org/a[sound:u.mp3]';
const DECK = 'Current Affairs::<b>China</b> <img src=x onerror=alert(1)>';

async function buildWithMarkup(): Promise<{ flds: string[]; decks: string[] }> {
  const dir = tempFolder('newsdeck-markup-');
  cpSync(repoDecks, join(dir, 'decks'), { recursive: true });
  const textPath = join(dir, 'decks', `${SAMPLE}.txt`);
  const text = readFileSync(textPath, 'utf8');
  expect(text).toContain('Days earlier, the Trump');
  // A function, not a string: `$$` in a replacement string would stand for one `$`.
  writeFileSync(textPath, text.replace('Days earlier, the Trump', () => `Days earlier ${MARKUP}, the Trump`));
  const yamlPath = join(dir, 'decks', `${SAMPLE}.yaml`);
  const yaml = readFileSync(yamlPath, 'utf8')
    .replace(/^ {2}title: .*$/m, () => `  title: ${JSON.stringify(`What China fears ${TITLE_MARKUP}`)}\n  url: ${JSON.stringify(ARTICLE_URL)}`)
    .replace(/^ {2}name: .*$/m, () => `  name: ${JSON.stringify(DECK)}`);
  writeFileSync(yamlPath, yaml);
  const { io, stderr } = fakeIo({ cwd: dir, env: { SOURCE_DATE_EPOCH: '1750000000' } });
  expect(await main(['build', 'decks', '--out', 'out'], io), stderr()).toBe(0);
  const pkg = await openPackage(readFileSync(join(dir, 'out', `${SAMPLE}.apkg`)));
  const flds = pkg.rows('select flds from notes').map((r) => String(r.flds));
  const decks = Object.values(pkg.colJson('decks')).map((d) => (d as { name: string }).name);
  pkg.close();
  return { flds, decks };
}

describe('Anki markup in the package', () => {
  it('reaches no note field in a form Anki acts on, and shows as the text typed', async () => {
    const { flds, decks } = await buildWithMarkup();
    const joined = flds.join('\n');
    // The markup is in the package (the article's sentence and the source line of every note) …
    const decoded = flds.map((f) => stripHtmlForTest(f).replace(/\u2060/g, ''));
    expect(decoded.some((f) => f.includes(`Days earlier ${MARKUP}, the Trump`))).toBe(true);
    expect(decoded.every((f) => f.includes(`What China fears ${TITLE_MARKUP}`))).toBe(true);
    expect(joined).toContain(`href="https://example.org/a&#91;sound:u.mp3]"`);
    // … but none of it as markup: not in the stored HTML, where Anki's sound, LaTeX, template and cloze parsers look …
    for (const [what, pattern] of LIVE_ANKI_MARKUP) expect(joined, what).not.toMatch(pattern);
    for (const f of flds) expect(clozeNumbers(f).every((n) => n === 1)).toBe(true);
    // … and no MathJax delimiter in the text the browser shows, where MathJax looks (entities decoded).
    for (const f of flds) expect(stripHtmlForTest(f)).not.toMatch(/\\[()[\]]/);
    // Deck names carry no HTML: Anki 2.1.16 shows them as HTML, today's Anki as text.
    for (const name of decks) expect(name).not.toMatch(/[<>]/);
    expect(decks).toContain('Current Affairs::‹b›China‹/b› ‹img src=x onerror=alert(1)›');
  });
});

describe('fieldHtml and ankiDeckName', () => {
  it('encode every opening of Anki markup and leave plain text readable', () => {
    expect(fieldHtml('[sound:a.mp3]')).toBe('&#91;sound:a.mp3]');
    expect(fieldHtml('\\(x\\) and \\[y\\]')).toBe('&#92;&#8288;(x&#92;&#8288;) and &#92;&#8288;&#91;y&#92;&#8288;]');
    expect(fieldHtml('C:\\temp')).toBe('C:&#92;temp');
    expect(fieldHtml('{{Front}}')).toBe('&#123;&#123;Front&#125;&#125;');
    expect(fieldHtml('Rubio [the top US diplomat] said')).toBe('Rubio &#91;the top US diplomat] said');
    expect(ankiDeckName('News::<i>Le Monde</i>')).toBe('News::‹i›Le Monde‹/i›');
    // Anki trims colons off each part as it trims spaces (found by the hostile fuzz: ':Current Affairs' was imported as 'Current Affairs').
    expect(ankiDeckName(':Current Affairs:::Environment: :: : x')).toBe('Current Affairs::Environment::x');
    expect(ankiDeckName('a:: : ::b')).toBe('a::blank::b');
  });
});

describe("the sort field's entity decoding", () => {
  it('decodes the named entities it knows and leaves any other name, even one of Object.prototype, as written', () => {
    expect(stripHtml('a &amp; b &LT;i&gt; &nbsp;c')).toBe('a & b <i> \u00a0c'.replace('\u00a0', ' '));
    expect(stripHtml('&constructor; &tostring; &valueof; &hasownproperty; &eacute;')).toBe('&constructor; &tostring; &valueof; &hasownproperty; &eacute;');
  });
});
