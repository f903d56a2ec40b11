import { describe, expect, test } from "vitest";
import { patternFlags, patternRegExp } from "../../generator/patterns.js";

describe("patternFlags", () => {
  test.each([
    ["^([a-f0-9]{24})$", ""],
    ["^[\\p{L}\\p{N}]*$", "u"],
    ["^\\P{Lu}$", "u"],
    ["^\\u{1F600}$", "u"],
    ["^\\u0041$", ""],
    // An escaped backslash before "p{": the text `\p{L}`, no property escape.
    ["^\\\\p{L}$", ""],
    // Identity escapes like `\:` are common in real specs and invalid with `u`.
    ["^([0-9a-f]{1,4}\\:){7}$", ""],
  ])("%j → %j", (given, want) => expect(patternFlags(given)).toBe(want));

  test("with `u`, a property escape matches what it says", () => {
    expect(patternRegExp("^\\p{L}+$").test("José")).toBe(true);
    expect(patternRegExp("^\\p{L}+$").test("p{L}")).toBe(false);
  });
});
