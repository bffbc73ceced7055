import { it } from 'vitest';
import { loadAnnotation } from '../src/annotation/index.js';
import { generateCards } from '../src/cards/index.js';
it('probe', () => {
  for (const n of [2000, 20000]) {
    const words = Array.from({ length: n }, (_, i) => `Name${i} spoke.`);
    const text = words.join(' ');
    let y = `format: 1\narticle:\n  id: many\n  title: Many\n  text: ${JSON.stringify(text)}\nactors:\n`;
    for (let i = 0; i < n; i++) y += `  - {id: a${i}, name: Name${i}, kind: person, role: r${i}}\n`;
    let t = performance.now();
    const r = loadAnnotation(y, { file: 'm.yaml', readText: () => '' });
    console.log(n, 'actors bytes', y.length, 'load', r.ok ? 'ok' : r.errors[0]!.code + ' ' + r.errors[0]!.message, Math.round(performance.now() - t), 'ms');
    let c = `format: 1\narticle:\n  id: many\n  title: Many\n  text: ${JSON.stringify(text)}\nactors:\n  - {id: a, name: Name0, kind: person, role: r}\nclaims:\n`;
    for (let i = 0; i < n; i++) c += `  - {id: c${i}, claimant: a, stance: assertion, text: t${i}, evidence: Name${i} spoke}\n`;
    t = performance.now();
    const r2 = loadAnnotation(c, { file: 'm.yaml', readText: () => '', limits: { maxAnnotationBytes: 10e6 } });
    console.log(n, 'claims bytes', c.length, 'load', r2.ok ? 'ok' : r2.errors[0]!.code + ' ' + r2.errors[0]!.message, Math.round(performance.now() - t), 'ms');
    if (n === 2000 && r.ok) { t = performance.now(); generateCards(r.annotation); console.log('gen 2000 actors', Math.round(performance.now() - t)); }
  }
});
