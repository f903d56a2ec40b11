/** Runtime guards that tell a documented error body from anything else (HTML, empty, garbage). */
import { StructureKind, type StatementStructures } from "ts-morph";
import type { GuardModel, PrimitiveCheck } from "../model/index.js";
import { ImportCollector } from "./imports.js";
import { jsDoc } from "./jsdoc.js";

function checkExpression(access: string, check: PrimitiveCheck | undefined, nullable: boolean): string {
  const test = {
    string: `typeof ${access} === "string"`,
    number: `typeof ${access} === "number"`,
    integer: `Number.isInteger(${access})`,
    boolean: `typeof ${access} === "boolean"`,
    object: `(typeof ${access} === "object" && ${access} !== null && !Array.isArray(${access}))`,
    array: `Array.isArray(${access})`,
  };
  const present = `${access} !== undefined`;
  if (!check) return present;
  return nullable ? `(${access} === null || ${test[check]})` : test[check];
}

function guardBody(guard: GuardModel): string {
  const conditions = guard.required.map((p) => checkExpression(`record[${JSON.stringify(p.name)}]`, p.check, p.nullable));
  return [
    guard.nullable ? "if (value === null) return true;" : "",
    'if (typeof value !== "object" || value === null || Array.isArray(value)) return false;',
    "const record = value as Record<string, unknown>;",
    `return ${conditions.length > 0 ? conditions.join(" && ") : "true"};`,
  ]
    .filter(Boolean)
    .join("\n");
}

export function guardsFileStatements(guards: GuardModel[]): StatementStructures[] {
  const imports = new ImportCollector();
  const statements: StatementStructures[] = guards.map((guard) => {
    if (guard.tsType.startsWith("components[")) imports.use("./schema.js", "components", { type: true });
    if (guard.tsType.startsWith("operations[")) imports.use("./schema.js", "operations", { type: true });
    return {
      kind: StructureKind.Function,
      name: guard.name,
      isExported: true,
      docs: [jsDoc("True when `value` has the documented shape (its required properties and their types).", [["generated", `from ${guard.source}`]])],
      parameters: [{ name: "value", type: "unknown" }],
      returnType: `value is ${guard.tsType}`,
      statements: guardBody(guard),
    };
  });
  return [...imports.structures(), ...statements];
}
