/**
 * Parameter validation and serialization. Validation runs before anything is sent and lists every
 * problem; path values are percent-encoded so no value can change the request's path structure.
 */
import type { ValidationIssue } from "./result.js";
import type { OperationSpec, ParamRule } from "./operation.js";

/** A validator shared by every parameter with this pattern. Flags are fixed by the spec's regex. */
export function patternValidator(regex: RegExp): (value: string) => string | undefined {
  return (value) => (regex.test(value) ? undefined : `must match the pattern ${regex.source}`);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}

function checkScalar(rule: ParamRule, value: unknown): string | undefined {
  switch (rule.type) {
    case "string":
      if (typeof value !== "string") return `must be a string, got ${describe(value)}`;
      if (rule.in === "path") {
        // Dot segments survive percent-encoding (`%2E` is decoded by URL parsers) and would
        // climb out of the resource path.
        if (value === "") return "must not be empty";
        if (value === "." || value === "..") return "must not be a dot segment";
      }
      return rule.pattern?.(value);
    case "boolean":
      return typeof value === "boolean" ? undefined : `must be a boolean, got ${describe(value)}`;
    case "integer":
      return Number.isSafeInteger(value) ? undefined : `must be an integer, got ${describe(value)}`;
    case "number":
      return typeof value === "number" && Number.isFinite(value)
        ? undefined
        : `must be a finite number, got ${describe(value)}`;
    case "unknown":
      return value === null || typeof value === "object" ? `must be a scalar, got ${describe(value)}` : undefined;
  }
}

function checkValue(rule: ParamRule, value: unknown): string | undefined {
  const message = checkScalar(rule, value);
  if (message) return message;
  if (rule.enum && !rule.enum.includes(value as string | number | boolean)) {
    return `must be one of ${rule.enum.map((v) => JSON.stringify(v)).join(", ")}`;
  }
  return undefined;
}

/** Every problem with `params` against `rules`; empty when the call may be sent. */
export function validateParams(params: unknown, rules: OperationSpec["params"]): ValidationIssue[] {
  if (params === null || typeof params !== "object" || Array.isArray(params)) {
    return [{ param: "(params)", message: `must be an object, got ${describe(params)}` }];
  }
  const given = params as Record<string, unknown>;
  const issues: ValidationIssue[] = [];
  for (const [name, rule] of Object.entries(rules)) {
    const value = given[name];
    if (value === undefined) {
      if (rule.required) issues.push({ param: name, message: "is required" });
      continue;
    }
    if (rule.array) {
      if (!Array.isArray(value)) {
        issues.push({ param: name, message: `must be an array, got ${describe(value)}` });
        continue;
      }
      value.forEach((item, i) => {
        const message = checkValue(rule, item);
        if (message) issues.push({ param: `${name}[${i}]`, message });
      });
      continue;
    }
    const message = checkValue(rule, value);
    if (message) issues.push({ param: name, message });
  }
  for (const name of Object.keys(given)) {
    if (!Object.hasOwn(rules, name) && given[name] !== undefined) {
      issues.push({ param: name, message: "is not a parameter of this operation" });
    }
  }
  return issues;
}

/** Builds the request URL from already validated params. */
export function buildUrl(baseUrl: string, spec: OperationSpec, params: Record<string, unknown>): URL {
  const path = spec.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(String(params[name])),
  );
  const url = new URL(baseUrl.replace(/\/+$/, "") + path);
  for (const [name, rule] of Object.entries(spec.params)) {
    const value = params[name];
    if (rule.in !== "query" || value === undefined) continue;
    const wireName = rule.wireName ?? name;
    for (const item of Array.isArray(value) ? value : [value]) {
      url.searchParams.append(wireName, String(item));
    }
  }
  return url;
}

/** Header parameters of the operation, as strings. */
export function headerParams(spec: OperationSpec, params: Record<string, unknown>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, rule] of Object.entries(spec.params)) {
    const value = params[name];
    if (rule.in === "header" && value !== undefined) {
      headers[rule.wireName ?? name] = Array.isArray(value) ? value.join(",") : String(value);
    }
  }
  return headers;
}
