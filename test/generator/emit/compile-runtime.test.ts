import { describe, expect, test } from "vitest";
import { compiledTemplates } from "../../../generator/emit/compile-runtime.js";
import { readTemplates } from "../../../generator/emit/runtime-files.js";

describe("compiledTemplates (the runtime of the js+dts target)", () => {
  test("every template compiles to JavaScript and declarations, with nothing left to infer", async () => {
    const templates = await readTemplates();
    const compiled = await compiledTemplates(templates);
    expect(compiled.map((c) => c.relative)).toEqual(templates.map((t) => t.relative));
    const request = compiled.find((c) => c.relative === "request.ts")!;
    expect(request.js).toMatch(/^export async function send\(\s+client,\s+spec,\s+params,/m);
    expect(request.dts).toContain("export declare function send<Result>(");
    expect(request.dts).not.toMatch(/\{\s*const /);
  }, 60_000);

  test("a template whose declaration would need inference is refused at its place", async () => {
    const bad = { relative: "bad.ts", text: "// a helper\nexport const twice = (n: number) => n * 2;\n" };
    await expect(compiledTemplates([bad])).rejects.toThrow(/^templates\/bad\.ts:2:\d+: .*explicit (return )?type/);
  }, 60_000);
});
