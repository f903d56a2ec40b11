import { describe, expect, test } from "vitest";
import { SpecError } from "../../generator/diagnostics.js";
import { locate, parseSpec } from "../../generator/load.js";

describe("parseSpec", () => {
  test("keeps YAML dates as strings (x-sunset: 2027-07-01 unquoted)", () => {
    const spec = parseSpec("s.yaml", "openapi: 3.0.1\nx-sunset: 2027-07-01\n");
    expect(spec.root).toEqual({ openapi: "3.0.1", "x-sunset": "2027-07-01" });
  });

  test("a `__proto__` key is data, not a prototype", () => {
    const root = parseSpec("s.yaml", "__proto__: {polluted: true}\n").root as object;
    expect(Object.getPrototypeOf(root)).toBe(Object.prototype);
    expect(Object.keys(root)).toEqual(["__proto__"]);
  });

  test("an unknown tag is a warning with its position", () => {
    expect(parseSpec("s.yaml", "a: 1\nb: !custom x\n").warnings).toEqual([
      { severity: "warning", message: "Unresolved tag: !custom", pointer: "", line: 2, col: 4 },
    ]);
  });

  test.each([
    ["unclosed flow map", "openapi: 3.0.1\npaths: {\n", [{ line: 3, col: 1 }]],
    ["bad indentation", "a:\n  b: 1\n c: 2\n", [{ line: 3, col: 1 }]],
    ["duplicate key", "a: 1\na: 2\n", [{ line: 2, col: 1, message: "Map keys must be unique" }]],
    ["two documents", "a: 1\n---\nb: 2\n", [{ line: 2, col: 1 }]],
    [
      "alias inside its own anchor",
      "info: &i {title: t, self: *i}\n",
      [{ line: 1, col: 27, message: "alias *i refers to a node that contains it" }],
    ],
    ["mapping as a key", "? [a, b]\n: c\n", [{ line: 1, col: 3, message: "mapping keys must be strings, not collections" }]],
    [
      "billion laughs",
      "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n",
      [{ line: 2, col: 8, message: "Excessive alias count indicates a resource exhaustion attack" }],
    ],
  ])("%s → diagnostic with position", (_name, text, want) => {
    try {
      parseSpec("s.yaml", text);
      expect.unreachable("parseSpec accepted the input");
    } catch (error) {
      expect(error).toBeInstanceOf(SpecError);
      expect((error as SpecError).diagnostics).toMatchObject(want.map((w) => ({ severity: "error", ...w })));
    }
  });
});

describe("locate", () => {
  test.each([
    ["an empty file", ""],
    ["a comment only", "# nothing yet\n"],
    ["a scalar", "just text\n"],
  ])("a problem with the whole document of %s is at 1:1", (_name, text) => {
    const { document, lineCounter } = parseSpec("spec.yaml", text);
    expect(locate({ severity: "error", message: "m", pointer: "" }, document, lineCounter)).toMatchObject({ line: 1, col: 1 });
  });
});

test("a spec nested past the parser's stack is refused with a message about the spec, at its place", () => {
  const depth = 20_000;
  let error: unknown;
  try {
    parseSpec("spec.json", `${"[".repeat(depth)}${"]".repeat(depth)}`);
  } catch (thrown) {
    error = thrown;
  }
  expect(error).toBeInstanceOf(SpecError);
  const [diagnostic] = (error as SpecError).diagnostics;
  expect(diagnostic).toMatchObject({ severity: "error", message: "the spec nests too deeply to be read (the YAML parser ran out of stack here)", line: 1 });
});
