/**
 * What a valid annotation loads as: the equivalences the format allows when
 * matching verbatim spans (and the ones it does not), scalars read as written,
 * the defaults, and the sample deck of the project.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CARD_FAMILIES, loadAnnotation } from '../../src/annotation/index.js';
import { annotationOf, ARTICLE, DECKS, errorsOf, loadFixture, loadText, MINIMAL } from './fixture.js';

/** MINIMAL plus one quote of Wang Yi, matched against `article`. */
function quoteOf(text: string, article: string) {
  const source = `${MINIMAL}quotes:\n  - id: q\n    speaker: wang-yi\n    text: ${JSON.stringify(text)}\n`;
  return loadText(source, { readText: () => article });
}

describe('a valid annotation', () => {
  it('loads the fixture with every family of item', () => {
    const annotation = annotationOf(loadFixture('valid.yaml'));
    expect(annotation.file).toBe('valid.yaml');
    expect(annotation.format).toBe(1);
    expect(annotation.article.textFile).toBe('article.txt');
    expect([annotation.actors, annotation.quotes, annotation.claims, annotation.events, annotation.terms].map((l) => l.length)).toEqual([2, 1, 1, 1, 1]);
    expect(annotation.quotes[0]?.speaker.id).toBe('wang-yi');
    expect(annotation.claims[0]?.claimant).toMatchObject({ id: 'nato' });
    expect(annotation.actors.map((a) => a.pos)).toEqual([
      { line: 8, col: 5 },
      { line: 12, col: 5 },
    ]);
  });

  it('loads the sample deck of the project', () => {
    const source = readFileSync(resolve(DECKS, 'china-trump-russia-pivot.yaml'));
    const result = loadAnnotation(source, {
      file: 'china-trump-russia-pivot.yaml',
      readText: (relativePath) => readFileSync(resolve(DECKS, relativePath)),
    });
    const annotation = annotationOf(result);
    expect(annotation.article.id).toBe('china-trump-russia-pivot');
    expect(annotation.article.published).toBe('2025-02-20');
    expect(annotation.events.find((e) => e.id === 'border-conflict-1969')?.when).toBe('1969');
  });
});

describe('facts', () => {
  it('load with their question, answer, other answers and evidence passage', () => {
    const annotation = annotationOf(loadFixture('facts.yaml'));
    expect(annotation.actors.map((a) => a.id)).toEqual(['nato']);
    expect(annotation.facts).toEqual([
      {
        id: 'border-clash-year',
        tags: ['history', 'border'],
        skip: [],
        pos: { line: 12, col: 5 },
        question: 'In what year did the two neighbors clash over their border?',
        answer: '1969',
        accept: ['in 1969', 'nineteen sixty-nine'],
        evidence: {
          span: 'clashed over their border in 1969',
          sentence: 'The two neighbors clashed over their border in 1969.',
          offset: ARTICLE.indexOf('clashed over their border'),
        },
      },
      {
        id: 'beijing-answer',
        tags: [],
        skip: ['quote-cloze'],
        pos: { line: 18, col: 5 },
        question: "How does Beijing answer NATO's charge of supplying Moscow?",
        answer: 'It denies it',
        accept: [],
      },
    ]);
    expect(annotation.facts[1]).not.toHaveProperty('evidence');
  });

  it('make a valid file on their own, with the other lists empty', () => {
    const annotation = annotationOf(loadFixture('facts-only.yaml'));
    expect([annotation.actors, annotation.quotes, annotation.claims, annotation.events, annotation.terms].map((l) => l.length)).toEqual([0, 0, 0, 0, 0]);
    expect(annotation.facts.map((f) => [f.id, f.accept, f.evidence?.span, f.evidence?.sentence])).toEqual([
      ['reverse-nixon-moment', [], 'Observers call it a ‘reverse Nixon’ moment', 'Observers call it a ‘reverse Nixon’ moment.'],
    ]);
  });

  it('are absent from a file without them', () => {
    expect(annotationOf(loadFixture('valid.yaml')).facts).toEqual([]);
  });
});

