import { distance } from 'fastest-levenshtein';
import { isAlias, isMap, isPair, isScalar, parseDocument, visit, type Document, type Node } from 'yaml';
import { z } from 'zod';
import { formatError, type AnnotationError, type ErrorCode } from './errors.js';
import {
  CARD_FAMILIES,
  type Actor,
  type Annotation,
  type Article,
  type Claim,
  type NewsEvent,
  type Passage,
  type Quote,
  type SourcePosition,
  type Term,
} from './model.js';
import { annotationSchema, PRINTABLE, type AnnotationInput } from './schema.js';
import { slugify } from './slug.js';
import { ArticleText, findSpan, lineOf, normaliseForMatching, sentenceAround } from './text-match.js';

/** Bounds that keep a hostile or mistaken file from exhausting memory or time. */
export interface LoadLimits {
  /** Largest annotation file, in bytes. */
  maxAnnotationBytes: number;
  /** Largest article text, in bytes. */
  maxTextBytes: number;
  /** Most alias expansions in one file (an "alias bomb" guard). */
  maxAliasCount: number;
}

export const DEFAULT_LIMITS: LoadLimits = {
  maxAnnotationBytes: 1024 * 1024,
  maxTextBytes: 4 * 1024 * 1024,
  maxAliasCount: 100,
};

export interface LoadOptions {
  /** The file name shown in errors. */
  file: string;
  /**
   * Reads the article text file named by `text_file`, relative to the annotation.
   * Throws (any error) when the file cannot be read.
   */
  readText(relativePath: string): string | Uint8Array;
  /** Template ids that `skip` may name; unchecked when absent. */
  templateIds?: readonly string[];
  limits?: Partial<LoadLimits>;
}

export type LoadResult = { ok: true; annotation: Annotation } | { ok: false; errors: AnnotationError[] };

type Path = readonly (string | number)[];

/** Words too common to be worth a cloze blank (card-quality.md rule 9). */
const STOP_WORDS = new Set(
  'a an and are as at be but by for from had has have he her his i in is it its of on or our she that the their them they this to was we were which who will with you'.split(
    ' ',
  ),
);

/**
 * Parses and checks one annotation (annotation-format.md). Pure: the article
 * text comes through `readText`. Returns the checked annotation, or every
 * error of the file with its position; never throws for bad input.
 */
export function loadAnnotation(source: string | Uint8Array, options: LoadOptions): LoadResult {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const report = new Reporter(options.file);

  const size = typeof source === 'string' ? Buffer.byteLength(source, 'utf8') : source.byteLength;
  if (size > limits.maxAnnotationBytes) {
    report.at('too-large', 1, 1, `the annotation is larger than the limit of ${megabytes(limits.maxAnnotationBytes)}`, {
      hint: 'an annotation of one article is a few kilobytes; check that this is the right file',
    });
    return report.result();
  }
  const decoded = typeof source === 'string' ? { text: source } : decodeUtf8(source);
  if ('badByte' in decoded) {
    const { line, col } = positionInBytes(source as Uint8Array, decoded.badByte);
    report.at('not-utf8', line, col, `byte ${decoded.badByte} is not valid UTF-8`, {
      hint: 'save the file as UTF-8 in your editor',
    });
    return report.result();
  }
  const text = decoded.text.replace(/^\uFEFF/, '');
  report.setSource(text);

  // Our own line table rather than yaml's LineCounter: after a syntax error in a flow collection the
  // lexer can swallow a line break into an error token, and LineCounter then misses that line; a lone
  // \r breaks a line for editors and for the excerpt, but not for LineCounter.
  const lineTable = new LineTable(text);
  // failsafe: every scalar is text as written, so `when: 1969` is "1969" and `published: 2025-02-20` a date string.
  const doc = parseDocument(text, { schema: 'failsafe', prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  report.setLineTable(lineTable);
  for (const error of doc.errors) {
    const code: ErrorCode = error.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'yaml-syntax';
    const hint =
      code === 'duplicate-key'
        ? 'remove one of the two, or merge their values'
        : 'check indentation and quoting; values containing ": " or " #" need quotes';
    report.atOffset(code, error.pos[0], yamlMessage(error.message), { hint });
  }
  if (report.count > 0) return report.result();

  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: limits.maxAliasCount });
  } catch {
    report.atOffset('too-many-aliases', firstAliasOffset(doc), `aliases expand to more than ${limits.maxAliasCount} nodes`, {
      hint: 'write the values out, or use fewer aliases',
    });
    return report.result();
  }
  if (raw === null || raw === undefined || (typeof raw === 'string' && raw === '')) {
    report.at('wrong-type', 1, 1, 'the file is empty; an annotation is a mapping with format, article and items', {
      hint: 'start from the example in the README (format: 1, article: …, actors: …)',
    });
    return report.result();
  }
  if (!isMap(doc.contents)) {
    report.atNode('wrong-type', doc.contents, `the file must be a YAML mapping (key: value lines), but it is ${describe(raw)}`, {
      hint: 'start from the example in the README (format: 1, article: …, actors: …)',
    });
    return report.result();
  }

  const locate = new Locator(doc, lineTable);
  const parsed = annotationSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) reportIssue(report, locate, raw, issue);
  }
  // Cross-reference checks run on the raw data too, so that one run reports every error.
  const input = raw as Partial<AnnotationInput>;
  const articleText = loadArticleText(report, locate, input, options, limits);
  const article = articleText === undefined ? undefined : new ArticleText(articleText);
  checkItems(report, locate, input, article, options.templateIds);
  if (report.count > 0 || !parsed.success || article === undefined) return report.result();
  return { ok: true, annotation: buildModel(parsed.data, article, options.file, locate) };
}

