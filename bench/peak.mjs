// Preloaded (`node --import ./bench/peak.mjs …`) into every process the bench
// times: at exit it writes the process's peak resident memory (kB) to the file
// named by NEWSDECK_BENCH_PEAK. The same preload for every contender, node -e 0 included.
import { writeFileSync } from 'node:fs';

const file = process.env.NEWSDECK_BENCH_PEAK;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
