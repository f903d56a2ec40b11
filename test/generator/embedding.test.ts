import { describe, expect, test } from "vitest";
import { escapeForEmbedding } from "../../generator/embedding.js";

describe("escapeForEmbedding", () => {
  test.each([
    ['const a = "</script>";', 'const a = "<\\/script>";'],
    ["/** </script> */", "/** <\\/script> */"],
    ['type T = "a\u2028b" | "\u2029";', 'type T = "a\\u2028b" | "\\u2029";'],
    ['const s = "\u202eevil\u2066";', 'const s = "\\u202eevil\\u2066";'],
    ['const kept = "a < b / c";', 'const kept = "a < b / c";'],
  ])("%j → %j", (given, want) => expect(escapeForEmbedding(given)).toBe(want));

  test.each(['"</script>"', '"a\u2028b"', '"\\\\\u202e"', "'x</'"])("string literal %j keeps its value", (literal) => {
    const value = new Function(`return ${literal};`)() as string;
    expect(new Function(`return ${escapeForEmbedding(literal)};`)()).toBe(value);
  });
});
