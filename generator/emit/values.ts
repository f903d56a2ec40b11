/**
 * Object and array literals of generated code, laid out as prettier lays them out (`object.js`,
 * `array.js`, and `assignment.js` for `key: value`).
 */
import { objectLiteralKey } from "../names.js";
import { callArgumentsDoc } from "./print.js";
import { conditionalGroup, group, ifBreak, indent, indentIfBreak, join, line, lineSuffixBoundary, propertyKey, softline, stringLiteral, type Doc } from "./layout.js";

/** A value and what it is, which decides where `key: value` may break. */
export type Value =
  | { kind: "string"; value: string }
  | { kind: "literal"; value: boolean | number }
  /** Code: an identifier, a call. */
  | { kind: "code"; doc: Doc }
  | { kind: "object"; entries: [string, Value][]; expanded?: boolean }
  | { kind: "array"; items: Value[] };

/**
 * Marks a top-level call as free of side effects, so that a bundler leaves it out of an
 * application that never uses its result: without it, every validator and guard of the client
 * stays in any bundle that imports the client's index (esbuild, Rollup and terser read it).
 */
export const PURE = "/* @__PURE__ */ ";

export const str = (value: string): Value => ({ kind: "string", value });
export const lit = (value: boolean | number): Value => ({ kind: "literal", value });
export const code = (doc: Doc): Value => ({ kind: "code", doc });
export const obj = (entries: [string, Value | undefined][], expanded = false): Value => ({
  kind: "object",
  entries: entries.filter((e): e is [string, Value] => e[1] !== undefined),
  expanded,
});
export const arr = (items: Value[]): Value => ({ kind: "array", items });

export function valueDoc(value: Value): Doc {
  switch (value.kind) {
    case "string":
      return stringLiteral(value.value);
    case "literal":
      return String(value.value);
    case "code":
      return value.doc;
    case "array":
      return value.items.length === 0 ? "[]" : group(["[", indent([softline, join([",", line], value.items.map(valueDoc))]), ifBreak(","), softline, "]"]);
    case "object":
      if (value.entries.length === 0) return "{}";
      return group(["{", indent([line, join([",", line], value.entries.map(([key, v]) => entryDoc(key, v)))]), ifBreak(","), line, "}"], {
        shouldBreak: value.expanded === true,
      });
  }
}

/** `key: value`: short keys and literals never break after `:`, long strings move to the next line. */
function entryDoc(key: string, value: Value): Doc {
  const printedKey = objectLiteralKey(key, propertyKey);
  const right = valueDoc(value);
  // Wrapping after a key narrower than tabWidth + 3 gains nothing (`isObjectPropertyWithShortKey`).
  if (printedKey.length < 5 || value.kind === "literal") return group([printedKey, ": ", right]);
  if (value.kind === "string") return group([printedKey, ":", group(indent([line, right]))]);
  const id = Symbol("assignment");
  return group([printedKey, ":", group(indent(line), { id }), lineSuffixBoundary, indentIfBreak(right, { groupId: id })]);
}

/**
 * `callee<T>(args)`: a last object argument hugs the parentheses (`f({` … `})`) when the call
 * does not fit, as in prettier's last-argument expansion.
 */
export function callDoc(callee: Doc, args: Value[]): Doc {
  const last = args.at(-1);
  const expandable = last !== undefined && ((last.kind === "object" && last.entries.length > 0) || (last.kind === "array" && last.items.length > 0));
  const sameKind = args.length > 1 && args.at(-2)?.kind === last?.kind;
  if (!expandable || sameKind) return [callee, callArgumentsDoc(args.map(valueDoc))];
  const head = args.slice(0, -1).map((a) => [valueDoc(a), ",", line]);
  const lastDoc = valueDoc(last);
  const allBrokenOut = group(["(", indent([line, ...head, lastDoc]), ",", line, ")"], { shouldBreak: true });
  return [callee, conditionalGroup([["(", ...head, lastDoc, ")"], ["(", ...head, group(lastDoc, { shouldBreak: true }), ")"], allBrokenOut])];
}
