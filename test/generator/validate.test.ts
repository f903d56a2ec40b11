import { describe, expect, test } from "vitest";
import { validateSpec } from "../../generator/validate.js";
import { miniSpec } from "../helpers/spec.js";

const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };

describe("validateSpec", () => {
  test("accepts a minimal valid spec", () => {
    expect(validateSpec(miniSpec([{}]))).toEqual([]);
  });

  test.each([
    ["not an object", [], ["the spec must be a YAML or JSON object"]],
    ["swagger 2", { swagger: "2.0", paths: {} }, ['unsupported OpenAPI version "2.0"; expected 3.0.x or 3.1.x']],
    ["no paths", { openapi: "3.1.0" }, ["the spec has no paths object"]],
    [
      "undeclared path param",
      miniSpec([{ path: "/a/{x}", parameters: [] }]),
      ["path parameter {x} is not declared in parameters"],
    ],
    [
      "declared but not in template",
      miniSpec([{ path: "/a", parameters: [idParam] }]),
      ['path parameter "id" does not appear in the path template'],
    ],
    [
      "optional path param",
      miniSpec([{ parameters: [{ ...idParam, required: false }] }]),
      ['path parameter "id" must be required'],
    ],
    [
      "duplicate operationId",
      miniSpec([{ operationId: "a" }, { operationId: "a", method: "put" }]),
      ['operationId "a" is also used by GET /things/{id}'],
    ],
    ["missing operationId", miniSpec([{ operationId: "" }]), ["GET /things/{id} has no operationId"]],
    [
      "duplicate parameter",
      miniSpec([{ parameters: [idParam, idParam] }]),
      ['parameter "id" (in path) is declared twice'],
    ],
    [
      "dangling $ref",
      miniSpec([{ parameters: [idParam, { $ref: "#/components/parameters/nope" }] }]),
      ['$ref "#/components/parameters/nope" does not resolve'],
    ],
    [
      "external $ref",
      miniSpec([{ parameters: [idParam, { $ref: "other.yaml#/p" }] }]),
      ['external $ref "other.yaml#/p" is not supported; bundle the spec into one file first'],
    ],
  ])("%s", (_name, given, want) => {
    expect(validateSpec(given).map((d) => d.message)).toEqual(want);
  });

  test("reports every problem at once, each with a pointer", () => {
    const spec = miniSpec([
      { path: "/a/{x}", parameters: [], operationId: "a" },
      { path: "/b/{y}", parameters: [], operationId: "a" },
    ]);
    expect(validateSpec(spec)).toEqual([
      { severity: "error", message: "path parameter {x} is not declared in parameters", pointer: "/paths/~1a~1{x}/get" },
      { severity: "error", message: 'operationId "a" is also used by GET /a/{x}', pointer: "/paths/~1b~1{y}/get/operationId" },
      { severity: "error", message: "path parameter {y} is not declared in parameters", pointer: "/paths/~1b~1{y}/get" },
    ]);
  });
});
