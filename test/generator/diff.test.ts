import { describe, expect, test } from "vitest";
import { shortDiff } from "../../generator/diff.js";

describe("shortDiff", () => {
  test.each([
    ["one changed line", "a\nb\nc\n", "a\nB\nc\n", ["@@ line 2 @@", "- b", "+ B"]],
    ["added lines", "a\nc\n", "a\nb1\nb2\nc\n", ["@@ line 2 @@", "+ b1", "+ b2"]],
    ["removed at the end", "a\nb\n", "a\n", ["@@ line 2 @@", "- b"]],
    [
      "long runs are cut",
      "x\n1\n2\n3\n4\n5\n6\n7\n",
      "x\n",
      ["@@ line 2 @@", "- 1", "- 2", "- 3", "- 4", "- 5", "- … 2 more line(s)"],
    ],
  ])("%s", (_name, before, after, want) => {
    expect(shortDiff(before, after)).toEqual(want);
  });

  test("long lines are clipped", () => {
    const [, removed] = shortDiff("x".repeat(500), "y");
    expect(removed).toBe(`- ${"x".repeat(160)}…`);
  });
});
