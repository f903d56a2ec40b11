import { describe, expect, test } from "vitest";
import { formatDiagnostic, locate, pointerSegments, toPointer } from "../../generator/diagnostics.js";
import { parseSpec } from "../../generator/load.js";

const text = `openapi: 3.0.1
paths:
  /a/{x}:
    get:
      operationId: a
`;

describe("diagnostics", () => {
  test.each([
    [["paths", "/a/{x}", "get"], "/paths/~1a~1{x}/get"],
    [["a~b", 0], "/a~0b/0"],
  ])("pointer %j ⇄ %s", (segments, pointer) => {
    expect(toPointer(segments)).toBe(pointer);
    expect(pointerSegments(pointer)).toEqual(segments.map(String));
  });

  test.each([
    ["/paths/~1a~1{x}/get/operationId", { line: 5, col: 7 }],
    ["/paths/~1a~1{x}/get", { line: 4, col: 5 }],
    // A key that does not exist points at its nearest existing parent.
    ["/paths/~1a~1{x}/get/parameters/3", { line: 4, col: 5 }],
  ])("locates %s", (pointer, want) => {
    const spec = parseSpec("s.yaml", text);
    expect(locate({ severity: "error", message: "m", pointer }, spec.document, spec.lineCounter)).toMatchObject(want);
  });

  test("formats as file:line:col: severity: message (at #pointer)", () => {
    expect(formatDiagnostic("spec.yaml", { severity: "error", message: "bad", pointer: "/paths", line: 2, col: 1 })).toBe(
      "spec.yaml:2:1: error: bad (at #/paths)",
    );
  });
});
