import { describe, expect, test } from "vitest";
import { SpecError } from "../../generator/diagnostics.js";
import { parseSpec } from "../../generator/load.js";

describe("parseSpec", () => {
  test("keeps YAML dates as strings (x-sunset: 2027-07-01 unquoted)", () => {
    const spec = parseSpec("s.yaml", "openapi: 3.0.1\nx-sunset: 2027-07-01\n");
    expect(spec.root).toEqual({ openapi: "3.0.1", "x-sunset": "2027-07-01" });
  });

  test.each([
    ["unclosed flow map", "openapi: 3.0.1\npaths: {\n", { line: 3 }],
    ["bad indentation", "a:\n  b: 1\n c: 2\n", { line: 3 }],
    ["duplicate key", "a: 1\na: 2\n", { line: 2, col: 1 }],
  ])("%s → diagnostic with position", (_name, text, want) => {
    try {
      parseSpec("s.yaml", text);
      expect.unreachable("parseSpec accepted invalid YAML");
    } catch (error) {
      expect(error).toBeInstanceOf(SpecError);
      const [first] = (error as SpecError).diagnostics;
      expect(first).toMatchObject({ severity: "error", ...want });
    }
  });
});
