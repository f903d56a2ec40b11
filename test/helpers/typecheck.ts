/** Type-checks files in-process with the TypeScript compiler API; returns readable diagnostics. */
import ts from "typescript";

/** The header line with which generated TypeScript opts out of a project's checking. */
const NO_CHECK = /^\/\/ @ts-nocheck\b/m;

/**
 * A program that checks generated files as if their `@ts-nocheck` were not there: the tests
 * hold generated code to the checks its users' tsc skips.
 */
export function checkedProgram(rootNames: string[], options: ts.CompilerOptions): ts.Program {
  const all = { noEmit: true, skipLibCheck: true, ...options };
  const host = ts.createCompilerHost(all);
  const readFile = host.readFile.bind(host);
  host.readFile = (fileName) => {
    const text = readFile(fileName);
    return text && !fileName.includes("/node_modules/") ? text.replace(NO_CHECK, "// @ts-checked") : text;
  };
  return ts.createProgram(rootNames, all, host);
}

export function typeErrors(rootNames: string[], options: ts.CompilerOptions): string[] {
  return ts.getPreEmitDiagnostics(checkedProgram(rootNames, options)).map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    if (!d.file || d.start === undefined) return message;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${d.file.fileName}:${line + 1}:${character + 1}: ${message}`;
  });
}

/** Lines (1-based) of `file`'s calls that resolve to a signature marked `@deprecated`. */
export function deprecatedCalls(file: string, options: ts.CompilerOptions): number[] {
  const program = checkedProgram([file], options);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file)!;
  const lines: number[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && checker.getResolvedSignature(node)?.getJsDocTags().some((tag) => tag.name === "deprecated")) {
      lines.push(source.getLineAndCharacterOfPosition(node.getStart()).line + 1);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return lines;
}

export const STRICT: ts.CompilerOptions = {
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noImplicitOverride: true,
  noImplicitReturns: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ["lib.es2023.d.ts", "lib.dom.d.ts"],
  types: ["node"],
};
