import { describe, expect, test } from "vitest";
import { buildParam, buildParams } from "../../../generator/model/parameters.js";
import type { SchemaContext } from "../../../generator/model/schema-types.js";
import { SpecError } from "../../../generator/diagnostics.js";

const ctx = (root: unknown = {}): SchemaContext => ({ root, names: new Map(["State", "MaybeState", "EventType"].map((n) => [n, { read: n }])), view: "read" });
const keyword = (name: string) => ({ kind: "keyword", name });

describe("buildParam", () => {
  test.each([
    [
      "hex id",
      { name: "orgId", in: "path", required: true, description: "d", schema: { type: "string", pattern: "^([a-f0-9]{24})$" } },
      { name: "orgId", in: "path", required: true, description: "d", valueType: "string", array: false, pattern: "^([a-f0-9]{24})$", type: keyword("string") },
    ],
    [
      "boolean query",
      { name: "pretty", in: "query", schema: { type: "boolean", default: false } },
      { name: "pretty", in: "query", required: false, valueType: "boolean", array: false, type: keyword("boolean") },
    ],
    [
      "enum",
      { name: "state", in: "query", schema: { type: "string", enum: ["A", "B"] } },
      { valueType: "string", enum: ["A", "B"], type: { kind: "union", members: [{ kind: "literal", value: "A" }, { kind: "literal", value: "B" }] } },
    ],
    [
      "array of integers",
      { name: "n", in: "query", schema: { type: "array", items: { type: "integer" } } },
      { valueType: "integer", array: true, type: { kind: "array", items: keyword("number") } },
    ],
    [
      "3.1 nullable type list",
      { name: "h", in: "header", schema: { type: ["string", "null"] } },
      { in: "header", valueType: "string|null", type: { kind: "union", members: [keyword("string"), keyword("null")] } },
    ],
    [
      "3.0 nullable: null may stand for the absent value",
      { name: "q", in: "query", schema: { type: "string", nullable: true } },
      { valueType: "string|null", type: { kind: "union", members: [keyword("string"), keyword("null")] } },
    ],
    [
      "3.1 type list: any of its types",
      { name: "q", in: "query", schema: { type: ["string", "integer"], pattern: "^a" } },
      { valueType: "string|integer", pattern: "^a", type: { kind: "union", members: [keyword("string"), keyword("number")] } },
    ],
    [
      "3.1 type list with null first: null last in the rule",
      { name: "n", in: "query", schema: { type: ["null", "integer"] } },
      { valueType: "integer|null", type: { kind: "union", members: [keyword("null"), keyword("number")] } },
    ],
    [
      "a required nullable parameter may not be null (null is absent)",
      { name: "id", in: "path", required: true, schema: { type: "string", nullable: true } },
      { valueType: "string", type: keyword("string") },
    ],
    [
      "a required parameter of a nullable component",
      { name: "s", in: "query", required: true, schema: { $ref: "#/components/schemas/MaybeState" } },
      { valueType: "string", enum: ["ON"], type: { kind: "name", name: "NonNullable", args: [{ kind: "ref", name: "MaybeState" }] } },
    ],
    [
      "an optional nullable parameter of any scalar",
      { name: "x", in: "query", schema: { nullable: true } },
      { valueType: "unknown|null", type: { kind: "union", members: [keyword("string"), keyword("number"), keyword("boolean"), keyword("null")] } },
    ],
    [
      "a nullable array: null is absent, items are not null",
      { name: "t", in: "query", schema: { type: ["array", "null"], items: { type: "string" } } },
      { valueType: "string|null", array: true },
    ],
    [
      "nullable items: the runtime refuses a null item, so the type leaves null out",
      { name: "u", in: "query", schema: { type: "array", items: { type: ["string", "null"] } } },
      { valueType: "string", array: true, type: { kind: "array", items: keyword("string") } },
    ],
    ["const: a one-value enum", { name: "v", in: "query", schema: { type: "string", const: "fixed" } }, { valueType: "string", enum: ["fixed"], type: { kind: "literal", value: "fixed" } }],
    ["no schema", { name: "x", in: "query" }, { valueType: "unknown", type: { kind: "union", members: [keyword("string"), keyword("number"), keyword("boolean")] } }],
    [
      "array of a component enum: the runtime checks its values, the type names the schema",
      { name: "s", in: "query", schema: { type: "array", items: { $ref: "#/components/schemas/State" } } },
      { valueType: "string", array: true, enum: ["ON", "OFF"], type: { kind: "array", items: { kind: "ref", name: "State" } } },
    ],
    [
      "array of a oneOf of string enums declared `type: object` (raw Atlas EventTypeForNdsGroup): strings, every member's values",
      { name: "e", in: "query", schema: { type: "array", items: { $ref: "#/components/schemas/EventType" } } },
      { valueType: "string", array: true, enum: ["A", "B", "ON", "OFF"], type: { kind: "array", items: { kind: "ref", name: "EventType" } } },
    ],
    [
      "a oneOf of a string and an integer: any scalar",
      { name: "m", in: "query", schema: { oneOf: [{ type: "string" }, { type: "integer" }] } },
      { valueType: "unknown", type: { kind: "union", members: [keyword("string"), keyword("number"), keyword("boolean")] } },
    ],
    [
      "a oneOf of a string enum and an integer enum: any scalar, checked against both enums",
      { name: "m", in: "query", schema: { type: "object", oneOf: [{ type: "string", enum: ["A"] }, { type: "integer", enum: [1] }] } },
      { valueType: "unknown", enum: ["A", 1] },
    ],
  ])("%s", (_name, given, want) => {
    const root = {
      components: {
        schemas: {
          State: { type: "string", enum: ["ON", "OFF"] },
          MaybeState: { type: "string", enum: ["ON"], nullable: true },
          EventType: { type: "object", oneOf: [{ type: "string", enum: ["A", "B"] }, { $ref: "#/components/schemas/State" }] },
        },
      },
    };
    expect(buildParam(given, ctx(root), ["paths", "/p", "get", "parameters", 0])).toMatchObject(want);
  });

  test("a oneOf of strings, one without an enum: strings, and no enum to check", () => {
    const param = buildParam({ name: "m", in: "query", schema: { oneOf: [{ type: "string", enum: ["A"] }, { type: "string" }] } }, ctx(), []);
    expect(param.valueType).toBe("string");
    expect(param).not.toHaveProperty("enum");
  });

  test("choices that nest or refer to themselves are looked at once each: no blow-up, no endless recursion", () => {
    // Each level offers the next one 8 times: 8^12 paths if every member were followed anew.
    const schemas: Record<string, unknown> = { L12: { type: "string", enum: ["X"] } };
    for (let i = 11; i >= 0; i--) schemas[`L${i}`] = { oneOf: Array.from({ length: 8 }, () => ({ $ref: `#/components/schemas/L${i + 1}` })) };
    schemas.Loop = { type: "object", oneOf: Array.from({ length: 8 }, () => ({ $ref: "#/components/schemas/Loop" })) };
    const named: SchemaContext = { root: { components: { schemas } }, names: new Map(Object.keys(schemas).map((n) => [n, { read: n }])), view: "read" };
    // Before, this ran for hours; the test's timeout is the check.
    expect(buildParam({ name: "d", in: "query", schema: { $ref: "#/components/schemas/L0" } }, named, [])).toMatchObject({ valueType: "string", enum: ["X"] });
    expect(buildParam({ name: "l", in: "query", schema: { $ref: "#/components/schemas/Loop" } }, named, [])).toMatchObject({ valueType: "unknown" });
  });

  test("resolves $ref to components", () => {
    const root = { components: { parameters: { p: { name: "pretty", in: "query", schema: { type: "boolean" } } } } };
    expect(buildParam({ $ref: "#/components/parameters/p" }, ctx(root), [])).toMatchObject({ name: "pretty", valueType: "boolean" });
  });

  test("cookie parameters are rejected with a pointer", () => {
    expect(() => buildParam({ name: "c", in: "cookie" }, ctx(), ["paths", "/p", "get", "parameters", 2])).toThrow(SpecError);
    try {
      buildParam({ name: "c", in: "cookie" }, ctx(), ["paths", "/p", "get", "parameters", 2]);
    } catch (error) {
      expect((error as SpecError).diagnostics).toEqual([
        { severity: "error", message: "parameters in cookie are not supported", pointer: "/paths/~1p/get/parameters/2/in" },
      ]);
    }
  });
});

describe("buildParams", () => {
  test("orders path params by template position, then query, then header; operation overrides path item", () => {
    const pathItem = { parameters: [{ name: "b", in: "path", required: true, description: "from path item" }] };
    const operation = {
      parameters: [
        { name: "z", in: "header" },
        { name: "q", in: "query" },
        { name: "b", in: "path", required: true, description: "from operation" },
        { name: "a", in: "path", required: true },
      ],
    };
    const params = buildParams(pathItem, operation, ctx(), ["paths", "/x/{b}/{a}", "get"]);
    expect(params.map((p) => `${p.in}:${p.name}`)).toEqual(["path:b", "path:a", "query:q", "header:z"]);
    expect(params[0]?.description).toBe("from operation");
  });
});
