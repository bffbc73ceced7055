import type { Card } from '../cards/index.js';
import { longDate } from '../cards/phrasing.js';
import { parseCommandArgs } from './args.js';
import { CARD_FAMILIES } from '../annotation/index.js';
import { shown } from '../annotation/shown.js';
import { ExitError, EXIT, println, type CliIo } from './io.js';
import { findClass, loadUsableDecks, templatesDir } from './load.js';
import { templatesOption } from './user-templates.js';
import type { Command } from './main.js';

export const command: Command = {
  usage: [
    'Usage: newsdeck preview [--json] [--family NAME] [--templates DIR] FILE|DIR...',
    '',
    'Prints every card as students get it: front, back, source, tags and identity,',
    'so a teacher can read a deck without Anki.',
    '',
    'Options:',
    '  --json           print the cards as JSON',
    '  --family NAME    only cards of one family (actors, quotes, claims, events, terms, facts)',
    '  --templates DIR  also use the card templates in DIR (*.ts, type-checked first; README: "Write your own card template")',
  ].join('\n'),
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs('preview', args, { json: { type: 'boolean' }, family: { type: 'string' }, templates: { type: 'string' } });
    if (values.family !== undefined && !(CARD_FAMILIES as readonly string[]).includes(values.family)) {
      throw new ExitError(EXIT.usage, `--family must be one of ${CARD_FAMILIES.join(', ')}, got '${values.family}'`);
    }
    const inClass = findClass(positionals, io);
    const { decks } = loadUsableDecks(positionals, io, { inClass, templates: await templatesOption(templatesDir(values.templates, inClass), io) });
    const cards = decks.flatMap((d) => d.cards).filter((c) => values.family === undefined || c.family === values.family);
    if (values.json) {
      // shown() keeps JSON valid: a control character becomes the \u escape JSON reads as the same character.
      println(io.stdout, shown(JSON.stringify({ cards, dropped: decks.flatMap((d) => d.dropped), advice: decks.flatMap((d) => d.advice) }, null, 2)));
      return EXIT.ok;
    }
    println(io.stdout, shown(cards.map(renderCard).join('\n\n')));
    println(io.stdout, `\n${cards.length} card${cards.length === 1 ? '' : 's'}`);
    return EXIT.ok;
  },
};

/** A card as plain text, the way `preview` shows it (and the README quotes it). */
export function renderCard(card: Card): string {
  const lines = [`── ${card.identity}  (${card.family}, ${card.kind === 'cloze' ? 'cloze' : 'question/answer'})`];
  lines.push(`   ${card.cue}`);
  lines.push(`Q: ${card.front}`);
  if (card.choices !== undefined) lines.push(`   choices: ${card.choices.map((c, i) => `${i + 1}) ${c}`).join('  ')}`);
  lines.push(`A: ${card.back}`);
  if (card.extra !== undefined) lines.push(`   ${card.extra}`);
  const s = card.source;
  const where = [s.outlet, s.published === undefined ? undefined : longDate(s.published)].filter((x) => x !== undefined).join(', ');
  if (s.sentence !== undefined) lines.push(`   source: ${s.sentence}${where === '' ? '' : ` (${where})`}`);
  else if (where !== '') lines.push(`   source: ${where}`);
  lines.push(`   tags: ${card.tags.join(' ')}`);
  return lines.join('\n');
}
