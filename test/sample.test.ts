/**
 * The sample annotation (decks/china-trump-russia-pivot.yaml) checked the way
 * a reader of the article would check it: the right people with the right
 * roles, every quoted phrase with its speaker, the dates, the terms.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAnnotation } from '../src/annotation/index.js';
import type { Actor, Annotation } from '../src/annotation/model.js';

const DECKS = join(dirname(fileURLToPath(import.meta.url)), '..', 'decks');
const FILE = 'china-trump-russia-pivot.yaml';
const ARTICLE = readFileSync(join(DECKS, 'china-trump-russia-pivot.txt'), 'utf8');

/** The article's own equivalences: curly/straight quotes, dashes, white space runs. */
function plain(s: string): string {
  return s
    .replace(/[‘’‚‛′`´]/gu, "'")
    .replace(/[“”„‟″«»]/gu, '"')
    .replace(/[‐‑‒–—―−]/gu, '-')
    .replace(/\s+/gu, ' ')
    .trim();
}

/**
 * Every phrase the article puts in double quotation marks, in article order,
 * found by reading the text, with who the article says used it. Punctuation the
 * article places inside the closing mark (“normal trade.”, “uncomfortable with,”)
 * is not part of the quote.
 */
const EXPECTED_QUOTES: ReadonlyArray<{ text: string; speaker: string }> = [
  { text: 'normal trade', speaker: 'china' }, // China defends its “normal trade.”
  { text: 'old friend', speaker: 'xi-jinping' }, // his “old friend” Putin
  { text: 'agreement', speaker: 'chinese-officials' }, // Chinese officials … voiced approval of the “agreement”
  { text: 'China supports all efforts conducive to peace talks', speaker: 'wang-yi' },
  { text: 'geopolitical and economic cooperation', speaker: 'marco-rubio' },
  { text: 'to force', speaker: 'keith-kellogg' },
  { text: 'uncomfortable with', speaker: 'keith-kellogg' },
];

let annotation: Annotation;

beforeAll(() => {
  const source = readFileSync(join(DECKS, FILE), 'utf8');
  const result = loadAnnotation(source, {
    file: FILE,
    readText: (relativePath) => readFileSync(join(DECKS, relativePath)),
  });
  if (!result.ok) {
    throw new Error(`the sample annotation does not load:\n${JSON.stringify(result.errors, null, 2)}`);
  }
  annotation = result.annotation;
});

function actor(id: string): Actor {
  const found = annotation.actors.find((a) => a.id === id);
  if (found === undefined) throw new Error(`no actor ${id}`);
  return found;
}

describe('the sample annotation', () => {
  it('loads with its article', () => {
    expect(annotation.format).toBe(1);
    expect(annotation.article.id).toBe('china-trump-russia-pivot');
    expect(annotation.article.title).toBe("What China fears most about Trump's turn toward Russia");
    expect(annotation.article.source).toBe('CNN');
    expect(annotation.article.published).toBe('2025-02-20');
    expect(plain(annotation.article.text)).toBe(plain(ARTICLE));
    expect(annotation.deck.name).toContain('::');
  });

  it('names the people of the article with the roles the article gives them', () => {
    const expectations: Array<[string, string, RegExp, Actor['kind']]> = [
      ['wang-yi', 'Wang Yi', /China's top diplomat/i, 'person'],
      ['marco-rubio', 'Marco Rubio', /top US diplomat/i, 'person'],
      ['keith-kellogg', 'Keith Kellogg', /Trump administration's Russia-Ukraine envoy/i, 'person'],
      ['xi-jinping', 'Xi Jinping', /Chinese leader/i, 'person'],
      ['vladimir-putin', 'Vladimir Putin', /Russian President/i, 'person'],
      ['donald-trump', 'Donald Trump', /US President/i, 'person'],
      ['nato', 'NATO', /alliance/i, 'organization'],
    ];
    for (const [id, name, role, kind] of expectations) {
      const a = actor(id);
      expect(a.name).toBe(name);
      expect(a.kind).toBe(kind);
      expect(plain(a.role)).toMatch(role);
    }
  });

  it('knows the countries by the names the article uses for them', () => {
    expect(actor('china').aliases).toContain('Beijing');
    expect(actor('russia').aliases).toContain('Moscow');
    expect(actor('united-states').aliases).toEqual(expect.arrayContaining(['Washington', 'US']));
    expect(actor('ukraine').aliases).toContain('Kyiv');
    expect(actor('soviet-union').aliases).toContain('Soviet Russia');
    for (const id of ['china', 'russia', 'united-states', 'ukraine', 'iran', 'north-korea', 'saudi-arabia']) {
      expect(actor(id).kind).toBe('country');
    }
  });

  it('never puts an actor\'s own name or alias into its role', () => {
    for (const a of annotation.actors) {
      for (const name of [a.name, ...a.aliases]) {
        const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        expect(a.role, `${a.id}: ${name}`).not.toMatch(new RegExp(`\\b${escaped}\\b`, 'i'));
      }
    }
  });

  it('lists every phrase the article quotes in double quotation marks', () => {
    const inArticle = [...ARTICLE.matchAll(/“([^”]+)”/gu)].map((m) => plain(m[1] ?? '').replace(/[.,;:]+$/u, ''));
    expect(inArticle).toEqual(EXPECTED_QUOTES.map((q) => q.text));
  });

  it('attributes each quoted phrase to the right speaker', () => {
    for (const expected of EXPECTED_QUOTES) {
      const quotes = annotation.quotes.filter((q) => plain(q.text) === expected.text);
      expect(quotes, expected.text).toHaveLength(1);
      expect(quotes[0]?.speaker.id, expected.text).toBe(expected.speaker);
    }
    expect(annotation.quotes).toHaveLength(EXPECTED_QUOTES.length);
  });

  it('keeps the context of the quotes', () => {
    const wang = annotation.quotes.find((q) => q.speaker.id === 'wang-yi');
    expect(wang?.context).toMatch(/United Nations Security Council/);
    expect(wang?.passage.sentence).toMatch(/Wang Yi said at a meeting of the United Nations Security Council Tuesday/);
    for (const q of annotation.quotes.filter((quote) => quote.speaker.id === 'keith-kellogg')) {
      expect(q.context).toMatch(/panel discussion in Munich/);
    }
  });

  it('blanks only words of the quote in cloze cards', () => {
    for (const q of annotation.quotes) {
      for (const word of q.cloze) expect(plain(q.text)).toContain(plain(word));
    }
  });

  it('attributes the claims to their claimants', () => {
    const claim = (id: string) => {
      const found = annotation.claims.find((c) => c.id === id);
      if (found === undefined) throw new Error(`no claim ${id}`);
      return found;
    };
    const claimantId = (id: string) => {
      const c = claim(id).claimant;
      return c === 'article' ? 'article' : c.id;
    };
    expect(claimantId('nato-dual-use')).toBe('nato');
    expect(claim('nato-dual-use').stance).toBe('accusation');
    expect(claim('nato-dual-use').disputedBy.map((a) => a.id)).toContain('china');
    expect(claimantId('china-defends-normal-trade')).toBe('china');
    expect(claim('china-defends-normal-trade').stance).toBe('denial');
    expect(claimantId('observers-skeptical-split')).toBe('observers');
    expect(claim('observers-skeptical-split').stance).toBe('assessment');
    expect(claimantId('observers-surprised-chinese-officials')).toBe('observers');
    expect(claimantId('china-voice-global-south')).toBe('china');
    expect(claimantId('trump-work-with-xi')).toBe('donald-trump');
    expect(claimantId('kellogg-force-putin')).toBe('keith-kellogg');
    expect(claimantId('xi-lost-europe-trust')).toBe('article');
    for (const c of annotation.claims) {
      expect(c.evidence, c.id).toBeDefined();
      if (c.question !== undefined && c.answer !== undefined) {
        expect(c.question.toLowerCase(), c.id).not.toContain(c.answer.toLowerCase());
      }
    }
  });

  it('dates the events as the article and its publication date fix them', () => {
    const when = (id: string) => annotation.events.find((e) => e.id === id)?.when;
    expect(when('wang-yi-security-council')).toBe('2025-02-18');
    expect(when('riyadh-talks')).toBe('2025-02-18');
    expect(when('kellogg-munich-panel')).toBe('14–16 February 2025');
    expect(when('russia-invades-ukraine')).toBe('2022-02-24');
    expect(when('border-conflict-1969')).toBe('1969');
    expect(when('border-disputes-resolved')).toBe('1990s');
    const riyadh = annotation.events.find((e) => e.id === 'riyadh-talks');
    expect(riyadh?.where).toMatch(/Riyadh/);
    expect(riyadh?.actors.map((a) => a.id)).toEqual(expect.arrayContaining(['united-states', 'russia']));
    const border = annotation.events.find((e) => e.id === 'border-conflict-1969');
    expect(border?.actors.map((a) => a.id)).toEqual(expect.arrayContaining(['soviet-union', 'china']));
  });

  it('defines the terms the article uses', () => {
    const terms = new Map(annotation.terms.map((t) => [t.term, t]));
    for (const term of ['reverse Nixon', 'Global South', 'dual-use goods']) {
      const t = terms.get(term);
      expect(t, term).toBeDefined();
      expect(t?.definition.length, term).toBeGreaterThan(20);
      expect(t?.evidence, term).toBeDefined();
    }
    expect(terms.get('reverse Nixon')?.evidence?.span).toBe('A ‘reverse Nixon’?');
  });

  it('uses each id once across the whole file', () => {
    const ids = [
      ...annotation.actors,
      ...annotation.quotes,
      ...annotation.claims,
      ...annotation.events,
      ...annotation.terms,
    ].map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
