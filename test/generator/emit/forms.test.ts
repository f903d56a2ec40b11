import { StructureKind, VariableDeclarationKind, type StatementStructures } from "ts-morph";
import { describe, expect, test } from "vitest";
import { statementFor } from "../../../generator/emit/forms.js";
import { printFile } from "../../../generator/emit/print.js";
import type { ModuleKind } from "../../../generator/emit/targets.js";
import { prettierDrift } from "../../../generator/format.js";

const statements: StatementStructures[] = [
  { kind: StructureKind.ImportDeclaration, moduleSpecifier: "./schema.js", isTypeOnly: true, namespaceImport: "schema" },
  { kind: StructureKind.Interface, name: "GetParams", isExported: true, properties: [{ name: "id", type: "string", hasQuestionToken: true }] },
  { kind: StructureKind.TypeAlias, name: "GetResult", isExported: true, type: "schema.Thing | undefined" },
  {
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: [{ description: "The spec." }],
    declarations: [{ name: "getSpec", type: "OperationSpec", initializer: '{ id: "get" }' }],
  },
  {
    kind: StructureKind.Function,
    name: "get",
    isExported: true,
    typeParameters: [{ name: "V", constraint: "string", default: '"1"' }],
    parameters: [
      { name: "client", type: "Client" },
      { name: "params", type: "GetParams", initializer: "{}" },
      { name: "options", type: "CallOptions<V>", hasQuestionToken: true },
    ],
    returnType: "Promise<GetResult>",
    statements: ["return send(client, getSpec, params, options);"],
  },
  { kind: StructureKind.ExportDeclaration, moduleSpecifier: "./result.js", isTypeOnly: true },
];

const print = (kind: ModuleKind) => printFile("", statements.flatMap((s) => statementFor(s, kind) ?? []));

describe("statementFor", () => {
  test("TypeScript is the statement as built", () => {
    for (const s of statements) expect(statementFor(s, "ts")).toBe(s);
  });

  test("declarations keep the types and declare the values: no initializers, no bodies, defaults made optional", () => {
    expect(print("dts")).toBe(
      [
        'import type * as schema from "./schema.js";',
        "",
        "export interface GetParams {",
        "  id?: string;",
        "}",
        "",
        "export type GetResult = schema.Thing | undefined;",
        "",
        "/** The spec. */",
        "export declare const getSpec: OperationSpec;",
        "",
        'export declare function get<V extends string = "1">(',
        "  client: Client,",
        "  params?: GetParams,",
        "  options?: CallOptions<V>,",
        "): Promise<GetResult>;",
        "",
        'export type * from "./result.js";',
        "",
      ].join("\n"),
    );
  });

  test("JavaScript keeps the values without their types", () => {
    expect(print("js")).toBe(
      [
        "/** The spec. */",
        'export const getSpec = { id: "get" };',
        "",
        "export function get(client, params = {}, options) {",
        "  return send(client, getSpec, params, options);",
        "}",
        "",
      ].join("\n"),
    );
  });

  test("both forms are what prettier writes", async () => {
    expect(await prettierDrift([{ path: "a.d.ts", text: print("dts") }, { path: "a.js", text: print("js") }])).toEqual([]);
  });

  test("defaults make parameters optional; a default before a required parameter is refused", () => {
    const fn = (...initializers: (string | undefined)[]): StatementStructures => ({
      kind: StructureKind.Function,
      name: "f",
      parameters: initializers.map((initializer, i) => ({ name: `p${i}`, type: "T", ...(initializer && { initializer }) })),
      returnType: "void",
      statements: [],
    });
    expect(printFile("", [statementFor(fn(undefined, "1", "2"), "dts")!])).toBe("declare function f(p0: T, p1?: T, p2?: T): void;\n");
    expect(() => statementFor(fn("1", undefined), "dts")).toThrow("emit: f has a default value before a required parameter");
  });

  test("a function without its types cannot be declared", () => {
    const fn: StatementStructures = { kind: StructureKind.Function, name: "f", parameters: [{ name: "a" }], returnType: "void", statements: [] };
    expect(() => statementFor(fn, "dts")).toThrow("emit: f needs its parameter and return types to be declared");
    expect(() => statementFor({ ...fn, parameters: [], returnType: undefined }, "dts")).toThrow("emit: f needs");
  });

  test("a value without a type cannot be declared", () => {
    const untyped: StatementStructures = { kind: StructureKind.VariableStatement, declarations: [{ name: "x", initializer: "1" }] };
    expect(() => statementFor(untyped, "dts")).toThrow("emit: x needs a type to be declared");
    expect(statementFor(untyped, "js")).toMatchObject({ declarations: [{ name: "x", initializer: "1" }] });
  });
});
