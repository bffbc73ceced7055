/**
 * A user template at run time: what it returns is checked before the
 * generator sees it, and a throw or a bad draft becomes one problem naming
 * the template, the item and the line of the template's source.
 */
import { SLUG } from '../annotation/slug.js';
import type { CardDraft, CardTemplate, ItemOf, TemplateContext } from '../cards/template.js';
import type { CardFamily } from '../annotation/model.js';
import { TemplateRunError, type SourcePlace } from './problem.js';

/** Where a user template's problems are shown. */
export interface TemplateOrigin {
  /** The position of the template's `generate`, for problems with what it returned. */
  generate: SourcePlace;
  /** The position of a thrown error in the template's own source, when its stack shows one. */
  thrownAt(error: unknown): SourcePlace | undefined;
}

/** The template, with every call of `generate` checked. */
export function guarded<F extends CardFamily>(template: CardTemplate<F>, origin: TemplateOrigin): CardTemplate<F> {
  return {
    id: template.id,
    family: template.family,
    description: template.description,
    generate(item: ItemOf[F], context: TemplateContext): CardDraft[] {
      const of = `template '${template.id}', ${template.family.replace(/s$/, '')} '${item.id}' of article '${context.annotation.article.id}'`;
      let drafts: unknown;
      try {
        drafts = template.generate(item, context);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new TemplateRunError({ ...(origin.thrownAt(error) ?? origin.generate), message: `${of}: generate threw: ${message}` });
      }
      const fail = (message: string, hint: string): never => {
        throw new TemplateRunError({ ...origin.generate, message: `${of}: ${message}`, hint });
      };
      if (!Array.isArray(drafts)) return fail(`generate returned ${describe(drafts)}, not a list of card drafts`, 'return [] when the item gets no card');
      const variants = new Set<string | undefined>();
      for (const [index, draft] of (drafts as unknown[]).entries()) {
        const d = draft as Partial<CardDraft> | null;
        const which = `card ${index + 1}`;
        if (typeof d !== 'object' || d === null) return fail(`${which} is ${describe(draft)}, not a card draft`, "return objects like { kind: 'qa', front, back, answer }");
        if (d.kind !== 'qa' && d.kind !== 'cloze') return fail(`${which} has kind ${describe(d.kind)}; expected 'qa' or 'cloze'`, "set kind: 'qa' for a question and answer");
        if (typeof d.front !== 'string' || d.front.trim() === '') return fail(`${which} has no front`, 'every card needs the question it asks in `front`');
        if (typeof d.back !== 'string' || d.back.trim() === '') return fail(`${which} has no back`, 'every card needs its answer in `back`');
        if (typeof d.answer !== 'object' || d.answer === null || typeof d.answer.text !== 'string' || d.answer.text.trim() === '') {
          return fail(`${which} has no answer text`, "set answer: { text, kind: 'text', accepted: [] }");
        }
        if (d.variant !== undefined && (typeof d.variant !== 'string' || !SLUG.test(d.variant))) {
          return fail(`${which} has the variant ${describe(d.variant)}, which is not a slug (a-z, 0-9 and -)`, 'a variant is part of the card identity: lowercase letters, digits and hyphens');
        }
        if (variants.has(d.variant)) {
          const identity = [context.annotation.article.id, template.id, item.id, ...(d.variant === undefined ? [] : [d.variant])].join('/');
          return fail(`two cards have the identity ${identity}`, 'give each card of one item its own `variant` (e.g. the slug of what it asks)');
        }
        variants.add(d.variant);
      }
      return drafts as CardDraft[];
    },
  };
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string') return `'${value}'`;
  return Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : String(value);
}
