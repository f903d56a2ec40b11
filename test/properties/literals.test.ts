/**
 * Text from a spec printed as a string literal or in a comment: a literal reads back as the same
 * string and is what prettier would print; comment text is what the full escaping gives, plain
 * text (no special character) included, which takes a shortcut.
 */
import { runInNewContext } from "node:vm";
import fc from "fast-check";
import { format } from "prettier";
import { describe, expect, test } from "vitest";
import { commentText, escapedCommentText } from "../../generator/emit/jsdoc.js";
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
  test("is the text with every escape tried, plain text included (which takes a shortcut)", () => {
    fc.assert(
      fc.property(text, (value) => {
        expect(commentText(value)).toBe(escapedCommentText(value));
      }),
      { numRuns: 2000 },
    );
  });
});
