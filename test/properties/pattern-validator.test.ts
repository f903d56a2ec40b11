/**
 * A generated validator accepts exactly the strings its spec pattern matches: the regex literal
 * the generator emits (escaped against breakout) behaves like the pattern itself.
 */
import fc from "fast-check";
import { describe, test } from "vitest";
import { regexLiteral } from "../../generator/emit/validators-file.js";
import { patternRegExp } from "../../generator/patterns.js";
import { patternValidator } from "../../templates/params.js";

/** Real Atlas parameter patterns and hostile ones (slashes, comment openers, separators, bidi). */
const PATTERNS = [
  "^([a-f0-9]{24})$",
  "^[a-zA-Z0-9][a-zA-Z0-9-]*$",
  "^mdb_sa_id_[a-fA-F\\d]{24}$",
  "^([0-9]{1,3}\\.){3}[0-9]{1,3}(%2[fF][0-9]{1,3})?|([0-9a-f]{1,4}\\:){7}[0-9a-f]{1,4}(%2[fF][0-9]{1,3})?$",
  "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
  "[0-9a-f]+",
  "^a/b$",
  "^[/*]+$",
  "^/*$",
  "^</script>$",
  "^a\u2028b$",
  "^[\u202e]x$",
  "^[\\p{L}\\p{N}]+$",
  "",
];

/** The validator as generated code builds it: the emitted literal, evaluated. */
const emittedValidator = (source: string) => patternValidator(new Function(`return ${regexLiteral(source)};`)() as RegExp);

describe.each(PATTERNS)("pattern %j", (source) => {
  const regex = patternRegExp(source);
  const validate = emittedValidator(source);

  test("accepts every string the pattern matches", () => {
    // fast-check cannot build strings for the empty pattern, which every string matches.
    const matching = source === "" ? fc.string() : fc.stringMatching(regex);
    fc.assert(fc.property(matching, (value) => validate(value) === undefined), { numRuns: 200 });
  });

  test("accepts any other string exactly when the pattern matches it", () => {
    const anyString = fc.oneof(fc.string({ unit: "binary" }), fc.string({ unit: fc.constantFrom("a", "/", "*", "0", "f", "\u2028", "\u202e", "<", ":", "é") }));
    fc.assert(fc.property(anyString, (value) => (validate(value) === undefined) === regex.test(value)), { numRuns: 300 });
  });
});
