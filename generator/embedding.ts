/**
 * The last pass over every emitted file that holds spec text. Comments and string literals are
 * already closed against breakout (jsdoc.ts, JSON string literals, regexLiteral); this pass makes
 * the printed file safe where it may be embedded or reviewed: `</script>` would end an inline
 * script, U+2028/U+2029 end lines for older parsers and editors, and bidi controls make code read
 * differently than it runs ("Trojan Source").
 *
 * Safe on generated TypeScript because these sequences can only occur inside comments, string or
 * regex literals (identifiers are ASCII; `</` is not TypeScript syntax outside JSX), where `<\/`
 * and `\uXXXX` mean the same characters as before, or are harmless text in a comment.
 */
export function escapeForEmbedding(source: string): string {
  return source
    .replace(/<\//g, "<\\/")
    .replace(/[\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}
