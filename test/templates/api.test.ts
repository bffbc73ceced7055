import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from './workspace.js';

const API = join(ROOT, 'src/templates/index.ts');

function program(options: ts.CompilerOptions = {}): ts.Program {
  return ts.createProgram([API], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    skipLibCheck: true,
    types: ['node'],
    noEmit: true,
    ...options,
  });
}

/** The API as `declaration` and `isolatedDeclarations` compile it; made once for both type-level checks (a program is seconds of CPU). */
let checked: ts.Program | undefined;
const apiProgram = (): ts.Program => (checked ??= program({ declaration: true, isolatedDeclarations: true }));

describe('newsdeck/templates, the template API', () => {
  it('passes isolatedDeclarations: every export it reaches has an explicit type', () => {
    const p = apiProgram();
    const problems = ts
      .getPreEmitDiagnostics(p)
      .filter((d) => d.file !== undefined && !d.file.fileName.includes('/node_modules/'))
      .map((d) => `${(d.file as ts.SourceFile).fileName}:${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
    expect(problems).toEqual([]);
  });

  it('documents every export (TSDoc)', () => {
    const p = apiProgram();
    const checker = p.getTypeChecker();
    const module = checker.getSymbolAtLocation(p.getSourceFile(API) as ts.SourceFile) as ts.Symbol;
    const exports = checker.getExportsOfModule(module);
    expect(exports.length).toBeGreaterThan(40);
    const undocumented = exports
      .map((s) => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s))
      .filter((s) => ts.displayPartsToString(s.getDocumentationComment(checker)).trim() === '')
      .map((s) => s.getName());
    expect(undocumented).toEqual([]);
  });

  it('is all the built-in templates import of newsdeck (besides each other)', () => {
    const folder = join(ROOT, 'src/cards/templates');
    const templateFiles = readdirSync(folder).filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f !== 'numbers.ts');
    expect(templateFiles.length).toBeGreaterThanOrEqual(6);
    for (const file of templateFiles) {
      const source = ts.createSourceFile(file, readFileSync(join(folder, file), 'utf8'), ts.ScriptTarget.ES2022);
      const specifiers = source.statements.filter(ts.isImportDeclaration).map((s) => (s.moduleSpecifier as ts.StringLiteral).text);
      expect(specifiers).toContain('../../templates/index.js');
      for (const specifier of specifiers) expect([file, specifier]).toEqual([file, specifier === '../../templates/index.js' ? specifier : expect.stringMatching(/^\.\/(actors|claims|events|facts|quotes|terms)\.js$/)]);
    }
  });
});
