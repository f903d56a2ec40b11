/**
 * Load, fast path: the spec as plain data from js-yaml, which builds no syntax tree (~0.2 s on
 * the 4 MB Atlas spec where `yaml`'s document takes ~1.6 s). It resolves scalars by the same YAML
 * 1.2 core schema as `load.ts`, so `2027-07-01` stays a string. A large spec is parsed in slices
 * (`yaml-split.ts`), which keeps the parser's working memory small.
 *
 * Only clean input takes this path. Whatever js-yaml refuses (a syntax error, a duplicate or
 * complex key, an alias, an unknown tag, several documents) and any directive (which could switch
 * YAML versions) is left to `load.ts`, which parses with `yaml` and reports exact positions.
 */
import { load } from "js-yaml";
import { assemble, sliceSpec } from "./yaml-split.js";

// No aliases at all: one expanded many times is a resource-exhaustion attack, one inside its own
// anchor a cycle, and one may point into another slice; `load.ts` tells which.
const parse = (text: string) => load(text, { maxAliases: 0 });

export function parseClean(text: string): { root: unknown } | undefined {
  if (/^%/m.test(text)) return undefined;
  try {
    const slices = sliceSpec(text);
    if (!slices) return { root: parse(text) };
    const root = assemble(slices, slices.map((slice) => parse(text.slice(slice.start, slice.end))));
    return root === undefined ? undefined : { root };
  } catch {
    return undefined;
  }
}
