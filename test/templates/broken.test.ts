import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, workspace } from './workspace.js';

/** A terms template whose `generate` body is `body` (line 8 is the body's first line). */
function termsTemplate(body: string, id = 'term-test', generate = 'generate(term) {'): string {
  return [
    "import { defineTemplate, type CardDraft } from 'newsdeck/templates';",
    '',
    'export default defineTemplate({',
    `  id: '${id}',`,
    "  family: 'terms',",
    "  description: 'a template with a mistake',",
    `  ${generate}`,
    body,
    '  },',
    '});',
    '',
  ].join('\n');
}

const CARD = "{ kind: 'qa', front: `What is ${term.term}?`, back: term.definition, answer: { text: term.definition, kind: 'text', accepted: [] } }";

interface Case {
  name: string;
  files: Record<string, string>;
  /** `file:line:col: message` as printed, before the source line and caret. */
  at: string;
  /** The source line printed under it, and the caret's column. */
  line: string;
  col: number;
  /** Another line of the message. */
  also?: string;
}

const CASES: Case[] = [
  {
    name: 'a type error',
    files: { 't.ts': termsTemplate(`    const length: string = term.term.length;\n    return [{ ...${CARD}, back: length }];`) },
    at: "my-templates/t.ts:8:11: Type 'number' is not assignable to type 'string'. (TS2322)",
    line: '    const length: string = term.term.length;',
    col: 11,
  },
  {
    name: 'a wrong field name',
    files: { 't.ts': termsTemplate(`    return [{ kind: 'qa', front: term.name, back: term.definition, answer: { text: term.term, kind: 'text', accepted: [] } }];`) },
    at: "my-templates/t.ts:8:39: Property 'name' does not exist on type 'Term'. (TS2339)",
    line: `    return [{ kind: 'qa', front: term.name, back: term.definition, answer: { text: term.term, kind: 'text', accepted: [] } }];`,
    col: 39,
  },
  {
    name: 'a wrong field name in a draft',
    files: { 't.ts': termsTemplate(`    return [{ kind: 'qa', question: term.term, back: term.definition, answer: { text: term.term, kind: 'text', accepted: [] } }];`) },
    at: 'my-templates/t.ts:7:3: Type ',
    line: '  generate(term) {',
    col: 3,
    also: "  Property 'front' is missing in type",
  },
  {
    name: 'a wrong field name in a draft of a generate that declares its return type',
    files: { 't.ts': termsTemplate(`    return [{ kind: 'qa', question: term.term, back: term.definition, answer: { text: term.term, kind: 'text', accepted: [] } }];`, 'term-test', 'generate(term): CardDraft[] {') },
    at: "my-templates/t.ts:8:27: Object literal may only specify known properties, and 'question' does not exist in type",
    line: `    return [{ kind: 'qa', question: term.term, back: term.definition, answer: { text: term.term, kind: 'text', accepted: [] } }];`,
    col: 27,
  },
  {
    name: 'a syntax error',
    files: { 't.ts': termsTemplate(`    return [{ kind: 'qa' front: term.term }];`) },
    at: "my-templates/t.ts:8:26: ',' expected. (TS1005)",
    line: `    return [{ kind: 'qa' front: term.term }];`,
    col: 26,
  },
  {
    name: 'a throw at run time',
    files: { 't.ts': termsTemplate("    if (term.id === 'dual-use-goods') throw new Error(`no card for ${term.term}`);\n    return [];") },
    at: "my-templates/t.ts:8:45: template 'term-test', term 'dual-use-goods' of article 'china-trump-russia-pivot': generate threw: no card for dual-use goods",
    line: "    if (term.id === 'dual-use-goods') throw new Error(`no card for ${term.term}`);",
    col: 45,
  },
  {
    name: 'two cards with one identity',
    files: { 't.ts': termsTemplate(`    return [${CARD}, { ...${CARD}, front: \`Define \${term.term}.\` }];`) },
    at: "my-templates/t.ts:7:3: template 'term-test', term 'reverse-nixon' of article 'china-trump-russia-pivot': two cards have the identity china-trump-russia-pivot/term-test/reverse-nixon",
    line: '  generate(term) {',
    col: 3,
  },
  {
    name: 'a card without a front',
    files: { 't.ts': termsTemplate(`    return [{ ...${CARD}, front: ' ' }];`) },
    at: "my-templates/t.ts:7:3: template 'term-test', term 'reverse-nixon' of article 'china-trump-russia-pivot': card 1 has no front",
    line: '  generate(term) {',
    col: 3,
  },
  {
    name: 'an id that is not a slug',
    files: { 't.ts': termsTemplate('    return [];', 'Term Test') },
    at: "my-templates/t.ts:4:7: template id 'Term Test' is not a slug (a-z, 0-9 and -)",
    line: "  id: 'Term Test',",
    col: 7,
  },
  {
    name: 'an id that a built-in template has',
    files: { 't.ts': termsTemplate('    return [];', 'term-definition') },
    at: "my-templates/t.ts:4:7: template id 'term-definition' is already the id of a built-in template",
    line: "  id: 'term-definition',",
    col: 7,
  },
  {
    name: 'two templates with one id',
    files: { 'a.ts': termsTemplate('    return [];'), 'b.ts': termsTemplate('    return [];') },
    at: "my-templates/b.ts:4:7: template id 'term-test' is already the id of the template at my-templates/a.ts:3:16",
    line: "  id: 'term-test',",
    col: 7,
  },
  {
    name: 'a template that is not exported',
    files: { 't.ts': termsTemplate('    return [];').replace('export default defineTemplate', 'const unused = defineTemplate').replace(/\n$/, '\nvoid unused;\n') },
    at: "my-templates/t.ts:3:16: template 'term-test' is defined but not exported, so it would make no cards",
    line: 'const unused = defineTemplate({',
    col: 16,
  },
  {
    name: 'an import of a file by the name of its TypeScript source',
    files: { 'names.ts': 'export const who = 1;\n', 't.ts': `import { who } from './names.ts';\n${termsTemplate('    return who === 1 ? [] : [];')}` },
    at: "my-templates/t.ts:1:21: './names.ts' is not a file of the templates folder",
    line: "import { who } from './names.ts';",
    col: 21,
  },
  {
    name: 'an import from outside the template API',
    files: { 't.ts': `import { readFileSync } from 'node:fs';\n${termsTemplate('    return [readFileSync].length === 1 ? [] : [];')}` },
    at: "my-templates/t.ts:1:30: a template may import only 'newsdeck/templates' and other files of its folder, not 'node:fs'",
    line: "import { readFileSync } from 'node:fs';",
    col: 30,
  },
];