/** Renders every error of a failed load, as `newsdeck check` prints them. */
export function formatErrors(errors: readonly AnnotationError[]): string {
  return errors.map(formatError).join('\n\n');
}

// ---------------------------------------------------------------------------
// Reporting with positions

class Reporter {
  private readonly errors: AnnotationError[] = [];
  private lines: string[] = [''];
  private lineTable: LineTable | undefined;

  constructor(private readonly file: string) {}

  get count(): number {
    return this.errors.length;
  }

  setSource(text: string): void {
    this.lines = text.split(/\r?\n|\r/);
  }

  setLineTable(lineTable: LineTable): void {
    this.lineTable = lineTable;
  }

  at(code: ErrorCode, line: number, col: number, message: string, extra: Extra = {}): void {
    const safe: Extra = {};
    if (extra.hint !== undefined) safe.hint = shown(extra.hint);
    if (extra.closest !== undefined) safe.closest = { ...extra.closest, text: shown(extra.closest.text) };
    this.errors.push({ code, file: this.file, line, col, message: shown(message), sourceLine: this.lines[line - 1] ?? '', ...safe });
  }

  atOffset(code: ErrorCode, offset: number, message: string, extra: Extra = {}): void {
    const pos = this.lineTable?.linePos(offset) ?? { line: 1, col: 1 };
    this.at(code, pos.line, pos.col, message, extra);
  }

  atNode(code: ErrorCode, node: unknown, message: string, extra: Extra = {}): void {
    this.atOffset(code, nodeOffset(node), message, extra);
  }

  result(): { ok: false; errors: AnnotationError[] } {
    const errors = [...this.errors].sort((a, b) => a.line - b.line || a.col - b.col);
    return { ok: false, errors };
  }
}

type Extra = Pick<AnnotationError, 'hint' | 'closest'>;

/** 1-based line and column of an offset, with \n, \r\n and a lone \r as line breaks (as `Reporter.setSource` splits lines). */
class LineTable {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) this.starts.push(i + 1);
    }
  }

  linePos(offset: number): SourcePosition {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - (this.starts[lo] as number) + 1 };
  }
}

function nodeOffset(node: unknown): number {
  if (node !== null && typeof node === 'object' && 'range' in node) {
    const range = (node as { range?: [number, number, number] | null }).range;
    if (range) return range[0];
  }
  return 0;
}

/** Finds the YAML node of a path in the parsed data, to put errors where they belong. */
class Locator {
  constructor(
    private readonly doc: Document,
    private readonly lineTable: LineTable,
  ) {}

