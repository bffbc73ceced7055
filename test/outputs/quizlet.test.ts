/**
 * `build --format quizlet`: Quizlet's import with its default settings reads
 * "term<TAB>definition" and one card per line. Checked here by splitting the
 * file exactly that way: every card must come back whole, with its front and
 * back as plain text, whatever the annotation holds.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDecks } from '../../src/cli/load.js';
import { main } from '../../src/cli/main.js';
import { fakeIo } from '../helpers/io.js';
import { tempFolder } from '../helpers/tmp.js';

/** Quizlet's reading of the file: lines are cards, the first tab splits term from definition. */
function quizletCards(text: string): { term: string; definition: string }[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const tab = line.indexOf('\t');
      return { term: line.slice(0, tab), definition: line.slice(tab + 1) };
    });
}

async function buildQuizlet(dir: string, ...paths: string[]): Promise<string> {
  const { io, stderr } = fakeIo({ cwd: dir });
  expect(await main(['build', '--format', 'quizlet', '--out', 'out', ...paths], io), stderr()).toBe(0);
  return join(dir, 'out');
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

describe('build --format quizlet', () => {
  it('writes one line per card of the sample, the front as the term and the back as the definition', async () => {
    const out = await buildQuizlet(tempFolder('newsdeck-quizlet-'), new URL('../../decks/', import.meta.url).pathname);
    const text = readFileSync(join(out, 'china-trump-russia-pivot.quizlet.txt'), 'utf8');
    const cards = loadDecks([new URL('../../decks/', import.meta.url).pathname], fakeIo().io)[0]?.cards ?? [];
    expect(cards.length).toBeGreaterThan(20);
    for (const line of text.trimEnd().split('\n')) expect(line.split('\t')).toHaveLength(2);
    expect(quizletCards(text)).toEqual(cards.map((c) => ({ term: oneLine(c.front), definition: oneLine(c.back) })));
  });

  it('keeps a hostile annotation’s tabs, line breaks and markup inside one card, as literal text', async () => {
    const dir = tempFolder('newsdeck-quizlet-hostile-');
    writeFileSync(join(dir, 'a.txt'), 'Plan\n\nThe chief Mallory Smith, head of the <b>bureau</b>, spoke on Monday.\n');
    writeFileSync(
      join(dir, 'a.yaml'),
      [
        'format: 1',
        'article:',
        '  id: hostile',
        '  title: Plan',
        '  text_file: a.txt',
        'facts:',
        '  - id: bureau',
        '    question: "Who spoke\\ton\\nMonday?"',
        '    answer: "The head of the <b>bureau</b>\\ta\\nb\\u2028c {{c1::x}} &amp; now"',
        '    evidence: head of the <b>bureau</b>',
        '',
      ].join('\n'),
    );
    const out = await buildQuizlet(dir, 'a.yaml');
    const text = readFileSync(join(out, 'hostile.quizlet.txt'), 'utf8');
    const cards = quizletCards(text);
    const generated = loadDecks([join(dir, 'a.yaml')], fakeIo().io)[0]?.cards ?? [];
    expect(generated.length).toBeGreaterThan(0);
    expect(cards).toHaveLength(generated.length);
    expect(text.split('\n').filter((l) => l !== '')).toHaveLength(generated.length);
    for (const card of cards) expect(card.definition).not.toContain('\t');
    expect(cards).toContainEqual({ term: 'Who spoke on Monday?', definition: 'The head of the <b>bureau</b> a b c {{c1::x}} &amp; now.' });
  });

  it('is deterministic: the same annotation gives the same bytes', async () => {
    const decks = new URL('../../decks/', import.meta.url).pathname;
    const first = readFileSync(join(await buildQuizlet(tempFolder('newsdeck-quizlet-a-'), decks), 'china-trump-russia-pivot.quizlet.txt'));
    const second = readFileSync(join(await buildQuizlet(tempFolder('newsdeck-quizlet-b-'), decks), 'china-trump-russia-pivot.quizlet.txt'));
    expect(second.equals(first)).toBe(true);
  });
});

