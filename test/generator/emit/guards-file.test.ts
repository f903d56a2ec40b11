import { describe, expect, test } from "vitest";
import { guardsFileStatements } from "../../../generator/emit/guards-file.js";
import { printFile } from "../../../generator/emit/print.js";
import { buildModel } from "../../../generator/model/index.js";
import { miniSpec } from "../../helpers/spec.js";

const body = (schema: unknown) => ({ description: "error", content: { "application/json": { schema } } });
const spec = miniSpec(
  [
    {
      operationId: "getThing",
      responses: {
        "204": { description: "ok" },
        "400": body({ type: "array", items: { type: "string" } }),
        "404": body({ $ref: "#/components/schemas/ApiError" }),
        "409": body({ type: "object", nullable: true, required: ["code"], properties: { code: { type: "string" } } }),
        "422": body({ type: "string" }),
        "500": body({}),
      },
    },
  ],
  { schemas: { ApiError: { type: "object", required: ["code", "secret"], properties: { code: { type: ["string", "integer"] }, secret: { type: "string", writeOnly: true } } } } },
);
const text = printFile("", guardsFileStatements(buildModel(spec).guards));

describe("guardsFileStatements", () => {
  // An object body is shapeGuard's default; any other body names its JSON types.
  test.each([
    'export const isGetThing400Body: Guard<string[]> = /* @__PURE__ */ shapeGuard({}, "array");',
    'export const isApiError: Guard<schema.ApiError> = /* @__PURE__ */ shapeGuard({\n  code: "string|integer",\n});',
    "export const isGetThing409Body: Guard<{\n  code: string;\n} | null> = /* @__PURE__ */ shapeGuard({ code: \"string\" }, \"object|null\");",
    'export const isGetThing422Body: Guard<string> = /* @__PURE__ */ shapeGuard({}, "string");',
    'export const isGetThing500Body: Guard<unknown> = /* @__PURE__ */ shapeGuard({}, "present");',
  ])("%s", (line) => {
    expect(text).toContain(line);
  });
});
