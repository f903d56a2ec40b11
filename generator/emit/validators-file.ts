/** One shared validator per distinct parameter pattern. */
import { StructureKind, VariableDeclarationKind, type StatementStructures } from "ts-morph";
import type { PatternModel } from "../model/index.js";
import { patternRegExp } from "../patterns.js";
import { ImportCollector } from "./imports.js";
import { jsDoc } from "./jsdoc.js";
import { statementFor } from "./forms.js";
import { PURE } from "./values.js";
import type { ModuleKind } from "./targets.js";

const BIDI = /[\u202a-\u202e\u2066-\u2069]/;
const unicodeEscape = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;

/**
 * A regex literal for a spec pattern (already checked to be valid; flags as patterns.ts says).
 * `RegExp#source` is escaped by the language so that `/${source}/` parses back to the same regex
 * (`/` and line terminators escaped, `""` as `(?:)`). On top: every `/`, also inside a class, is
 * escaped, and written `\u002f` before a `*`, because ts-morph's writer reads `/*` as a comment
 * and "closes" it; bidi controls become `\uXXXX` so the literal reads as it runs. Each escape
 * matches the same character as before.
 */
export function regexLiteral(source: string): string {
  const regex = patternRegExp(source);
  const body = regex.source.replace(/\\[\s\S]|[/\u202a-\u202e\u2066-\u2069]/g, (token, offset: number, text: string) => {
    const char = token.at(-1) ?? "";
    if (char === "/") return text[offset + token.length] === "*" ? unicodeEscape(char) : "\\/";
    return BIDI.test(char) ? unicodeEscape(char) : token;
  });
  return `/${body}/${regex.flags}`;
}

export function validatorsFileStatements(patterns: PatternModel[], kind: ModuleKind = "ts"): StatementStructures[] {
  const imports = new ImportCollector();
  const statements: StatementStructures[] = patterns.map((pattern) => ({
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: [jsDoc(`Checks a value against \`${pattern.source}\`.`, [["generated", `from the pattern of ${pattern.usedBy.join(", ")}`]])],
    declarations: [
      {
        name: pattern.name,
        type: imports.use("./runtime/operation.js", "PatternCheck", { type: true }),
        initializer: `${PURE}${imports.use("./runtime/params.js", "patternValidator")}(${regexLiteral(pattern.source)})`,
      },
    ],
  }));
  return [...imports.structures(kind), ...statements].flatMap((s) => statementFor(s, kind) ?? []);
}
