/**
 * User templates before they run: type-checked by the TypeScript compiler
 * (through ts-morph) against `newsdeck/templates`, read for their ids,
 * families and descriptions, and transpiled to JavaScript. Loaded only when
 * user templates are used (this module pulls in the whole compiler); no
 * template code runs here.
 */
import { Node, Project, SyntaxKind, ts, type SourceFile } from 'ts-morph';
import { LineTable } from '../annotation/report.js';
import { SLUG, slugify } from '../annotation/slug.js';
import { placeIn, type TemplateProblem } from './problem.js';

/** One `.ts` file of the templates folder. */
export interface TemplateSource {
  /** Absolute path. */
  path: string;
  /** Path inside the templates folder, with `/`: `who-met-whom.ts`. */
  relative: string;
  /** As shown in messages. */
  file: string;
  text: string;
}

/** Where a template's API comes from. */
export interface TemplateApi {
  /** The declarations (`.d.ts`, or the `.ts` source when running from source) that templates are checked against. */
  types: string;
  /** The URL that `newsdeck/templates` becomes in the compiled JavaScript. */
  runtime: string;
}

interface Place {
  line: number;
  col: number;
}

/** A `defineTemplate({ … })` call as the source states it, read without running it. */
export interface DeclaredTemplate extends Place {
  /** The file as shown in messages. */
  file: string;
  relative: string;
  /** Undefined when the source computes it. */
  id: string | undefined;
  family: string | undefined;
  description: string | undefined;
  /** Where `generate` is defined, for problems found when it runs. */
  generate: Place;
  /** Where the id is written (the call, when it has none of its own). */
  idAt: Place;
}

export interface CompiledModule {
  relative: string;
  js: string;
  /** The source map of `js`, to point a run-time error at the template's own line. */
  map: string;
}

export type CompileResult =
  | { ok: true; templates: DeclaredTemplate[]; modules: CompiledModule[]; inputs: string[] }
  | { ok: false; problems: TemplateProblem[] };

/** The one specifier a template imports newsdeck by. */
export const API_SPECIFIER = 'newsdeck/templates';

const COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2022.d.ts'],
  types: [],
  strict: true,
  noImplicitReturns: true,
  noFallthroughCasesInSwitch: true,
  // Each file is transpiled alone: what needs another file's types to compile is refused here.
  isolatedModules: true,
  skipLibCheck: true,
  noEmit: true,
};

/**
 * Type-checks the templates and, when they pass, returns their JavaScript.
 * Problems come sorted by file and position; any problem means no code.
 */
export function compileTemplates(sources: readonly TemplateSource[], api: TemplateApi, builtInIds: readonly string[]): CompileResult {
  const project = new Project({
    skipAddingFilesFromTsConfig: true,
    compilerOptions: { ...COMPILER_OPTIONS, paths: { [API_SPECIFIER]: [api.types] } },
  });
  const files = sources.map((source) => ({ source, sf: project.createSourceFile(source.path, source.text, { overwrite: true }) }));
  const program = project.getProgram().compilerObject;
  const problems: TemplateProblem[] = [];
  for (const { source, sf } of files) {
    for (const diagnostic of ts.getPreEmitDiagnostics(program, program.getSourceFile(sf.getFilePath()))) {
      problems.push(problemAt(source, diagnostic.start ?? 0, `${messageOf(diagnostic)} (TS${diagnostic.code})`));
    }
    problems.push(...importProblems(source, sf, sources));
  }
  const templates = files.flatMap(({ source, sf }) => declaredTemplates(source, sf));
  problems.push(...idProblems(templates, sources, builtInIds));
  if (problems.length > 0) return { ok: false, problems: sortProblems(problems) };
  const modules = sources.map((source) => transpiled(source, api));
  // Every file the check read besides the templates: the API's declarations. A change there means checking again.
  const own = new Set(sources.map((s) => ts.sys.resolvePath(s.path)));
  const inputs = program
    .getSourceFiles()
    .map((sf) => sf.fileName)
    .filter((name) => !own.has(name) && !program.isSourceFileDefaultLibrary(program.getSourceFile(name) as ts.SourceFile) && ts.sys.fileExists(name));
  return { ok: true, templates, modules, inputs: [...new Set(inputs)].sort() };
}

