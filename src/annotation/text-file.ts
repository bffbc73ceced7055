/**
 * The article text: inline or from `text_file`, which must stay beside the
 * annotation, be UTF-8, within the size limit and free of control characters.
 */
import type { AnnotationInput } from './schema.js';
import type { LoadLimits, LoadOptions } from './load.js';
import { isRecord, shown, codePoint, type Locator, type Reporter } from './report.js';
import { lineOf } from './text-match.js';
import { posix } from 'node:path';

export function loadArticleText(
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
  // Only files inside the project root: a shared annotation must not be able to copy other
  // files of the machine (../../.ssh/…) into cards, and the class folder stays self-contained.
  if (/^([/\\]|[a-zA-Z]:)/.test(name) || leavesRoot(name, options.folderInRoot)) {
    const where = options.folderInRoot === undefined ? "the annotation's folder" : 'the project root (the folder of newsdeck.yaml, or the folder named on the command line)';
    report.atNode('text-file-outside', node, `text_file '${shown(name)}' is outside ${where}`, {
      hint:
        options.folderInRoot === undefined
          ? 'put the article text beside the annotation (or in a folder below it) and give its relative path'
          : 'put the article text inside the project, e.g. articles/, and give its path relative to the annotation (../articles/x.txt)',
    });
    return undefined;
  }
  let content: string | Uint8Array;
  try {
    content = options.readText(name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EOUTSIDE') {
      report.atNode('text-file-outside', node, `text_file '${shown(name)}' is outside the annotation's folder: ${(error as Error).message}`, {
        hint: 'put the article text itself beside the annotation (or in a folder below it)',
      });
      return undefined;
    }
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    report.atNode('text-file-missing', node, `cannot read text_file '${name}': ${reason}`, {
      hint: 'the path is relative to the annotation file; check its spelling and location',
    });
    return undefined;
  }
  const size = typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.byteLength;
  if (size > limits.maxTextBytes) {
    report.atNode('too-large', node, `the article text is larger than the safety limit of ${megabytes(limits.maxTextBytes)} (--max-size)`, {
      hint: 'one news article is rarely over 100 kB; check that this is the right file, or raise the limit with --max-size MB if you mean it',
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
  const checked = articleText(text);
  if ('control' in checked) {
    const { control, line, col } = checked;
    report.atNode('invalid-value', node, `'${shown(name)}' contains the control character ${codePoint(control)} at its line ${line}, column ${col}`, {
      hint: 'remove it: article sentences are shown in terminals and on cards',
    });
    return undefined;
  }
  return checked.text;
}

/**
 * A decoded article text file as cards use it: without its byte-order mark,
 * or refused for its first control character (tabs and line breaks are
 * text), at its line and column: article sentences are shown in terminals
 * and on cards. The one rule for the loader and `newsdeck init`.
 */
export function articleText(decoded: string): { text: string } | { control: string; line: number; col: number } {
  const text = decoded.replace(/^\uFEFF/, '');
  const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.exec(text);
  if (control === null) return { text };
  return { control: control[0], line: lineOf(text, control.index), col: control.index - text.lastIndexOf('\n', control.index - 1) };
}

export function decodeUtf8(bytes: Uint8Array): { text: string } | { badByte: number } {
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

export function positionInBytes(bytes: Uint8Array, index: number): { line: number; col: number } {
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

export function megabytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`;
}

/** True when `name`, relative to the annotation's folder, goes above the root (lexically: links are checked on reading). */
function leavesRoot(name: string, folderInRoot: string | undefined): boolean {
  const parts = name.split(/[/\\]/);
  if (folderInRoot === undefined) return parts.includes('..');
  const joined = posix.normalize(posix.join(folderInRoot === '' ? '.' : folderInRoot, parts.join('/')));
  return joined === '..' || joined.startsWith('../');
}
