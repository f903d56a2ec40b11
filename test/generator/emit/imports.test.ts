import { describe, expect, test } from "vitest";
import { ImportCollector } from "../../../generator/emit/imports.js";

describe("ImportCollector", () => {
  test("sorts modules and names; type-only when every use is a type; value wins over type", () => {
    const imports = new ImportCollector();
    expect(imports.use("./b.js", "Zed", { type: true })).toBe("Zed");
    imports.use("./b.js", "alpha");
    imports.use("./a.js", "T", { type: true });
    imports.use("./a.js", "U", { type: true });
    imports.use("./c.js", "v", { type: true });
    imports.use("./c.js", "v");
    expect(imports.structures().map((s) => [s.moduleSpecifier, s.isTypeOnly, s.namedImports])).toEqual([
      ["./a.js", true, ["T", "U"]],
      ["./b.js", false, ["type Zed", "alpha"]],
      ["./c.js", false, ["v"]],
    ]);
  });
});
