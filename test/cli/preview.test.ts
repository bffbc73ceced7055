import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Card } from '../../src/cards/index.js';
import { fakeIo } from '../helpers/io.js';

describe('newsdeck preview', () => {
  it('prints every card with its identity, front, back, source and tags', async () => {
    const { io, stdout } = fakeIo();
    expect(await main(['preview', 'decks'], io)).toBe(0);
    const text = stdout();
    expect(text).toContain('── china-trump-russia-pivot/actor-reverse/wang-yi  (actors, question/answer)');
    expect(text).toContain("Q: Who was China's top diplomat, as of February 2025?");
    expect(text).toMatch(/\n\d+ cards\n$/);
  });

  it('prints JSON cards for scripts, one family at a time if asked', async () => {
    const { io, stdout } = fakeIo();
    expect(await main(['preview', '--json', '--family', 'events', 'decks'], io)).toBe(0);
    const { cards } = JSON.parse(stdout()) as { cards: Card[] };
    expect(cards.length).toBeGreaterThan(0);
    expect(cards.every((c) => c.family === 'events')).toBe(true);
  });

  it('refuses an unknown family as bad usage', async () => {
    const { io, stderr } = fakeIo();
    expect(await main(['preview', '--family', 'people', 'decks'], io)).toBe(2);
    expect(stderr()).toContain('--family must be one of actors, quotes, claims, events, terms, facts');
  });
});
