/**
 * A worker thread of a large build (see cards-in-parallel.ts): makes the cards
 * of the annotations it is sent, one at a time, with the built-in templates.
 * The annotation arrives as a structured clone of the checked one, so the
 * cards are those the main thread would make.
 */
import { parentPort } from 'node:worker_threads';
import { generateCards } from '../cards/index.js';
import type { Annotation } from '../annotation/index.js';

parentPort?.on('message', ({ job, annotation }: { job: number; annotation: Annotation }) => {
  try {
    parentPort?.postMessage({ job, generated: generateCards(annotation) });
  } catch (error) {
    parentPort?.postMessage({ job, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
