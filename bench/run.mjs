// `npm run bench` (issue 12): newsdeck beside the least work this stack can do.
//
// For synthetic classes of 1,000 / 10,000 / 100,000 cards, as one article and
// as many articles of about 100 cards (bench/synthetic.mjs), several
// repetitions each, whole processes: `newsdeck build`, `newsdeck check`, the
// floor (bench/floor.mjs: the same rows into sql.js in one transaction,
// zipped), anki-apkg-export 4.0.3 where it finishes (bench/apkg-export.mjs),
// and `node -e 0`. Median and spread (min–max) of wall time, peak memory, and
// package bytes per card, as a Markdown table, or JSON with --json. Then the
// start-up ratios of the sample and the quiz's first question.
//
// Options: --reps N (3)  --sizes 1000,10000,100000  --shapes one,many
//          --timeout SECONDS per run (600)  --json  --no-quiz  --save FILE (the JSON too)
//          --rebuild: also, for many articles, a build that fills the card cache, then
//          rebuilds after changing one article's title (once per repetition, another
//          article each time): the CPU of a rebuild against that of the cold build.
// Every other build runs without the card cache (NEWSDECK_NO_CACHE), which lives in the
// bench's temporary folder.
// Ratios, not absolute times, are what to compare: the machine is shared.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { unzipSync } from 'fflate';
import initSqlJs from 'sql.js';
import { article, writeClass } from './synthetic.mjs';
import { benchQuizReplay } from './quiz-replay.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'dist/src/cli/bin.js');
const { values: opts } = parseArgs({
  options: {
    reps: { type: 'string', default: '3' },
    sizes: { type: 'string', default: '1000,10000,100000' },
    shapes: { type: 'string', default: 'one,many' },
    timeout: { type: 'string', default: '600' },
    json: { type: 'boolean', default: false },
    'no-quiz': { type: 'boolean', default: false },
    rebuild: { type: 'boolean', default: false },
    save: { type: 'string' },
  },
});
const reps = Number(opts.reps);
const timeoutMs = Number(opts.timeout) * 1000;
const work = mkdtempSync(join(tmpdir(), 'newsdeck-bench-'));
const log = (line) => {
  if (!opts.json) process.stderr.write(`${line}\n`);
};

/** One whole process: wall time (ms), peak RSS (kB), exit status and stdout. */
function timed(args, env = {}) {
  const peakFile = join(work, 'peak');
  rmSync(peakFile, { force: true });
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', join(root, 'bench/peak.mjs'), ...args], {
    env: { ...process.env, SOURCE_DATE_EPOCH: '1750000000', NEWSDECK_BENCH_PEAK: peakFile, XDG_CACHE_HOME: join(work, 'cache'), NEWSDECK_NO_CACHE: '1', ...env },
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 1 << 28,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  let peakKb = null;
  let cpuMs = null;
  try {
    ({ peakKb, cpuMs } = JSON.parse(readFileSync(peakFile, 'utf8')));
  } catch {
    // killed by the timeout, or crashed
  }
  const failed = r.status !== 0 ? (r.error?.code === 'ETIMEDOUT' || r.signal === 'SIGTERM' ? `timeout ${opts.timeout} s` : `exit ${r.status ?? r.signal}: ${((r.stderr ?? '').split('\n').find((l) => /error|abort|newsdeck/i.test(l)) ?? '').trim().slice(0, 48)}`) : undefined;
  return { ms, cpuMs, peakKb, failed, stdout: r.stdout ?? '' };
}

/** Median and spread of `reps` runs; the first failure stops the repetitions. */
function repeated(args, env) {
  const runs = [];
  for (let i = 0; i < reps; i++) {
    const run = timed(args, env);
    if (run.failed) return { failed: run.failed, stdout: run.stdout };
    runs.push(run);
  }
  const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
  const peaks = runs.map((r) => r.peakKb ?? 0).sort((a, b) => a - b);
  const cpu = runs.map((r) => r.cpuMs ?? 0).sort((a, b) => a - b);
  const mid = (list) => list[Math.floor((list.length - 1) / 2)];
  return { medianMs: mid(ms), minMs: ms[0], maxMs: ms.at(-1), cpuMs: mid(cpu), peakMb: mid(peaks) / 1024, stdout: runs[0].stdout };
}

