import { readdirSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, test } from "vitest";
import { STRICT, typeErrors } from "../helpers/typecheck.js";

describe("type-check", () => {
  test("generated/ compiles on its own under strict (plus exactOptionalPropertyTypes, noUncheckedIndexedAccess)", () => {
    const files = readdirSync("generated", { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".ts"))
      .map((f) => path.join("generated", f));
    expect(files.length).toBeGreaterThan(5);
    expect(typeErrors(files, STRICT)).toEqual([]);
  });

  test("the whole project per tsconfig.json (generator, templates, tests with type-level assertions) compiles", () => {
    const config = ts.getParsedCommandLineOfConfigFile("tsconfig.json", {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
    expect(config?.errors).toEqual([]);
    expect(config?.fileNames.some((f) => f.endsWith("test/generated/types.test.ts"))).toBe(true);
    expect(typeErrors(config?.fileNames ?? [], config?.options ?? {})).toEqual([]);
  }, 120_000);
});