describe('matching verbatim spans', () => {
  it('treats straight quotes as the curly quotes of the article, and keeps the typeset span', () => {
    const quote = annotationOf(loadFixture('valid.yaml')).quotes[0];
    expect(quote?.text).toBe('China "supports all efforts conducive to peace talks" at the meeting');
    expect(quote?.passage.span).toBe('China “supports all efforts conducive to peace talks” at the meeting');
    expect(quote?.passage.sentence).toBe('Wang Yi said China “supports all efforts conducive to peace talks” at the meeting.');
  });

  it('treats a straight apostrophe, a hyphen and a line break with spaces as the article’s ’, – and spaces', () => {
    const claim = annotationOf(loadFixture('valid.yaml')).claims[0];
    expect(claim?.evidence?.span).toBe('Moscow’s defense industry with dual-use goods – a charge\nBeijing   denies');
  });

  it('treats runs of white space in the annotation as one space', () => {
    const event = annotationOf(loadFixture('valid.yaml')).events[0];
    expect(event?.evidence?.span).toBe('clashed over their border in 1969');
  });

  it('treats single straight quotes as the article’s ‘ ’', () => {
    const term = annotationOf(loadFixture('valid.yaml')).terms[0];
    expect(term?.evidence?.span).toBe('a ‘reverse Nixon’ moment');
  });

  it('works the other way round: curly quotes and dashes typed against a plain article', () => {
    const annotation = annotationOf(quoteOf('Xi’s “old friend” — Putin', 'Xi\'s "old friend" - Putin came to town.'));
    expect(annotation.quotes[0]?.passage.span).toBe('Xi\'s "old friend" - Putin');
  });

  it.each([
    ['en dash', 'US–Russia talks'],
    ['em dash', 'US—Russia talks'],
    ['minus sign', 'US−Russia talks'],
    ['non-breaking hyphen', 'US‑Russia talks'],
    ['hyphen', 'US-Russia talks'],
  ])('treats an %s as a hyphen', (_name, typed) => {
    expect(quoteOf(typed, 'The US–Russia talks began.').ok).toBe(true);
  });

  it('treats tabs, newlines and non-breaking spaces as spaces', () => {
    expect(quoteOf('peace\ttalks  in\nRiyadh', 'The peace talks\u00a0in\n\n   Riyadh began.').ok).toBe(true);
  });

  it.each([
    ['case', 'peace Talks', 'The peace talks began.'],
    ['accents', 'cafe talks', 'The café talks began.'],
    ['a changed word', 'peace negotiations', 'The peace talks began.'],
    ['a missing space', 'peacetalks', 'The peace talks began.'],
    ['a cut word at the start', 'eace talks', 'The peace talks began.'],
    ['a cut word at the end', 'peace talk', 'The peace talks began.'],
  ])('does not ignore %s', (_name, typed, article) => {
    expect(errorsOf(quoteOf(typed, article)).map((e) => e.code)).toEqual(['not-in-article']);
  });

  it('finds a cloze word in its quote under the same equivalences', () => {
    const source = `${MINIMAL}quotes:\n  - id: q\n    speaker: wang-yi\n    text: "Moscow’s “normal trade”"\n    cloze: ["Moscow's", '"normal trade"']\n`;
    expect(annotationOf(loadText(source, { readText: () => 'China defends Moscow’s “normal trade” again.' })).quotes[0]?.cloze).toEqual([
      "Moscow's",
      '"normal trade"',
    ]);
  });
});

describe('scalars', () => {
  const annotation = annotationOf(loadFixture('valid.yaml'));

  it('reads a bare year as the text of the year', () => {
    expect(annotation.events[0]?.when).toBe('1969');
  });

  it('reads a bare date as the text of the date', () => {
    expect(annotation.article.published).toBe('2025-02-20');
  });

  it('reads booleans, nulls and numbers of YAML 1.1 and 1.2 as the text written', () => {
    const source = MINIMAL.replace('title: Sample article', 'title: 1e3').replace('name: Wang Yi', 'name: no').replace("role: China's top diplomat", 'role: null');
    const result = annotationOf(loadText(source));
    expect([result.article.title, result.actors[0]?.name, result.actors[0]?.role]).toEqual(['1e3', 'no', 'null']);
  });

  it('keeps inline article text as written', () => {
    const source = MINIMAL.replace('text_file: article.txt', 'text: |\n    The peace talks began.\n    They ended.');
    const result = annotationOf(loadText(source));
    expect(result.article.text).toBe('The peace talks began.\nThey ended.\n');
    expect(result.article.textFile).toBeUndefined();
  });
});

describe('deck settings', () => {
  it('default to the title as the deck name, no tags and every card family', () => {
    expect(annotationOf(loadFixture('minimal.yaml')).deck).toEqual({ name: 'Sample article', tags: [], cards: [...CARD_FAMILIES] });
  });

  it('include facts, last, among the card families', () => {
    expect(CARD_FAMILIES.at(-1)).toBe('facts');
    const source = MINIMAL.replace('actors:', 'deck:\n  cards: [facts, actors]\nactors:');
    expect(annotationOf(loadText(source)).deck.cards).toEqual(['facts', 'actors']);
  });

  it('keep a name, tags and card families that are given', () => {
    const source = MINIMAL.replace('actors:', 'deck:\n  name: "Current Affairs::China"\n  tags: [china, global-south]\n  cards: [quotes]\nactors:');
    expect(annotationOf(loadText(source)).deck).toEqual({ name: 'Current Affairs::China', tags: ['china', 'global-south'], cards: ['quotes'] });
  });
});

describe('the sentence around a span', () => {
  it('is cut to a thousand characters on each side when the article has no sentence ends', () => {
    const words = Array.from({ length: 2000 }, (_, i) => `word${i}`).join(' ');
    const source = 'format: 1\narticle: { id: x, title: T, text_file: a.txt }\nterms:\n  - { id: t, term: word1000, definition: d, evidence: word1000 }\n';
    const result = loadAnnotation(source, { file: 'x.yaml', readText: () => words });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const sentence = result.annotation.terms[0]?.evidence?.sentence ?? '';
    expect(sentence.length).toBeLessThan(2_100);
    expect(sentence).toMatch(/^….* word1000 .*…$/);
  });
});
