/**
 * Every output newsdeck writes from the same cards. `apkg` (the Anki package
 * and its manifest) needs the previous manifest and `pdf` needs a browser, so
 * the CLI runs those two itself; every other format is a pure writer here.
 */
import type { OutputFormat, OutputWriter } from './output.js';
import { ankiTextFiles } from './anki-text.js';
import { handoutFiles } from './handout.js';
import { quizletFiles } from './quizlet.js';
import { reviewFiles } from './review.js';

export type { OutputArticle, OutputFile, OutputUnit, OutputWriter } from './output.js';
/** The handout page the CLI renders to `.handout.pdf`. */
export { handoutHtml } from './handout.js';

export { OUTPUT_FORMATS, type OutputFormat } from './output.js';

/** The pure writers, by format. */
export const WRITERS: Partial<Record<OutputFormat, OutputWriter>> = {
  'anki-text': ankiTextFiles,
  quizlet: quizletFiles,
  review: reviewFiles,
  handout: handoutFiles,
};
