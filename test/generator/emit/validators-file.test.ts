import { describe, expect, test } from "vitest";
import { regexLiteral } from "../../../generator/emit/validators-file.js";

describe("regexLiteral", () => {
  test.each([
    ["^([a-f0-9]{24})$", "/^([a-f0-9]{24})$/"],
    ["a/b", "/a\\/b/"],
    ["a\\/b", "/a\\/b/"],
    ["x/;alert(1)//", "/x\\/;alert(1)\\/\\//"],
    ["a\u2028b", "/a\\u2028b/"],
  ])("%j → %s, which evaluates to the same pattern", (given, want) => {
    expect(regexLiteral(given)).toBe(want);
    // eslint-disable-next-line no-new-func
    const regex = new Function(`return ${want};`)() as RegExp;
    expect(regex.source.replace(/\\\//g, "/")).toBe(new RegExp(given).source.replace(/\\\//g, "/"));
  });
});
