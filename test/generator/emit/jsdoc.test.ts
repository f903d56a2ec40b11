import { describe, expect, test } from "vitest";
import { commentText, jsDoc } from "../../../generator/emit/jsdoc.js";

describe("commentText", () => {
  test.each([
    ["plain", "plain"],
    ["ends */ here", "ends *\\/ here"],
    // ts-morph's writer would "close" a `/*` before the next tag.
    ["opens /* here", "opens /\\* here"],
    ["*/*", "*\\/\\*"],
    ["a\u2028b\u2029c", "a\nb\nc"],
    ["line\r\nbreak\rhere", "line\nbreak\nhere"],
    ["@evil tag\n  @other", "\\@evil tag\n  \\@other"],
    ["bell\u0007 escape\u001b[31m nul\u0000", "bell\\u0007 escape\\u001b[31m nul\\u0000"],
    ["tab\tstays", "tab\tstays"],
    ["trailing  \n\n", "trailing"],
  ])("%j → %j", (given, want) => expect(commentText(given)).toBe(want));
});

describe("jsDoc", () => {
  test("escapes tag text too", () => {
    expect(jsDoc("d", [["deprecated", "x */ y"]])).toEqual({ description: "d\n", tags: [{ tagName: "deprecated", text: "x *\\/ y" }] });
  });
});
