import { readdirSync, readFileSync } from "node:fs";
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

  test("generated/ spells out every exported type, so projects with isolatedDeclarations can include it", () => {
    const problems = readdirSync("generated", { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".ts"))
      .flatMap((f) => {
        const text = readFileSync(path.join("generated", f), "utf8");
        const options = { module: ts.ModuleKind.NodeNext, target: ts.ScriptTarget.ES2022, isolatedDeclarations: true };
        const { diagnostics = [] } = ts.transpileDeclaration(text, { fileName: f, compilerOptions: options, reportDiagnostics: true });
        return diagnostics.map((d) => `${f}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
      });
    expect(problems).toEqual([]);
  });

  test("the whole project per tsconfig.json (generator, templates, tests with type-level assertions) compiles", () => {
    const config = ts.getParsedCommandLineOfConfigFile("tsconfig.json", {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
    expect(config?.errors).toEqual([]);
    expect(config?.fileNames.some((f) => f.endsWith("test/generated/types.test.ts"))).toBe(true);
    expect(typeErrors(config?.fileNames ?? [], config?.options ?? {})).toEqual([]);
  }, 120_000);
});
