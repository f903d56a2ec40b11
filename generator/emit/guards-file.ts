/**
 * Runtime guards that tell a documented error body from anything else (HTML, empty, garbage):
 * one `shapeGuard` per schema, listing the body's required properties and their JSON types.
 */
import { StructureKind, VariableDeclarationKind, type StatementStructures } from "ts-morph";
import type { GuardModel } from "../model/index.js";
import { ImportCollector } from "./imports.js";
import { jsDoc } from "./jsdoc.js";
import { docWriter } from "./layout.js";
import { statementFor } from "./forms.js";
import type { ModuleKind } from "./targets.js";
import { schemaRefs, typeArgumentsDoc } from "./type-doc.js";
import { callDoc, obj, PURE, str, type Value } from "./values.js";

const SCHEMA = "schema";

function requiredValue(guard: GuardModel): Value {
  return obj(guard.required.map((p) => [p.name, str(p.check ?? "present")]));
}

export function guardsFileStatements(guards: GuardModel[], kind: ModuleKind = "ts"): StatementStructures[] {
  const imports = new ImportCollector();
  let usesSchema = false;
  const statements: StatementStructures[] = guards.map((guard) => {
    usesSchema ||= schemaRefs(guard.type).size > 0;
    // Annotated, so that declarations need no inference (TypeScript's isolatedDeclarations).
    const type = [imports.use("./runtime/operation.js", "Guard", { type: true }), typeArgumentsDoc([guard.type], { refPrefix: `${SCHEMA}.` })];
    // An object body is the runtime's default.
    const args = guard.check === "object" ? [requiredValue(guard)] : [requiredValue(guard), str(guard.check ?? "present")];
    return {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [jsDoc("True when `value` has the documented shape (its required properties and their types).", [["generated", `from ${guard.source}`]])],
      declarations: [{ name: guard.name, type: docWriter(type), initializer: docWriter([PURE, callDoc(imports.use("./runtime/operation.js", "shapeGuard"), args)]) }],
    };
  });
  const schemaImport: StatementStructures[] = usesSchema
    ? [{ kind: StructureKind.ImportDeclaration, moduleSpecifier: "./schema.js", isTypeOnly: true, namespaceImport: SCHEMA }]
    : [];
  return [...imports.structures(kind), ...schemaImport, ...statements].flatMap((s) => statementFor(s, kind) ?? []);
}