/** The templates the files declare, read from the source without type-checking or running them (`newsdeck templates`). */
export function readDeclaredTemplates(sources: readonly TemplateSource[]): { templates: DeclaredTemplate[]; problems: TemplateProblem[] } {
  const project = new Project({ skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true, compilerOptions: COMPILER_OPTIONS });
  const problems: TemplateProblem[] = [];
  const templates: DeclaredTemplate[] = [];
  for (const source of sources) {
    const sf = project.createSourceFile(source.path, source.text, { overwrite: true });
    // Only syntax: what a file says can be listed even while its types are wrong.
    const syntax = (sf.compilerNode as ts.SourceFile & { parseDiagnostics?: ts.Diagnostic[] }).parseDiagnostics ?? [];
    for (const d of syntax) problems.push(problemAt(source, d.start ?? 0, `${messageOf(d)} (TS${d.code})`));
    templates.push(...declaredTemplates(source, sf));
  }
  return { templates, problems: sortProblems(problems) };
}

/**
 * The compiler's message: its first line and, for a chain of reasons ("Type
 * A is not assignable to B" … "Property 'front' is missing"), the innermost
 * one, which names what to fix; the steps between repeat long types.
 */
function messageOf(diagnostic: ts.Diagnostic): string {
  const lines = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n').split('\n');
  return lines.length <= 2 ? lines.join('\n') : `${lines[0] as string}\n  ${(lines[lines.length - 1] as string).trim()}`;
}

function problemAt(source: TemplateSource, offset: number, message: string, hint?: string): TemplateProblem {
  return problemAtPlace(source, new LineTable(source.text).linePos(offset), message, hint);
}

function problemAtPlace(source: TemplateSource, { line, col }: Place, message: string, hint?: string): TemplateProblem {
  return { ...placeIn(source, line, col), message, ...(hint !== undefined && { hint }) };
}

function sortProblems(problems: TemplateProblem[]): TemplateProblem[] {
  return problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.col - b.col));
}

/**
 * A template may import `newsdeck/templates` and other files of its folder
 * (`./names.js`, the name the compiled file has). Anything else would not be
 * found when it runs, or would reach outside what a card template needs.
 */
function importProblems(source: TemplateSource, sf: SourceFile, sources: readonly TemplateSource[]): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const folderFiles = new Set(sources.map((s) => s.relative));
  const dir = source.relative.includes('/') ? source.relative.slice(0, source.relative.lastIndexOf('/') + 1) : '';
  const declarations = [...sf.getImportDeclarations(), ...sf.getExportDeclarations()];
  for (const declaration of declarations) {
    const specifier = declaration.getModuleSpecifier();
    if (specifier === undefined || !Node.isStringLiteral(specifier)) continue;
    const name = specifier.getLiteralValue();
    if (name === API_SPECIFIER) continue;
    if (name.startsWith('./') || name.startsWith('../')) {
      // `./names.js` is `names.ts` of the folder, by the name its compiled file has.
      const target = normalise(dir + name);
      const file = target?.endsWith('.js') === true ? target.replace(/\.js$/, '.ts') : undefined;
      if (file !== undefined && folderFiles.has(file)) continue;
      const stem = name.replace(/^.*\//, '').replace(/\.(js|ts)$/, '');
      problems.push(problemAt(source, specifier.getStart(), `'${name}' is not a file of the templates folder`, `import another file of the folder with .js, as it is run: './${stem}.js' for ${stem}.ts`));
      continue;
    }
    problems.push(problemAt(source, specifier.getStart(), `a template may import only '${API_SPECIFIER}' and other files of its folder, not '${name}'`, `what a card template needs is in '${API_SPECIFIER}'`));
  }
  return problems;
}

