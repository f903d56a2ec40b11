import { describe, expect, test } from "vitest";
import { regexLiteral } from "../../../generator/emit/validators-file.js";
import { patternRegExp } from "../../../generator/patterns.js";

const evaluate = (literal: string) => new Function(`return ${literal};`)() as RegExp;

describe("regexLiteral", () => {
  test.each([
    ["^([a-f0-9]{24})$", "/^([a-f0-9]{24})$/"],
    ["a/b", "/a\\/b/"],
    ["a\\/b", "/a\\/b/"],
    ["x/;alert(1)//", "/x\\/;alert(1)\\/\\//"],
    // `/*` and `[/*]` would open a comment for ts-morph's writer.
    ["^/*$", "/^\\u002f*$/"],
    ["[/*]", "/[\\u002f*]/"],
    ["[/]", "/[\\/]/"],
    ["</script>", "/<\\/script>/"],
    ["a\u2028b", "/a\\u2028b/"],
    ["a\nb", "/a\\nb/"],
    ["", "/(?:)/"],
    ["^\u202e$", "/^\\u202e$/"],
    ["^\\\u202e$", "/^\\u202e$/"],
    // Unicode property escapes only work with the `u` flag; other patterns keep the classic dialect.
    ["^[\\p{L}\\p{N}]+$", "/^[\\p{L}\\p{N}]+$/u"],
    ["^\\u{1F600}/$", "/^\\u{1F600}\\/$/u"],
    ["^a\\:b$", "/^a\\:b$/"],
  ])("%j → %s", (given, want) => {
    expect(regexLiteral(given)).toBe(want);
  });

  test.each(["a/b", "[/*]", "\\\\/", "^/*$", "a\u2028b|\u2029", "^\\\u202e+$", "(?<x>/)\\k<x>", "", "^\\p{Lu}/?$"])(
    "%j: the literal matches exactly what the pattern matches",
    (source) => {
      const regex = evaluate(regexLiteral(source));
      for (const text of ["", "/", "//", "a/b", "*", "\\/", "a\u2028b", "\u2029", "\u202e", "\\\u202e", "x", "//x", "É/", "p{Lu}"]) {
        expect(regex.test(text), JSON.stringify(text)).toBe(patternRegExp(source).test(text));
      }
    },
  );

  test("an invalid pattern is refused, not emitted", () => {
    expect(() => regexLiteral("a\\")).toThrow(SyntaxError);
  });
});
