/** Local `$ref` resolution (`#/components/...`); the only kind of reference a single-file spec has. */
import { pointerSegments } from "./diagnostics.js";

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * `String(value)` for spec data, which never throws: a YAML or JSON mapping with a `toString` or
 * `valueOf` key that is not a function makes `String()` throw.
 */
export function specText(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

export function getAtPointer(root: unknown, pointer: string): unknown {
  let node = root;
  for (const segment of pointerSegments(pointer)) {
    if (Array.isArray(node)) node = node[Number(segment)];
    else if (isObject(node) && Object.hasOwn(node, segment)) node = node[segment];
    else return undefined;
  }
  return node;
}

/** Resolved refs per spec: the Atlas spec has ~8,500 `$ref`s to ~1,100 targets, each resolved many times. */
const resolved = new WeakMap<object, Map<string, unknown>>();

function resolve(ref: string, root: unknown): unknown {
  if (!ref.startsWith("#")) return undefined;
  try {
    return getAtPointer(root, decodeURIComponent(ref.slice(1)));
  } catch {
    return undefined; // a malformed %-escape resolves to nothing
  }
}

/** The node a local `$ref` points at in `root` (a parsed spec, never changed once parsed). */
export function refTarget(ref: string, root: unknown): unknown {
  if (typeof root !== "object" || root === null) return resolve(ref, root);
  let targets = resolved.get(root);
  if (!targets) resolved.set(root, (targets = new Map()));
  if (!targets.has(ref)) targets.set(ref, resolve(ref, root));
  return targets.get(ref);
}

/** Follows `$ref` chains (bounded, so a cycle cannot hang the generator). */
export function deref<T = Json>(value: unknown, root: unknown): T | undefined {
  let node = value;
  for (let hops = 0; isObject(node) && typeof node.$ref === "string"; hops++) {
    if (hops > 32) return undefined;
    node = refTarget(node.$ref, root);
  }
  return node as T | undefined;
}

/** `#/components/schemas/ApiError` → `ApiError`. */
export function componentName(ref: string, section: string): string | undefined {
  const prefix = `#/components/${section}/`;
  return ref.startsWith(prefix) && !ref.slice(prefix.length).includes("/") ? ref.slice(prefix.length) : undefined;
}
