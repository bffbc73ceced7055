// Preloaded (`node --import ./bench/peak.mjs …`) into every process the bench
// times: at exit it writes the process's peak resident memory (kB) and its CPU
// time (user + system, ms: steadier than wall time on a loaded machine) to the
// file named by NEWSDECK_BENCH_PEAK, as JSON. The same preload for every contender, node -e 0 included.
import { writeFileSync } from 'node:fs';

const file = process.env.NEWSDECK_BENCH_PEAK;
if (file) {
  process.on('exit', () => {
    const { maxRSS, userCPUTime, systemCPUTime } = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ peakKb: maxRSS, cpuMs: (userCPUTime + systemCPUTime) / 1000 }));
  });
}
