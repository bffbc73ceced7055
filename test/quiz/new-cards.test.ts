import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { loadDecks } from '../../src/cli/load.js';
import { testIo, weekFolder, WEEK_ARTICLES } from './helpers.js';
import { join } from 'node:path';

const SAMPLE = "Current Affairs::China and Trump's turn toward Russia";
const START = '2025-03-01T12:00:00Z';

/** The new count per deck on the start screen ("Deck  cards  new  learning  due"). */
function newCounts(out: string, decks: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const deck of decks) {
    const line = out.split('\n').find((l) => l.startsWith(deck + ' '));
    if (line === undefined) throw new Error(`no start-screen line for ${deck} in:\n${out}`);
    counts[deck] = Number(line.slice(deck.length).trim().split(/\s+/)[1]);
  }
  return counts;
}

/** Runs a plain session at START over `dir` with these lines (then q); its output. A question's header starts with the article's cue, which names its date. */
async function session(dir: string, args: string[], lines: string[]): Promise<string> {
  const io = testIo([...lines, 'q'], START);
  expect(await main(['quiz', dir, '--plain', '--progress', join(dir, 'progress.jsonl'), ...args], io)).toBe(0);
  return io.out();
}

describe('new cards across decks', () => {
  const dir = weekFolder();
  // Newest article first: Aretha Franklin (28 February), the Maldives (27 February), the sample (20 February).
  const decks = [WEEK_ARTICLES[1].deck, WEEK_ARTICLES[0].deck, SAMPLE];
  const loaded = loadDecks([dir], testIo([]));
  const sizes = Object.fromEntries(loaded.map((d) => [d.cards[0]!.deck, d.cards.length]));
  // Which deck a question came from, by the cue in its header: a cue names the story by its title, or (when
  // the title would give an answer away) by outlet and date, so it is looked up among the decks' own cards.
  const SHORT: Record<string, string> = { [WEEK_ARTICLES[1].deck]: 'aretha', [WEEK_ARTICLES[0].deck]: 'maldives', [SAMPLE]: 'sample' };
  const deckOfCue = new Map<string, string>();
  for (const card of loaded.flatMap((d) => d.cards)) {
    const known = deckOfCue.get(card.cue);
    if (known !== undefined && known !== SHORT[card.deck]) throw new Error(`the cue "${card.cue}" is of two decks: ${known} and ${card.deck}`);
    deckOfCue.set(card.cue, SHORT[card.deck] ?? card.deck);
  }
  const deckOf = (cue: string): string => deckOfCue.get(cue) ?? cue;

  it('this week\'s articles get new cards on day one: by default the newest article first, within the day\'s 20', async () => {
    const out = await session(dir, [], []);
    const aretha = WEEK_ARTICLES[1].deck;
    expect(sizes[aretha]).toBeGreaterThan(0);
    // Aretha Franklin (28 February) is the newest: its cards first, then the Maldives (27 February), then the sample.
    const fromAretha = Math.min(20, sizes[aretha]!);
    expect(newCounts(out, decks)).toEqual({ [aretha]: fromAretha, [WEEK_ARTICLES[0].deck]: Math.min(20 - fromAretha, sizes[WEEK_ARTICLES[0].deck]!), [SAMPLE]: Math.max(0, 20 - fromAretha - sizes[WEEK_ARTICLES[0].deck]!) });
    const firstCue = /── ([^·]+) ·/.exec(out)?.[1];
    expect(deckOf(firstCue!.trim())).toBe('aretha');
  });

  it('--new-per-deck shares the day among decks, each within its own limit and all within --new-per-day', async () => {
    expect(newCounts(await session(dir, ['--new-per-deck', '5'], []), decks)).toEqual({ [decks[0]!]: 5, [decks[1]!]: 5, [SAMPLE]: 5 });
    expect(newCounts(await session(dir, ['--new-per-deck', '8', '--new-per-day', '12'], []), decks)).toEqual({ [decks[0]!]: 8, [decks[1]!]: 4, [SAMPLE]: 0 });
  });

  it('--order round-robin takes one new card from each deck in turn, newest deck first', async () => {
    expect(newCounts(await session(dir, ['--order', 'round-robin', '--new-per-day', '9'], []), decks)).toEqual({ [decks[0]!]: 3, [decks[1]!]: 3, [SAMPLE]: 3 });
    // Three flip reveals and grades would depend on modes; skipping walks the queue in its order instead.
    const out = await session(dir, ['--order', 'round-robin'], ['s', 's', 's']);
    const cues = [...out.matchAll(/── ([^·\n]+) ·/g)].map((m) => m[1]!.trim());
    expect(cues.slice(0, 3).map(deckOf)).toEqual(['aretha', 'maldives', 'sample']);
  });

  it('--order round-robin goes on from the deck after the one just answered', async () => {
    // Every card asked as flip: an empty line shows the back, 3 grades it Good. Three answers, one per deck.
    const out = await session(dir, ['--order', 'round-robin', '--mode', 'flip'], ['', '3', '', '3', '', '3']);
    const cues = [...out.matchAll(/── ([^·\n]+) ·/g)].map((m) => m[1]!.trim());
    // Each question is shown twice (question, then its back): take each first showing.
    const asked = cues.filter((_, i) => i % 2 === 0).slice(0, 4).map(deckOf);
    expect(asked).toEqual(['aretha', 'maldives', 'sample', 'aretha']);
  });

  it('a deck\'s limit counts the cards it introduced today, so a restart does not give it a second share', async () => {
    const answered = join(dir, 'answered');
    const progress = join(answered, 'p.jsonl');
    const first = testIo(['', '3', 'q'], START);
    // Whatever the first card is, an empty line then 3 answers a flip card, and a typed card with "" then accepts.
    await main(['quiz', dir, '--plain', '--progress', progress, '--new-per-deck', '5', '--mode', 'flip'], first);
    const again = testIo(['q'], '2025-03-01T13:00:00Z');
    await main(['quiz', dir, '--plain', '--progress', progress, '--new-per-deck', '5', '--mode', 'flip'], again);
    expect(newCounts(again.out(), decks)).toEqual({ [decks[0]!]: 4, [decks[1]!]: 5, [SAMPLE]: 5 });
  });

  it('rejects an unknown --order with exit 2', async () => {
    const io = testIo([]);
    expect(await main(['quiz', dir, '--plain', '--order', 'random'], io)).toBe(2);
    expect(io.err()).toBe("newsdeck quiz: --order must be one of newest, round-robin, got 'random'\n");
  });
});
