// `npm run bench`: runs every benchmark after the build and prints a short report.
import { benchQuizReplay } from './quiz-replay.mjs';

const r = await benchQuizReplay();
const kb = (n) => (n === null ? 'n/a' : `${(n / 1024).toFixed(1)} MB`);
console.log(`quiz start-up with a ${r.answers.toLocaleString('en')}-answer log (${(r.logBytes / 1e6).toFixed(1)} MB, ${r.cards} cards), median of ${r.runs}:`);
console.log(`  node -e 0:                 ${r.nodeMs.toFixed(0)} ms, peak ${kb(r.nodePeakKb)}`);
for (const [name, s] of [
  ['cold (no checkpoint, full replay)', r.cold],
  [`warm (checkpoint, ${(r.checkpointBytes / 1e3).toFixed(0)} kB)`, r.warm],
]) {
  console.log(`  ${name}:`);
  console.log(`    first question on stdout:  ${s.firstQuestionMs.toFixed(0)} ms (${s.timeRatio.toFixed(1)}x node -e 0), target < ${r.targetMs} ms: ${s.withinTarget ? 'met' : 'NOT met'}`);
  console.log(`    peak memory:               ${kb(s.peakKb)} (${s.memoryRatio === null ? 'n/a' : s.memoryRatio.toFixed(1) + 'x node -e 0'})`);
}
