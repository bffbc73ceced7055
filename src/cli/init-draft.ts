/**
 * `newsdeck init ARTICLE.txt`: writes a draft annotation beside the article
 * (or to --out), never over an existing file. The drafting itself is pure
 * (src/draft); this is its I/O edge.
 */
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { SLUG } from '../annotation/slug.js';
import { codePoint } from '../annotation/report.js';
import { articleText, decodeUtf8, megabytes } from '../annotation/text-file.js';
import { draftAnnotation } from '../draft/index.js';
import { parseCommandArgs } from './args.js';
import { shownPath, writeNewFile } from './files.js';
import { ExitError, EXIT, println, type CliIo } from './io.js';
import { readPrefix } from './inputs.js';
import type { Command } from './main.js';

/**
 * Largest article `init` drafts from: the language analysis takes seconds per
 * hundred kilobytes, and a news article is a few dozen (the loader itself reads up to 4 MB).
 */
const MAX_DRAFT_BYTES = 512 * 1024;

export const command: Command = {
  usage: [
    'Usage: newsdeck init [--out FILE] [--id ID] ARTICLE.txt',
    '',
    'Writes a draft annotation of an article to edit instead of typing one: its',
    'direct quotes with their likely speakers, the people, organizations and',
    'countries it names with their roles, its dates as candidate events and its',
    'numbers as candidate facts, `published` from a dateline. What the draft could',
    'not decide is a `# TODO:` comment; `newsdeck check` lists each as a warning.',
    '',
    'Options:',
    '  --out FILE  where to write the draft (default: ARTICLE.yaml beside the article);',
    '              it must not exist, and the article must be in its folder or below',
    '  --id ID     the article id (default: the article file name as a slug)',
    '',
    '(`init --class` is a separate command; this one drafts from an article.)',
  ].join('\n'),
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs('init', args, { out: { type: 'string' }, id: { type: 'string' } });
    if (positionals.length !== 1) throw new ExitError(EXIT.usage, "name one article text file, e.g. 'newsdeck init articles/story.txt'");
    const articlePath = resolve(io.cwd, positionals[0] as string);
    const outPath = values.out !== undefined ? resolve(io.cwd, values.out) : articlePath.replace(/(\.[^./\\]*)?$/, '.yaml');
    if (outPath === articlePath) throw new ExitError(EXIT.usage, 'the draft would overwrite the article itself; give --out FILE.yaml');
    if (values.id !== undefined && !SLUG.test(values.id)) throw new ExitError(EXIT.usage, `--id must be a slug (a-z, 0-9 and -), got '${values.id}'`);

    // text_file is relative to the annotation and may not climb out of its folder (annotation-format.md).
    const textFile = relative(dirname(outPath), articlePath).split(sep).join('/');
    if (textFile.startsWith('../') || isAbsolute(textFile)) {
      throw new ExitError(EXIT.usage, `the draft ${shownPath(io, outPath)} must be in the article's folder or above it (its text_file cannot start with ../); choose another --out`);
    }

    let bytes: Uint8Array;
    try {
      bytes = readPrefix(articlePath, MAX_DRAFT_BYTES);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
      throw new ExitError(EXIT.failure, `cannot read ${shownPath(io, articlePath)}: ${reason}`);
    }
    if (bytes.byteLength > MAX_DRAFT_BYTES) {
      throw new ExitError(
        EXIT.failure,
        `${shownPath(io, articlePath)} is larger than the ${megabytes(MAX_DRAFT_BYTES)} a draft reads; a news article is rarely over 100 kB: check that this is the right file, or split it`,
      );
    }
    const decoded = decodeUtf8(bytes);
    if ('badByte' in decoded) {
      throw new ExitError(EXIT.failure, `${shownPath(io, articlePath)} is not UTF-8 (invalid byte at offset ${decoded.badByte}); convert it, e.g. iconv -f latin1 -t utf-8`);
    }
    const article = articleText(decoded.text);
    if ('control' in article) {
      throw new ExitError(
        EXIT.failure,
        `${shownPath(io, articlePath)} contains the control character ${codePoint(article.control)} at its line ${article.line}, column ${article.col}; remove it (article sentences are shown in terminals and on cards)`,
      );
    }
    const { text } = article;
    if (text.trim() === '') throw new ExitError(EXIT.failure, `${shownPath(io, articlePath)} is empty: there is nothing to draft from`);

    const draft = draftAnnotation({ text, textFile, ...(values.id !== undefined ? { id: values.id } : {}) });
    const c = draft.counts;
    // An annotation needs at least one item: a draft without any would not pass `check`.
    if (c.actors + c.quotes + c.events + c.facts === 0) {
      throw new ExitError(EXIT.failure, `${shownPath(io, articlePath)}: nothing to draft: the text names no one and has no quotation, date or number; nothing was written`);
    }
    writeNewFile(io, outPath, draft.yaml, {
      exists: () => `${shownPath(io, outPath)} already exists; it was left as it is (move it away, or give --out another file)`,
    });
    println(
      io.stdout,
      `wrote ${shownPath(io, outPath)}: ${c.actors} actors, ${c.quotes} quotes, ${c.events} candidate events, ${c.facts} candidate facts; ${c.todos} TODOs to decide`,
    );
    println(io.stdout, `next: edit it, then run 'newsdeck check ${shownPath(io, outPath)}' (it lists every TODO as a warning)`);
    return EXIT.ok;
  },
};