describe('broken templates are refused, with the right file, line and column, and nothing written', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const { dir } = workspace(c.files);
      // A teacher's earlier output: it must stay exactly as it was.
      mkdirSync(join(dir, 'out'));
      writeFileSync(join(dir, 'out', 'earlier.txt'), 'earlier build\n');
      const result = await run(dir, ['build', 'decks', '--templates', 'my-templates', '--out', 'out', '--format', 'apkg,anki-text']);
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      const lines = result.stderr.split('\n');
      const first = lines.findIndex((l) => l.startsWith(c.at));
      expect(first, result.stderr).toBeGreaterThanOrEqual(0);
      const lineNumber = c.at.split(':')[1] as string;
      const excerpt = lines.findIndex((l, i) => i > first && l.startsWith(`${lineNumber} | `));
      expect(lines[excerpt]).toBe(`${lineNumber} | ${c.line}`);
      expect(lines[excerpt + 1]).toBe(`${' '.repeat(lineNumber.length)} | ${' '.repeat(c.col - 1)}^`);
      if (c.also !== undefined) expect(lines.some((l) => l.startsWith(c.also as string))).toBe(true);
      expect(result.stderr).toMatch(/nothing was written\n$/);
      expect(readdirSync(join(dir, 'out'))).toEqual(['earlier.txt']);
      expect(readFileSync(join(dir, 'out', 'earlier.txt'), 'utf8')).toBe('earlier build\n');
    });
  }
});
