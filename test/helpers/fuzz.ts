/**
 * One knob for every property test: `FUZZ_RUNS=20x npm test` (or `FUZZ_RUNS=20`)
 * runs each property twenty times as many cases as the suite's default, which
 * is sized to keep `npm test` quick on a shared 2-core machine; `0.1x` runs a
 * tenth (at least one case). Every fast-check property takes its numRuns from here.
 */
export function fuzzRuns(base: number): number {
  return Math.max(1, Math.round(base * fuzzFactor()));
}

/** The multiplier of FUZZ_RUNS (1 when unset). A value that is no positive number stops the suite instead of being ignored. */
export function fuzzFactor(env: Record<string, string | undefined> = process.env): number {
  const raw = env.FUZZ_RUNS;
  if (raw === undefined || raw.trim() === '') return 1;
  const match = /^\s*(\d+(?:\.\d+)?)\s*x?\s*$/i.exec(raw);
  const factor = match === null ? Number.NaN : Number(match[1]);
  if (!(factor > 0)) throw new Error(`FUZZ_RUNS must be a positive multiplier such as 20x or 0.5x, got '${raw}'`);
  return factor;
}
