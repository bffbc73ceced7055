/** Lowest and highest desired retention we accept, as Anki does (apart from the scheduler, so that option parsing loads no ts-fsrs). */
export const RETENTION_RANGE = { min: 0.7, max: 0.99 } as const;