  /** The node at `path`, or the closest existing ancestor. */
  node(path: Path): unknown {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = depth === 0 ? this.doc.contents : this.doc.getIn(path.slice(0, depth), true);
      if (node !== undefined && node !== null) return node;
    }
    return this.doc.contents;
  }

  /** The key node of `key` in the mapping at `path` (for unknown and duplicate keys). */
  key(path: Path, key: string): unknown {
    const map = this.node(path);
    if (isMap(map)) {
      for (const pair of map.items) {
        if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === key) return pair.key;
      }
      // A collection used as a key reaches the data stringified ("[ a ]"): point at the collection key.
      for (const pair of map.items) {
        if (isPair(pair) && pair.key !== null && !isScalar(pair.key)) return pair.key;
      }
    }
    return map;
  }

  position(path: Path): SourcePosition {
    return this.lineTable.linePos(nodeOffset(this.node(path)));
  }
}

// ---------------------------------------------------------------------------
// Shape errors (from the schema)

const FIELD_HINTS: Record<string, string> = {
  speaker: 'use the id of an actor declared under `actors:`',
  claimant: 'use the id of an actor declared under `actors:`, or `article`',
  aliases: 'write a list, e.g. `aliases: [Wang]`',
  tags: 'write a list, e.g. `tags: [ukraine, china]`',
  cloze: 'write a list of words from the quote, e.g. `cloze: [peace talks]`',
  disputed_by: 'write a list of actor ids, e.g. `disputed_by: [china]`',
  actors: 'write a list',
  skip: 'write a list of template ids, e.g. `skip: [actor-reverse]`',
};

function reportIssue(report: Reporter, locate: Locator, raw: unknown, issue: z.core.$ZodIssue): void {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const field = fieldName(path);
  const value = valueAt(raw, path);
  switch (issue.code) {
    case 'unrecognized_keys':
      for (const key of issue.keys) {
        const known = knownKeysAt(path);
        const suggestion = closest(key, known);
        report.atNode(
          'unknown-key',
          locate.key(path, key),
          `unknown key '${key}' in ${describePath(path)}` + (suggestion ? `; did you mean '${suggestion}'?` : ''),
          { hint: `the keys allowed here are: ${known.join(', ')}` },
        );
      }
      return;
    case 'invalid_type': {
      if (value === undefined) {
        reportMissing(report, locate, path, field);
        return;
      }
      const expected = issue.expected === 'array' ? 'a list' : issue.expected === 'object' ? 'a mapping (key: value lines)' : 'text';
      report.atNode('wrong-type', locate.node(path), `'${field}' should be ${expected}, but it is ${describe(value)}`, {
        hint: FIELD_HINTS[field] ?? (issue.expected === 'string' ? 'write the value on the same line as its key' : `write ${expected}`),
      });
      return;
    }
    case 'too_small':
      if (typeof value === 'string') {
        report.atNode('empty-value', locate.node(path), `'${field}' is empty`, { hint: 'give it a value, or remove the key' });
      } else {
        report.atNode('empty-value', locate.node(path), `'${field}' is an empty list`, { hint: 'add entries, or remove the key' });
      }
      return;
    case 'invalid_format':
      if ('pattern' in issue && issue.pattern === String(PRINTABLE)) {
        const characters = [...String(value)];
        const at = characters.findIndex((ch) => !PRINTABLE.test(ch));
        report.atNode('invalid-value', locate.node(path), `'${field}' contains the control character ${codePoint(characters[at] ?? '')} (character ${at + 1})`, {
          hint: 'remove it: control characters could change a terminal or break an Anki field (a YAML "\\e" or "\\x1b" writes one)',
        });
        return;
      }
      reportFormat(report, locate, path, field, String(value));
      return;
    case 'invalid_value': {
      // zod 4 reports an absent literal or enum (format, kind, stance) as invalid_value, not invalid_type.
      if (value === undefined) {
        reportMissing(report, locate, path, field);
        return;
      }
      if (path.length === 1 && path[0] === 'format') {
        report.atNode('unsupported-format', locate.node(path), `format '${String(value)}' is not supported; this tool reads format 1`, {
          hint: 'write `format: 1`, or use a newer newsdeck for a newer format',
        });
        return;
      }
      const allowed = issue.values.map(String);
      const suggestion = closest(String(value), allowed);
      report.atNode(
        'invalid-value',
        locate.node(path),
        `'${field}' is '${String(value)}', which is not allowed` + (suggestion ? `; did you mean '${suggestion}'?` : ''),
        { hint: `use one of: ${allowed.join(', ')}` },
      );
      return;
    }
    default:
      report.atNode('wrong-type', locate.node(path), `'${field}' is not valid: ${issue.message}`);
  }
}

