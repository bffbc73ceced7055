// Start-up of the sample deck (issue 12): `newsdeck --version`, `check decks` and
// `build decks --out DIR`, each cold (NEWSDECK_NO_CACHE=1) and warm (the card
// cache filled by a run before), beside `node -e 0`. Whole processes, the runs
// of every command interleaved, so that a change of the machine's load falls
// on all alike; median of wall time and of CPU time (user + system, from
// bench/peak.mjs, preloaded into every process, node -e 0 included).
//
//   node bench/startup.mjs [--reps N (7)] [--json] [--compare DIR]
//
// --compare DIR: also the same commands of another build of newsdeck (a
// checkout of an older commit with its dist/ built), in the same run: before and after.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PEAK = join(ROOT, 'bench/peak.mjs');

/** One process: wall and CPU time (ms), peak RSS (kB); throws if it fails. */
function timed(args, env, work) {
  const peakFile = join(work, 'peak');
  rmSync(peakFile, { force: true });
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', PEAK, ...args], { cwd: ROOT, env: { ...process.env, NEWSDECK_BENCH_PEAK: peakFile, ...env }, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
  const { peakKb, cpuMs } = JSON.parse(readFileSync(peakFile, 'utf8'));
  return { ms, cpuMs, peakKb, stdout: r.stdout };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/**
 * The start-up of each command of each build (`roots`: newsdeck folders with dist/ built),
 * `reps` interleaved rounds. Returns, by build and command, the median wall and CPU ms and peak MB.
 */
export function benchStartup(roots, reps) {
  const work = mkdtempSync(join(tmpdir(), 'newsdeck-startup-'));
  try {
    const decks = join(ROOT, 'decks');
    const commands = (root, name) => {
      const bin = join(root, 'dist/src/cli/bin.js');
      const cache = join(work, `cache-${name}`);
      const cold = { SOURCE_DATE_EPOCH: '1750000000', NEWSDECK_NO_CACHE: '1', XDG_CACHE_HOME: cache };
      const warm = { SOURCE_DATE_EPOCH: '1750000000', XDG_CACHE_HOME: cache };
      return {
        version: [[bin, '--version'], cold],
        'check, cold': [[bin, 'check', decks], cold],
        'check, warm': [[bin, 'check', decks], warm],
        'build, cold': [[bin, 'build', decks, '--out', join(work, `out-${name}-cold`)], cold],
        'build, warm': [[bin, 'build', decks, '--out', join(work, `out-${name}-warm`)], warm],
      };
    };
    const plan = [['node -e 0', [['-e', '0'], {}]]];
    for (const [name, root] of roots) for (const [command, run] of Object.entries(commands(root, name))) plan.push([`${name}: ${command}`, run]);
    // The warm runs find the cache filled (and the output folders' manifests written) by one run before.
    for (const [label, [args, env]] of plan) if (label.endsWith('warm')) timed(args, env, work);
    const runs = new Map(plan.map(([label]) => [label, []]));
    for (let i = 0; i < reps; i++) for (const [label, [args, env]] of plan) runs.get(label).push(timed(args, env, work));
    const result = {};
    for (const [label, list] of runs) {
      result[label] = { wallMs: median(list.map((r) => r.ms)), cpuMs: median(list.map((r) => r.cpuMs)), peakMb: median(list.map((r) => r.peakKb)) / 1024, stdout: list[0].stdout };
    }
    return result;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The result as a Markdown table: each row with its ratios to node -e 0. */
export function startupTable(result, reps) {
  const node = result['node -e 0'];
  const ms = (x) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(0)} ms`);
  const lines = [`Median of ${reps} interleaved runs; CPU is user + system time.`, '', '| start-up (the sample deck) | wall | CPU | ÷ node -e 0: wall, CPU | peak |', '|---|---|---|---|---|'];
  for (const [label, r] of Object.entries(result)) {
    lines.push(`| ${label} | ${ms(r.wallMs)} | ${ms(r.cpuMs)} | ${(r.wallMs / node.wallMs).toFixed(1)}×, ${(r.cpuMs / node.cpuMs).toFixed(1)}× | ${r.peakMb.toFixed(0)} MB |`);
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { reps: { type: 'string', default: '7' }, json: { type: 'boolean', default: false }, compare: { type: 'string' } } });
  const reps = Number(values.reps);
  const roots = [...(values.compare === undefined ? [] : [['before', resolve(values.compare)]]), [values.compare === undefined ? 'newsdeck' : 'after', ROOT]];
  const result = benchStartup(roots, reps);
  // The same output before and after: the commands' stdout, compared.
  if (values.compare !== undefined) {
    for (const command of ['version', 'check, cold', 'check, warm', 'build, cold', 'build, warm']) {
      const clean = (s) => s.replace(/out-(before|after)-/g, 'out-');
      if (clean(result[`before: ${command}`].stdout) !== clean(result[`after: ${command}`].stdout)) console.error(`note: ${command} printed something else before`);
    }
  }
  for (const r of Object.values(result)) delete r.stdout;
  console.log(values.json ? JSON.stringify(result, null, 2) : startupTable(result, reps));
}
