import { z } from 'zod';
import { ACTOR_KINDS, CARD_FAMILIES, STANCES } from './model.js';
import { SLUG } from './slug.js';
import { PRINTABLE } from './shown.js';

/**
 * The shape of an annotation file, version 1: the single source of truth for
 * both the validator (src/annotation/load.ts) and the JSON Schema that editors
 * use (schema/annotation.schema.json, made by `npm run schema`).
 *
 * The YAML is read with the failsafe schema, so every scalar is text as written:
 * `when: 1969` stays "1969" and `published: 2025-02-20` stays a date string.
 */

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The one rule of printable text (shown.ts, beside the rule that makes the rest visible). */
export { PRINTABLE };
/** Text as a person writes it: non-empty and printable. */
const str = () => z.string().min(1).regex(PRINTABLE);
const text = (description: string) => str().meta({ description });
/**
 * The longest name or alias of an actor, in characters. A name is a few words;
 * card making matches every name in the article at once, in one pattern that
 * JavaScript refuses past about 100,000 characters.
 */
export const MAX_NAME_LENGTH = 200;
const actorName = () => str().max(MAX_NAME_LENGTH);
const slug = (description: string) => z.string().min(1).regex(SLUG).meta({ description });
const tagList = z
  .array(str().regex(/^\S+$/))
  .meta({ description: 'Tags added to the cards (no spaces; use - or :: for hierarchy).' });

const itemFields = {
  tags: tagList.optional(),
  skip: z
    .array(str())
    .optional()
    .meta({ description: 'Template ids whose cards this item must not get, e.g. [actor-reverse].' }),
  was: slug('The id this item had before it was renamed (its first id, if renamed more than once): its cards keep their identity, so students keep their reviews.').optional(),
};

const actorSchema = z.strictObject({
  id: slug('Slug, unique across the whole file; cards derive their identity from it.'),
  name: actorName().meta({ description: `The name the article uses first (at most ${MAX_NAME_LENGTH} characters).` }),
  aliases: z.array(actorName()).optional().meta({ description: 'Other names the article uses.' }),
  kind: z.enum(ACTOR_KINDS).meta({ description: 'person | organization | country | group' }),
  role: text('How the article identifies the actor, e.g. "China\'s top diplomat".'),
  note: text('Optional background for the answer side.').optional(),
  ...itemFields,
});

const quoteSchema = z.strictObject({
  id: slug('Slug, unique across the whole file.'),
  speaker: slug('The id of the actor who said it.'),
  text: text('The quote, verbatim from the article.'),
  context: text('Where or when it was said, e.g. "at a meeting of the UN Security Council".').optional(),
  cloze: z.array(str()).optional().meta({ description: 'Words of `text` to blank in cloze cards.' }),
  ...itemFields,
});

const claimSchema = z.strictObject({
  id: slug('Slug, unique across the whole file.'),
  claimant: slug('The id of the actor who claims it, or `article` for the writer\'s own assertion.'),
  stance: z.enum(STANCES).meta({ description: STANCES.join(' | ') }),
  text: text('What is claimed, in a sentence.'),
  question: text('Overrides the template\'s question.').optional(),
  answer: text('Overrides the template\'s answer.').optional(),
  disputed_by: z.array(slug('An actor id.')).optional().meta({ description: 'Actors who dispute the claim.' }),
  evidence: text('The supporting span, verbatim from the article.').optional(),
  ...itemFields,
});

const eventSchema = z.strictObject({
  id: slug('Slug, unique across the whole file.'),
  what: text('What happened.'),
  when: text('A year, an ISO date, or free text such as "three years ago".'),
  where: text('Where it happened.').optional(),
  actors: z.array(slug('An actor id.')).optional().meta({ description: 'Actors involved.' }),
  evidence: text('The supporting span, verbatim from the article.').optional(),
  ...itemFields,
});

const termSchema = z.strictObject({
  id: slug('Slug, unique across the whole file.'),
  term: text('The term as the article uses it.'),
  definition: text('What it means.'),
  evidence: text('The span where the article uses it, verbatim.').optional(),
  ...itemFields,
});

const factSchema = z.strictObject({
  id: slug('Slug, unique across the whole file.'),
  question: text('A free question the article answers (why, how, how many, what next).'),
  answer: text('Its answer.'),
  accept: z.array(str()).optional().meta({ description: 'Other right answers for typed mode.' }),
  evidence: text('The span that supports the answer, verbatim from the article.').optional(),
  ...itemFields,
});

const articleSchema = z.strictObject({
  id: slug('Slug, stable forever: deck and card identities derive from it.'),
  title: text('The headline.'),
  source: text('The outlet, e.g. CNN.').optional(),
  url: z.string().regex(PRINTABLE).regex(/^https?:\/\/\S+$/).optional().meta({ description: 'Address of the article.' }),
  published: z.string().regex(ISO_DATE).optional().meta({ description: 'Publication date, YYYY-MM-DD.' }),
  text_file: text('The article text, a path relative to this YAML file.').optional(),
  text: text('The article text, inline (instead of text_file).').optional(),
});

const deckSchema = z.strictObject({
  name: text('Anki deck name; "::" makes subdecks. Defaults to the article title.').optional(),
  tags: tagList.optional(),
  cards: z
    .array(z.enum(CARD_FAMILIES))
    .optional()
    .meta({ description: `Card families to generate (default: all): ${CARD_FAMILIES.join(', ')}.` }),
});

export const annotationSchema = z
  .strictObject({
    format: z.literal('1').meta({ description: 'Format version: 1.' }),
    article: articleSchema,
    deck: deckSchema.optional(),
    actors: z.array(actorSchema).optional(),
    quotes: z.array(quoteSchema).optional(),
    claims: z.array(claimSchema).optional(),
    events: z.array(eventSchema).optional(),
    terms: z.array(termSchema).optional(),
    facts: z.array(factSchema).optional(),
  })
  .meta({
    title: 'newsdeck annotation, format 1',
    description: 'One YAML annotation of one news article: actors, quotes, claims, events, terms and facts.',
  });

/** The annotation as the YAML says it, before references are resolved. */
export type AnnotationInput = z.infer<typeof annotationSchema>;

/**
 * The JSON Schema of the format, for editors (yaml-language-server). Editors
 * read YAML with the core schema, where `1969` is a number; our loader reads it
 * as the text "1969", so wherever text is expected a number is accepted too.
 */
export function annotationJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(annotationSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  widenText(schema);
  const properties = schema.properties as Record<string, Record<string, unknown>>;
  properties.format = { description: 'Format version: 1.', enum: [1, '1'] };
  schema.$id = 'https://newsdeck.invalid/schema/annotation-1.json';
  return schema;
}

function widenText(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(widenText);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  if (record.type === 'string') record.type = ['string', 'number'];
  Object.values(record).forEach(widenText);
}