function reportMissing(report: Reporter, locate: Locator, path: Path, field: string): void {
  report.atNode('missing-key', locate.node(path), `${describePath(path.slice(0, -1))} has no '${field}'`, {
    hint: `add '${field}:' with a value${requiredHint(field)}`,
  });
}

function reportFormat(report: Reporter, locate: Locator, path: Path, field: string, value: string): void {
  const node = locate.node(path);
  if (field === 'published') {
    report.atNode('invalid-value', node, `'published' is '${value}', which is not a date`, { hint: 'write the date as YYYY-MM-DD, e.g. 2025-02-20' });
  } else if (field === 'url') {
    report.atNode('invalid-value', node, `'url' is '${value}', which is not a web address`, { hint: 'write the full address, starting with https://' });
  } else if (field === 'tags' || path.includes('tags')) {
    report.atNode('invalid-value', node, `tag '${value}' contains white space, which Anki would split into several tags`, {
      hint: 'join the words with - (e.g. global-south), or use :: for a hierarchy',
    });
  } else {
    const slug = slugify(value);
    report.atNode('invalid-id', node, `'${value}' is not a valid id: ids are lowercase letters, digits and hyphens`, {
      hint: slug === '' ? 'use an id such as wang-yi' : `write '${slug}'`,
    });
  }
}

function requiredHint(field: string): string {
  if (field === 'kind') return ' (person, organization, country or group)';
  if (field === 'stance') return ' (assertion, accusation, denial, prediction or assessment)';
  if (field === 'format') return ' (format: 1)';
  return '';
}

/** The keys the schema allows at a path (for "did you mean"). */
function knownKeysAt(path: Path): string[] {
  let schema: z.ZodType = annotationSchema;
  for (const segment of path) {
    schema = unwrap(schema);
    if (typeof segment === 'number' && schema instanceof z.ZodArray) schema = schema.element as z.ZodType;
    else if (typeof segment === 'string' && schema instanceof z.ZodObject) {
      const next = (schema.shape as Record<string, z.ZodType>)[segment];
      if (next === undefined) return [];
      schema = next;
    } else return [];
  }
  schema = unwrap(schema);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function unwrap(schema: z.ZodType): z.ZodType {
  return schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema;
}

/** The closest known word to a misspelt one, if it is close enough to be the intended one. */
function closest(word: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = distance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(best.length / 3)) ? best : undefined;
}

// ---------------------------------------------------------------------------
// The article text

