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

describe("ImportCollector per module kind", () => {
  const collector = () => {
    const imports = new ImportCollector();
    imports.use("./runtime/request.js", "send");
    imports.use("./runtime/operation.js", "OperationSpec", { type: true });
    imports.use("./runtime/operation.js", "shapeGuard");
    imports.use("./both.js", "Both", { type: true });
    imports.use("./both.js", "Both");
    return imports;
  };
  const shape = (kind: "js" | "dts") => collector().structures(kind).map((s) => [s.moduleSpecifier, s.isTypeOnly, s.namedImports]);

  test("JavaScript imports the values only", () => {
    expect(shape("js")).toEqual([
      ["./both.js", false, ["Both"]],
      ["./runtime/operation.js", false, ["shapeGuard"]],
      ["./runtime/request.js", false, ["send"]],
    ]);
  });

  test("declarations import the types only, as types (a name used both ways included)", () => {
    expect(shape("dts")).toEqual([
      ["./both.js", true, ["Both"]],
      ["./runtime/operation.js", true, ["OperationSpec"]],
    ]);
  });
});
