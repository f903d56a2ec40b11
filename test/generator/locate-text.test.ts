import { describe, expect, test } from "vitest";
import { textLocator } from "../../generator/locate-text.js";
import { locate, parseSpec } from "../../generator/load.js";

/** `count` paths of ~1 KB each, in block style. */
function bigSpec(count: number, extra = ""): string {
  const paths = Array.from({ length: count }, (_, i) => {
    const description = `Operation ${i}, ${"lorem ipsum ".repeat(60)}`;
    return `  /things/${i}:\n    get:\n      operationId: get${i}\n      tags:\n      - Things\n      description: ${description}\n      responses:\n        "200":\n          description: OK\n`;
  });
  return `openapi: 3.0.1\ninfo:\n  title: t\n  version: "1"\npaths:\n${paths.join("")}${extra}components:\n  schemas:\n    A:\n      type: object\n`;
}

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

  test("one locator asked many times (it indexes each mapping once) answers as a fresh one, and as the YAML document", () => {
    const pointers = ["/paths/~1things~12/get", "/paths/~1things~10/get/tags/0", "/paths/~1a~1very~1long~1path/get/parameters/0/name", "/paths/~1nowhere", "/paths/~1things~11", "/components/schemas/A/type"];
    const find = textLocator(text);
    for (const pointer of pointers) {
      const want = locate({ severity: "error", message: "", pointer }, spec.document, spec.lineCounter);
      expect(find(pointer), pointer).toEqual({ line: want.line, col: want.col });
      expect(find(pointer), pointer).toEqual(textLocator(text)(pointer));
    }
  });

  test("a key given twice (which YAML refuses): the first, as before the index", () => {
    expect(textLocator("a:\n  b: 1\n  b: 2\n")("/a/b")).toEqual({ line: 2, col: 3 });
  });

  test("flow collections are left to the YAML document", () => {
    expect(textLocator("a: {b: 1}\n")("/a/b")).toBeUndefined();
  });

  test("a key with YAML's own escapes (not JSON's) is left to the YAML document, as is JSON after a byte order mark", () => {
    expect(textLocator('a:\n  "\\x41ge": 1\n  b: 2\n')("/a/b")).toBeUndefined();
    expect(textLocator('a:\n  "\\u0041ge": 1\n  b: 2\n')("/a/b")).toEqual({ line: 3, col: 3 });
    expect(textLocator('\uFEFF{\n  "a": {"b": 1}\n}\n')("/a/b")).toBeUndefined();
  });

  test("after a byte order mark: the places the YAML document gives (it counts the mark as a column)", () => {
    const bom = "\uFEFFa: 1\nb:\n  c: 2\n";
    const spec = parseSpec("s.yaml", bom);
    for (const pointer of ["/a", "/b", "/b/c"]) {
      const want = locate({ severity: "error", message: "", pointer }, spec.document, spec.lineCounter);
      expect(textLocator(bom)(pointer), pointer).toEqual({ line: want.line, col: want.col });
    }
  });


  test("CRLF line breaks: the same places as LF", () => {
    const crlf = text.replace(/\n/g, "\r\n");
    for (const pointer of ["/paths/~1things~11/get/operationId", "/paths/~1a~1very~1long~1path/get/parameters/1/in", "/components/schemas/A/type"]) {
      expect(textLocator(crlf)(pointer)).toEqual(textLocator(text)(pointer));
    }
  });
});
