/**
 * The cards of a large build made on every core (issue 12): worker threads
 * (card-worker.ts) each make the cards of one article at a time while the main
 * thread writes the packages of the articles before. The articles still come
 * out in order, and only a few ahead of the one being written are held.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Annotation } from '../annotation/index.js';
import type { GeneratedDeck } from '../cards/index.js';
import { ExitError, EXIT, type CliIo } from './io.js';

/** Fewer articles than this are made on the main thread: starting the workers (each loads the card code) would cost more than it saves. */
export const PARALLEL_FROM = 24;

const WORKER = fileURLToPath(new URL('./card-worker.js', import.meta.url));

/**
 * How many worker threads make cards: NEWSDECK_WORKERS when it is a whole
 * number, else one per core. 0 or 1: the main thread makes them. Also 1 when
 * run from the TypeScript sources (tests), which have no worker module to start.
 */
export function workerCount(io: CliIo): number {
  const value = io.env.NEWSDECK_WORKERS;
  if (value !== undefined && value !== '' && !/^\d{1,3}$/.test(value.trim())) {
    throw new ExitError(EXIT.usage, `NEWSDECK_WORKERS must be a whole number of worker threads (0 or 1: none), got '${value}'`);
  }
  if (!existsSync(WORKER)) return 1;
  return value === undefined || value === '' ? availableParallelism() : Number(value);
}

/** Worker threads that each make one article's cards at a time. */
export class CardWorkers {
  private readonly idle: Worker[] = [];
  private readonly waiting: { annotation: Annotation; resolve: (deck: GeneratedDeck) => void; reject: (error: Error) => void }[] = [];
  private readonly running = new Map<number, { resolve: (deck: GeneratedDeck) => void; reject: (error: Error) => void }>();
  private readonly all: Worker[] = [];
  private next = 0;

  constructor(count: number) {
    for (let i = 0; i < count; i += 1) {
      const worker = new Worker(WORKER);
      worker.on('message', ({ job, generated, error }: { job: number; generated?: GeneratedDeck; error?: string }) => {
        const done = this.running.get(job);
        this.running.delete(job);
        if (error !== undefined || generated === undefined) done?.reject(new Error(`a card worker failed: ${error ?? 'no cards'}`));
        else done?.resolve(generated);
        this.idle.push(worker);
        this.dispatch();
      });
      worker.on('error', (error) => this.failAll(error));
      this.all.push(worker);
      this.idle.push(worker);
    }
  }

  /** The cards of one annotation, made by the first worker free. */
  cards(annotation: Annotation): Promise<GeneratedDeck> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ annotation, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((w) => w.terminate()));
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.waiting.length > 0) {
      const worker = this.idle.pop() as Worker;
      const { annotation, resolve, reject } = this.waiting.shift() as (typeof this.waiting)[number];
      const job = this.next++;
      this.running.set(job, { resolve, reject });
      worker.postMessage({ job, annotation });
    }
  }

  private failAll(error: Error): void {
    for (const { reject } of [...this.running.values(), ...this.waiting]) reject(error);
    this.running.clear();
    this.waiting.length = 0;
  }
}
