// `npm run bench`: runs every benchmark after the build and prints a short report.
import { benchQuizReplay } from './quiz-replay.mjs';

const r = await benchQuizReplay();
const kb = (n) => (n === null ? 'n/a' : `${(n / 1024).toFixed(1)} MB`);
console.log(`quiz start-up with a ${r.answers.toLocaleString('en')}-answer log (${(r.logBytes / 1e6).toFixed(1)} MB, ${r.cards} cards), median of ${r.runs}:`);
console.log(`  node -e 0:                 ${r.nodeMs.toFixed(0)} ms, peak ${kb(r.nodePeakKb)}`);
console.log(`  first question on stdout:  ${r.firstQuestionMs.toFixed(0)} ms (${r.timeRatio.toFixed(1)}x node -e 0), target < ${r.targetMs} ms: ${r.withinTarget ? 'met' : 'NOT met'}`);
console.log(`  peak memory:               ${kb(r.quizPeakKb)} (${r.memoryRatio === null ? 'n/a' : r.memoryRatio.toFixed(1) + 'x node -e 0'})`);
