import { describe, expect, test } from "vitest";
import { buildParam, buildParams } from "../../../generator/model/parameters.js";
import { SpecError } from "../../../generator/diagnostics.js";

describe("buildParam", () => {
  test.each([
    [
      "hex id",
      { name: "orgId", in: "path", required: true, description: "d", schema: { type: "string", pattern: "^([a-f0-9]{24})$" } },
      { name: "orgId", in: "path", required: true, description: "d", valueType: "string", array: false, pattern: "^([a-f0-9]{24})$", tsType: "string" },
    ],
    [
      "boolean query",
      { name: "pretty", in: "query", schema: { type: "boolean", default: false } },
      { name: "pretty", in: "query", required: false, valueType: "boolean", array: false, tsType: "boolean" },
    ],
    [
      "enum",
      { name: "state", in: "query", schema: { type: "string", enum: ["A", "B"] } },
      { valueType: "string", enum: ["A", "B"], tsType: '"A" | "B"' },
    ],
    [
      "array of integers",
      { name: "n", in: "query", schema: { type: "array", items: { type: "integer" } } },
      { valueType: "integer", array: true, tsType: "(number)[]" },
    ],
    [
      "3.1 nullable type list",
      { name: "h", in: "header", schema: { type: ["string", "null"] } },
      { in: "header", valueType: "string", tsType: "string" },
    ],
    ["no schema", { name: "x", in: "query" }, { valueType: "unknown", tsType: "string | number | boolean" }],
  ])("%s", (_name, given, want) => {
    expect(buildParam(given, {}, ["paths", "/p", "get", "parameters", 0])).toMatchObject(want);
  });

  test("resolves $ref to components", () => {
    const root = { components: { parameters: { p: { name: "pretty", in: "query", schema: { type: "boolean" } } } } };
    expect(buildParam({ $ref: "#/components/parameters/p" }, root, [])).toMatchObject({ name: "pretty", valueType: "boolean" });
  });

  test("cookie parameters are rejected with a pointer", () => {
    expect(() => buildParam({ name: "c", in: "cookie" }, {}, ["paths", "/p", "get", "parameters", 2])).toThrow(SpecError);
    try {
      buildParam({ name: "c", in: "cookie" }, {}, ["paths", "/p", "get", "parameters", 2]);
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
    const params = buildParams(pathItem, operation, {}, ["paths", "/x/{b}/{a}", "get"]);
    expect(params.map((p) => `${p.in}:${p.name}`)).toEqual(["path:b", "path:a", "query:q", "header:z"]);
    expect(params[0]?.description).toBe("from operation");
  });
});
