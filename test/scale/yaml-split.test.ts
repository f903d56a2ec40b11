import { readFile } from "node:fs/promises";
import { describe, expect, test } from "vitest";
import { parseSpec } from "../../generator/load.js";
import { parseSpecInSlices, sliceSpec } from "../../generator/yaml-split.js";
import { textLocator } from "../../generator/locate-text.js";
import { locate, toPointer } from "../../generator/diagnostics.js";
import { ATLAS_SPECS } from "./atlas-specs.js";

/** A spec big enough to be sliced: `count` paths of ~1 KB each, in block style. */
function bigSpec(count: number, extra = ""): string {
  const paths = Array.from({ length: count }, (_, i) => {
    const description = `Operation ${i}, ${"lorem ipsum ".repeat(60)}`;
    return `  /things/${i}:\n    get:\n      operationId: get${i}\n      tags:\n      - Things\n      description: ${description}\n      responses:\n        "200":\n          description: OK\n`;
  });
  return `openapi: 3.0.1\ninfo:\n  title: t\n  version: "1"\npaths:\n${paths.join("")}${extra}components:\n  schemas:\n    A:\n      type: object\n`;
}

const whole = (text: string) => parseSpec("s.yaml", text).root;

describe("parseSpecInSlices", () => {
  test.each([
    ["block style", bigSpec(400)],
    ["explicit `? key` entries and comments", bigSpec(400, `  ? /a/very/long/path\n  : get:\n      operationId: long\n# a comment at column 0\n`)],
    ["quoted keys and indentless sequences", bigSpec(400, `  "/quoted/{x}":\n    get:\n      tags:\n      - A\n      operationId: quoted\n`)],
  ])("%s: the same data as parsing the whole text", (_name, text) => {
    expect(sliceSpec(text)?.length).toBeGreaterThan(2);
    expect(JSON.stringify(parseSpecInSlices(text))).toBe(JSON.stringify(whole(text)));
  });

  test.each([
    ["small input", "openapi: 3.0.1\npaths: {}\n"],
    ["an alias into another slice", bigSpec(400).replace("openapi: 3.0.1", "x-shared: &shared {a: 1}\nopenapi: 3.0.1") + "x-use: *shared\n"],
    ["a key repeated across slices", bigSpec(400) + "  B:\n    type: string\npaths:\n  /again: {}\n"],
    ["a YAML error", bigSpec(400) + "  broken: [\n"],
    ["several documents", bigSpec(400) + "---\nopenapi: 3.1.0\n"],
  ])("%s: left to the whole-text parse", (_name, text) => {
    expect(parseSpecInSlices(text)).toBeUndefined();
  });

});

describe.each(ATLAS_SPECS)("the $name Atlas spec", ({ file, present }) => {
  test.skipIf(!present)("sliced: the same data as parsing the whole text", async () => {
    const text = await readFile(file, "utf8");
    expect(JSON.stringify(parseSpecInSlices(text))).toBe(JSON.stringify(whole(text)));
  }, 120_000);

  test.skipIf(!present)("located from the text: every path item, operation and schema where the YAML document puts it", async () => {
    const atlas = parseSpec(file, await readFile(file, "utf8"));
    const find = textLocator(atlas.text);
    const root = atlas.root as { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };
    const pointers = [
      ...Object.entries(root.paths).flatMap(([p, item]) => Object.keys(item).flatMap((m) => [toPointer(["paths", p, m, "responses"]), toPointer(["paths", p, m, "parameters", 0])])),
      ...Object.keys(root.components.schemas).map((name) => toPointer(["components", "schemas", name, "properties"])),
    ];
    const misplaced = pointers.filter((pointer) => {
      const want = locate({ severity: "error", message: "", pointer }, atlas.document, atlas.lineCounter);
      const got = find(pointer);
      return got !== undefined && (got.line !== want.line || got.col !== want.col);
    });
    expect(misplaced).toEqual([]);
  }, 120_000);
});

describe("textLocator", () => {
  const text = bigSpec(3, `  ? /a/very/long/path\n  : get:\n      operationId: long\n      parameters:\n      - name: p\n        in: query\n      - name: q\n        in: query\n`);
  const spec = parseSpec("s.yaml", text);
  test.each([
    [""],
    ["/paths"],
    ["/paths/~1things~11/get/operationId"],
    ["/paths/~1things~11/get/tags/0"],
    ["/paths/~1things~11/get/responses/200/description"],
    ["/paths/~1things~11/get/missing/deeper"],
    ["/paths/~1a~1very~1long~1path/get/parameters/1/in"],
    ["/components/schemas/A/type"],
  ])("%s: where the YAML document puts it", (pointer) => {
    const want = locate({ severity: "error", message: "", pointer }, spec.document, spec.lineCounter);
    expect(textLocator(text)(pointer)).toEqual({ line: want.line, col: want.col });
  });

  test("flow collections are left to the YAML document", () => {
    expect(textLocator("a: {b: 1}\n")("/a/b")).toBeUndefined();
  });

});
