import { it } from 'vitest';
import { loadAnnotation, formatError } from '../../src/annotation/index.js';
const ART = 'Wang Yi said China “supports all efforts conducive to peace talks” at the meeting.\n';
const cases: Record<string, string> = {
  missingKind: `format: 1\narticle:\n  id: s\n  title: T\n  text: x\nactors:\n  - id: w\n    name: W\n    role: r\n`,
  missingStance: `format: 1\narticle:\n  id: s\n  title: T\n  text: x\nclaims:\n  - id: w\n    claimant: article\n    text: r\n`,
  formatFloat: `format: 1.0\narticle:\n  id: s\n  title: T\n  text: x\nactors:\n  - id: w\n    name: W\n    kind: person\n    role: r\n`,
  speakerList: `format: 1\narticle:\n  id: s\n  title: T\n  text: x\nactors:\n  - id: w\n    name: W\n    kind: person\n    role: r\nquotes:\n  - id: q\n    speaker: [w]\n    text: x\n`,
  bad: `format: 1\narticle:\n  id: s\n  title: a: b\n`,
  tab: `format: 1\narticle:\n\tid: s\n`,
};
it('explore', () => {
  for (const [k, src] of Object.entries(cases)) {
    const r = loadAnnotation(src, { file: k, readText: () => ART });
    console.log(k, r.ok ? 'OK' : r.errors.map(formatError).join('\n'));
  }
  const bytes = [Buffer.from('ab\xff', 'latin1'), Buffer.from('abc\xe9', 'latin1'), Buffer.from('a\nb\x80c', 'latin1'), Buffer.from([0x61, 0xf0, 0x9f, 0x98, 0x41])];
  for (const b of bytes) {
    const r = loadAnnotation(b, { file: 'b', readText: () => ART });
    console.log(JSON.stringify(r.ok ? 'OK' : r.errors.map((e) => [e.line, e.col, e.message])));
  }
});
