/** Spec `pattern`s as JavaScript regular expressions: one place decides how they are compiled. */

/**
 * `\p{…}`, `\P{…}` and `\u{…}` only mean what they say with the `u` flag (without it, `\p{L}`
 * matches the text "p{L}"). Other patterns keep the classic dialect, where identity escapes such
 * as `\:`, common in real specs, stay valid.
 */
export function patternFlags(source: string): "" | "u" {
  return /(?:^|[^\\])(?:\\\\)*\\[pPu]\{/.test(source) ? "u" : "";
}

/** Throws a SyntaxError when the pattern is not a valid regular expression. */
export function patternRegExp(source: string): RegExp {
  return new RegExp(source, patternFlags(source));
}
