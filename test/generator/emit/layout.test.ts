import { format } from "prettier";
import { describe, expect, test } from "vitest";
import { StructureKind } from "ts-morph";
import { docWriter, propertyKey, stringLiteral } from "../../../generator/emit/layout.js";
import { printFile } from "../../../generator/emit/print.js";
import { assignmentLayout, typeDoc } from "../../../generator/emit/type-doc.js";
import { PRETTIER_OPTIONS } from "../../../generator/format.js";
import type { PropertyModel, TsType } from "../../../generator/model/index.js";

const lit = (value: string | number): TsType => ({ kind: "literal", value });
const ref = (name: string): TsType => ({ kind: "ref", name });
const union = (...members: TsType[]): TsType => ({ kind: "union", members });
const object = (...properties: [string, TsType][]): TsType => ({
  kind: "object",
  properties: properties.map(([name, type]): PropertyModel => ({ name, type, optional: true, deprecated: false })),
});
const long = (n: number, prefix = "VALUE") => Array.from({ length: n }, (_, i) => lit(`${prefix}_${i}_${"X".repeat(12)}`));

describe("layout matches prettier", () => {
  test.each([
    ["short union", union(lit("A"), lit("B"))],
    ["long union", union(...long(8))],
    ["union of refs and null (hugs)", union(ref("Thing"), { kind: "keyword", name: "null" })],
    ["array of a long union", { kind: "array", items: union(...long(6)) }],
    ["intersection of long names", { kind: "intersection", members: [ref("A".repeat(60)), ref("B".repeat(60))] }],
    ["intersection with objects", { kind: "intersection", members: [ref("Base"), object(["kind", lit("x")]), object(["y", ref("Y")])] }],
    ["union in an intersection", { kind: "intersection", members: [object(["a", lit(1)]), union(ref("L".repeat(50)), ref("R".repeat(50)))] }],
    ["object with a long union property", object(["state", union(...long(5))], ["plain", { kind: "keyword", name: "string" }])],
    ["generic with long arguments", { kind: "name", name: "OperationResult", args: [ref("S".repeat(50)), ref("E".repeat(50))] }],
    ["quotes and numbers", union(lit('say "hi"'), lit("it's"), lit(1e21), lit(-0.5))],
  ] as [string, TsType][])("%s", async (_name, type) => {
    const text = printFile("", [
      { kind: StructureKind.TypeAlias, name: "T", isExported: true, type: docWriter(typeDoc(type, "alias", { refPrefix: "" }), assignmentLayout(type)) },
      { kind: StructureKind.Interface, name: "I", isExported: true, properties: [{ name: "p", type: docWriter(typeDoc(type, "annotation", { refPrefix: "" })) }] },
    ]);
    expect(await format(text, PRETTIER_OPTIONS)).toBe(text);
  });

  test("spec text holding the comment placeholders' characters is printed as it is, beside real comments", async () => {
    const odd = ["\uE000", "\uE0000\uE001", "x\uE001", "\uE00012\uE001y"];
    const property = (name: string): PropertyModel => ({ name, type: union(...odd.map(lit)), optional: true, deprecated: false, description: `About ${name}.` });
    const type: TsType = { kind: "object", properties: [property("a"), property(odd[1]!), property("b")] };
    const text = printFile("", [{ kind: StructureKind.TypeAlias, name: "T", isExported: true, type: docWriter(typeDoc(type, "alias", { refPrefix: "" }), assignmentLayout(type)) }]);
    expect(text.match(/\/\*\* About .*? \*\//g)).toEqual(["/** About a. */", `/** About ${odd[1]}. */`, "/** About b. */"]);
    for (const value of odd) expect(text).toContain(JSON.stringify(value));
    expect(await format(text, PRETTIER_OPTIONS)).toBe(text);
  });

  test.each([
    ["plain", '"plain"'],
    ['has "double"', "'has \"double\"'"],
    ["has 'single' and \"double\"", "\"has 'single' and \\\"double\\\"\""],
    ["line\nbreak", '"line\\nbreak"'],
  ])("stringLiteral(%j) = %s", (given, want) => expect(stringLiteral(given)).toBe(want));

  test.each([
    ["name", "name"],
    ["204", "204"],
    ["2023-01-01", '"2023-01-01"'],
    ["X-Trace", '"X-Trace"'],
    ["$ref", "$ref"],
  ])("propertyKey(%s) = %s", (given, want) => expect(propertyKey(given)).toBe(want));
});
