/**
 * Progress through a build of many articles: a bar redrawn in place on a
 * terminal, plain lines in a log (a redrawn line would be a mess of carriage
 * returns there). Silent for a few articles, where it would only be noise.
 */
import type { Writable } from 'node:stream';
import { shown } from '../annotation/shown.js';

/** Builds of more articles than this show progress. */
export const PROGRESS_FROM = 4;

const WIDTH = 24;

export interface ProgressReporter {
  /** The next item starts: `name` is shown beside the count. */
  tick(name: string): void;
  /** Clears the bar (a terminal) so that the command's own output starts on a clean line. */
  done(): void;
}

export function progressReporter(stream: Writable & { isTTY?: boolean }, total: number, what: string, enabled: boolean): ProgressReporter {
  if (!enabled || total < PROGRESS_FROM) return { tick: () => undefined, done: () => undefined };
  let count = 0;
  const tty = stream.isTTY === true;
  return {
    tick(name: string): void {
      count += 1;
      if (!tty) {
        stream.write(`${what} ${count}/${total}: ${shown(name)}\n`);
        return;
      }
      const filled = Math.round((count / total) * WIDTH);
      const label = shown(name);
      const clipped = label.length > 40 ? `…${label.slice(-39)}` : label;
      // \r and "erase to end of line": the bar is redrawn in place.
      stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${count}/${total} ${what} ${clipped}\u001b[K`);
    },
    done(): void {
      if (tty && count > 0) stream.write('\r\u001b[K');
    },
  };
}
