/**
 * How much of the dev-set annotators' work a draft already holds: their
 * quotes (by text), the quotes' speakers, their actors (by name or alias).
 * The floors are the drafter's recall when this test was written, so that a
 * change that loses quotes, speakers or actors fails here, and the README's
 * "Draft an annotation" table must show the numbers as they are.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadAnnotation } from '../../src/annotation/index.js';
import { draftAnnotation } from '../../src/draft/index.js';
import { recall } from './recall.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = `${ROOT}test/fixtures/articles`;
const README = readFileSync(`${ROOT}README.md`, 'utf8');

/** Quotes found, speakers right and actors found, each out of the annotator's count. */
const FLOORS: Record<string, { quotes: [number, number]; speakers: number; actors: [number, number]; devSet?: true }> = {
  'us-senate-bailout-vote': { quotes: [6, 6], speakers: 6, actors: [11, 13], devSet: true },
  'aretha-franklin-dies': { quotes: [11, 11], speakers: 7, actors: [15, 18], devSet: true },
  'maldives-carbon-neutral': { quotes: [17, 17], speakers: 17, actors: [6, 8], devSet: true },
  'south-korea-beef-protests': { quotes: [6, 6], speakers: 6, actors: [10, 11], devSet: true },
  // The three further articles (written inside the project, not by the dev-set annotators).
  'asteroid-1950da-cohesive-forces': { quotes: [10, 10], speakers: 10, actors: [7, 9] },
  'paralympics-marathon-2012': { quotes: [11, 11], speakers: 5, actors: [11, 13] },
  'us-supreme-court-same-sex-marriage': { quotes: [6, 6], speakers: 6, actors: [14, 15] },
};

describe('draft recall on the dev-set articles and the three further ones', () => {
  for (const [slug, floor] of Object.entries(FLOORS)) {
    it(`${slug}: the annotators' quotes, their speakers and actors`, () => {
      const text = readFileSync(`${FIXTURES}/articles/${slug}.txt`, 'utf8');
      const draft = draftAnnotation({ text, textFile: `articles/${slug}.txt` });
      const r = recall(draft.yaml, readFileSync(`${FIXTURES}/${slug}.yaml`, 'utf8'));
      const row = `| ${slug}${floor.devSet ? ' (dev set)' : ''} | ${r.quotes.found}/${r.quotes.total} (${r.quotes.exact}) | ${r.quotes.speakerRight}/${r.quotes.total} | ${r.actors.found}/${r.actors.total} |`;
      console.log(row + (r.actors.missed.length > 0 ? ` actors missed: ${r.actors.missed.join(', ')}` : ''));
      // The README's table ("Draft an annotation") shows these very numbers.
      expect(README).toContain(row);
      expect([r.quotes.found, r.quotes.total]).toEqual(floor.quotes);
      expect(r.quotes.speakerRight).toBeGreaterThanOrEqual(floor.speakers);
      expect(r.actors.total).toBe(floor.actors[1]);
      expect(r.actors.found).toBeGreaterThanOrEqual(floor.actors[0]);
      // And the draft is a valid annotation of the article, as `newsdeck check` reads it.
      const loaded = loadAnnotation(draft.yaml, { file: `${slug}.yaml`, readText: () => text });
      expect(loaded.ok ? [] : loaded.errors.map((e) => e.message)).toEqual([]);
    });
  }
});