function loadArticleText(
  report: Reporter,
  locate: Locator,
  input: Partial<AnnotationInput>,
  options: LoadOptions,
  limits: LoadLimits,
): string | undefined {
  const article = input.article;
  if (!isRecord(article)) return undefined;
  const hasFile = typeof article.text_file === 'string' && article.text_file !== '';
  const hasInline = typeof article.text === 'string' && article.text !== '';
  if (hasFile && hasInline) {
    report.atNode('text-source', locate.key(['article'], 'text'), 'the article has both `text` and `text_file`', {
      hint: 'keep one: `text_file` for a separate file, or `text: |` for inline text',
    });
    return undefined;
  }
  if (!hasFile && !hasInline) {
    if (article.text_file === undefined && article.text === undefined) {
      report.atNode('text-source', locate.node(['article']), 'the article has neither `text_file` nor `text`', {
        hint: 'add `text_file: name.txt` (relative to this file) or `text: |` with the article',
      });
    }
    return undefined;
  }
  if (hasInline) return article.text as string;
  const name = article.text_file as string;
  const node = locate.node(['article', 'text_file']);
  // Only files beside the annotation or below its folder: a shared annotation must not be able
  // to copy other files of the machine (../../.ssh/…) into cards, and the deck stays self-contained.
  if (/^([/\\]|[a-zA-Z]:)/.test(name) || name.split(/[/\\]/).includes('..')) {
    report.atNode('text-file-outside', node, `text_file '${shown(name)}' is outside the annotation's folder`, {
      hint: 'put the article text beside the annotation (or in a folder below it) and give its relative path',
    });
    return undefined;
  }
  let content: string | Uint8Array;
  try {
    content = options.readText(name);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    report.atNode('text-file-missing', node, `cannot read text_file '${name}': ${reason}`, {
      hint: 'the path is relative to the annotation file; check its spelling and location',
    });
    return undefined;
  }
  const size = typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.byteLength;
  if (size > limits.maxTextBytes) {
    report.atNode('too-large', node, `the article text is larger than the limit of ${megabytes(limits.maxTextBytes)}`, {
      hint: 'one news article is rarely over 100 kB; check that this is the right file',
    });
    return undefined;
  }
  let text: string;
  if (typeof content === 'string') text = content;
  else {
    const decoded = decodeUtf8(content);
    if ('badByte' in decoded) {
      const { line, col } = positionInBytes(content, decoded.badByte);
      report.atNode('text-file-not-utf8', node, `'${shown(name)}' is not UTF-8: invalid byte at its line ${line}, column ${col}`, {
        hint: 'convert the text to UTF-8 (e.g. `iconv -f latin1 -t utf-8`)',
      });
      return undefined;
    }
    text = decoded.text;
  }
  text = text.replace(/^\uFEFF/, '');
  const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.exec(text);
  if (control !== null) {
    const line = lineOf(text, control.index);
    const col = control.index - text.lastIndexOf('\n', control.index - 1);
    report.atNode('invalid-value', node, `'${shown(name)}' contains the control character ${codePoint(control[0])} at its line ${line}, column ${col}`, {
      hint: 'remove it: article sentences are shown in terminals and on cards',
    });
    return undefined;
  }
  return text;
}

// ---------------------------------------------------------------------------
// Cross-references and verbatim spans

const ITEM_LISTS = ['actors', 'quotes', 'claims', 'events', 'terms'] as const;

