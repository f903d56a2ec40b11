import { describe, expect, test } from "vitest";
import { parseClean } from "../../generator/load-fast.js";
import { parseSpec } from "../../generator/load.js";

const whole = (text: string) => parseSpec("s.yaml", text).root;

describe("parseClean", () => {
  test.each([
    ["block style and comments", "openapi: 3.0.1 # c\ninfo:\n  title: t\n  version: '1'\npaths:\n  /a:\n    get:\n      tags:\n      - A\n"],
    ["explicit `? key` entries", "paths:\n  ? /a/very/long/path\n  : get:\n      operationId: long\n"],
    ["quoted keys and escapes", `"/q/{x}": {a: "\\u00e9\\t\\x41", b: 'it''s', "200": x}\n`],
    ["block scalars", "a: |\n  one\n  two\nb: >-\n  folded\n  text\n\nc: |+\n  kept\n\n"],
    ["core schema scalars", "a: [1, -2, 0x1F, 0o17, 1.5, .5, 1e3, .inf, -.Inf, .nan, true, False, ~, null, '']\n"],
    ["strings YAML 1.1 would type", "a: [yes, on, 2027-07-01, 1_000, 0b101, 12:30, 0017]\n"],
    ["a `__proto__` key", "__proto__: {polluted: true}\n"],
    ["an anchor without an alias", "a: &x 1\n"],
    ["flow collections across lines", "a: {\n  b: [1,\n    2],\n  c: d }\n"],
  ])("%s: the same data as the YAML document", (_name, text) => {
    expect(parseClean(text)?.root).toStrictEqual(whole(text));
  });

  test("keeps a `__proto__` key as data", () => {
    const root = parseClean("__proto__: {polluted: true}\n")?.root as object;
    expect(Object.getPrototypeOf(root)).toBe(Object.prototype);
    expect(Object.keys(root)).toEqual(["__proto__"]);
  });

  test.each([
    ["a syntax error", "a:\n  b: 1\n c: 2\n"],
    ["a duplicate key", "a: 1\na: 2\n"],
    ["an alias", "a: &x [1]\nb: *x\n"],
    ["an alias inside its own anchor", "info: &i {title: t, self: *i}\n"],
    ["a collection as key", "? [a, b]\n: c\n"],
    ["an unknown tag", "a: !custom x\n"],
    ["several documents", "a: 1\n---\nb: 2\n"],
    ["a directive", "%YAML 1.1\n---\na: yes\n"],
    ["empty input", ""],
  ])("%s: left to load.ts, which tells where", (_name, text) => {
    expect(parseClean(text)).toBeUndefined();
  });
});
