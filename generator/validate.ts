/**
 * Validate: the checks that decide whether the generator can build a client from a spec. All
 * problems are collected (not only the first) so one run shows everything to fix.
 */
import type { Diagnostic } from "./diagnostics.js";
import { toPointer } from "./diagnostics.js";
import { deref, isObject, refTarget, type Json } from "./refs.js";

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

type Report = (pointer: (string | number)[], message: string, severity?: Diagnostic["severity"]) => void;

function checkRefs(node: unknown, root: unknown, at: (string | number)[], report: Report): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => checkRefs(item, root, [...at, i], report));
  } else if (isObject(node)) {
    if (typeof node.$ref === "string") {
      if (!node.$ref.startsWith("#")) report([...at, "$ref"], `external $ref "${node.$ref}" is not supported; bundle the spec into one file first`);
      else if (refTarget(node.$ref, root) === undefined) report([...at, "$ref"], `$ref "${node.$ref}" does not resolve`);
    }
    for (const [key, value] of Object.entries(node)) checkRefs(value, root, [...at, key], report);
  }
}

function checkOperation(
  root: Json,
  path: string,
  method: string,
  operation: Json,
  pathItem: Json,
  seenIds: Map<string, string>,
  report: Report,
): void {
  const at = ["paths", path, method];
  const id = operation.operationId;
  if (typeof id !== "string" || id === "") {
    report(at, `${method.toUpperCase()} ${path} has no operationId`);
  } else if (seenIds.has(id)) {
    report([...at, "operationId"], `operationId "${id}" is also used by ${seenIds.get(id)}`);
  } else {
    seenIds.set(id, `${method.toUpperCase()} ${path}`);
  }

  // Operation-level parameters override path-level ones with the same name and location.
  const declared = new Map<string, Json>();
  const collect = (list: unknown, listAt: (string | number)[]) => {
    const seen = new Set<string>();
    (Array.isArray(list) ? list : []).forEach((p, i) => {
      const param = deref<Json>(p, root);
      if (!isObject(param) || typeof param.name !== "string" || typeof param.in !== "string") return;
      const key = `${param.in}:${param.name}`;
      if (seen.has(key)) report([...listAt, i], `parameter "${param.name}" (in ${param.in}) is declared twice`);
      seen.add(key);
      declared.set(key, param);
    });
  };
  collect(pathItem.parameters, ["paths", path, "parameters"]);
  collect(operation.parameters, [...at, "parameters"]);
  const templated = [...path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1] ?? "");
  for (const name of templated) {
    const param = declared.get(`path:${name}`);
    if (!param) report(at, `path parameter {${name}} is not declared in parameters`);
    else if (param.required !== true) report(at, `path parameter "${name}" must be required`);
  }
  for (const [key, param] of declared) {
    if (key.startsWith("path:") && !templated.includes(String(param.name))) {
      report(at, `path parameter "${String(param.name)}" does not appear in the path template`);
    }
  }
}

/** Every problem that stops generation, in document order of discovery. */
export function validateSpec(root: unknown): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const report: Report = (pointer, message, severity = "error") =>
    diagnostics.push({ severity, message, pointer: toPointer(pointer) });

  if (!isObject(root)) {
    report([], "the spec must be a YAML or JSON object");
    return diagnostics;
  }
  if (typeof root.openapi !== "string" || !/^3\.[01]\.\d+$/.test(root.openapi)) {
    report(root.openapi === undefined ? [] : ["openapi"], `unsupported OpenAPI version ${JSON.stringify(root.openapi ?? root.swagger ?? null)}; expected 3.0.x or 3.1.x`);
    return diagnostics;
  }
  if (!isObject(root.paths)) {
    report(root.paths === undefined ? [] : ["paths"], "the spec has no paths object");
    return diagnostics;
  }
  checkRefs(root, root, [], report);
  const seenIds = new Map<string, string>();
  for (const [path, rawItem] of Object.entries(root.paths)) {
    const pathItem = deref<Json>(rawItem, root);
    if (!isObject(pathItem)) continue;
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (isObject(operation)) checkOperation(root, path, method, operation, pathItem, seenIds, report);
    }
  }
  // Path-level problems are found once per operation of the path; report each once.
  const unique = new Map(diagnostics.map((d) => [`${d.pointer}\0${d.message}`, d]));
  return [...unique.values()];
}
