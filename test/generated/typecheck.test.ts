import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ts from "typescript";
import { describe, expect, test } from "vitest";
import { STRICT, typeErrors } from "../helpers/typecheck.js";

const diagnosticsOf = (program: ts.Program) =>
  ts.getPreEmitDiagnostics(program).map((d) => `${path.basename(d.file?.fileName ?? "")}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);

describe("type-check", () => {
  test("generated/ compiles on its own under strict (plus exactOptionalPropertyTypes, noUncheckedIndexedAccess)", () => {
    const files = readdirSync("generated", { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".ts"))
      .map((f) => path.join("generated", f));
    expect(files.length).toBeGreaterThan(5);
    expect(typeErrors(files, STRICT)).toEqual([]);
  });

  test("a project's tsc skips generated code (@ts-nocheck) but checks its callers against the generated types; the tests check both", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "atlasgen-nocheck-"));
    try {
      cpSync("generated", path.join(dir, "generated"), { recursive: true });
      const teams = path.join(dir, "generated/teams.ts");
      writeFileSync(teams, readFileSync(teams, "utf8") + 'export const broken: number = "not a number";\n');
      const caller = path.join(dir, "caller.ts");
      writeFileSync(
        caller,
        'import { createClient, removeOrgTeamUserFromTeam } from "./generated/index.js";\n' +
          'void removeOrgTeamUserFromTeam(createClient(), { orgId: "a", teamId: "b" });\n',
      );
      const options = { ...STRICT, noEmit: true, skipLibCheck: true };
      expect(diagnosticsOf(ts.createProgram([caller], options))).toEqual([
        expect.stringMatching(/^caller\.ts: .*\n.*Property 'userId' is missing/),
      ]);
      expect(typeErrors([caller], STRICT)).toEqual([
        expect.stringMatching(/caller\.ts:2:\d+: [^]*Property 'userId' is missing/),
        expect.stringMatching(/teams\.ts:\d+:\d+: Type 'string' is not assignable to type 'number'/),
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
