import { describe, expect, test, vi } from "vitest";
import { validate } from "../../generator/validate.js";
import { miniSpec } from "../helpers/spec.js";

// Redocly crashing is what this file is about; every other test runs the real thing.
vi.mock("@redocly/openapi-core", async (original) => ({
  ...(await original<typeof import("@redocly/openapi-core")>()),
  lintDocument: () => Promise.reject(new Error("boom")),
}));

describe("when Redocly fails", () => {
  test("the spec is not valid, even beside a YAML warning that has no place either", async () => {
    const warning = { severity: "warning" as const, message: "Unresolved tag: !custom", pointer: "" };
    const found = await validate({ file: "s.yaml", root: miniSpec([{}]), warnings: [warning] });
    expect(found).toEqual([warning, { severity: "error", message: "the OpenAPI rules could not be checked (Redocly failed: boom)", pointer: "" }]);
  });
});
