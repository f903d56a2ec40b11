import { readdir } from "node:fs/promises";
import { describe, expect, test } from "vitest";
import { compileTemplates } from "../../../generator/emit/compile-runtime.js";
import { readTemplates, TEMPLATES_DIR } from "../../../generator/emit/runtime-files.js";

describe("compileTemplates (the runtime of the js+dts target)", () => {
  test("every template compiles to JavaScript and declarations, with nothing left to infer", async () => {
    const compiled = await compileTemplates(await readTemplates());
    const sources = (await readdir(TEMPLATES_DIR, { recursive: true, encoding: "utf8" })).filter((f) => f.endsWith(".ts"));
    expect(compiled.map((c) => c.relative).sort()).toEqual(sources.map((f) => f.replaceAll("\\", "/")).sort());
    const request = compiled.find((c) => c.relative === "request.ts")!;
    expect(request.js).toMatch(/^export async function send\(\s+client,\s+spec,\s+params,/m);
    expect(request.js).not.toMatch(/: OperationSpec|import type/);
    expect(request.dts).toContain("export declare function send<Result>(");
    expect(request.dts).not.toMatch(/\{\s*const /);
  }, 60_000);

  test("each module keeps the template's opening comment, once", async () => {
    const templates = await readTemplates();
    const compiled = await compileTemplates(templates);
    for (const [i, { relative, text }] of templates.entries()) {
      const doc = /^\/\*\*[\s\S]*?\*\//.exec(text)?.[0];
      expect(doc, relative).toBeDefined();
      for (const output of [compiled[i]!.js, compiled[i]!.dts]) {
        expect(output.startsWith(doc!), relative).toBe(true);
        expect(output.split(doc!)).toHaveLength(2);
      }
    }
  }, 60_000);

  test("a template whose declaration would need inference is refused at its place", async () => {
    const bad = { relative: "bad.ts", text: "// a helper\nexport const twice = (n: number) => n * 2;\n" };
    await expect(compileTemplates([bad])).rejects.toThrow(/^templates\/bad\.ts:2:\d+: .*explicit (return )?type/);
  }, 60_000);
});
