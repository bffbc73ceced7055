/**
 * The class file, `newsdeck.yaml` at the root of a class folder: the class
 * name, the deck prefix, which annotation files, card families, extra tags,
 * outputs and exam settings, so that 40 articles do not need 40 `deck:` blocks
 * and every command run inside the folder (or given it) builds the same thing.
 * The folder is also the project root that `text_file` may not leave.
 * Pure: text in, settings or positioned errors out.
 */
import { isMap, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { CARD_FAMILIES, type CardFamily } from '../annotation/model.js';
import { PRINTABLE } from '../annotation/schema.js';
import { shown } from '../annotation/shown.js';
import { OUTPUT_FORMATS } from '../outputs/output.js';

import { CLASS_FILE, MAX_CLASS_FILE_BYTES } from './file-name.js';

export { CLASS_FILE, MAX_CLASS_FILE_BYTES };

/** The formats `outputs.formats` may name: those of `build --format`. */
const FORMATS = OUTPUT_FORMATS;

/** A class's settings, defaults filled in. */
export interface ClassSettings {
  /** The class name, e.g. "Class 10B": the name of its one package. */
  name: string;
  /** Every article's deck goes under this deck: `<prefix>::<article deck>`. */
  deckPrefix: string;
  /** Annotation files and folders, relative to the class folder. */
  annotations: string[];
  /** Card families to make (the annotation's own `deck.cards` can only narrow them). */
  cards: CardFamily[];
  /** Tags added to every card. */
  tags: string[];
  outputs: {
    /** The output folder, relative to the class folder. */
    folder: string;
    formats: (typeof FORMATS)[number][];
    /** `one`: one package for the class with a subdeck per article; `per-article`: one each. */
    package: 'one' | 'per-article';
  };
  /** Exam settings, read by `quiz --exam` where it supports them. */
  exam: { questions?: number; seed?: string };
  /** A folder of the teacher's card templates, relative to the class folder: code, named here on purpose. */
  templates?: string;
}

const text = z.string().min(1).regex(PRINTABLE, 'no control characters');
const relativePath = text.refine((p) => !/^([/\\]|[a-zA-Z]:)/.test(p) && !p.split(/[/\\]/).includes('..'), {
  message: 'a path inside the class folder (relative, no ..)',
});
const schema = z.strictObject({
  newsdeck: z.literal('1', { message: 'the class file format: 1' }),
  class: text.refine((name) => name.split('::').every((part) => part.trim() !== ''), { message: "a name with text on each side of every '::'" }),
  deck_prefix: text.refine((name) => name.split('::').every((part) => part.trim() !== ''), { message: "a deck name with text on each side of every '::'" }).optional(),
  annotations: z.array(relativePath).min(1).optional(),
  cards: z.array(z.enum(CARD_FAMILIES)).min(1).optional(),
  tags: z.array(text.regex(/^\S+$/, 'tags have no spaces')).optional(),
  templates: relativePath.optional(),
  outputs: z
    .strictObject({
      folder: relativePath.optional(),
      formats: z.array(z.enum(FORMATS)).min(1).optional(),
      package: z.enum(['one', 'per-article']).optional(),
    })
    .optional(),
  exam: z
    .strictObject({
      questions: z.string().regex(/^[1-9]\d{0,3}$/, 'a whole number from 1 to 9999').optional(),
      seed: text.optional(),
    })
    .optional(),
});

/** A problem of the class file, with its position. */
export interface ClassError {
  line: number;
  col: number;
  message: string;
}

export type ClassParseResult = { ok: true; settings: ClassSettings } | { ok: false; errors: ClassError[] };


/** Reads a class file's text. Never throws for bad content. */
export function parseClassFile(source: string): ClassParseResult {
  if (Buffer.byteLength(source, 'utf8') > MAX_CLASS_FILE_BYTES) {
    return { ok: false, errors: [{ line: 1, col: 1, message: `the class file is larger than ${MAX_CLASS_FILE_BYTES / 1024} kB; it holds settings, not annotations` }] };
  }
  const lines = new LineCounter();
  // failsafe: every scalar is text as written, as in annotations; no aliases needed in a settings file.
  const doc = parseDocument(source.replace(/^\uFEFF/, ''), { schema: 'failsafe', uniqueKeys: true, prettyErrors: false, lineCounter: lines });
  const at = (offset: number): { line: number; col: number } => lines.linePos(offset);
  if (doc.errors.length > 0) {
    return { ok: false, errors: doc.errors.map((e) => ({ ...at(e.pos[0]), message: (e.message.split('\n')[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, '') })) };
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 0 });
  } catch (error) {
    return { ok: false, errors: [{ line: 1, col: 1, message: (error as Error).message }] };
  }
  if (!isMap(doc.contents)) {
    return { ok: false, errors: [{ line: 1, col: 1, message: 'the class file must be a mapping, e.g. `newsdeck: 1` and `class: Class 10B`' }] };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => {
        const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
        const field = path.length === 0 ? 'the class file' : `'${path.join('.')}'`;
        if (issue.code === 'unrecognized_keys') {
          const key = issue.keys[0] ?? '';
          const known = KNOWN_KEYS[path.join('.')] ?? [];
          return { ...at(keyOffset(doc, path, key)), message: `unknown key '${shown(key)}' in ${field}; the keys allowed here are: ${known.join(', ')}` };
        }
        return { ...at(offsetOf(doc, path, undefined)), message: `${field}: ${issue.message}` };
      }),
    };
  }
  const data = parsed.data;
  return {
    ok: true,
    settings: {
      name: data.class,
      deckPrefix: data.deck_prefix ?? data.class,
      annotations: data.annotations ?? ['annotations'],
      cards: data.cards ?? [...CARD_FAMILIES],
      tags: data.tags ?? [],
      outputs: {
        folder: data.outputs?.folder ?? 'out',
        formats: data.outputs?.formats ?? ['apkg'],
        package: data.outputs?.package ?? 'one',
      },
      exam: {
        ...(data.exam?.questions !== undefined && { questions: Number(data.exam.questions) }),
        ...(data.exam?.seed !== undefined && { seed: data.exam.seed }),
      },
      ...(data.templates !== undefined && { templates: data.templates }),
    },
  };
}

