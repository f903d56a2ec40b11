/**
 * The OpenAPI rules themselves (structure, field types, enums, component names, ...) come from a
 * well-kept validator, Redocly's openapi-core, run with a small fixed rule set. Checks that only
 * this generator needs live in validate.ts.
 */
import { BaseResolver, createConfig, lintDocument, Source, type NormalizedProblem } from "@redocly/openapi-core";
import { pointerSegments, toPointer, type Diagnostic } from "./diagnostics.js";
import { deref, isObject, type Json } from "./refs.js";

/**
 * Rules that say whether a spec is valid OpenAPI (errors) or suspicious (warnings). Rules the
 * generator checks itself with its own wording (refs, operationIds, path parameters, duplicate
 * parameters) are left out so a problem is reported once.
 */
const RULES = {
  struct: "error",
  "spec-components-invalid-map-name": "error",
  "path-not-include-query": "error",
  "no-identical-paths": "warn",
  "no-enum-type-mismatch": "warn",
  "no-schema-type-mismatch": "warn",
  "no-required-schema-properties-undefined": "warn",
  "operation-2xx-response": "warn",
} as const;

/** Never reads another file or URL: non-local `$ref`s are reported by validate.ts instead. */
class LocalOnlyResolver extends BaseResolver {
  override async loadExternalRef(absoluteRef: string): Promise<Source> {
    throw new Error(`not loading ${absoluteRef}`);
  }
}

/*
 * Redocly 1.34 looks map keys up in plain objects, so a key named like an Object.prototype member
 * (a schema property `constructor`, `hasOwnProperty`, `__proto__`) is taken for a type, giving false
 * errors, or crashes it. Redocly gets a copy where such keys, and the `$ref`s and `required` lists
 * that name them, carry a suffix; its findings are mapped back.
 */
const SUFFIX = ".atlasgen-shielded";
const shieldKey = (key: string) => (key in Object.prototype ? key + SUFFIX : key);
const unshield = (text: string) => text.split(SUFFIX).join("");

function shieldRef(ref: string, root: unknown): string {
  if (!ref.startsWith("#")) return ref;
  // Malformed %-escapes and $ref cycles crash Redocly; validate.ts reports them, Redocly gets a
  // dangling ref, which it leaves alone.
  if (deref({ $ref: ref }, root) === undefined) return "#/x-atlasgen-unresolved";
  return "#" + toPointer(pointerSegments(decodeURIComponent(ref.slice(1))).map(shieldKey));
}

/**
 * The spec with prototype-named keys renamed; unchanged subtrees are shared, not copied, and an
 * object or array is copied only once something in it changes (the Atlas spec has no such key:
 * copying every object first made this walk ~4 MB of garbage). Each distinct `$ref` is resolved
 * once (the raw Atlas spec has 8,455 `$ref`s, 1,132 distinct).
 */
export function shield(root: unknown): unknown {
  const refs = new Map<string, string>();
  const walk = (value: unknown, key = ""): unknown => {
    if (Array.isArray(value)) {
      let items: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        const shielded = key !== "required" ? walk(item) : typeof item === "string" ? shieldKey(item) : item;
        if (shielded !== item) (items ??= [...value])[i] = shielded;
      }
      return items ?? value;
    }
    if (!isObject(value)) return value;
    let copy: Json | undefined;
    const keys = Object.keys(value);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      const v = value[k];
      let shielded: unknown;
      if (k === "$ref" && typeof v === "string") {
        let ref = refs.get(v);
        if (ref === undefined) refs.set(v, (ref = shieldRef(v, root)));
        shielded = ref;
      } else {
        shielded = walk(v, k);
      }
      if (copy === undefined && (shielded !== v || shieldKey(k) !== k)) {
        // The keys before this one are unchanged, so they keep their names.
        copy = {};
        for (const earlier of keys.slice(0, i)) copy[earlier] = value[earlier];
      }
      if (copy !== undefined) copy[shieldKey(k)] = shielded;
    }
    return copy ?? value;
  };
  return walk(root);
}

/**
 * Redocly's `struct` rule refuses `nullable` without `type`, which OpenAPI 3.0.3 allows (saying it
 * then has no effect) and which generators write (`nullable: true` beside `allOf: [$ref]`, meaning
 * `| null`, as atlasgen reads it): a warning here.
 */
const NOT_AN_ERROR = /^The `type` field must be defined when the `nullable` field is used\b/;

function toDiagnostic(problem: NormalizedProblem): Diagnostic {
  // Redocly pointers are `#/a/b`, with `~0`/`~1` escapes like ours.
  const pointer = unshield(problem.location[0]?.pointer?.replace(/^#/, "") ?? "");
  const message = unshield(problem.message);
  return { severity: problem.severity === "error" && !NOT_AN_ERROR.test(message) ? "error" : "warning", message, pointer };
}

/**
 * Redocly's findings on the parsed spec. Its `Source` gets no text: Redocly reads it only to parse
 * (done already) or to print code frames (findings are located by pointer here).
 */
export async function lintOpenApi(file: string, root: unknown): Promise<Diagnostic[]> {
  const config = await createConfig({ rules: RULES });
  try {
    const problems = await lintDocument({
      document: { source: new Source(file, ""), parsed: shield(root) },
      config: config.styleguide,
      externalRefResolver: new LocalOnlyResolver(),
    });
    return problems.map(toDiagnostic);
  } catch (error) {
    // Unchecked is not valid: without the OpenAPI rules nothing vouches for the spec's shape.
    return [{ severity: "error", message: `the OpenAPI rules could not be checked (Redocly failed: ${(error as Error).message})`, pointer: "" }];
  }
}