/** "a/./b/../c.js" → "a/c.js"; undefined when it leaves the folder. */
function normalise(path: string): string | undefined {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '.' || part === '') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

function declaredTemplates(source: TemplateSource, sf: SourceFile): DeclaredTemplate[] {
  const lines = new LineTable(source.text);
  const found: DeclaredTemplate[] = [];
  for (const call of sf.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    if (call.getExpression().getText() !== 'defineTemplate') continue;
    const [argument] = call.getArguments();
    if (argument === undefined || !Node.isObjectLiteralExpression(argument)) continue;
    const literal = (name: string): string | undefined => {
      const property = argument.getProperty(name);
      if (property === undefined || !Node.isPropertyAssignment(property)) return undefined;
      const value = property.getInitializer();
      return value !== undefined && (Node.isStringLiteral(value) || Node.isNoSubstitutionTemplateLiteral(value)) ? value.getLiteralValue() : undefined;
    };
    const generate = argument.getProperty('generate') ?? argument;
    const idProperty = argument.getProperty('id');
    const idValue = idProperty !== undefined && Node.isPropertyAssignment(idProperty) ? idProperty.getInitializer() : undefined;
    found.push({
      file: source.file,
      relative: source.relative,
      ...lines.linePos(call.getStart()),
      id: literal('id'),
      family: literal('family'),
      description: literal('description'),
      generate: lines.linePos(generate.getStart()),
      idAt: lines.linePos((idValue ?? idProperty ?? call).getStart()),
    });
  }
  return found;
}

/** Ids that are not slugs, or that another template has: found before any code runs. */
function idProblems(templates: readonly DeclaredTemplate[], sources: readonly TemplateSource[], builtInIds: readonly string[]): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const owners = new Map<string, string>(builtInIds.map((id) => [id, 'a built-in template']));
  for (const template of templates) {
    const source = sources.find((s) => s.relative === template.relative);
    if (template.id === undefined || source === undefined) continue;
    const at = (message: string, hint: string): TemplateProblem => ({ ...problemAtPlace(source, template.idAt, message), hint });
    if (!SLUG.test(template.id)) {
      const suggestion = slugify(template.id);
      problems.push(at(`template id '${template.id}' is not a slug (a-z, 0-9 and -)`, suggestion === '' ? 'use lowercase letters, digits and hyphens' : `e.g. '${suggestion}'`));
      continue;
    }
    const owner = owners.get(template.id);
    if (owner !== undefined) {
      problems.push(at(`template id '${template.id}' is already the id of ${owner}`, 'give each template its own id: it is part of every card identity, so choose it once and keep it'));
      continue;
    }
    owners.set(template.id, `the template at ${template.file}:${template.line}:${template.col}`);
  }
  return problems;
}

/** The file as JavaScript, with `newsdeck/templates` pointing at this installation's API. */
function transpiled(source: TemplateSource, api: TemplateApi): CompiledModule {
  const rewrite: ts.TransformerFactory<ts.SourceFile> = (context) => (file) =>
    ts.visitEachChild(
      file,
      (node) => {
        if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && node.moduleSpecifier.text === API_SPECIFIER) {
          return context.factory.updateImportDeclaration(node, node.modifiers, node.importClause, context.factory.createStringLiteral(api.runtime), node.attributes);
        }
        if (ts.isExportDeclaration(node) && node.moduleSpecifier !== undefined && ts.isStringLiteral(node.moduleSpecifier) && node.moduleSpecifier.text === API_SPECIFIER) {
          return context.factory.updateExportDeclaration(node, node.modifiers, node.isTypeOnly, node.exportClause, context.factory.createStringLiteral(api.runtime), node.attributes);
        }
        return node;
      },
      context,
    );
  const output = ts.transpileModule(source.text, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, sourceMap: true, isolatedModules: true },
    fileName: source.path,
    transformers: { before: [rewrite] },
  });
  return { relative: source.relative, js: output.outputText.replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n'), map: output.sourceMapText ?? '' };
}