function checkItems(
  report: Reporter,
  locate: Locator,
  input: Partial<AnnotationInput>,
  article: ArticleText | undefined,
  templateIds: readonly string[] | undefined,
): void {
  const lists = ITEM_LISTS.map((name) => [name, Array.isArray(input[name]) ? (input[name] as unknown[]) : []] as const);
  if (lists.every(([, items]) => items.length === 0) && ITEM_LISTS.every((name) => input[name] === undefined || Array.isArray(input[name]))) {
    report.atNode('no-items', locate.node([]), 'the annotation has no actors, quotes, claims, events or terms', {
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
          hint: 'ids are shared by actors, quotes, claims, events and terms: give this item another id',
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

// ---------------------------------------------------------------------------
// The checked model

function buildModel(input: AnnotationInput, articleSpans: ArticleText, file: string, locate: Locator): Annotation {
  const articleText = articleSpans.text;
  const passage = (span: string): Passage => {
    // checkItems found every span already: this is the cached result.
    const found = articleSpans.find(span) as NonNullable<ReturnType<ArticleText['find']>>;
    return {
      span: articleText.slice(found.offset, found.offset + found.length),
      sentence: sentenceAround(articleText, found.offset, found.length),
      offset: found.offset,
    };
  };
  const base = (item: { id: string; tags?: string[] | undefined; skip?: string[] | undefined }, path: Path) => ({
    id: item.id,
    tags: item.tags ?? [],
    skip: item.skip ?? [],
    pos: locate.position(path),
  });

  const actors: Actor[] = (input.actors ?? []).map((a, i) => ({
    ...base(a, ['actors', i]),
    name: a.name,
    aliases: a.aliases ?? [],
    kind: a.kind,
    role: a.role,
    ...(a.note !== undefined && { note: a.note }),
  }));
  const actor = (id: string): Actor => actors.find((a) => a.id === id) as Actor;

  const quotes: Quote[] = (input.quotes ?? []).map((q, i) => ({
    ...base(q, ['quotes', i]),
    speaker: actor(q.speaker),
    text: q.text,
    ...(q.context !== undefined && { context: q.context }),
    cloze: q.cloze ?? [],
    passage: passage(q.text),
  }));
  const claims: Claim[] = (input.claims ?? []).map((c, i) => ({
    ...base(c, ['claims', i]),
    claimant: c.claimant === 'article' ? 'article' : actor(c.claimant),
    stance: c.stance,
    text: c.text,
    ...(c.question !== undefined && { question: c.question }),
    ...(c.answer !== undefined && { answer: c.answer }),
    disputedBy: (c.disputed_by ?? []).map(actor),
    ...(c.evidence !== undefined && { evidence: passage(c.evidence) }),
  }));
  const events: NewsEvent[] = (input.events ?? []).map((e, i) => ({
    ...base(e, ['events', i]),
    what: e.what,
    when: e.when,
    ...(e.where !== undefined && { where: e.where }),
    actors: (e.actors ?? []).map(actor),
    ...(e.evidence !== undefined && { evidence: passage(e.evidence) }),
  }));
  const terms: Term[] = (input.terms ?? []).map((t, i) => ({
    ...base(t, ['terms', i]),
    term: t.term,
    definition: t.definition,
    ...(t.evidence !== undefined && { evidence: passage(t.evidence) }),
  }));

  const a = input.article;
  const article: Article = {
    id: a.id,
    pos: locate.position(['article', 'id']),
    title: a.title,
    ...(a.source !== undefined && { source: a.source }),
    ...(a.url !== undefined && { url: a.url }),
    ...(a.published !== undefined && { published: a.published }),
    text: articleText,
    ...(a.text_file !== undefined && { textFile: a.text_file }),
  };
  return {
    format: 1,
    file,
    article,
    deck: {
      // A title is text, not a deck path: its '::' must not make subdecks.
      name: input.deck?.name ?? a.title.replace(/::/g, ':'),
      tags: input.deck?.tags ?? [],
      cards: input.deck?.cards ?? [...CARD_FAMILIES],
    },
    actors,
    quotes,
    claims,
    events,
    terms,
  };
}

// ---------------------------------------------------------------------------
// Small helpers


function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function valueAt(raw: unknown, path: Path): unknown {
  let value = raw;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

function fieldName(path: Path): string {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
  return 'the file';
}

/** `quotes[2]` style, for messages. */
function describePath(path: Path): string {
  if (path.length === 0) return 'the file';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** Control characters made visible (\u001b), so that no message can drive the terminal it is printed on. */
function shown(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (ch) => `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
}

/** "U+001B". */
function codePoint(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return value === '' ? 'empty' : `the text '${value.length > 40 ? value.slice(0, 40) + '…' : value}'`;
  return String(value);
}

function yamlMessage(message: string): string {
  // The yaml library appends its own excerpt after a colon and newline; we print ours.
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

function firstAliasOffset(doc: Document): number {
  let offset = 0;
  visit(doc, {
    Alias(_key, node: Node) {
      if (isAlias(node)) {
        offset = nodeOffset(node);
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return offset;
}

function decodeUtf8(bytes: Uint8Array): { text: string } | { badByte: number } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    // Find the first invalid byte by decoding growing prefixes in halves.
    let lo = 0;
    let hi = bytes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid + 1), { stream: true });
        lo = mid + 1;
      } catch {
        hi = mid;
      }
    }
    // `lo` is where the decoder gave up; an ill-formed sequence (a Latin-1 'é' read as the lead byte
    // of a 3-byte sequence, or a sequence cut off by the end of the file) starts up to 3 bytes earlier,
    // at the end of the longest prefix that decodes completely.
    let start = lo;
    while (start > 0 && lo - start < 3 && !decodesCompletely(bytes.subarray(0, start))) start--;
    return { badByte: start };
  }
}

function decodesCompletely(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function positionInBytes(bytes: Uint8Array, index: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const col = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, index)).length + 1;
  return { line, col };
}

function isCalendarDate(iso: string): boolean {
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso;
}

function megabytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`;
}
