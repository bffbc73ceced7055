import { isAlias, isMap, parseDocument, visit, type Document, type Node } from 'yaml';
import { buildModel } from './build-model.js';
import { type AnnotationError, type ErrorCode } from './errors.js';

export { formatErrors } from './errors.js';
import type { Annotation } from './model.js';
import { checkItems } from './references.js';
import { describe, LineTable, Locator, nodeOffset, Reporter } from './report.js';
import { annotationSchema, type AnnotationInput } from './schema.js';
import { reportIssue } from './shape.js';
import { decodeUtf8, loadArticleText, megabytes, positionInBytes } from './text-file.js';
import { ArticleText } from './text-match.js';
import { deeperThan } from './nesting.js';
import { DEFAULT_LIMITS, type LoadLimits } from './limits.js';

export { DEFAULT_LIMITS, limitsForMaxSize, type LoadLimits } from './limits.js';

export interface LoadOptions {
  /** The file name shown in errors. */
  file: string;
  /**
   * Reads the article text file named by `text_file`, relative to the annotation.
   * Throws (any error) when the file cannot be read; an error with the code
   * 'EOUTSIDE' when the path leads outside the annotation's folder (a link).
   */
  readText(relativePath: string): string | Uint8Array;
  /**
   * The annotation's folder relative to the project root (`annotations`, or ''
   * for the root itself), with '/' between folders: `text_file` may then name
   * `../articles/x.txt`, anything inside the root (annotation-format.md). When
   * absent, the annotation's own folder is the root: no `..` at all.
   */
  folderInRoot?: string;
  /** Template ids that `skip` may name; unchecked when absent. */
  templateIds?: readonly string[];
  limits?: Partial<LoadLimits>;
}

export type LoadResult = { ok: true; annotation: Annotation } | { ok: false; errors: AnnotationError[] };

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
    report.at('too-large', 1, 1, `the annotation is larger than the safety limit of ${megabytes(limits.maxAnnotationBytes)} (--max-size)`, {
      hint: 'an annotation of one article is a few kilobytes; check that this is the right file, or raise the limit with --max-size MB if you mean it',
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
  report.setLineTable(lineTable);
  const tooDeep = deeperThan(text, limits.maxDepth);
  if (tooDeep !== undefined) {
    report.atOffset('too-deep', tooDeep, `lists and mappings nest more than ${limits.maxDepth} levels deep here`, {
      hint: 'an annotation nests about five levels (actors → item → aliases); check the brackets and the indentation',
    });
    return report.result();
  }
  // failsafe: every scalar is text as written, so `when: 1969` is "1969" and `published: 2025-02-20` a date string.
  const doc = parseDocument(text, { schema: 'failsafe', prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
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
  // yaml's bound counts the nodes each alias expands to; this one counts the aliases, which yaml bounds per anchor only.
  const beyond = aliasOffsets(doc)[limits.maxAliasCount];
  if (beyond !== undefined) {
    report.atOffset('too-many-aliases', beyond, `more than ${limits.maxAliasCount} aliases in one file`, {
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


function yamlMessage(message: string): string {
  // The yaml library appends its own excerpt after a colon and newline; we print ours.
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

/** Where every alias of the document is, in document order. */
function aliasOffsets(doc: Document): number[] {
  const offsets: number[] = [];
  visit(doc, {
    Alias(_key, node: Node) {
      if (isAlias(node)) offsets.push(nodeOffset(node));
    },
  });
  return offsets;
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

