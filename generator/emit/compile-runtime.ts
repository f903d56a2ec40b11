/**
 * The runtime for the `js+dts` target: each template compiled by TypeScript, file by file and
 * without type-checking (the templates are checked as sources). `transpileDeclaration` needs
 * every export's type spelled out (isolatedDeclarations); a template that doesn't is a bug here.
 * Compiled once per version of the templates and kept in the cache: loading TypeScript and
 * prettier takes longer than generating a small client.
 */
import { cached } from "../cache.js";
import { PRETTIER_OPTIONS } from "../format.js";
import type { TemplateFile } from "./runtime-files.js";

export interface CompiledTemplate {
  relative: string;
  js: string;
  dts: string;
}

/** A template's opening comment says what the module is for; TypeScript drops it with an `import type` it elides. */
function withModuleDoc(template: string, output: string): string {
  const doc = /^\/\*\*[\s\S]*?\*\/\n/.exec(template)?.[0] ?? "";
  return output.startsWith(doc) ? output : doc + output;
}

export async function compileTemplates(templates: TemplateFile[]): Promise<CompiledTemplate[]> {
  const [{ default: ts }, { format }] = await Promise.all([import("typescript"), import("prettier")]);
  const compilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: true };
  const compiled = templates.map(({ relative, text }) => {
    const js = ts.transpileModule(text, { fileName: relative, compilerOptions, reportDiagnostics: true });
    const dts = ts.transpileDeclaration(text, { fileName: relative, compilerOptions: { ...compilerOptions, isolatedDeclarations: true }, reportDiagnostics: true });
    const [problem] = [...(js.diagnostics ?? []), ...(dts.diagnostics ?? [])];
    if (problem) {
      const at = problem.file && problem.start !== undefined ? problem.file.getLineAndCharacterOfPosition(problem.start) : undefined;
      throw new Error(`templates/${relative}${at ? `:${at.line + 1}:${at.character + 1}` : ""}: ${ts.flattenDiagnosticMessageText(problem.messageText, "\n")}`);
    }
    return { relative, js: withModuleDoc(text, js.outputText), dts: withModuleDoc(text, dts.outputText) };
  });
  // Formatted like everything else generated (TypeScript's printer indents by four).
  return Promise.all(compiled.map(async (c) => ({ ...c, js: await format(c.js, PRETTIER_OPTIONS), dts: await format(c.dts, PRETTIER_OPTIONS) })));
}

/** `compileTemplates`, from the cache when these templates were compiled before. */
export function compiledTemplates(templates: TemplateFile[]): Promise<CompiledTemplate[]> {
  const isCompiled = (hit: unknown): hit is CompiledTemplate[] =>
    Array.isArray(hit) &&
    hit.length === templates.length &&
    hit.every((c: Partial<CompiledTemplate> | null, i) => c?.relative === templates[i]!.relative && typeof c.js === "string" && typeof c.dts === "string");
  return cached("runtime", templates.flatMap((t) => [t.relative, t.text]), () => compileTemplates(templates), isCompiled);
}
