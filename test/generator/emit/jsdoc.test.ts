import { describe, expect, test } from "vitest";
import { commentText, jsDoc } from "../../../generator/emit/jsdoc.js";

describe("commentText", () => {
  test.each([
    ["plain", "plain"],
    ["ends */ here", "ends *\\/ here"],
    ["a\u2028b\u2029c", "a\nb\nc"],
    ["line\r\nbreak\rhere", "line\nbreak\nhere"],
    ["@evil tag\n  @other", "\\@evil tag\n  \\@other"],
    ["trailing  \n\n", "trailing"],
  ])("%j → %j", (given, want) => expect(commentText(given)).toBe(want));
});

describe("jsDoc", () => {
  test("escapes tag text too", () => {
    expect(jsDoc("d", [["deprecated", "x */ y"]])).toEqual({ description: "d\n", tags: [{ tagName: "deprecated", text: "x *\\/ y" }] });
  });
});