/** The keys each mapping of the class file may have, for "unknown key" messages. */
const KNOWN_KEYS: Record<string, string[]> = {
  '': Object.keys(schema.shape),
  outputs: Object.keys(schema.shape.outputs.unwrap().shape),
  exam: Object.keys(schema.shape.exam.unwrap().shape),
};

/** The source offset of `key` itself in the mapping at `path`. */
function keyOffset(doc: Document, path: readonly (string | number)[], key: string): number {
  const map = path.length === 0 ? doc.contents : doc.getIn(path, true);
  if (isMap(map)) {
    for (const pair of map.items) {
      const node = pair.key as { value?: unknown; range?: [number, number, number] } | null;
      if (node !== null && String(node.value) === key && node.range !== undefined) return node.range[0];
    }
  }
  return offsetOf(doc, path, undefined);
}

/** The source offset of the node at `path` (or of `key` in it), else of its closest ancestor. */
function offsetOf(doc: Document, path: readonly (string | number)[], key: string | undefined): number {
  const full = key === undefined ? path : [...path, key];
  for (let depth = full.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(full.slice(0, depth), true);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range !== undefined) return range[0];
  }
  return 0;
}

/** The class file `newsdeck init --class` writes: every setting, commented. */
export function classFileTemplate(name: string): string {
  const quoted = JSON.stringify(name);
  return [
    '# newsdeck class file: every newsdeck command run in this folder (or given it) uses it.',
    'newsdeck: 1',
    `class: ${quoted}                 # the class package is named after it`,
    `deck_prefix: ${quoted}           # each article's deck goes under "<prefix>::<article deck>"`,
    'annotations: [annotations]       # annotation files or folders, relative to this file',
    'cards: [actors, quotes, claims, events, terms, facts]   # card families to make',
    'tags: []                         # extra tags on every card, e.g. [class-10b]',
    '# templates: templates           # a folder of your own card templates (TypeScript): code, run by every build',
    'outputs:',
    '  folder: out                    # where build writes; keep it: its manifest protects students\' reviews',
    '  formats: [apkg]                # apkg, anki-text, quizlet, review, handout, pdf',
    '  package: one                   # one: one package, a subdeck per article; per-article: one package each',
    'exam:',
    '  questions: 20',
    '',
  ].join('\n');
}
