/**
 * A statement in each form a module is written in (`targets.ts`): declarations keep the types and
 * declare the values; JavaScript keeps the values without their types.
 */
import { StructureKind, type StatementStructures } from "ts-morph";
import type { ModuleKind } from "./targets.js";

/**
 * `statement` as `kind` writes it, or undefined when that kind has no such statement (a type in
 * JavaScript). Imports are the collector's business (`ImportCollector.structures(kind)`).
 */
export function statementFor(statement: StatementStructures, kind: ModuleKind): StatementStructures | undefined {
  if (kind === "ts") return statement;
  switch (statement.kind) {
    case StructureKind.Interface:
    case StructureKind.TypeAlias:
      return kind === "dts" ? statement : undefined;
    case StructureKind.ImportDeclaration:
    case StructureKind.ExportDeclaration:
      return kind === "js" && statement.isTypeOnly ? undefined : statement;
    case StructureKind.VariableStatement:
      if (kind === "js") return { ...statement, declarations: statement.declarations.map(({ type: _, ...d }) => d) };
      return {
        ...statement,
        hasDeclareKeyword: true,
        declarations: statement.declarations.map(({ initializer: _, ...d }) => {
          if (d.type === undefined) throw new TypeError(`emit: ${d.name} needs a type to be declared`);
          return d;
        }),
      };
    case StructureKind.Function: {
      const parameters = statement.parameters ?? [];
      if (kind === "js") {
        const { typeParameters: _t, returnType: _r, overloads: _o, ...rest } = statement;
        return { ...rest, parameters: parameters.map(({ type: _, hasQuestionToken: _q, ...p }) => p) };
      }
      const untyped = [statement.returnType, ...parameters.map((p) => p.type)].some((t) => t === undefined);
      if (untyped) throw new TypeError(`emit: ${statement.name} needs its parameter and return types to be declared`);
      // A declaration has no default values: a parameter with one becomes optional. Before a
      // required one it would have to become `T | undefined`; no emitter writes that.
      const required = parameters.findLastIndex((p) => p.initializer === undefined && !p.hasQuestionToken);
      if (parameters.some((p, i) => p.initializer !== undefined && i < required)) {
        throw new TypeError(`emit: ${statement.name} has a default value before a required parameter`);
      }
      const { statements: _, ...signature } = statement;
      return {
        ...signature,
        hasDeclareKeyword: true,
        parameters: parameters.map(({ initializer, ...p }) => (initializer === undefined ? p : { ...p, hasQuestionToken: true })),
      };
    }
    default:
      throw new TypeError(`emit: no ${kind} form for structure kind ${StructureKind[statement.kind]}`);
  }
}
