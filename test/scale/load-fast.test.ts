import { readFile } from "node:fs/promises";
import { describe, expect, test } from "vitest";
import { parseClean } from "../../generator/load-fast.js";
import { locate, parseSpec } from "../../generator/load.js";
import { textLocator } from "../../generator/locate-text.js";
import { toPointer } from "../../generator/diagnostics.js";
import { ATLAS_SPECS } from "./atlas-specs.js";

describe.each(ATLAS_SPECS)("the $name Atlas spec", ({ file, present }) => {
  test.skipIf(!present)("the fast path: the same data as the YAML document", async () => {
    const text = await readFile(file, "utf8");
    expect(parseClean(text)?.root).toStrictEqual(parseSpec(file, text).root);
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
