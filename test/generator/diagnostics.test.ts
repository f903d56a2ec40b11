import { describe, expect, test } from "vitest";
import { formatDiagnostic, pointerSegments, toPointer } from "../../generator/diagnostics.js";
import { locate, parseSpec } from "../../generator/load.js";

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

  test.each([
    [{ severity: "error", message: "bad", pointer: "/paths", line: 2, col: 1 }, "spec.yaml:2:1: error: bad (at #/paths)"],
    [{ severity: "warning", message: "odd", pointer: "", line: 1, col: 3 }, "spec.yaml:1:3: warning: odd"],
    [{ severity: "error", message: "no position", pointer: "" }, "spec.yaml: error: no position"],
    // Spec text in a message can neither drive the terminal nor break the one-line form.
    [
      { severity: "error", message: 'operationId "\u001b[2Jx\ny\u202e"', pointer: "/a", line: 1, col: 1 },
      'spec.yaml:1:1: error: operationId "\\u001b[2Jx\\u000ay\\u202e" (at #/a)',
    ],
  ] as const)("formats %j", (given, want) => {
    expect(formatDiagnostic("spec.yaml", given)).toBe(want);
  });
});
