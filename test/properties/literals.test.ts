/**
 * Text from a spec printed as a string literal or in a comment: a literal reads back as the same
 * string and is what prettier would print; comment text is what the full escaping gives, plain
 * text (no special character) included, which takes a shortcut.
 */
import { runInNewContext } from "node:vm";
import fc from "fast-check";
import { format } from "prettier";
import { describe, expect, test } from "vitest";
import { commentText } from "../../generator/emit/jsdoc.js";
import { stringLiteral } from "../../generator/emit/layout.js";
import { PRETTIER_OPTIONS } from "../../generator/format.js";

/** Spec-like text: mostly plain ASCII, with quotes, escapes, comment markers and any code point. */
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: fc.constantFrom("a", " ", "/", "*", "@", '"', "'", "\\", "\n", "\r", "\t", "\u0000", "\u2028", "é", "\u{1F600}") }),
  fc.string({ unit: "binary" }),
);

describe("stringLiteral", () => {
  test("reads back as the string, and prettier prints it as it is", async () => {
    await fc.assert(
      fc.asyncProperty(text, async (value) => {
        const literal = stringLiteral(value);
        expect(runInNewContext(literal)).toBe(value);
        const statement = `const x = ${literal};\n`;
        // prettier breaks a long line after `=`; the literal itself stays as it is.
        expect((await format(statement, PRETTIER_OPTIONS)).replace(/=\n\s+/, "= ")).toBe(statement);
      }),
      { numRuns: 300 },
    );
  });
});

describe("commentText", () => {
  /** Every escape, whatever the text: what the shortcut for plain text must agree with. */
  const escaped = (value: string) =>
    value
      .replace(/\r\n?/g, "\n")
      .replace(/[\u2028\u2029]/g, "\n")
      .replace(/\*\//g, "*\\/")
      .replace(/\/\*/g, "/\\*")
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
      .replace(/^(\s*)@/gm, "$1\\@")
      .trimEnd();

  test("is the fully escaped text", () => {
    fc.assert(
      fc.property(text, (value) => {
        expect(commentText(value)).toBe(escaped(value));
      }),
      { numRuns: 2000 },
    );
  });
});
