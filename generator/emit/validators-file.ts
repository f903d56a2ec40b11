/** One shared validator per distinct parameter pattern. */
import { StructureKind, VariableDeclarationKind, type StatementStructures } from "ts-morph";
import type { PatternModel } from "../model/index.js";
import { ImportCollector } from "./imports.js";
import { jsDoc } from "./jsdoc.js";

/** A regex literal for a spec pattern; `/` is escaped so the pattern cannot end the literal. */
export function regexLiteral(source: string): string {
  const escaped = source.replace(/\\.|\//g, (m) => (m === "/" ? "\\/" : m)).replace(/[\n\r\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return `/${escaped}/`;
}

export function validatorsFileStatements(patterns: PatternModel[]): StatementStructures[] {
  const imports = new ImportCollector();
  const statements: StatementStructures[] = patterns.map((pattern) => ({
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: [jsDoc(`Checks a value against \`${pattern.source}\`.`, [["generated", `from the pattern of ${pattern.usedBy.join(", ")}`]])],
    declarations: [{ name: pattern.name, initializer: `${imports.use("./runtime/params.js", "patternValidator")}(${regexLiteral(pattern.source)})` }],
  }));
  return [...imports.structures(), ...statements];
}
