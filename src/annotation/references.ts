/**
 * The rules no schema can express: one id namespace, references to declared
 * actors, verbatim spans found in the article, cloze words, calendar dates.
 */
import { slugify } from './slug.js';
import type { AnnotationInput } from './schema.js';
import { closest, describePath, isRecord, type Extra, type Locator, type Path, type Reporter } from './report.js';
import { findSpan, lineOf, normaliseForMatching, type ArticleText } from './text-match.js';

const ITEM_LISTS = ['actors', 'quotes', 'claims', 'events', 'terms', 'facts'] as const;

/** Words too common to be worth a cloze blank (card-quality.md rule 9). */
const STOP_WORDS = new Set(
  'a an and are as at be but by for from had has have he her his i in is it its of on or our she that the their them they this to was we were which who will with you'.split(
    ' ',
  ),
);

export function checkItems(
  report: Reporter,
  locate: Locator,
  input: Partial<AnnotationInput>,
  article: ArticleText | undefined,
  templateIds: readonly string[] | undefined,
): void {
  const lists = ITEM_LISTS.map((name) => [name, Array.isArray(input[name]) ? (input[name] as unknown[]) : []] as const);
  if (lists.every(([, items]) => items.length === 0) && ITEM_LISTS.every((name) => input[name] === undefined || Array.isArray(input[name]))) {
    report.atNode('no-items', locate.node([]), 'the annotation has no actors, quotes, claims, events, terms or facts', {
      hint: 'add at least one item; cards are made from them',
    });
  }

  // One namespace for all ids.
  const seen = new Map<string, { path: Path; line: number }>();
  for (const [name, items] of lists) {
    items.forEach((item, index) => {
      if (!isRecord(item) || typeof item.id !== 'string') return;
      const path = [name, index, 'id'];
      const earlier = seen.get(item.id);
      if (earlier !== undefined) {
        report.atNode('duplicate-id', locate.node(path), `id '${item.id}' is already used by ${describePath(earlier.path.slice(0, 2))} (line ${earlier.line})`, {
          hint: 'ids are shared by actors, quotes, claims, events, terms and facts: give this item another id',
        });
      } else if (name === 'actors' && item.id === 'article') {
        report.atNode('invalid-id', locate.node(path), "the id 'article' is reserved for claims the article itself makes", {
          hint: 'give the actor another id, e.g. the outlet\'s name',
        });
      } else {
        seen.set(item.id, { path, line: locate.position(path).line });
      }
    });
  }

  // A renamed item's `was` is its card identity: no other item may have it as its id or its `was`.
  const was = new Map<string, { path: Path; line: number }>();
  for (const [name, items] of lists) {
    items.forEach((item, index) => {
      if (!isRecord(item) || typeof item.was !== 'string') return;
      const path = [name, index, 'was'];
      const holder = seen.get(item.was);
      const earlier = was.get(item.was);
      if (holder !== undefined || earlier !== undefined) {
        const other = holder ?? (earlier as { path: Path; line: number });
        const self = holder !== undefined && holder.path[0] === name && holder.path[1] === index;
        report.atNode(
          'duplicate-id',
          locate.node(path),
          self
            ? `'was: ${item.was}' is the item's own id`
            : `'was: ${item.was}' is ${holder !== undefined ? 'the id' : 'the `was`'} of ${describePath(other.path.slice(0, 2))} (line ${other.line}); two items would share one card identity`,
          { hint: self ? 'remove `was:`, or set it to the id the item had before its rename' : 'keep `was:` only on the item that continues the old one' },
        );
      } else {
        was.set(item.was, { path, line: locate.position(path).line });
      }
    });
  }

  const actorIds = (Array.isArray(input.actors) ? (input.actors as unknown[]) : []).filter(isRecord).map((a) => a.id).filter((id): id is string => typeof id === 'string');
  const checkActor = (path: Path, value: unknown, allowArticle: boolean): void => {
    if (typeof value !== 'string' || actorIds.includes(value) || (allowArticle && value === 'article')) return;
    const suggestion = closest(value, actorIds);
    const other = seen.get(value);
    report.atNode(
      'unknown-actor',
      locate.node(path),
      other !== undefined
        ? `'${value}' is the id of ${describePath(other.path.slice(0, 2))}, not of an actor`
        : `no actor has the id '${value}'` + (suggestion ? `; did you mean '${suggestion}'?` : ''),
      { hint: allowArticle ? 'declare the actor under `actors:`, or use `article` for the writer\'s own assertion' : 'declare the actor under `actors:` first' },
    );
  };

  const checkSpan = (path: Path, value: unknown, what: string): void => {
    if (article === undefined || typeof value !== 'string' || value === '') return;
    if (article.find(value) !== null) return;
    const articleText = article.text;
    const near = article.closest(value);
    const extra: Extra = {
      hint: 'copy the words exactly from the article; quotes, dashes and spacing may differ, nothing else',
    };
    if (near !== null) {
      extra.closest = { text: articleText.slice(near.offset, near.offset + near.length).replace(/\s+/g, ' '), line: lineOf(articleText, near.offset) };
    }
    report.atNode('not-in-article', locate.node(path), `${what} is not in the article`, extra);
  };

  for (const [name, items] of lists) {
    items.forEach((item, index) => {
      if (!isRecord(item)) return;
      const at = (key: string, ...rest: (string | number)[]): Path => [name, index, key, ...rest];
      if (templateIds !== undefined && Array.isArray(item.skip)) {
        item.skip.forEach((template, i) => {
          if (typeof template !== 'string' || templateIds.includes(template)) return;
          const suggestion = closest(template, templateIds);
          report.atNode('unknown-template', locate.node(at('skip', i)), `no template is called '${template}'` + (suggestion ? `; did you mean '${suggestion}'?` : ''), {
            hint: `templates: ${templateIds.join(', ')}`,
          });
        });
      }
      if (name === 'quotes') {
        checkActor(at('speaker'), item.speaker, false);
        checkSpan(at('text'), item.text, 'the quote');
        if (Array.isArray(item.cloze) && typeof item.text === 'string') {
          const quote = normaliseForMatching(item.text);
          // Each cloze word becomes a card whose identity ends in the word's slug: they must differ.
          const slugs = new Map<string, string>();
          item.cloze.forEach((word, i) => {
            if (typeof word !== 'string' || word === '') return;
            const slug = slugify(word);
            const twin = slugs.get(slug);
            if (slug === '') {
              report.atNode('invalid-value', locate.node(at('cloze', i)), `cloze word '${word}' has no letter or digit`, {
                hint: 'blank a word of the quote, not punctuation',
              });
            } else if (twin !== undefined) {
              report.atNode('invalid-value', locate.node(at('cloze', i)), `cloze word '${word}' repeats '${twin}'`, {
                hint: 'list each word once: one card is made per cloze word',
              });
            } else if (findSpan(quote, word) === null) {
              report.atNode('cloze-not-in-quote', locate.node(at('cloze', i)), `cloze word '${word}' does not occur in the quote's text`, {
                hint: 'blank words exactly as the quote writes them',
              });
            } else if (STOP_WORDS.has(word.trim().toLowerCase())) {
              report.atNode('invalid-value', locate.node(at('cloze', i)), `cloze word '${word}' is a stop word, not a key term`, {
                hint: 'blank a word that carries the meaning (a name, a number, a key term)',
              });
            }
            if (slug !== '' && twin === undefined) slugs.set(slug, word);
          });
        }
      }
      if (name === 'claims') {
        checkActor(at('claimant'), item.claimant, true);
        if (Array.isArray(item.disputed_by)) item.disputed_by.forEach((id, i) => checkActor(at('disputed_by', i), id, false));
      }
      if (name === 'events' && Array.isArray(item.actors)) item.actors.forEach((id, i) => checkActor(at('actors', i), id, false));
      if (name !== 'actors') checkSpan(at('evidence'), item.evidence, 'the evidence');
    });
  }

  const deckName = isRecord(input.deck) ? input.deck.name : undefined;
  if (typeof deckName === 'string' && deckName.split('::').some((part) => part.trim() === '')) {
    report.atNode('invalid-value', locate.node(['deck', 'name']), `deck name '${deckName}' has an empty part between '::'`, {
      hint: "write names on both sides of each '::', e.g. Current Affairs::China",
    });
  }
  const published = isRecord(input.article) ? input.article.published : undefined;
  if (typeof published === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(published) && !isCalendarDate(published)) {
    report.atNode('invalid-value', locate.node(['article', 'published']), `'published' is '${published}', which is not a day of the calendar`, {
      hint: 'check the month and the day',
    });
  }
}

function isCalendarDate(iso: string): boolean {
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso;
}
