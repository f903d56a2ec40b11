/**
 * Parameter validation and serialization. Validation runs before anything is sent and lists every
 * problem; path values are percent-encoded so no value can change the request's path structure.
 */
import type { ValidationIssue } from "./result.js";
import { mediaTypeOf, type OperationSpec, type ParamRule } from "./operation.js";

/** A validator shared by every parameter with this pattern. Flags are fixed by the spec's regex. */
export function patternValidator(regex: RegExp): (value: string) => string | undefined {
  return (value) => (regex.test(value) ? undefined : `must match the pattern ${regex.source}`);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}

/** Checks that apply to any value sent in the path or a header, whatever its schema type. */
function checkWireText(rule: ParamRule, value: unknown): string | undefined {
  if (rule.in !== "path" && rule.in !== "header") return undefined;
  const text = String(value);
  // A lone surrogate cannot be percent-encoded (encodeURIComponent throws) or sent intact.
  if (/\p{Cs}/u.test(text)) return "must be well-formed Unicode text";
  if (rule.in === "path") {
    // Dot segments survive percent-encoding (`%2E` is decoded by URL parsers) and would
    // climb out of the resource path.
    if (text === "") return "must not be empty";
    if (text === "." || text === "..") return "must not be a dot segment";
  }
  // fetch throws on a header value with CR, LF, NUL or characters beyond Latin-1.
  if (rule.in === "header" && !/^[\t\x20-\x7e\x80-\xff]*$/.test(text)) {
    return "must be a valid header value (no line breaks or control characters, Latin-1 only)";
  }
  return undefined;
}

function checkScalar(rule: ParamRule, value: unknown): string | undefined {
  switch (rule.type) {
    case "string":
      if (typeof value !== "string") return `must be a string, got ${describe(value)}`;
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
    case "json":
      // Anything JSON.stringify would drop or throw on.
      return ["function", "symbol", "bigint"].includes(typeof value) ? `must be JSON data, got ${describe(value)}` : undefined;
    case "binary":
      return value instanceof Uint8Array || value instanceof ArrayBuffer || (typeof Blob !== "undefined" && value instanceof Blob)
        ? undefined
        : `must be bytes (Uint8Array, ArrayBuffer or Blob), got ${describe(value)}`;
  }
}

function checkValue(rule: ParamRule, value: unknown): string | undefined {
  const message = checkScalar(rule, value) ?? checkWireText(rule, value);
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
  // Plain loops, not Object.entries: this runs on every call.
  for (const name in rules) {
    const rule = rules[name]!;
    // Own properties only: `toString` or `constructor` must not be read from Object.prototype.
    const value = Object.hasOwn(given, name) ? given[name] : undefined;
    if (value === undefined) {
      if (rule.required) issues.push({ param: name, message: "is required" });
      continue;
    }
    if (rule.array) {
      if (!Array.isArray(value)) {
        issues.push({ param: name, message: `must be an array, got ${describe(value)}` });
        continue;
      }
      if (rule.in === "path" && value.length === 0) {
        issues.push({ param: name, message: "must not be empty" });
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
  for (const name in given) {
    if (Object.hasOwn(given, name) && !Object.hasOwn(rules, name) && given[name] !== undefined) {
      issues.push({ param: name, message: "is not a parameter of this operation" });
    }
  }
  return issues;
}

/** A path template split once per operation: the literal parts around its `{name}`s. */
interface PathTemplate {
  literals: string[];
  names: string[];
}

const templates = new WeakMap<OperationSpec, PathTemplate>();

function pathTemplate(spec: OperationSpec): PathTemplate {
  let template = templates.get(spec);
  if (!template) {
    template = { literals: [], names: [] };
    let last = 0;
    for (const match of spec.path.matchAll(/\{([^}]+)\}/g)) {
      template.literals.push(spec.path.slice(last, match.index));
      template.names.push(match[1]!);
      last = match.index + match[0].length;
    }
    template.literals.push(spec.path.slice(last));
    templates.set(spec, template);
  }
  return template;
}

/** Builds the request URL from already validated params. */
export function buildUrl(baseUrl: string, spec: OperationSpec, params: Record<string, unknown>): URL {
  const { literals, names } = pathTemplate(spec);
  let path = literals[0]!;
  for (let i = 0; i < names.length; i++) path += encodeURIComponent(String(params[names[i]!])) + literals[i + 1]!;
  const url = new URL((baseUrl.endsWith("/") ? baseUrl.replace(/\/+$/, "") : baseUrl) + path);
  let query: URLSearchParams | undefined;
  for (const name in spec.params) {
    const rule = spec.params[name]!;
    const value = params[name];
    if (rule.in !== "query" || value === undefined) continue;
    query ??= new URLSearchParams();
    const wireName = rule.wireName ?? name;
    for (const item of Array.isArray(value) ? value : [value]) query.append(wireName, String(item));
  }
  if (query) url.search = query.toString();
  return url;
}

/** Header parameters of the operation, as strings. */
export function headerParams(spec: OperationSpec, params: Record<string, unknown>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name in spec.params) {
    const rule = spec.params[name]!;
    const value = params[name];
    if (rule.in === "header" && value !== undefined) {
      headers[rule.wireName ?? name] = Array.isArray(value) ? value.join(",") : String(value);
    }
  }
  return headers;
}

/** The request body from the `in: "body"` param, serialized for its media type. */
export function requestBody(spec: OperationSpec, params: Record<string, unknown>): BodyInit | undefined {
  for (const name in spec.params) {
    const rule = spec.params[name]!;
    const value = params[name];
    if (rule.in !== "body" || value === undefined) continue;
    // Validation has checked the value: JSON data, a string, or bytes.
    return rule.type === "json" ? JSON.stringify(value) : (value as BodyInit);
  }
  return undefined;
}

/** Problems with a requested resource version: it must be one the operation has. */
export function versionIssues(spec: OperationSpec, version: string | undefined): ValidationIssue[] {
  if (version === undefined) return [];
  const known = spec.versions ?? [];
  if (known.includes(version)) return [];
  const choices = known.length > 0 ? known.map((v) => JSON.stringify(v)).join(", ") : "none (the operation has one media type)";
  return [{ param: "(version)", message: `must be one of ${choices}` }];
}

/** `Accept` and `Content-Type` of a call in resource `version` (default: the operation's newest). */
export function mediaTypes(spec: OperationSpec, version: string | undefined): { accept: string; contentType?: string } {
  const at = (mediaType: string) => (version === undefined ? mediaType : mediaTypeOf(mediaType, version));
  return { accept: at(spec.accept), ...(spec.contentType !== undefined && { contentType: at(spec.contentType) }) };
}
