/**
 * How many cases a randomized test runs: `n` in `npm test`, times FUZZ_RUNS
 * for a longer run (FUZZ_RUNS=20 npm test).
 */
export function runs(n: number): number {
  const factor = Number(process.env.FUZZ_RUNS ?? 1);
  if (!Number.isFinite(factor) || factor <= 0) throw new Error(`FUZZ_RUNS must be a positive number, got '${process.env.FUZZ_RUNS}'`);
  return Math.max(1, Math.round(n * factor));
}