let SQL;
/** The rows of every package in `dir`, for the floor and anki-apkg-export. */
async function dumpRows(dir, file) {
  SQL ??= await initSqlJs({ locateFile: () => createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm') });
  const packages = [];
  let schema;
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.apkg')).sort()) {
    const db = new SQL.Database(unzipSync(readFileSync(join(dir, name)))['collection.anki2']);
    const rows = (sql) => db.exec(sql)[0]?.values ?? [];
    schema ??= rows("select sql from sqlite_master where sql is not null").map(([s]) => `${s};`).join('\n');
    packages.push({ col: rows('select * from col')[0], notes: rows('select * from notes'), cards: rows('select * from cards') });
    db.close();
  }
  writeFileSync(file, JSON.stringify({ schema, packages }));
}

const stats = (s) => (s.failed ? { failed: s.failed } : { medianMs: s.medianMs, minMs: s.minMs, maxMs: s.maxMs, cpuMs: s.cpuMs, peakMb: s.peakMb });
const results = [];
const nodeBaseline = repeated(['-e', '0']);
for (const size of opts.sizes.split(',').map(Number)) {
  for (const shape of opts.shapes.split(',')) {
    const dir = join(work, `class-${shape}-${size}`);
    const out = join(work, `out-${shape}-${size}`);
    // About 5 cards a unit; many articles of 20 units (about 100 cards each, like a real article).
    if (shape === 'one') {
      mkdirSync(dir, { recursive: true });
      const { id, yaml, text } = article(0, Math.round(size / 5));
      writeFileSync(join(dir, `${id}.yaml`), yaml);
      writeFileSync(join(dir, `${id}.txt`), text);
    } else {
      writeClass(dir, Math.max(1, Math.round(size / 100)), 20);
    }
    const largest = Math.max(...readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => statSync(join(dir, f)).size));
    // An annotation above the 1 MB safety bound needs --max-size, as a user who means it would give.
    const maxSize = largest > 1024 * 1024 ? ['--max-size', String(Math.ceil(largest / (1024 * 1024)))] : [];
    log(`${shape} article(s), ${size} cards: building…`);
    const build = repeated([bin, 'build', dir, '--out', out, ...maxSize]);
    const cards = build.failed ? null : [...build.stdout.matchAll(/: (\d+) cards/g)].reduce((n, m) => n + Number(m[1]), 0);
    const apkgBytes = build.failed ? null : readdirSync(out).filter((f) => f.endsWith('.apkg')).reduce((n, f) => n + statSync(join(out, f)).size, 0);
    log(`  checking…`);
    const check = repeated([bin, 'check', dir, ...maxSize]);
    let floor = { failed: 'no package to copy rows from' };
    let exporter = floor;
    if (!build.failed) {
      const rowsFile = join(work, `rows-${shape}-${size}.json`);
      await dumpRows(out, rowsFile);
      log(`  floor…`);
      floor = repeated([join(root, 'bench/floor.mjs'), rowsFile, join(work, 'floor')]);
      log(`  anki-apkg-export…`);
      exporter = repeated([join(root, 'bench/apkg-export.mjs'), rowsFile, join(work, 'export')]);
      rmSync(rowsFile, { force: true });
    }
    let rebuild;
    if (opts.rebuild && shape === 'many' && !build.failed) {
      log(`  cold build into the card cache, then rebuilds after one article changed…`);
      const cached = { NEWSDECK_NO_CACHE: '', XDG_CACHE_HOME: join(work, 'cache-rebuild') };
      rmSync(cached.XDG_CACHE_HOME, { recursive: true, force: true });
      rmSync(out, { recursive: true, force: true });
      const cold = timed([bin, 'build', dir, '--out', out, ...maxSize], cached);
      const runs = [];
      for (let i = 0; i < reps && !cold.failed; i++) {
        const file = join(dir, `synthetic-${i}.yaml`);
        writeFileSync(file, readFileSync(file, 'utf8').replace(/^  title: "/m, '  title: "Revised: '));
        const run = timed([bin, 'build', dir, '--out', out, ...maxSize], cached);
        if (run.failed) break;
        runs.push(run.cpuMs);
      }
      const cpu = runs.sort((a, b) => a - b)[Math.floor((runs.length - 1) / 2)];
      rebuild = cold.failed || cpu === undefined ? { failed: cold.failed ?? 'rebuild failed' } : { coldCpuMs: cold.cpuMs, rebuildCpuMs: cpu, ratio: cpu / cold.cpuMs };
    }
    results.push({
      rebuild,
      shape,
      articles: readdirSync(dir).filter((f) => f.endsWith('.yaml')).length,
      targetCards: size,
      cards,
      bytesPerCard: cards ? apkgBytes / cards : null,
      build: stats(build),
      check: stats(check),
      floor: stats(floor),
      ankiApkgExport: stats(exporter),
    });
    rmSync(dir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
    // What is measured so far, in case a long run is stopped.
    if (opts.save) writeFileSync(opts.save, `${JSON.stringify({ partial: true, reps, node: stats(nodeBaseline), results }, null, 2)}\n`);
  }
}

// Start-up: the sample deck and the smallest commands, against node -e 0.
log('start-up…');
const sampleOut = join(work, 'out-sample');
const startup = {
  version: stats(repeated([bin, '--version'])),
  checkSample: stats(repeated([bin, 'check', join(root, 'decks')])),
  buildSample: stats(repeated([bin, 'build', join(root, 'decks'), '--out', sampleOut])),
};
const quiz = opts['no-quiz'] ? undefined : await benchQuizReplay();
rmSync(work, { recursive: true, force: true });

const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
const report = { machine, reps, node: stats(nodeBaseline), results, startup, quiz };
if (opts.save) writeFileSync(opts.save, `${JSON.stringify(report, null, 2)}\n`);
if (opts.json) {
  console.log(JSON.stringify(report, null, 2));
} else {
  const s = (ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(0)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`);
  const cell = (r) => (r.failed ? r.failed : `${s(r.medianMs)} (${s(r.minMs)}–${s(r.maxMs)}), CPU ${s(r.cpuMs)}`);
  const cpuRatio = (a, b) => (a.failed || b.failed ? '–' : `${(a.cpuMs / b.cpuMs).toFixed(1)}×`);
  const ratio = (a, b) => (a.failed || b.failed ? '–' : `${(a.medianMs / b.medianMs).toFixed(1)}×`);
  const mb = (r) => (r.failed ? '–' : `${r.peakMb.toFixed(0)} MB`);
  console.log(`Machine: ${machine}; median (min–max) of ${reps} runs, whole processes; CPU is user + system time, median.`);
  console.log('');
  console.log('| workload | cards | build: wall (min–max), CPU | check | floor | build ÷ floor: wall, CPU | anki-apkg-export | peak build / floor | bytes per card |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    const what = r.shape === 'one' ? '1 article' : `${r.articles} articles`;
    console.log(
      `| ${what} | ${r.cards?.toLocaleString('en') ?? r.targetCards.toLocaleString('en')} | ${cell(r.build)} | ${cell(r.check)} | ${cell(r.floor)} | ${ratio(r.build, r.floor)}, ${cpuRatio(r.build, r.floor)} | ${cell(r.ankiApkgExport)} | ${mb(r.build)} / ${mb(r.floor)} | ${r.bytesPerCard?.toFixed(0) ?? '–'} |`,
    );
  }
  console.log(`| node -e 0 | | ${cell(report.node)} | | | | | ${mb(report.node)} | |`);
  const rebuilt = results.filter((r) => r.rebuild !== undefined);
  if (rebuilt.length > 0) {
    console.log('');
    console.log('| rebuild after one article changed (card cache) | cold build, CPU | rebuild, CPU (median) | rebuild ÷ cold |');
    console.log('|---|---|---|---|');
    for (const r of rebuilt) {
      const x = r.rebuild;
      console.log(`| ${r.articles} articles | ${x.failed ? x.failed : s(x.coldCpuMs)} | ${x.failed ? '' : s(x.rebuildCpuMs)} | ${x.failed ? '–' : `${(100 * x.ratio).toFixed(1)}%`} |`);
    }
  }
  console.log('');
  console.log('| start-up (the sample deck) | time, CPU | ÷ node -e 0: wall, CPU | peak |');
  console.log('|---|---|---|---|');
  for (const [name, r] of [['newsdeck --version', startup.version], ['newsdeck check decks', startup.checkSample], ['newsdeck build decks', startup.buildSample]]) {
    console.log(`| ${name} | ${cell(r)} | ${ratio(r, report.node)}, ${cpuRatio(r, report.node)} | ${mb(r)} |`);
  }
  if (quiz !== undefined) {
    console.log('');
    console.log(`Quiz, first question with a ${quiz.answers.toLocaleString('en')}-answer log (median of ${quiz.runs}; node -e 0 ${quiz.nodeMs.toFixed(0)} ms):`);
    console.log(`  without the checkpoint: ${quiz.cold.firstQuestionMs.toFixed(0)} ms (${quiz.cold.timeRatio.toFixed(1)}× node -e 0)`);
    console.log(`  with the checkpoint:    ${quiz.warm.firstQuestionMs.toFixed(0)} ms (${quiz.warm.timeRatio.toFixed(1)}× node -e 0)`);
  }
}
