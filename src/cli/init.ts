import { command as initClass } from './init-class.js';
import { command as initDraft } from './init-draft.js';
import type { CliIo } from './io.js';
import type { Command } from './main.js';

/**
 * `newsdeck init`: two ways to start, one command. `init ARTICLE.txt` drafts
 * an annotation of an article (init-draft.ts); `init --class [DIR]` makes a
 * class folder (init-class.ts).
 */
export const command: Command = {
  usage: `${initDraft.usage}\n\n${initClass.usage}`,
  run(args: string[], io: CliIo): Promise<number> {
    return (args.includes('--class') ? initClass : initDraft).run(args, io);
  },
};
