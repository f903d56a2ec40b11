/**
 * Load, fast path: the spec as plain data from js-yaml, which builds no syntax tree (~0.5 s cold
 * on the 4 MB Atlas spec, where `yaml`'s document takes ~1.6 s). It resolves scalars by the same
 * YAML 1.2 core schema as `load.ts`, so `2027-07-01` stays a string; both Atlas specs give equal
 * data either way (tested). Known edge differences: a `null` key, a float beyond the double
 * range (`1e400`) and plain keys over 1024 characters, which `yaml` refuses.
 *
 * Only clean input takes this path. Whatever js-yaml refuses (a syntax error, a duplicate or
 * complex key, an alias, an unknown tag, several documents) and any directive (which could switch
 * YAML versions) is left to `load.ts`, which parses with `yaml` and reports exact positions.
 */
import { load } from "js-yaml";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** From this size on, the parser's garbage is worth a collection (~20 ms). */
const COLLECT_FROM = 1024 * 1024;

/**
 * js-yaml keeps an event for every node until the document is built: ~60 MB for the 4 MB Atlas
 * spec, which V8 would otherwise carry while the model and the emitters grow the heap (measured:
 * the run's peak memory is ~25 MB lower, its time unchanged; parsing in slices instead cost
 * ~0.5 s). V8 has no API for a collection; jest's leak detector gets one the same way.
 */
function collectGarbage(): void {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  setFlagsFromString("--no-expose-gc");
  gc();
}

export function parseClean(text: string): { root: unknown } | undefined {
  if (/^%/m.test(text)) return undefined;
  let root: unknown;
  try {
    // No aliases at all: one expanded many times is a resource-exhaustion attack, and one inside
    // its own anchor a cycle; `load.ts` tells which.
    root = load(text, { maxAliases: 0 });
  } catch {
    return undefined;
  }
  if (text.length >= COLLECT_FROM) collectGarbage();
  return { root };
}
